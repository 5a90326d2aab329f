// <fhir-results view="flowsheet"> and the rarer kinds of value (ratio, range, period, date-time, time,
// sampled data, attachment, absent): their reader (src/model/result-value-rare.ts) and words
// (rare-values.ts) are fetched only for a record with such a value (read from the browser's own
// request log), before the sheet is ready, and the cells then say them. When the module cannot be
// loaded, the load fails with a retry, never a sheet with a value left out or mislabelled; once it
// can, Retry shows them. Its own file: a fresh page, on which none of these modules has been loaded before.
import { expect } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirResults } from '../../src/elements/results/results.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { clearFailedModules, failModule, flowsheetOf, labPanel, labResult, moduleRequests } from '../helpers/lazy-parts.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, parts, squash } from '../helpers/widget-dom.js';

defineElements();

const RARE_TEXT = '/src/elements/results/rare-values.ts';
const RARE_READER = '/src/model/result-value-rare.ts';
/** Quantities, text and a code: an ordinary sheet. */
const ordinary = [
  labResult('k1', '2024-01-01', '2823-3', 'Potassium', { valueQuantity: { value: 4.1, unit: 'mmol/L' } }),
  labResult('g1', '2024-01-01', '883-9', 'Blood group', { valueCodeableConcept: { text: 'O' } }),
  labResult('c1', '2024-01-01', '630-4', 'Culture', { valueString: 'No growth' }),
];
/** A titre as a ratio, and a result the laboratory could not give (dataAbsentReason). */
const rare = [
  labResult('t1', '2024-01-01', '5334-8', 'Rubella titre', { valueRatio: { numerator: { value: 1 }, denominator: { value: 128 } } }),
  labResult('k2', '2024-01-01', '2823-3', 'Potassium', { dataAbsentReason: { text: 'Sample haemolysed' } }),
];

const sheet = (results: AnyResource[]): Promise<FhirResults> => flowsheetOf(labPanel('sero', 'Serology', results), results);
const cells = (el: FhirResults) => parts(el, 'cell').map((c) => squash(c.textContent));

describe('<fhir-results> flowsheet with the rarer kinds of value', function () {
  this.timeout(60_000);
  after(async () => {
    expect(await clearFailedModules()).to.deep.equal([]);
  });

  it('a sheet of quantities, text and codes fetches neither their reader nor their words', async () => {
    const el = await sheet(ordinary);
    expect(el.state).to.equal('ready');
    expect(cells(el)).to.deep.equal(['4.1 mmol/L', 'O', 'No growth']);
    expect(moduleRequests(RARE_READER)).to.equal(0);
    expect(moduleRequests(RARE_TEXT)).to.equal(0);
  });

  it('fetches them for such a record before it is ready: without them, an error with Retry; then the values, said', async () => {
    expect((await failModule(RARE_TEXT)).ok).to.equal(true);
    const el = await sheet(rare);
    expect(el.state).to.equal('error');
    expect(moduleRequests(RARE_TEXT)).to.be.greaterThan(0);
    expect(part(el, 'retry')).to.not.equal(null);
    expect(squash(el.shadowRoot!.textContent)).to.contain('Results unavailable').and.not.contain('Rubella');

    expect(await clearFailedModules()).to.deep.equal([]);
    part(el, 'retry')!.click();
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    await el.updateComplete;
    expect(moduleRequests(RARE_READER)).to.equal(1);
    expect(cells(el)).to.deep.equal(['1 / 128', 'No value: Sample haemolysed']);
    await expect(el).to.be.accessible();
  });
});
