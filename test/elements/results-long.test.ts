// <fhir-results> with a long record (issue 15): the reports view draws its first screenful, then
// the rest a slice per frame — busy and with whole counts until it is whole, then every report in
// reading order; the flowsheet reads each result's interpretation only when its cell is drawn —
// every flag still there, on every page. No timing is asserted (speed is `npm run bench`).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineElements } from '../../src/define.js';
import type { FhirResults, ResultsLoadDetail } from '../../src/elements/results/results.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, parts, squash } from '../helpers/widget-dom.js';

defineElements();

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const P = 'long-results';
const REPORTS = 150;
/** [LOINC, name, unit, normal value] of each report's results. */
const TESTS = [
  ['2823-3', 'Potassium', 'mmol/L', 4.1],
  ['2951-2', 'Sodium', 'mmol/L', 140],
  ['2160-0', 'Creatinine', 'umol/L', 80],
  ['6690-2', 'White cells', '10*9/L', 6.2],
  ['718-7', 'Haemoglobin', 'g/L', 135],
] as const;
/** Report index → [test index, interpretation code] planted in it. */
const FLAGS: Record<number, [number, string]> = { 7: [0, 'HH'], 8: [1, 'H'], 120: [0, 'LL'], 133: [3, 'L'] };

const day = (i: number) => new Date(Date.UTC(2024, 0, 1) - i * 86_400_000).toISOString();
const name = (i: number) => `Panel ${String(i).padStart(3, '0')}`;
const subject = (patient = P) => ({ reference: `Patient/${patient}` });
const lab = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }];

function observation(id: string, test: number, date: string, fields: Record<string, unknown> = {}, patient = P): AnyResource {
  const [code, text, unit, value] = TESTS[test];
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: lab,
    code: { coding: [{ system: LOINC, code }], text },
    subject: subject(patient),
    effectiveDateTime: date,
    valueQuantity: { value, unit, system: UCUM, code: unit },
    referenceRange: [{ low: { value: value * 0.8, unit, system: UCUM, code: unit }, high: { value: value * 1.2, unit, system: UCUM, code: unit } }],
    ...fields,
  };
}

/**
 * 150 laboratory reports of 5 results each, newest first by index (`Panel 000` is the newest); a
 * preliminary one, flags planted at both ends, and what must never show: an entered-in-error report,
 * an entered-in-error result and another patient's report. One laboratory result no report lists.
 */
function longRecord(): AnyResource[] {
  const out: AnyResource[] = [{ resourceType: 'Patient', id: P, name: [{ family: 'Long', given: ['Results'] }] }];
  for (let i = 0; i < REPORTS; i += 1) {
    const refs: { reference: string }[] = [];
    for (let k = 0; k < TESTS.length; k += 1) {
      const id = `o-${i}-${k}`;
      const flag = FLAGS[i]?.[0] === k ? { interpretation: [{ coding: [{ code: FLAGS[i][1] }] }] } : {};
      out.push(observation(id, k, day(i), flag));
      refs.push({ reference: `Observation/${id}` });
    }
    if (i === 3) {
      out.push(observation('o-3-wrong', 0, day(3), { status: 'entered-in-error' }));
      refs.push({ reference: 'Observation/o-3-wrong' });
    }
    out.push({
      resourceType: 'DiagnosticReport',
      id: `rep-${i}`,
      status: i === 5 ? 'preliminary' : 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
      code: { coding: [{ system: LOINC, code: '24323-8' }], text: name(i) },
      subject: subject(),
      effectiveDateTime: day(i),
      result: refs,
    });
  }
  out.push({ resourceType: 'DiagnosticReport', id: 'rep-wrong', status: 'entered-in-error', category: lab, code: { text: 'Wrong panel' }, subject: subject(), effectiveDateTime: day(0), result: [] });
  out.push(observation('o-theirs', 0, day(1), {}, 'someone-else'));
  out.push({ resourceType: 'DiagnosticReport', id: 'rep-theirs', status: 'final', code: { text: 'Their panel' }, subject: subject('someone-else'), effectiveDateTime: day(1), result: [{ reference: 'Observation/o-theirs' }] });
  out.push(observation('o-alone', 4, day(200)));
  return out;
}

async function longResults(view: 'reports' | 'flowsheet'): Promise<{ el: FhirResults; detail: ResultsLoadDetail }> {
  const loaded = new Promise<CustomEvent<ResultsLoadDetail>>((resolve) =>
    document.addEventListener('fhir-load', (e) => resolve(e as CustomEvent<ResultsLoadDetail>), { once: true }),
  );
  const el = await fixture<FhirResults>(html`<fhir-results view=${view} .resources=${longRecord()}></fhir-results>`);
  await untilState(el, ['ready', 'empty', 'error'], 30_000);
  expect(el.state).to.equal('ready');
  return { el, detail: (await loaded).detail };
}

