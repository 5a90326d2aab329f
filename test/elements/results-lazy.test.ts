// <fhir-results> pays for what a page shows: the report detail (results table, attachments, studies)
// and the attachment readers are fetched only when a report is opened, the imaging readers only when
// a record has studies (read from the browser's own request log). Its own file: a fresh page, nothing
// loaded before.
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirResults } from '../../src/elements/results/results.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { untilState } from '../helpers/probe-widget.js';
import { part as maybePart, parts, squash } from '../helpers/widget-dom.js';

function part(el: Element, name: string): HTMLElement {
  const found = maybePart(el, name);
  if (!found) throw new Error(`no part ${name}`);
  return found;
}

defineElements();

const LAZY = [
  'elements/results/report-detail',
  'elements/results/result-text',
  'model/report-parts',
  'model/report-attachments',
  'model/attachment',
  'model/imaging-study',
];

/** The lazy results modules the page has requested so far. */
function requested(): string[] {
  const urls = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
  return LAZY.filter((name) => urls.some((url) => url.includes(`/src/${name}.`)));
}

const patient: AnyResource = { resourceType: 'Patient', id: 'p1' };
const potassium: AnyResource = {
  resourceType: 'Observation',
  id: 'k1',
  status: 'final',
  code: { text: 'Potassium' },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2024-03-01T09:00:00Z',
  valueQuantity: { value: 6.9, unit: 'mmol/L' },
  interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'HH' }] }],
};
const panel = (id: string, fields: Record<string, unknown> = {}): AnyResource => ({
  resourceType: 'DiagnosticReport',
  id,
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
  code: { text: 'Basic metabolic panel' },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2024-03-01T09:00:00Z',
  result: [{ reference: 'Observation/k1' }],
  ...fields,
});

const pdf = { contentType: 'application/pdf', title: 'Signed report', url: 'https://files.example/r.pdf' };
const text = { contentType: 'text/plain', title: 'Comment', data: btoa('Haemolysed sample') };
/** An older report with attachments: listed without reading them. */
const withAttachments = panel('pdf', { effectiveDateTime: '2023-01-01T09:00:00Z', presentedForm: [pdf, text] });

describe('<fhir-results> loads the report detail when it is needed', () => {
  it('lists laboratory reports without the detail or the attachment and imaging readers; opening one loads the detail', async () => {
    const el = await fixture<FhirResults>(html`<fhir-results .resources=${[patient, panel('bmp'), withAttachments, potassium]}></fhir-results>`);
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    expect(requested()).to.deep.equal([]);

    const toggle = part(el, 'report-toggle');
    toggle.click();
    await el.updateComplete; // waits for the detail's module as well
    expect(requested()).to.include.members(['elements/results/report-detail', 'elements/results/result-text']);
    const detail = part(el, 'report-detail');
    expect(detail.id).to.equal(toggle.getAttribute('aria-controls'));
    expect(squash(part(el, 'result-row').textContent)).to.contain('Potassium').and.contain('6.9 mmol/L').and.contain('Critical high');
    expect(parts(el, 'flag')[0].dataset.severity).to.equal('critical');
    await expect(el).to.be.accessible();
  });

  it('opening a report with attachments shows them: their readers came with the detail', async () => {
    const el = await fixture<FhirResults>(html`<fhir-results .resources=${[patient, withAttachments, potassium]}></fhir-results>`);
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    part(el, 'report-toggle').click();
    await el.updateComplete;
    expect(requested()).to.include.members(['model/report-attachments', 'model/attachment']);
    expect(requested()).to.not.include('model/report-parts');
    expect(requested()).to.not.include('model/imaging-study');
    expect(part(el, 'attachment-link').getAttribute('href')).to.equal('https://files.example/r.pdf');
    expect(part(el, 'attachment-text').textContent).to.equal('Haemolysed sample');
  });
});
