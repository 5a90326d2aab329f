// <fhir-results> on a demo patient's chart pays only for what it shows (read from the browser's own
// request log): the default reports view, with an imaging study no report names, loads its list's
// module and the imaging readers and nothing of the report detail, the attachment readers, the
// result rows or the flowsheet; opening a report loads the detail (its styles and the attachment
// readers with it); the flowsheet loads its own module and the row readers, never the report
// detail (nor the list: results-lazy-list.test.ts). Its own file: a fresh page, nothing loaded before.
import { expect, fixture, html } from '@open-wc/testing';
import { RESULTS_PATIENT } from '../../demo/data/generator.js';
import { defineElements } from '../../src/define.js';
import type { FhirResults } from '../../src/elements/results/results.js';
import { untilState } from '../helpers/probe-widget.js';
import { part as maybePart, parts, squash } from '../helpers/widget-dom.js';

function part(el: Element, name: string): HTMLElement {
  const found = maybePart(el, name);
  if (!found) throw new Error(`no part ${name}`);
  return found;
}

defineElements();

const DETAIL = [
  'elements/results/report-detail',
  'elements/results/result-text',
  'model/result-rows',
  'model/result-value',
  'model/report-attachments',
  'model/attachment',
];
const FLOWSHEET = ['elements/results/flowsheet-view', 'model/flowsheet'];
const VIEWER = 'https://viewer.example/?StudyInstanceUIDs={studyUid}';

/** Which of these kit modules the page has requested so far. */
function requested(names: readonly string[]): string[] {
  const urls = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
  return names.filter((name) => urls.some((url) => url.includes(`/src/${name}.`)));
}

async function results(view: 'reports' | 'flowsheet'): Promise<FhirResults> {
  const context = await fixture(html`<fhir-context server="/fhir" patient=${RESULTS_PATIENT}>
    <fhir-results view=${view} imaging-viewer=${VIEWER}></fhir-results>
  </fhir-context>`);
  const el = context.querySelector('fhir-results') as FhirResults;
  expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
  await el.updateComplete;
  return el;
}

describe('<fhir-results> on a demo chart loads what it shows', () => {
  it('the reports view draws the study without a report, with no report detail, row reader or flowsheet module; opening a report loads them', async () => {
    const el = await results('reports');
    expect(requested(['model/report-parts', 'elements/results/report-list'])).to.deep.equal(['model/report-parts', 'elements/results/report-list']);
    expect(requested([...DETAIL, ...FLOWSHEET])).to.deep.equal([]);
    const unreported = el.shadowRoot!.querySelector<HTMLElement>('[data-group="unreported"]')!;
    const study = unreported.querySelector<HTMLElement>('[part~="study"]')!;
    expect(squash(study.textContent)).to.contain('Ultrasound abdomen (awaiting report)').and.contain('Modality: US').and.contain('1 series, 12 images');
    expect(study.querySelector<HTMLAnchorElement>('[part~="viewer-link"]')!.href).to.equal(
      'https://viewer.example/?StudyInstanceUIDs=1.2.826.0.1.3680043.8.498.10002',
    );
    expect(getComputedStyle(study).display).to.equal('flex');

    // The CT report: its own study (drawn by the element for the detail) and its PDF (bytes from the readers' module).
    const ct = [...parts(el, 'report')].find((r) => squash(r.textContent).includes('CT chest'))!;
    const toggle = ct.querySelector<HTMLButtonElement>('[part~="report-toggle"]')!;
    toggle.click();
    await el.updateComplete; // waits for the detail's module as well
    expect(requested(DETAIL)).to.deep.equal(DETAIL);
    expect(requested(FLOWSHEET)).to.deep.equal([]);
    expect(toggle.getAttribute('aria-busy')).to.equal('false');
    const detail = ct.querySelector<HTMLElement>('[part~="report-detail"]')!;
    expect(squash(detail.querySelector('[part~="study"]')!.textContent)).to.contain('CT chest with contrast');
    expect(detail.querySelector<HTMLAnchorElement>('[part~="viewer-link"]')).to.not.equal(null);
    expect(detail.querySelector<HTMLAnchorElement>('[part~="attachment-link"]')!.href).to.match(/^blob:/);

    // A laboratory report's table: the detail's styles were added with it.
    const lab = [...parts(el, 'report')].find((r) => r.closest('[data-group="laboratory"]') && !r.querySelector('[part~="report-detail"]'))!;
    lab.querySelector<HTMLButtonElement>('[part~="report-toggle"]')!.click();
    await el.updateComplete;
    const table = lab.querySelector<HTMLElement>('[part~="results-table"]')!;
    expect(getComputedStyle(table).borderCollapse).to.equal('collapse');
    expect(getComputedStyle(table.querySelector('[part~="test-button"]')!).textDecorationStyle).to.equal('dotted');
    await expect(el).to.be.accessible();
  });

  it('the flowsheet loads its module and the row readers, not the report detail, and draws with its styles', async () => {
    const el = await results('flowsheet');
    expect(requested(FLOWSHEET)).to.deep.equal(FLOWSHEET);
    const frame = part(el, 'flowsheet');
    expect(getComputedStyle(frame).overflowY).to.equal('auto');
    expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="column-header"]')!).position).to.equal('sticky');
    expect(parts(el, 'cell').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });
});