const reportNames = (el: FhirResults) => parts(el, 'report-toggle').map((b) => squash(b.textContent).replace('▸', ''));
const allNames = Array.from({ length: REPORTS }, (_, i) => name(i));

async function untilWhole(el: FhirResults): Promise<void> {
  await waitUntil(() => parts(el, 'report').length === REPORTS, 'not every report reached the DOM', { timeout: 15_000 });
  await el.updateComplete;
}

describe('<fhir-results> long record: reports view', () => {
  it('the first frame: the newest reports alone, in order, the heading with the whole count, the list busy', async () => {
    const { el } = await longResults('reports');
    await el.updateComplete;
    const drawn = reportNames(el);
    expect(drawn.length).to.be.greaterThan(0).and.lessThan(REPORTS);
    expect(drawn).to.deep.equal(allNames.slice(0, drawn.length));
    expect(squash(part(el, 'group-label')?.textContent)).to.equal(`Laboratory (${REPORTS})`);
    const list = el.shadowRoot!.querySelector('ul.list')!;
    expect(list.getAttribute('aria-busy')).to.equal('true');
    // the counts of what is hidden are whole from the start too
    const notice = squash(part(el, 'notice')?.textContent);
    expect(notice).to.contain('1 entry hidden: entered in error');
    expect(notice).to.contain('1 result hidden: entered in error');
    expect(notice).to.contain('1 record for another patient not shown');
    // reports off screen stay in the DOM and are skipped by layout instead (find in page, screen readers)
    expect(getComputedStyle(part(el, 'report')!).contentVisibility).to.equal('auto');
  });

  it('settled: every report once, newest first, not busy; counts and fhir-load whole; the last report opens with its results', async () => {
    const { el, detail } = await longResults('reports');
    await untilWhole(el);
    expect(reportNames(el)).to.deep.equal(allNames);
    expect(el.shadowRoot!.querySelector('ul.list')!.getAttribute('aria-busy')).to.equal('false');
    expect(squash(el.shadowRoot!.textContent)).not.to.match(/Wrong panel|Their panel/);
    expect(detail).to.include({ reports: REPORTS, results: REPORTS * TESTS.length, enteredInError: 1, resultsEnteredInError: 1, otherPatient: 1, missing: 0 });
    // Tab order is reading order: the toggles follow one another in the DOM, newest first
    const toggles = parts(el, 'report-toggle');
    expect(toggles.every((t, i) => i === 0 || toggles[i - 1].compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)).to.equal(true);
    // a preliminary report says so
    const prelim = parts(el, 'report').find((r) => r.dataset.status === 'preliminary');
    expect(squash(prelim?.querySelector('[part~="report-toggle"]')?.textContent)).to.contain(name(5));
    expect(squash(prelim?.querySelector('[part~="status"]')?.textContent)).to.contain('Not final');
    // results are read when a report is opened: the last one, and the planted flags
    const openReport = async (i: number) => {
      const toggle = toggles[i];
      toggle.click();
      await el.updateComplete;
      const item = toggle.closest<HTMLElement>('[part~="report"]')!;
      await waitUntil(() => item.querySelectorAll('[part~="result-row"]').length > 0, 'the report detail did not open');
      return item;
    };
    const last = await openReport(REPORTS - 1);
    expect([...last.querySelectorAll('[part~="result-row"]')].map((r) => squash(r.querySelector('[part~="test-button"], th')?.textContent))).to.have.length(TESTS.length);
    const severities = async (i: number) => [...(await openReport(i)).querySelectorAll<HTMLElement>('[part~="flag"]')].map((f) => f.dataset.severity);
    expect(await severities(7)).to.deep.equal(['critical']);
    expect(await severities(8)).to.deep.equal(['abnormal']);
    expect(await severities(120)).to.deep.equal(['critical']);
    const third = await openReport(3);
    expect(squash(third.textContent)).to.contain('1 result hidden: entered in error');
    await expect(el).to.be.accessible();
  });

  it('a list moved in the page while filling in goes on to the last report', async () => {
    const { el } = await longResults('reports');
    const parent = el.parentElement!;
    el.remove();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    parent.append(el);
    await untilWhole(el);
    expect(reportNames(el)).to.deep.equal(allNames);
    expect(el.shadowRoot!.querySelector('ul.list')!.getAttribute('aria-busy')).to.equal('false');
  });
});

