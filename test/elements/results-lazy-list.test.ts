// <fhir-results>' reports view (the default) draws its list with a module of its own, loaded with the
// view's data, so the flowsheet does not pay for it. When that module cannot be loaded (the test
// server answers 503 for it: test/server/middleware.ts, /__fail-modules), the load fails with a
// retry, never a blank or empty-looking ready; once it can load, Retry shows the list. Its own file:
// a fresh page on which the list module has not been loaded before.
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirResults } from '../../src/elements/results/results.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, parts, squash } from '../helpers/widget-dom.js';
import { clearFailedModules, failModule, moduleRequests as requests, patientP1 } from '../helpers/lazy-parts.js';

defineElements();

const LIST = '/src/elements/results/report-list.ts';
const FLOWSHEET = '/src/elements/results/flowsheet-view.ts';
const PEOPLE = '/src/model/report-people.ts';


const potassium: AnyResource = {
  resourceType: 'Observation',
  id: 'k1',
  status: 'final',
  code: { text: 'Potassium' },
  category: [{ coding: [{ code: 'laboratory' }] }],
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2024-03-01T09:00:00Z',
  valueQuantity: { value: 4.1, unit: 'mmol/L' },
};
const panel: AnyResource = {
  resourceType: 'DiagnosticReport',
  id: 'bmp',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
  code: { text: 'Basic metabolic panel' },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2024-03-01T09:00:00Z',
  result: [{ reference: 'Observation/k1' }],
  performer: [{ reference: 'Organization/lab' }],
};
const lab: AnyResource = { resourceType: 'Organization', id: 'lab', name: 'Acme Laboratory' };

describe('<fhir-results> list of reports, a module of its own', () => {
  after(async () => {
    expect(await clearFailedModules()).to.deep.equal([]);
  });

  it('the flowsheet does not load the list module', async () => {
    const el = await fixture<FhirResults>(html`<fhir-results view="flowsheet" .resources=${[patientP1, panel, potassium, lab]}></fhir-results>`);
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    expect(requests(FLOWSHEET)).to.equal(1);
    expect(requests(LIST)).to.equal(0);
    expect(requests(PEOPLE), 'the performers reader comes with the list').to.equal(0);
    expect(parts(el, 'cell').length).to.be.greaterThan(0);
  });

  it('without the list module the reports view fails its load with a retry; once it can load, Retry shows the list', async () => {
    expect((await failModule(LIST)).ok).to.equal(true);
    const el = await fixture<FhirResults>(html`<fhir-results .resources=${[patientP1, panel, potassium, lab]}></fhir-results>`);
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('error');
    expect(requests(LIST)).to.equal(1);
    expect(squash(el.shadowRoot!.textContent)).to.contain('Results unavailable').and.not.contain('Basic metabolic panel');
    await expect(el).to.be.accessible();

    expect(await clearFailedModules()).to.deep.equal([]);
    part(el, 'retry')!.click();
    expect(await untilState(el, ['ready', 'empty'], 30_000)).to.equal('ready');
    expect(requests(LIST)).to.equal(2);
    expect(squash(part(el, 'report-toggle')!.textContent)).to.contain('Basic metabolic panel');
    expect(requests(PEOPLE)).to.equal(1);
    expect(squash(part(el, 'meta')!.textContent)).to.contain('Performed by: Acme Laboratory');
    // The list's own styles came with it.
    expect(getComputedStyle(part(el, 'report')!).contentVisibility).to.equal('auto');
    await expect(el).to.be.accessible();
  });
});
