// <fhir-lab-trend> in Chromium: real HL7 examples and Synthea data, the generated demo patients
// on the local FHIR server (over HTTP, with paging and injected faults), keyboard and table.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Bundle } from 'fhir/r4';
import { generateScalePatient } from '../../demo/data/generator.js';
import { defineElements } from '../../src/define.js';
import type { FhirLabTrend } from '../../src/elements/lab-trend/lab-trend.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import * as stories from '../../stories/lab-trend.stories.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';

defineElements();

const LOINC = 'http://loinc.org';

/** Resolves when the widget has left `loading` and rendered. */
async function settled(el: FhirLabTrend, ms = 20_000): Promise<string> {
  await waitUntil(() => el.state !== 'loading' && !el.isUpdatePending, `still ${el.state} after ${ms} ms`, { timeout: ms, interval: 20 });
  await el.updateComplete;
  return el.state;
}

const root = (el: FhirLabTrend) => el.shadowRoot!;
const q = (el: FhirLabTrend, selector: string) => root(el).querySelector(selector);
const qa = (el: FhirLabTrend, selector: string) => [...root(el).querySelectorAll(selector)];
const textOf = (el: FhirLabTrend, selector: string) => (q(el, selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
const live = (el: FhirLabTrend) => textOf(el, '[part="live"]');

/**
 * Focuses the chart. Test files run two at a time in one browser, and a page without the
 * browser's focus gets no focus events from `focus()`: then the event is sent as the browser
 * would send it once the page is focused.
 */
async function focusChart(el: FhirLabTrend, index = 0): Promise<HTMLElement> {
  const chart = qa(el, '[part="chart"]')[index] as HTMLElement;
  chart.focus();
  await el.updateComplete;
  expect(el.shadowRoot!.activeElement).to.equal(chart);
  if (!document.hasFocus()) chart.dispatchEvent(new FocusEvent('focus'));
  await el.updateComplete;
  return chart;
}

async function showTable(el: FhirLabTrend): Promise<HTMLTableRowElement[]> {
  const toggle = q(el, '[part="table-toggle"]') as HTMLButtonElement;
  if (toggle.getAttribute('aria-pressed') !== 'true') toggle.click();
  await el.updateComplete;
  expect(toggle.getAttribute('aria-pressed')).to.equal('true');
  return qa(el, 'table tbody tr') as HTMLTableRowElement[];
}

const cells = (row: HTMLTableRowElement) => [...row.cells].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim());

/** A trend inside a context on the test server (`/fhir`, or a fault route). */
async function onServer(patient: string, code: string, options: { server?: string; pageSize?: number; timeout?: number } = {}) {
  const context = await fixture(html`<fhir-context
    server=${options.server ?? '/fhir'}
    patient=${patient}
    timeout=${options.timeout ?? 30_000}
  >
    <fhir-lab-trend code=${code} page-size=${options.pageSize ?? 1000}></fhir-lab-trend>
  </fhir-context>`);
  const el = context.querySelector('fhir-lab-trend') as FhirLabTrend;
  const loaded = new Promise<CustomEvent>((resolve) => {
    el.addEventListener('fhir-load', resolve as EventListener, { once: true });
    el.addEventListener('fhir-error', resolve as EventListener, { once: true });
  });
  return { el, loaded };
}

describeWithFixtures('<fhir-lab-trend> with HL7 examples', () => {
  it('Observation-f001: value, unit, date, High flag and a reference band; accessible', async () => {
    const f001 = await loadFixture('examples/r4/Observation-f001.json');
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend code="http://loinc.org|15074-8" .resources=${[f001]}></fhir-lab-trend>`);
    expect(await settled(el)).to.equal('ready');
    expect(el.getAttribute('state')).to.equal('ready');
    expect(textOf(el, '[part="title"]')).to.equal('Glucose [Moles/volume] in Blood');
    const latest = textOf(el, '[part="latest"]');
    expect(latest).to.include('6.3').and.include('mmol/l').and.include('High').and.include('02-Apr-2013 09:30');
    expect(q(el, '[part="latest"] time')!.getAttribute('datetime')).to.equal('2013-04-02T09:30:10+01:00');
    expect(q(el, 'path.band')!.getAttribute('d')).to.match(/^M/);
    expect(qa(el, '[part="chart-svg"] .marker.abnormal')).to.have.length(1);
    expect(qa(el, '[part="chart-svg"] .marker.critical')).to.have.length(0);
    await expect(el).to.be.accessible();
    const [row] = await showTable(el);
    expect(cells(row)).to.deep.equal(['02-Apr-2013 09:30', '6.3', 'mmol/l', '3.1–6.2', 'High (H)', '']);
    await expect(el).to.be.accessible();
  });

  it('Observation-herd1: the text-only range and the NEG interpretation are listed in the table', async () => {
    const herd = await loadFixture('examples/r4/Observation-herd1.json');
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend code="http://loinc.org|80219-9" .resources=${[herd]}></fhir-lab-trend>`);
    expect(await settled(el)).to.equal('ready');
    expect(qa(el, 'path.band')).to.have.length(0); // no numeric range, no band
    const [row] = await showTable(el);
    expect(cells(row)).to.deep.equal([
      '20-Nov-2017',
      '0.2',
      '% (sample/positive control)',
      '>0.4 Positive; 0.3 to 0.4 Suspect < 0.3 Negative',
      'Negative (NEG)',
      '',
    ]);
    await expect(el).to.be.accessible();
  });

  it('Bundle-lipids: the cholesterol result, dated by its DiagnosticReport, with a high-only range', async () => {
    const bundle = await loadFixture('examples/r4/Bundle-lipids.json');
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend code="http://loinc.org|35200-5" .resources=${bundle}></fhir-lab-trend>`);
    expect(await settled(el)).to.equal('ready');
    const [row] = await showTable(el);
    expect(cells(row)).to.deep.equal(['04-Mar-2011 08:30', '6.3', 'mmol/L', '≤ 4.5', '', 'date of its report (no collection date)']);
  });

  it('Observation-blood-pressure (R4): systolic and diastolic series on one axis', async () => {
    const bp = await loadFixture('examples/r4/Observation-blood-pressure.json');
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend code="http://loinc.org|85354-9" .resources=${[bp]}></fhir-lab-trend>`);
    expect(await settled(el)).to.equal('ready');
    expect(textOf(el, '[part="title"]')).to.equal('Blood pressure');
    expect(qa(el, '[part="panel"]')).to.have.length(1);
    expect(qa(el, '[part="chart-svg"] .series')).to.have.length(2);
    const latest = qa(el, '[part="latest"] li').map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim());
    expect(latest[0]).to.include('Systolic').and.include('107').and.include('mmHg');
    expect(latest[1]).to.include('Diastolic').and.include('60').and.include('Low');
    expect(textOf(el, '[part="legend"]')).to.include('Systolic').and.include('Diastolic');
    const rows = (await showTable(el)).map(cells);
    expect(rows.map((r) => r[1]).sort()).to.deep.equal(['Diastolic', 'Systolic']);
    await expect(el).to.be.accessible();
  });

  it('STU3 and DSTU2 examples: single-concept interpretation, components without UCUM code', async () => {
    const stu3 = await loadFixture('examples/stu3/Observation-f001.json');
    const a = await fixture<FhirLabTrend>(html`<fhir-lab-trend code="http://loinc.org|15074-8" .resources=${[stu3]}></fhir-lab-trend>`);
    expect(await settled(a)).to.equal('ready');
    expect(textOf(a, '[part="latest"]')).to.include('High');
    const dstu2 = await loadFixture('examples/dstu2/Observation-blood-pressure.json');
    const b = await fixture<FhirLabTrend>(html`<fhir-lab-trend code="http://loinc.org|55284-4" .resources=${[dstu2]}></fhir-lab-trend>`);
    expect(await settled(b)).to.equal('ready');
    expect(textOf(b, '[part="latest"]')).to.include('107').and.include('60').and.include('mm[Hg]');
  });

  it('Observation-bloodgroup: a coded result is listed in the table, not plotted', async () => {
    const group = await loadFixture<AnyResource>('examples/r4/Observation-bloodgroup.json');
    const code = (group.code as { coding: { code: string }[] }).coding[0].code;
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend code=${`${LOINC}|${code}`} .resources=${[group]}></fhir-lab-trend>`);
    expect(await settled(el)).to.equal('ready');
    expect(q(el, 'svg[part="chart-svg"]')).to.equal(null);
    const rows = qa(el, 'table tbody tr') as HTMLTableRowElement[];
    expect(rows).to.have.length(1);
    expect(cells(rows[0])[5]).to.include('not plotted');
    await expect(el).to.be.accessible();
  });
});

describeWithFixtures('<fhir-lab-trend> with Synthea data on the local server', function () {
  this.timeout(60_000);

  it('reads 11 years of total cholesterol (2093-3) through paging and plots every result', async () => {
    const sent = await loadFixture<Bundle>('synthea/felipa-okeefe-70660c70.json');
    const expected = (sent.entry ?? []).filter(
      (e) => e.resource?.resourceType === 'Observation' && (e.resource.code.coding ?? []).some((c) => c.code === '2093-3'),
    ).length;
    expect(expected).to.be.greaterThan(10);
    const response = await fetch('/fhir', { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(sent) });
    expect(response.status).to.equal(200);
    const answer = (await response.json()) as Bundle;
    const patient = answer.entry!.map((e) => e.resource!).find((r) => r.resourceType === 'Patient')!.id!;
    performance.clearResourceTimings();
    const { el, loaded } = await onServer(patient, `${LOINC}|2093-3`, { pageSize: 4 });
    const event = await loaded;
    expect(event.type).to.equal('fhir-load');
    expect(event.detail.points).to.equal(expected);
    const pages = performance.getEntriesByType('resource').filter((e) => e.name.includes('/fhir/Observation'));
    expect(pages.length).to.equal(Math.ceil(expected / 4));
    expect(textOf(el, '[part="latest"]')).to.include('mg/dL');
    const rows = await showTable(el);
    expect(rows).to.have.length(expected);
    await expect(el).to.be.accessible();
  });
});

describe('<fhir-lab-trend> with the generated demo patients', function () {
  this.timeout(30_000);

  it('hemoglobin g/dL then g/L: converted to the latest unit, on one axis, and labelled', async () => {
    const { el, loaded } = await onServer('pat-ckd', `${LOINC}|718-7`);
    const event = await loaded;
    expect(event.detail.converted).to.be.greaterThan(0);
    expect(qa(el, '[part="panel"]')).to.have.length(1);
    const note = textOf(el, '[part="panel"] [part="notes"]');
    expect(note).to.match(/g\/dL results? converted to g\/L/);
    expect(textOf(el, '[part="latest"]')).to.include('g/L');
    const rows = (await showTable(el)).map(cells);
    const convertedRow = rows.find((r) => r[5].includes('recorded as'))!;
    expect(convertedRow[2]).to.equal('g/L');
    const [recorded] = /recorded as ([\d.]+) g\/dL/.exec(convertedRow[5])!.slice(1);
    expect(Number(convertedRow[1])).to.be.closeTo(Number(recorded) * 10, 0.051);
    await expect(el).to.be.accessible();
  });

  it('creatinine mg/dL (2160-0) then µmol/L (14682-9): one trend, converted by molar mass, labelled', async () => {
    const { el, loaded } = await onServer('pat-ckd', `${LOINC}|2160-0`);
    const event = await loaded;
    expect(event.detail.converted).to.be.greaterThan(0);
    expect(qa(el, '[part="panel"]')).to.have.length(1);
    expect(q(el, '[part="panel"]')!.getAttribute('data-unit')).to.equal('umol/L');
    expect(textOf(el, '[part="panel"] [part="notes"]')).to.include('mg/dL').and.include('molar mass of creatinine, 113.1 g/mol');
    await expect(el).to.be.accessible();
  });

  it('potassium: the critical value has its own marker and label, distinct from high', async () => {
    const { el, loaded } = await onServer('pat-ckd', `${LOINC}|2823-3`);
    await loaded;
    const critical = qa(el, '[part="chart-svg"] .marker.critical');
    expect(critical.length).to.be.at.least(1);
    expect(critical[0].querySelector('.critical-ring')).to.not.equal(null);
    expect(critical[0].querySelector('.critical-label')!.textContent).to.match(/HH|LL/);
    for (const marker of qa(el, '[part="chart-svg"] .marker.abnormal')) expect(marker.querySelector('.critical-ring')).to.equal(null);
    expect(textOf(el, '[part="legend"]')).to.include('Critical');
    const rows = (await showTable(el)).map(cells);
    expect(rows.some((r) => r[4] === 'Critical high (HH)' || r[4] === 'Critical low (LL)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('CRP "<5 mg/L": the comparator is shown with the value and marked on the chart', async () => {
    const { el, loaded } = await onServer('pat-ckd', `${LOINC}|1988-5`);
    await loaded;
    expect(qa(el, 'text.comparator').map((t) => t.textContent)).to.include('<');
    const rows = (await showTable(el)).map(cells);
    expect(rows.some((r) => r[1] === '<5' && r[2] === 'mg/L')).to.equal(true);
  });

  it('HbA1c: the entered-in-error result is hidden and counted', async () => {
    const { el, loaded } = await onServer('pat-diabetes', `${LOINC}|4548-4`);
    const event = await loaded;
    expect(event.detail.enteredInError).to.equal(1);
    expect(textOf(el, '[part="hidden"]')).to.equal('1 entry hidden: entered in error');
    const rows = await showTable(el);
    expect(rows).to.have.length(event.detail.points);
    await expect(el).to.be.accessible();
  });

  it('urine culture: coded and text results are listed in the table, not plotted', async () => {
    const { el, loaded } = await onServer('pat-ckd', `${LOINC}|630-4`);
    const event = await loaded;
    expect(event.detail.points).to.equal(0);
    expect(event.detail.textResults).to.be.at.least(2);
    const rows = (qa(el, 'table tbody tr') as HTMLTableRowElement[]).map(cells);
    expect(rows.map((r) => r[1])).to.include('No growth after 48 hours');
    expect(rows.every((r) => r[5].includes('not plotted'))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('blood pressure asked for as 55284-4: systolic and diastolic from the panels', async () => {
    const { el, loaded } = await onServer('pat-ckd', `${LOINC}|55284-4`);
    const event = await loaded;
    expect(event.detail.series).to.equal(2);
    expect(textOf(el, '[part="latest"]')).to.include('Systolic').and.include('Diastolic');
  });

  it('keyboard: arrows, Home and End move between results and the live region reads them', async () => {
    const { el, loaded } = await onServer('pat-diabetes', `${LOINC}|4548-4`);
    const event = await loaded;
    await focusChart(el);
    const latest = live(el);
    expect(latest).to.match(/^HbA1c.*: [\d.]+ %, \d\d-\w{3}-\d{4}/);
    expect(latest).to.include(`${event.detail.points} of ${event.detail.points}`);
    expect(q(el, '[part="tooltip"]')).to.not.equal(null);
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(live(el)).to.include(`${event.detail.points - 1} of ${event.detail.points}`);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(live(el)).to.include(`1 of ${event.detail.points}`);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(live(el)).to.include(`2 of ${event.detail.points}`);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(live(el)).to.equal(latest);
    await expect(el).to.be.accessible();
  });

  it('the table shows the same values as the chart', async () => {
    const { el, loaded } = await onServer('pat-diabetes', `${LOINC}|4548-4`);
    await loaded;
    await focusChart(el);
    const read = live(el); // "HbA1c: 9.8 %, 01-Oct-2026 10:15, Critical high. 32 of 32"
    const [, value, date] = /: ([\d.]+) %, ([^,.]+)/.exec(read)!;
    const [first] = (await showTable(el)).map(cells);
    expect(first[0]).to.equal(date);
    expect(first[1]).to.equal(value);
    expect(q(el, 'svg[part="chart-svg"]')).to.equal(null); // the table replaces the chart
    (q(el, '[part="table-toggle"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(q(el, 'svg[part="chart-svg"]')).to.not.equal(null);
  });

  it('range: 1y, 5y and all count back from the newest result; the selector says which is on', async () => {
    const { el, loaded } = await onServer('pat-diabetes', `${LOINC}|4548-4`);
    const event = await loaded;
    const countRows = async () => (await showTable(el)).length;
    expect(await countRows()).to.equal(event.detail.points);
    const button = (r: string) => q(el, `[part="range-button"][data-range="${r}"]`) as HTMLButtonElement;
    expect(button('all').getAttribute('aria-pressed')).to.equal('true');
    button('1y').click();
    await el.updateComplete;
    expect(button('1y').getAttribute('aria-pressed')).to.equal('true');
    expect(button('all').getAttribute('aria-pressed')).to.equal('false');
    const year = await countRows();
    button('5y').click();
    await el.updateComplete;
    const five = await countRows();
    expect(year).to.be.greaterThan(0);
    expect(year).to.be.lessThan(five);
    expect(five).to.be.lessThan(event.detail.points);
    await expect(el).to.be.accessible();
    el.range = 'all';
    await el.updateComplete;
    expect(await countRows()).to.equal(event.detail.points);
  });

  it('the range attribute sets the initial window', async () => {
    const context = await fixture(html`<fhir-context server="/fhir" patient="pat-diabetes">
      <fhir-lab-trend code="http://loinc.org|4548-4" range="1y"></fhir-lab-trend>
    </fhir-context>`);
    const el = context.querySelector('fhir-lab-trend') as FhirLabTrend;
    await oneEvent(el, 'fhir-load');
    await el.updateComplete;
    expect((q(el, '[data-range="1y"]') as HTMLElement).getAttribute('aria-pressed')).to.equal('true');
    const summary = textOf(el, '[id^="summary-"]');
    const [count] = /^(\d+) results/.exec(summary)!.slice(1);
    expect(Number(count)).to.be.within(1, 6);
  });

  it('a code with no results is empty, not an error', async () => {
    const { el, loaded } = await onServer('pat-child', `${LOINC}|4548-4`);
    await loaded;
    expect(el.state).to.equal('empty');
    expect(textOf(el, '[part="empty"]')).to.equal('No results recorded');
    await expect(el).to.be.accessible();
  });
});

describe('<fhir-lab-trend> when the server fails', function () {
  this.timeout(30_000);

  for (const kind of ['500', '401']) {
    it(`/faults/${kind}: an error naming what failed, with Retry`, async () => {
      const { el, loaded } = await onServer('pat-diabetes', `${LOINC}|4548-4`, { server: `/faults/${kind}/fhir` });
      const event = await loaded;
      expect(event.type).to.equal('fhir-error');
      expect(event.detail.status).to.equal(Number(kind));
      expect(el.state).to.equal('error');
      expect(textOf(el, '[part~="error-title"]')).to.equal('Results unavailable');
      expect(textOf(el, '[part~="error-message"]')).to.include(`(${kind})`);
      expect(q(el, '[part="retry"]')).to.not.equal(null);
      expect(q(el, '[part="empty"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  }

  it('timeout: a request that never answers becomes an error', async () => {
    const { el, loaded } = await onServer('pat-diabetes', `${LOINC}|4548-4`, { server: '/faults/timeout/fhir', timeout: 400 });
    const event = await loaded;
    expect(event.type).to.equal('fhir-error');
    expect(el.state).to.equal('error');
    expect(textOf(el, '[part~="error-message"]')).to.match(/did not answer/);
  });

  it('page2-500: a failure on the second page is an error, never a partial trend', async () => {
    const { el, loaded } = await onServer('pat-diabetes', `${LOINC}|4548-4`, { server: '/faults/page2-500/fhir', pageSize: 5 });
    const event = await loaded;
    expect(event.type).to.equal('fhir-error');
    expect(el.state).to.equal('error');
    expect(q(el, 'svg[part="chart-svg"]')).to.equal(null);
    expect(q(el, '[part="latest"]')).to.equal(null);
  });

  it('no code: says what to set, without a Retry', async () => {
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend .resources=${[]}></fhir-lab-trend>`);
    expect(await settled(el)).to.equal('error');
    expect(textOf(el, '[part~="error-message"]')).to.include('code attribute');
    expect(q(el, '[part="retry"]')).to.equal(null);
  });
});