describe('<fhir-results> long record: flowsheet', () => {
  it('every result placed and counted; flags on the first page and, paged or all shown, on every cell that has one', async () => {
    const { el, detail } = await longResults('flowsheet');
    // every shown report's results, and the one no report lists; the hidden ones nowhere, each
    // counted once (the entered-in-error result is both listed by a report and found by the
    // Observation search); another patient's report and their result (found by that search) are two
    expect(detail).to.include({ results: REPORTS * TESTS.length + 1, resultsEnteredInError: 1, otherPatient: 2 });
    const rowNames = parts(el, 'row-header').map((h) => squash(h.querySelector('.test-name')?.textContent));
    expect(rowNames).to.have.members(TESTS.map((t) => t[1]));
    const severity = () => parts(el, 'cell').map((c) => c.dataset.severity);
    // first page: the ten newest columns — Panel 007's critical potassium and Panel 008's high sodium
    expect(severity().filter((s) => s === 'critical')).to.have.length(1);
    expect(severity().filter((s) => s === 'abnormal')).to.have.length(1);
    // every column at once: every planted flag, each once (the interpretation is read as cells are drawn)
    el.pageColumns = REPORTS + 10;
    await el.updateComplete;
    expect(parts(el, 'column-header')).to.have.length(REPORTS + 2); // the test column, 150 report dates, the lone result's date
    expect(severity().filter((s) => s === 'critical')).to.have.length(2);
    expect(severity().filter((s) => s === 'abnormal')).to.have.length(2);
    const cellText = parts(el, 'cell').map((c) => squash(c.textContent)).filter(Boolean);
    expect(cellText).to.have.length(REPORTS * TESTS.length + 1);
    await expect(el).to.be.accessible();
  });
});

describe('<fhir-results> long record: a flowsheet of many tests', () => {
  const TEST_COUNT = 240;
  const testName = (t: number) => `Test ${String(t).padStart(3, '0')}`;
  function manyTests(): AnyResource[] {
    const out: AnyResource[] = [{ resourceType: 'Patient', id: P, name: [{ family: 'Long', given: ['Results'] }] }];
    for (let i = 0; i < 3; i += 1) {
      const refs: { reference: string }[] = [];
      for (let t = 0; t < TEST_COUNT; t += 1) {
        const id = `m-${i}-${t}`;
        out.push(observation(id, 0, day(i), { code: { coding: [{ system: LOINC, code: `9${t}-0` }], text: testName(t) } }));
        refs.push({ reference: `Observation/${id}` });
      }
      out.push({
        resourceType: 'DiagnosticReport',
        id: `many-${i}`,
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
        code: { text: 'Everything panel' },
        subject: subject(),
        effectiveDateTime: day(i),
        result: refs,
      });
    }
    return out;
  }
  const rowNames = (el: FhirResults) => parts(el, 'row-header').map((h) => squash(h.querySelector('.test-name')?.textContent));
  const allTests = Array.from({ length: TEST_COUNT }, (_, t) => testName(t));

  it('first frame: the first rows alone, in order, the grid busy with its whole row count; settled: every row, not busy', async () => {
    const el = await fixture<FhirResults>(html`<fhir-results view="flowsheet" .resources=${manyTests()}></fhir-results>`);
    await untilState(el, ['ready', 'empty', 'error'], 30_000);
    expect(el.state).to.equal('ready');
    await el.updateComplete;
    const grid = part(el, 'grid')!;
    const first = rowNames(el);
    expect(first.length).to.be.greaterThan(0).and.lessThan(TEST_COUNT);
    expect(first).to.deep.equal(allTests.slice(0, first.length));
    expect(grid.getAttribute('aria-busy')).to.equal('true');
    expect(grid.getAttribute('aria-rowcount')).to.equal(String(TEST_COUNT + 2)); // the tests, one panel heading, the date row
    await waitUntil(() => parts(el, 'row-header').length === TEST_COUNT, 'not every test row reached the DOM', { timeout: 15_000 });
    await el.updateComplete;
    expect(rowNames(el)).to.deep.equal(allTests);
    expect(grid.getAttribute('aria-busy')).to.equal('false');
    expect(parts(el, 'panel-row').map((r) => squash(r.textContent))).to.deep.equal(['Everything panel']);
  });

  it('the cursor moved past the rows drawn so far lands on the last test (Ctrl+End), the rows all drawn', async () => {
    const el = await fixture<FhirResults>(html`<fhir-results view="flowsheet" .resources=${manyTests()}></fhir-results>`);
    await untilState(el, ['ready', 'empty', 'error'], 30_000);
    part(el, 'row-header')!.focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'End' });
    await sendKeys({ up: 'Control' });
    await el.updateComplete;
    const active = el.shadowRoot!.activeElement as HTMLElement;
    expect(squash(active.closest('tr')?.querySelector('.test-name')?.textContent)).to.equal(testName(TEST_COUNT - 1));
    expect(active.getAttribute('role')).to.equal('gridcell');
    expect(parts(el, 'row-header')).to.have.length(TEST_COUNT);
    expect(part(el, 'grid')!.getAttribute('aria-busy')).to.equal('false');
  });
});
