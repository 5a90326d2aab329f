// <fhir-results view="flowsheet"> and a test recorded in several units (DESIGN.md §3 rule 5): the
// placing by unit (src/model/flowsheet-units.ts) and its notes and words (unit-notes.ts) are fetched
// only for a record with such a test (read from the browser's own request log), before the sheet is
// ready: a convertible change is converted and said so in the row and each converted cell, a unit that
// cannot be converted gets its own row, and each says so. When the notes' module cannot be loaded, the
// load fails with a retry, never a sheet without its notes; once it can, Retry shows them. Its own
// file: a fresh page, on which none of these modules has been loaded before.
import { expect } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirResults } from '../../src/elements/results/results.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { clearFailedModules, failModule, flowsheetOf, labPanel, labResult, moduleRequests } from '../helpers/lazy-parts.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, parts, squash } from '../helpers/widget-dom.js';

defineElements();

const UNITS_MODEL = '/src/model/flowsheet-units.ts';
const UNIT_NOTES = '/src/elements/results/unit-notes.ts';
const UCUM = 'http://unitsofmeasure.org';

const result = (id: string, date: string, code: string, text: string, value: number, unit: string): AnyResource =>
  labResult(id, date, code, text, { valueQuantity: { value, unit, system: UCUM, code: unit } });

/** Potassium in one unit only: an ordinary sheet. */
const oneUnit = [result('k1', '2023-01-01', '2823-3', 'Potassium', 4.1, 'mmol/L'), result('k2', '2024-01-01', '2823-3', 'Potassium', 4.4, 'mmol/L')];
/** Creatinine in mg/dL, then µmol/L (convertible); HbA1c in %, then mmol/mol (not convertible: two rows). */
const severalUnits = [
  result('c1', '2020-01-01', '2160-0', 'Creatinine', 1.2, 'mg/dL'),
  result('c2', '2024-01-01', '2160-0', 'Creatinine', 100, 'umol/L'),
  result('h1', '2020-01-01', '4548-4', 'HbA1c', 7, '%'),
  result('h2', '2024-01-01', '4548-4', 'HbA1c', 53, 'mmol/mol'),
];

const sheet = (results: AnyResource[]): Promise<FhirResults> => flowsheetOf(labPanel('chem', 'Chemistry', results), results);
const rowHeaders = (el: FhirResults) => parts(el, 'row-header').map((h) => squash(h.textContent));

describe('<fhir-results> flowsheet with a test recorded in several units', function () {
  this.timeout(60_000);
  after(async () => {
    expect(await clearFailedModules()).to.deep.equal([]);
  });

  it('a sheet whose tests keep one unit fetches neither the placing by unit nor its notes', async () => {
    const el = await sheet(oneUnit);
    expect(el.state).to.equal('ready');
    expect(rowHeaders(el)).to.deep.equal(['Potassium mmol/L']);
    expect(parts(el, 'cell').map((c) => squash(c.textContent))).to.deep.equal(['4.4 mmol/L', '4.1 mmol/L']);
    expect(moduleRequests(UNITS_MODEL)).to.equal(0);
    expect(moduleRequests(UNIT_NOTES)).to.equal(0);
  });

  it('fetches them for such a record: without its notes, an error with Retry; then converted and split rows, each saying so', async () => {
    expect((await failModule(UNIT_NOTES)).ok).to.equal(true);
    const el = await sheet(severalUnits);
    expect(el.state).to.equal('error');
    expect(moduleRequests(UNITS_MODEL)).to.equal(1);
    expect(moduleRequests(UNIT_NOTES)).to.be.greaterThan(0);
    expect(part(el, 'retry')).to.not.equal(null);
    expect(squash(el.shadowRoot!.textContent)).to.contain('Results unavailable').and.not.contain('Creatinine');

    expect(await clearFailedModules()).to.deep.equal([]);
    part(el, 'retry')!.click();
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    await el.updateComplete;
    expect(rowHeaders(el)).to.deep.equal([
      'Creatinine umol/L 1 result converted from mg/dL to umol/L',
      'HbA1c mmol/mol Also reported in %: shown on a separate row',
      'HbA1c % Also reported in mmol/mol: shown on a separate row',
    ]);
    const cells = parts(el, 'cell').map((c) => squash(c.textContent));
    expect(cells[1]).to.match(/^106\.1 umol\/L \(recorded as 1\.2 mg\/dL\)$/);
    expect(cells).to.include('53 mmol/mol').and.include('7 %');
    await expect(el).to.be.accessible();
  });
});