describe('<fhir-lab-trend> safety', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const observation = (id: string, fields: Record<string, unknown>) => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: LOINC, code: '2345-7' }], text: hostile },
    effectiveDateTime: '2024-01-0' + id.length,
    ...fields,
  });

  it('server strings (unit, text, range, interpretation) render as text, never markup', async () => {
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend
      code="http://loinc.org|2345-7"
      .resources=${[
        observation('a', {
          valueQuantity: { value: 5, unit: hostile },
          referenceRange: [{ text: hostile }],
          interpretation: [{ text: hostile }],
        }),
        observation('bb', { valueString: hostile }),
      ]}
    ></fhir-lab-trend>`);
    expect(await settled(el)).to.equal('ready');
    expect(textOf(el, '[part="title"]')).to.equal(hostile);
    expect(textOf(el, '[part="chart-svg"] text.unit')).to.equal(hostile);
    const rows = (await showTable(el)).map(cells);
    expect(rows.flat().filter((c) => c.includes(hostile)).length).to.be.at.least(4);
    expect(qa(el, 'img')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it("drops and counts another patient's results", async () => {
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend
      code="http://loinc.org|2345-7"
      .resources=${[
        { resourceType: 'Patient', id: 'p1' },
        observation('a', { valueQuantity: { value: 5, unit: 'mmol/L' } }),
        observation('bb', { subject: { reference: 'Patient/p2' }, valueQuantity: { value: 50, unit: 'mmol/L' } }),
      ]}
    ></fhir-lab-trend>`);
    expect(await settled(el)).to.equal('ready');
    expect(textOf(el, '[part="hidden"]')).to.equal('1 record for another patient not shown');
    expect(textOf(el, '[part="latest"]')).to.include('5').and.not.include('50');
  });

  it('every result hidden: empty, counting what it hid, without controls or chart; then the same widget draws a new record', async () => {
    const patient = { resourceType: 'Patient', id: 'p1' };
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend
      code="http://loinc.org|2345-7"
      .resources=${[
        patient,
        observation('a', { status: 'entered-in-error', valueQuantity: { value: 5, unit: 'mmol/L' } }),
        observation('bb', { status: 'cancelled', valueQuantity: { value: 6, unit: 'mmol/L' } }),
      ]}
    ></fhir-lab-trend>`);
    expect(await settled(el)).to.equal('empty');
    expect(textOf(el, '[part="empty"]')).to.equal('No results recorded');
    expect(qa(el, '[part="hidden"] li').map((li) => (li as HTMLElement).dataset.kind)).to.deep.equal(['entered-in-error', 'cancelled']);
    expect(textOf(el, '[part="hidden"]')).to.include('1 entry hidden: entered in error').and.include('1 cancelled result not shown');
    for (const part of ['range', 'table-toggle', 'latest', 'chart', 'legend', 'table']) expect(q(el, `[part="${part}"]`), part).to.equal(null);
    expect(q(el, '#chart-help')).to.equal(null);
    expect(textOf(el, '[part="live"]')).to.equal('');
    await expect(el).to.be.accessible();

    el.resources = [patient, observation('ccc', { valueQuantity: { value: 7, unit: 'mmol/L' } }), observation('a', { status: 'entered-in-error', valueQuantity: { value: 5, unit: 'mmol/L' } })];
    await waitUntil(() => el.state === 'ready' && !el.isUpdatePending, `still ${el.state}`, { timeout: 20_000 });
    await el.updateComplete;
    expect(q(el, '[part="empty"]')).to.equal(null);
    expect(q(el, '[part="chart-svg"] .series .marker')).to.not.equal(null);
    expect(q(el, '[part="table-toggle"]')).to.not.equal(null);
    expect(textOf(el, '[part="latest"]')).to.include('7');
    expect(textOf(el, '[part="hidden"]')).to.equal('1 entry hidden: entered in error');
    await expect(el).to.be.accessible();
  });
});

describe('<fhir-lab-trend> drawing and pointer', () => {
  const result = (id: string, date: string, value: number) => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: LOINC, code: '2345-7' }], text: 'Glucose' },
    effectiveDateTime: date,
    valueQuantity: { value, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
  });

  it('does not draw a line across a long gap between results', async () => {
    const monthly = ['2020-01-01', '2020-02-01', '2020-03-01', '2020-04-01', '2023-01-01', '2023-02-01', '2023-03-01'];
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend
      code="http://loinc.org|2345-7"
      .resources=${monthly.map((d, i) => result(`g${i}`, d, 90 + i))}
    ></fhir-lab-trend>`);
    expect(await settled(el)).to.equal('ready');
    const d = q(el, '[part="chart-svg"] .line')!.getAttribute('d')!;
    expect(d.match(/M/g)).to.have.length(2); // two runs: before and after the gap
    expect(d.match(/L/g)).to.have.length(5);
    expect(textOf(el, '[part="legend"]')).to.include('long gap');
  });

  it('shows a tooltip for the result under the pointer', async () => {
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend
      code="http://loinc.org|2345-7"
      .resources=${[result('a', '2020-01-01', 90), result('b', '2020-06-01', 140), result('c', '2021-01-01', 100)]}
    ></fhir-lab-trend>`);
    expect(await settled(el)).to.equal('ready');
    const marker = qa(el, '[part="chart-svg"] .series .marker path')[1] as SVGGraphicsElement;
    const box = marker.getBoundingClientRect();
    const chart = q(el, '[part="chart"]')!;
    chart.dispatchEvent(new PointerEvent('pointermove', { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true }));
    await el.updateComplete;
    expect(textOf(el, '[part="tooltip"]')).to.include('140').and.include('mg/dL').and.include('01-Jun-2020');
    chart.dispatchEvent(new PointerEvent('pointerleave'));
    await el.updateComplete;
    expect(q(el, '[part="tooltip"]')).to.equal(null);
  });

});

describeWithFixtures('<fhir-lab-trend> keyboard between series', () => {
  it('blood pressure: ↑ and ↓ move between the systolic and diastolic series', async () => {
    const bp = await loadFixture('examples/r4/Observation-blood-pressure.json');
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend code="http://loinc.org|85354-9" .resources=${[bp]}></fhir-lab-trend>`);
    expect(await settled(el)).to.equal('ready');
    await focusChart(el);
    expect(live(el)).to.match(/^Systolic: 107 mmHg, 17-Sep-2012, Normal/);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(live(el)).to.match(/^Diastolic: 60 mmHg, 17-Sep-2012, Low/);
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(live(el)).to.match(/^Systolic/);
  });
});

