// <fhir-results> with a lazy part that cannot be loaded (the test server answers 503 for its module:
// test/server/middleware.ts, /__fail-modules): an opened report says its detail is unavailable in the
// widget (the list, its counts and the studies without a report stay), and tries again when opened
// again; the flowsheet, the first thing that view shows, fails the load with a retry, never a blank
// ready. Its own file: a fresh page on which none of these modules has been loaded before.
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirResults } from '../../src/elements/results/results.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, squash } from '../helpers/widget-dom.js';
import { clearFailedModules, failModule, moduleRequests as requests, patientP1 } from '../helpers/lazy-parts.js';

defineElements();

const DETAIL = '/src/elements/results/report-detail.ts';
const FLOWSHEET = '/src/elements/results/flowsheet-view.ts';

const alerts = (el: Element) => [...el.shadowRoot!.querySelectorAll('[role="alert"]')].map((alert) => squash(alert.textContent));

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
  status: 'preliminary',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
  code: { text: 'Basic metabolic panel' },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2024-03-01T09:00:00Z',
  result: [{ reference: 'Observation/k1' }],
};
const study: AnyResource = {
  resourceType: 'ImagingStudy',
  id: 'us1',
  status: 'available',
  subject: { reference: 'Patient/p1' },
  started: '2024-02-01T10:00:00Z',
  description: 'Ultrasound abdomen',
  modality: [{ code: 'US' }],
};

describe('<fhir-results> with a part that cannot be loaded', () => {
  before(async () => {
    for (const path of [DETAIL, FLOWSHEET]) expect((await failModule(path)).ok).to.equal(true);
  });
  // Cleared for the test files after this one, and proven cleared.
  after(async () => {
    expect(await clearFailedModules()).to.deep.equal([]);
    for (const path of [DETAIL, FLOWSHEET]) expect((await fetch(path)).status, path).to.equal(200);
  });

  it('an opened report without the detail module: "… unavailable" in the report, the list and the study still shown; opened again, tried again', async () => {
    const el = await fixture<FhirResults>(html`<fhir-results .resources=${[patientP1, panel, potassium, study]}></fhir-results>`);
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    expect(requests(DETAIL)).to.equal(0);
    expect(squash(part(el, 'study')!.textContent)).to.contain('Ultrasound abdomen');
    const toggle = part(el, 'report-toggle')!;
    toggle.click();
    await el.updateComplete; // waits for the detail's module (here: its failure) as well
    expect(requests(DETAIL)).to.equal(1);
    expect(el.state).to.equal('ready');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.getAttribute('aria-busy')).to.equal('false');
    expect(alerts(el)).to.include('Basic metabolic panel unavailable');
    expect(el.shadowRoot!.getElementById(toggle.getAttribute('aria-controls')!)!.getAttribute('role')).to.equal('alert');
    // Still marked not final, still listed with its study: nothing looks complete that is not.
    expect(squash(part(el, 'status')!.textContent)).to.contain('Preliminary');
    expect(part(el, 'report-detail')).to.equal(null);
    await expect(el).to.be.accessible();

    toggle.click(); // closed
    await el.updateComplete;
    toggle.click(); // opened again: the module is asked for again
    await el.updateComplete;
    expect(requests(DETAIL)).to.equal(2);
    expect(alerts(el)).to.include('Basic metabolic panel unavailable');
  });

  it('the flowsheet without its module: the load fails with a retry, never a blank ready', async () => {
    const el = await fixture<FhirResults>(html`<fhir-results view="flowsheet" .resources=${[patientP1, panel, potassium]}></fhir-results>`);
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('error');
    expect(requests(FLOWSHEET)).to.be.greaterThan(0);
    expect(part(el, 'retry')).to.not.equal(null);
    expect(squash(el.shadowRoot!.textContent)).to.contain('Results unavailable').and.not.contain('Potassium');
    await expect(el).to.be.accessible();
  });
});