describe('<fhir-lab-trend> at scale', function () {
  this.timeout(120_000);

  it('renders 100,000 results without freezing: decimated drawing, every result in the paged table', async () => {
    const bundle = generateScalePatient({ observations: 100_000 });
    const started = performance.now();
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend code="http://loinc.org|2339-0" .resources=${bundle}></fhir-lab-trend>`);
    expect(await settled(el, 60_000)).to.equal('ready');
    const elapsed = performance.now() - started;
    console.log(`[measure] 100,000 results to first chart: ${Math.round(elapsed)} ms (not asserted)`);
    const markers = qa(el, '[part="chart-svg"] .marker').length;
    const path = q(el, '.series-0 .line')!.getAttribute('d')!;
    const vertices = (path.match(/[ML]/g) ?? []).length;
    console.log(`[measure] drawn: ${vertices} line vertices, ${markers} markers`);
    expect(vertices).to.be.at.most(4 * 1000 + 1000);
    expect(textOf(el, '[id^="summary-"]')).to.match(/^100,000 results/);
    await focusChart(el);
    expect(live(el)).to.include('100,000 of 100,000');
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(live(el)).to.include('99,999 of 100,000');
    const rows = await showTable(el);
    expect(rows).to.have.length(100);
    expect(textOf(el, '[part="pager"]')).to.include('Results 1–100 of 100,000');
    (qa(el, '[part="pager"] button')[1] as HTMLButtonElement).click();
    await el.updateComplete;
    expect(textOf(el, '[part="pager"]')).to.include('Results 101–200 of 100,000');
  });
});

describe('<fhir-lab-trend> stories (smoke and accessibility)', function () {
  this.timeout(60_000);
  /** The state each story must reach. */
  const expected: Record<string, string> = {
    SingleCode: 'ready',
    MultipleCodes: 'ready',
    BloodPressure: 'ready',
    UnitChange: 'ready',
    UnitChangeHemoglobin: 'ready',
    CriticalValues: 'ready',
    Comparator: 'ready',
    TextOnlyRanges: 'ready',
    NonNumeric: 'ready',
    HundredThousandPoints: 'ready',
    Empty: 'empty',
    Loading: 'loading',
    ErrorState: 'error',
  };
  const { default: meta, ...named } = stories;
  const entries = Object.entries(named) as [string, { args?: object; render: (args: object) => unknown }][];

  it('every story has an expectation', () => {
    expect(entries.map(([name]) => name).sort()).to.deep.equal(Object.keys(expected).sort());
  });

  // The 100,000-point story renders the same data as the scale test above; it is not repeated.
  for (const [name, story] of entries.filter(([name]) => name !== 'HundredThousandPoints')) {
    it(`${name} renders as ${expected[name]} and is accessible`, async () => {
      const host = await fixture(html`<div>${story.render({ ...meta.args, ...story.args })}</div>`);
      const el = host.querySelector('fhir-lab-trend') as FhirLabTrend;
      if (expected[name] === 'loading') {
        await el.updateComplete;
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(el.state).to.equal('loading');
      } else {
        expect(await settled(el)).to.equal(expected[name]);
      }
      if (name === 'MultipleCodes') expect(qa(el, '[part="chart-svg"] .series')).to.have.length(1);
      if (name === 'UnitChange') expect(textOf(el, '[part="panel"] [part="notes"]')).to.include('converted to');
      if (name === 'TextOnlyRanges') expect(textOf(el, '[part="latest"]')).to.include('reference range: <30 mg/g');
      await expect(el).to.be.accessible();
    });
  }
});
