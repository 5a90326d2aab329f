// <fhir-results> in Chromium: given resources (DSTU2 / STU3 / R4 / R5 shapes, Synthea), and the
// local FHIR server over HTTP (the generated demo patient's reports and imaging, paging, a 404
// result, injected faults), keyboard in the grid, axe in the loading, ready, empty and error states.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { DEMO_NOTABLE, demoResources, RESULTS_PATIENT } from '../../demo/data/generator.js';
import { RESULTS_NOTABLE } from '../../demo/data/results.js';
import { defineElements } from '../../src/define.js';
import type { FhirResults } from '../../src/elements/results/results.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, parts, squash } from '../helpers/widget-dom.js';

defineElements();

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

function obs(id: string, patient: string, fields: Record<string, unknown> = {}): AnyResource {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    code: { coding: [{ system: LOINC, code: '2823-3' }], text: 'Potassium' },
    subject: { reference: `Patient/${patient}` },
    effectiveDateTime: '2024-03-01T09:00:00Z',
    valueQuantity: { value: 4.1, unit: 'mmol/L', system: UCUM, code: 'mmol/L' },
    ...fields,
  };
}
function report(id: string, patient: string, results: string[], fields: Record<string, unknown> = {}): AnyResource {
  return {
    resourceType: 'DiagnosticReport',
    id,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
    code: { coding: [{ system: LOINC, code: '51990-0' }], text: 'Basic metabolic panel' },
    subject: { reference: `Patient/${patient}` },
    effectiveDateTime: '2024-03-01T09:00:00Z',
    result: results.map((r) => ({ reference: r })),
    ...fields,
  };
}
const patient = (id: string): AnyResource => ({ resourceType: 'Patient', id, name: [{ family: 'Test', given: ['Results'] }] });

async function settled(el: FhirResults): Promise<string> {
  return untilState(el, ['ready', 'empty', 'error'], 30_000);
}
async function open(el: FhirResults, name: string | RegExp): Promise<HTMLElement> {
  const label = (b: HTMLElement) => squash(b.textContent).replace('▸', '');
  const toggle = parts(el, 'report-toggle').find((b) => (typeof name === 'string' ? label(b) === name : name.test(label(b))));
  if (!toggle) throw new Error(`no report ${String(name)}`);
  toggle.click();
  await el.updateComplete;
  return toggle.closest('[part~="report"]') as HTMLElement;
}
async function withResources(resources: unknown, attrs: { view?: string; viewer?: string } = {}): Promise<FhirResults> {
  const el = await fixture<FhirResults>(
    html`<fhir-results view=${attrs.view ?? 'reports'} imaging-viewer=${attrs.viewer ?? ''} .resources=${resources}></fhir-results>`,
  );
  await settled(el);
  return el;
}

describe('<fhir-results> statuses and safety (given resources)', () => {
  const P = 'p1';
  const data = [
    patient(P),
    report('final', P, ['Observation/k1', 'Observation/panel'], { code: { text: 'Final panel' }, effectiveDateTime: '2024-05-01' }),
    report('prelim', P, [], { status: 'preliminary', code: { text: 'Prelim panel' }, effectiveDateTime: '2024-04-01' }),
    report('partial', P, [], { status: 'partial', code: { text: 'Partial panel' } }),
    report('registered', P, [], { status: 'registered', code: { text: 'Registered panel' } }),
    report('corrected', P, [], { status: 'corrected', code: { text: 'Corrected panel' } }),
    report('amended', P, [], { status: 'amended', code: { text: 'Amended panel' } }),
    report('appended', P, [], { status: 'appended', code: { text: 'Appended panel' } }),
    report('cancelled', P, [], { status: 'cancelled', code: { text: 'Cancelled panel' } }),
    report('eie', P, [], { status: 'entered-in-error', code: { text: 'Wrong panel' } }),
    report('xr', P, [], {
      category: [{ coding: [{ code: 'RAD' }] }],
      code: { text: 'Chest X-ray' },
      conclusion: `No acute disease ${HOSTILE}`,
      presentedForm: [
        { contentType: 'text/html', data: b64(`<p>Report</p>${HOSTILE}`), title: 'HTML report' },
        { contentType: 'application/pdf', url: 'javascript:window.__pwned=3', title: 'Evil PDF' },
        { contentType: 'text/html', url: 'data:text/html,<script>window.__pwned=4</script>', title: 'Evil data' },
        { contentType: 'application/pdf', data: b64('%PDF-1.4 fake'), title: 'Scan' },
        { contentType: 'text/plain', data: b64(Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n')), title: 'Long note' },
      ],
    }),
    obs('k1', P, { interpretation: [{ coding: [{ code: 'HH' }] }], valueQuantity: { value: 6.9, unit: 'mmol/L', system: UCUM, code: 'mmol/L' }, note: [{ text: HOSTILE }] }),
    obs('panel', P, { code: { text: 'Differential' }, valueQuantity: undefined, hasMember: [{ reference: 'Observation/m1' }, { reference: 'Observation/m2' }, { reference: 'Observation/nowhere', display: 'Basophils' }] }),
    obs('m1', P, { code: { text: 'Neutrophils' }, valueString: HOSTILE, interpretation: [{ coding: [{ code: 'H' }] }] }),
    obs('m2', P, { code: { text: 'Lymphocytes' }, status: 'entered-in-error' }),
  ];

  it('marks every status, hides and counts entered-in-error, is accessible', async () => {
    const loaded = new Promise<CustomEvent>((resolve) => document.addEventListener('fhir-load', (e) => resolve(e as CustomEvent), { once: true }));
    const el = await withResources(data);
    expect(el.state).to.equal('ready');
    const detail = (await loaded).detail as Record<string, number>;
    expect(detail.enteredInError).to.equal(1);
    const badge = (name: string) => {
      const item = parts(el, 'report').find((r) => squash(r.querySelector('[part~="report-toggle"]')?.textContent).replace('▸', '') === name);
      return squash(item?.querySelector('[part~="status"]')?.textContent);
    };
    expect(badge('Final panel')).to.equal('');
    expect(badge('Prelim panel')).to.equal('Preliminary — Not final');
    expect(badge('Partial panel')).to.equal('Partial — Not final');
    expect(badge('Registered panel')).to.equal('Registered — Not final');
    expect(badge('Corrected panel')).to.match(/Corrected/);
    expect(badge('Amended panel')).to.match(/Amended/);
    expect(badge('Appended panel')).to.match(/Appended/);
    expect(badge('Cancelled panel')).to.equal('Cancelled');
    expect(squash(el.shadowRoot!.textContent)).not.to.contain('Wrong panel');
    expect(squash(part(el, 'notice')?.textContent)).to.contain('1 entry hidden: entered in error');
    await expect(el).to.be.accessible();
  });

  it('opens a report: nested panel indented, critical unlike abnormal, missing member named, hidden member counted', async () => {
    const el = await withResources(data);
    let selected: CustomEvent | undefined;
    el.addEventListener('fhir-select', (e) => (selected = e as CustomEvent), { once: true });
    const item = await open(el, 'Final panel');
    expect(selected?.detail.resource.id).to.equal('final');
    const rows = [...item.querySelectorAll<HTMLElement>('[part~="result-row"]')];
    expect(rows.map((r) => r.dataset.depth)).to.deep.equal(['0', '0', '1', '1']);
    const flags = [...item.querySelectorAll<HTMLElement>('[part~="flag"]')];
    expect(flags.map((f) => [f.dataset.severity, squash(f.textContent)])).to.deep.equal([
      ['critical', '⇈ Critical high'],
      ['abnormal', '▲ High'],
    ]);
    expect(squash(rows[3].textContent)).to.equal('Basophils (Observation/nowhere): not found');
    expect(squash(item.textContent)).to.contain('1 result hidden: entered in error');
    expect(squash(item.textContent)).not.to.contain('Lymphocytes');
    await expect(el).to.be.accessible();
  });

  it('renders HTML and script payloads inert and never links bad URLs', async () => {
    const el = await withResources(data);
    const item = await open(el, 'Chest X-ray');
    await open(el, 'Final panel');
    const root = el.shadowRoot!;
    expect(root.querySelector('img, script, iframe, p > p')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(squash(part(el, 'conclusion')?.textContent)).to.contain('<script>');
    const links = [...item.querySelectorAll<HTMLAnchorElement>('a')];
    expect(links.map((a) => a.protocol)).to.deep.equal(['blob:']);
    expect(links[0].target).to.equal('_blank');
    expect(squash(item.textContent)).to.contain('Evil PDF: link not shown (not a web address)');
    expect(squash(item.textContent)).to.contain('Evil data: link not shown (not a web address)');
    const texts = [...item.querySelectorAll('[part~="attachment-text"]')].map((p) => p.textContent ?? '');
    expect(texts[0]).to.contain('<script>');
    expect(texts[1].split('\n')).to.have.length(8); // collapsed
    const toggle = item.querySelector<HTMLButtonElement>('[part~="text-toggle"]')!;
    toggle.click();
    await el.updateComplete;
    expect((item.querySelectorAll('[part~="attachment-text"]')[1].textContent ?? '').split('\n')).to.have.length(40);
    await expect(el).to.be.accessible();
  });

  it('flowsheet: a grid with arrow keys; choosing a test fires fhir-select with its code', async () => {
    const resources = [
      patient(P),
      ...[1, 2, 3].map((i) => report(`r${i}`, P, [`Observation/k${i}`], { effectiveDateTime: `2024-0${i}-01T09:00:00Z` })),
      ...[1, 2, 3].map((i) => obs(`k${i}`, P, { effectiveDateTime: `2024-0${i}-01T09:00:00Z`, valueQuantity: { value: 4 + i / 10, unit: 'mmol/L', system: UCUM, code: 'mmol/L' } })),
    ];
    const el = await withResources(resources, { view: 'flowsheet' });
    expect(el.state).to.equal('ready');
    const grid = part(el, 'grid')!;
    expect(grid.getAttribute('role')).to.equal('grid');
    const headers = parts(el, 'column-header').map((h) => squash(h.textContent));
    expect(headers).to.deep.equal(['Test', '01-Mar-2024 09:00', '01-Feb-2024 09:00', '01-Jan-2024 09:00']);
    const rowHeader = part(el, 'row-header')!;
    rowHeader.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(squash((el.shadowRoot!.activeElement as HTMLElement)?.textContent)).to.equal('4.3 mmol/L');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(squash((el.shadowRoot!.activeElement as HTMLElement)?.textContent)).to.equal('4.2 mmol/L');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    let selected: CustomEvent | undefined;
    el.addEventListener('fhir-select', (e) => (selected = e as CustomEvent), { once: true });
    await sendKeys({ press: 'Enter' });
    expect(selected?.detail.code).to.equal(`${LOINC}|2823-3`);
    await expect(el).to.be.accessible();
  });

  it('given resources without a Patient: the shared scope (most common subject) drops and counts the other patient’s reports and results in both views', async () => {
    // No Patient resource: the context's PatientScope names p1 (the most common subject); the
    // model infers nothing of its own.
    const resources = [
      report('mine-1', P, ['Observation/a1', 'Observation/x1'], { code: { text: 'My panel' }, effectiveDateTime: '2024-02-01T09:00:00Z' }),
      report('mine-2', P, ['Observation/a2'], { code: { text: 'My other panel' }, effectiveDateTime: '2024-03-01T09:00:00Z' }),
      report('theirs', 'p2', ['Observation/x2'], { code: { text: 'Their panel' }, effectiveDateTime: '2024-04-01T09:00:00Z' }),
      obs('a1', P, { effectiveDateTime: '2024-02-01T09:00:00Z' }),
      obs('a2', P, { effectiveDateTime: '2024-03-01T09:00:00Z', valueQuantity: { value: 4.4, unit: 'mmol/L', system: UCUM, code: 'mmol/L' } }),
      // Another patient's result listed by my report, and their own results.
      obs('x1', 'p2', { code: { text: 'Sodium' }, valueQuantity: { value: 999, unit: 'mmol/L', system: UCUM, code: 'mmol/L' } }),
      obs('x2', 'p2', { code: { text: 'Chloride' }, valueQuantity: { value: 777, unit: 'mmol/L', system: UCUM, code: 'mmol/L' } }),
      obs('x3', 'p2', { code: { text: 'Calcium' }, valueQuantity: { value: 555, unit: 'mmol/L', system: UCUM, code: 'mmol/L' }, effectiveDateTime: '2024-05-01T09:00:00Z' }),
    ];
    for (const view of ['reports', 'flowsheet']) {
      const loaded = new Promise<CustomEvent>((resolve) => document.addEventListener('fhir-load', (e) => resolve(e as CustomEvent), { once: true }));
      const el = await withResources(resources, { view });
      expect(el.state, view).to.equal('ready');
      const detail = (await loaded).detail as Record<string, number>;
      const text = squash(el.shadowRoot!.textContent);
      for (const theirs of ['Their panel', 'Sodium', 'Chloride', 'Calcium', '999', '777', '555']) expect(text, `${view}: ${theirs}`).not.to.contain(theirs);
      expect(squash(part(el, 'notice')?.textContent), view).to.match(/records? for another patient not shown/);
      if (view === 'reports') {
        expect(parts(el, 'report-toggle').map((b) => squash(b.textContent).replace('▸', ''))).to.deep.equal(['My other panel', 'My panel']);
        expect(detail.otherPatient).to.equal(2); // their report, their result in my report
        const mine = await open(el, 'My panel');
        expect(squash(mine.textContent)).to.contain('4.1');
      } else {
        expect(parts(el, 'cell').map((c) => squash(c.textContent)).filter(Boolean)).to.deep.equal(['4.4 mmol/L', '4.1 mmol/L']);
        expect(detail.otherPatient).to.be.greaterThan(2); // and their standalone results
      }
    }
  });

  it('empty: no reports says so; accessible', async () => {
    const el = await withResources([patient(P)]);
    expect(el.state).to.equal('empty');
    expect(squash(part(el, 'empty')?.textContent)).to.equal('No results recorded');
    await expect(el).to.be.accessible();
  });

  it('imaging: study with UID, modality and a percent-encoded viewer link; a study without a report', async () => {
    const study = (id: string, uid: string) => ({
      resourceType: 'ImagingStudy',
      id,
      status: 'available',
      subject: { reference: `Patient/${P}` },
      started: '2024-02-01T10:00:00Z',
      identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${uid}` }],
      series: [{ uid: `${uid}.1`, modality: { code: 'CT' }, bodySite: { display: 'Chest' }, instance: [{ uid: `${uid}.1.1` }] }],
    });
    const el = await withResources(
      [patient(P), study('s1', '1.2.3'), study('s2', '1.2.4'), report('ct', P, [], { category: [{ coding: [{ code: 'RAD' }] }], code: { text: 'CT chest' }, study: [{ reference: 'ImagingStudy/s1' }] })],
      { viewer: 'https://viewer.example/?StudyInstanceUIDs={studyUid}&x=1' },
    );
    const item = await open(el, 'CT chest');
    expect(squash(item.querySelector('[part~="meta"]')?.textContent)).to.contain('Modality: CT');
    const link = item.querySelector<HTMLAnchorElement>('[part~="viewer-link"]')!;
    expect(link.href).to.equal('https://viewer.example/?StudyInstanceUIDs=1.2.3&x=1');
    const unreported = el.shadowRoot!.querySelector('[data-group="unreported"]');
    expect(squash(unreported?.textContent)).to.contain('Imaging studies without a report (1)');
    await expect(el).to.be.accessible();
  });
});

describeWithFixtures('<fhir-results> with HL7 examples and Synthea', () => {
  it('DSTU2, STU3 and R4 lipid reports all show four results', async () => {
    for (const file of ['examples/dstu2/DiagnosticReport-lipids.json', 'examples/stu3/DiagnosticReport-lipids.json', 'examples/r4/Bundle-lipids.json']) {
      const el = await withResources(await loadFixture(file));
      expect(el.state, file).to.equal('ready');
      const item = await open(el, 'Lipid Panel');
      expect(item.querySelectorAll('[part~="result-row"]').length, file).to.equal(4);
    }
  });

  it('Synthea presentedForm notes show as text', async () => {
    const el = await withResources(await loadFixture('synthea/inferno-uscore-patient-85.json'));
    expect(el.state).to.equal('ready');
    const item = await open(el, /Progress note/);
    expect(item.querySelector('[part~="attachment-text"]')?.textContent?.length).to.be.greaterThan(10);
  });
});

describe('<fhir-results> on the local FHIR server', function () {
  this.timeout(60_000);
  const P = `res-${Math.random().toString(36).slice(2, 8)}`;
  const base = new URL('/fhir', location.href).href;

  before(async () => {
    const resources = [
      patient(P),
      ...Array.from({ length: 7 }, (_, i) => report(`${P}-r${i}`, P, [`Observation/${P}-o${i}`], { effectiveDateTime: `2023-0${i + 1}-01`, code: { text: `Panel ${i}` } })),
      ...Array.from({ length: 7 }, (_, i) => obs(`${P}-o${i}`, P, { effectiveDateTime: `2023-0${i + 1}-01` })),
      report(`${P}-gone`, P, [`Observation/${P}-missing`], { code: { text: 'Gap panel' }, effectiveDateTime: '2024-01-01' }),
    ];
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: resources.map((r) => ({ resource: r, request: { method: 'PUT', url: `${r.resourceType}/${r.id}` } })) };
    const response = await fetch(base, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(bundle) });
    expect(response.ok).to.equal(true);
  });

  async function onServer(server: string, pageSize = 3, timeout = 30_000): Promise<FhirResults> {
    const context = await fixture(html`<fhir-context server=${server} patient=${P} timeout=${timeout}>
      <fhir-results page-size=${pageSize}></fhir-results>
    </fhir-context>`);
    const el = context.querySelector('fhir-results') as FhirResults;
    await settled(el);
    return el;
  }

  it('pages to the end (8 reports over pages of 3) and names a result that 404s', async () => {
    const el = await onServer('/fhir');
    expect(el.state).to.equal('ready');
    expect(parts(el, 'report')).to.have.length(8);
    expect(squash(part(el, 'notice')?.textContent)).to.contain('1 referenced result could not be shown');
    const item = await open(el, 'Gap panel');
    expect(squash(item.querySelector('[part~="missing"]')?.textContent)).to.equal(`Observation/${P}-missing: not found`);
    await expect(el).to.be.accessible();
  });

  for (const kind of ['401', '500', 'page2-500']) {
    it(`/faults/${kind}: error with Retry, never an empty list`, async () => {
      const el = await onServer(`/faults/${kind}/fhir`);
      expect(el.state).to.equal('error');
      expect(part(el, 'empty')).to.equal(null);
      expect(part(el, 'retry')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });
  }

  it('timeout: a report search that never answers becomes an error', async () => {
    const el = await onServer('/faults/timeout/fhir', 3, 400);
    expect(el.state).to.equal('error');
  });
});

describe('<fhir-results> with the generated demo data on the local server', function () {
  this.timeout(60_000);
  const P = RESULTS_PATIENT;
  const notable = DEMO_NOTABLE[P];
  const VIEWER = 'https://viewer.example/?StudyInstanceUIDs={studyUid}';
  const generated = demoResources(P) as unknown as AnyResource[];
  const generatedReports = generated.filter((r) => r.resourceType === 'DiagnosticReport');
  const nameOf = (id: string) => (generatedReports.find((r) => r.id === id)!.code as { text: string }).text;
  const toggleText = (item: HTMLElement) => squash(item.querySelector('[part~="report-toggle"]')?.textContent).replace('▸', '');

  async function onServer(attrs: { view?: string; category?: string; server?: string; timeout?: number } = {}) {
    const loaded = new Promise<CustomEvent>((resolve) => document.addEventListener('fhir-load', (e) => resolve(e as CustomEvent), { once: true }));
    const context = await fixture(html`<fhir-context server=${attrs.server ?? '/fhir'} patient=${P} timeout=${attrs.timeout ?? 30_000}>
      <fhir-results view=${attrs.view ?? 'reports'} category=${attrs.category ?? 'all'} imaging-viewer=${VIEWER}></fhir-results>
    </fhir-context>`);
    return { el: context.querySelector('fhir-results') as FhirResults, loaded };
  }

  it('reports: every generated report but the entered-in-error one, which is counted; statuses marked', async () => {
    const { el, loaded } = await onServer();
    expect(await settled(el)).to.equal('ready');
    const detail = (await loaded).detail as Record<string, number>;
    expect(detail.enteredInError).to.equal(1);
    expect(detail.reports).to.equal(generatedReports.length - 1);
    const items = parts(el, 'report');
    expect(items).to.have.length(generatedReports.length - 1);
    expect(squash(part(el, 'notice')?.textContent)).to.contain('1 entry hidden: entered in error');
    // Five yearly BMPs are shown; the sixth, entered in error, is not.
    const bmp = nameOf(notable.enteredInErrorBmpReport);
    expect(generatedReports.filter((r) => (r.code as { text: string }).text === bmp)).to.have.length(6);
    expect(items.filter((item) => toggleText(item) === bmp)).to.have.length(5);
    const status = (name: string) => squash(items.find((item) => toggleText(item) === name)?.querySelector('[part~="status"]')?.textContent);
    // Newest first: the first CBC is the corrected one, marked prominently.
    expect(status(nameOf(notable.correctedCbcReport))).to.equal('✎ Corrected');
    expect(status(nameOf(notable.preliminaryCmpReport))).to.equal('Preliminary — Not final');
    expect(status(nameOf(notable.chestXrayReport))).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('the newest BMP shows the critical potassium unlike the abnormal results; the corrected CBC opens', async () => {
    const { el } = await onServer();
    await settled(el);
    const bmp = await open(el, nameOf(notable.enteredInErrorBmpReport));
    const flags = [...bmp.querySelectorAll<HTMLElement>('[part~="flag"]')];
    const critical = flags.filter((f) => f.dataset.severity === 'critical');
    expect(critical.map((f) => squash(f.textContent))).to.deep.equal(['⇈ Critical high']);
    expect(squash(critical[0].closest('[part~="result-row"]')?.textContent)).to.match(/^Potassium 6\.8 mmol\/L/);
    const cbc = await open(el, nameOf(notable.correctedCbcReport));
    expect(cbc.querySelectorAll('[part~="result-row"]')).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it('imaging: the CT report with its study, viewer link and PDF; the chest X-ray conclusion; the study with no report', async () => {
    const { el, loaded } = await onServer({ category: 'imaging' });
    expect(await settled(el)).to.equal('ready');
    expect(((await loaded).detail as Record<string, number>).studies).to.equal(2);
    expect(parts(el, 'report').map(toggleText).sort()).to.deep.equal([nameOf(notable.chestXrayReport), nameOf(notable.ctReport)].sort());
    const ct = await open(el, nameOf(notable.ctReport));
    expect(squash(ct.querySelector('[part~="study"]')?.textContent)).to.contain('Modality: CT');
    expect(ct.querySelector<HTMLAnchorElement>('[part~="viewer-link"]')!.href).to.equal(
      `https://viewer.example/?StudyInstanceUIDs=${RESULTS_NOTABLE.studyUid}`,
    );
    const pdf = ct.querySelector<HTMLAnchorElement>('[part~="attachment-link"]')!;
    expect(pdf.protocol).to.equal('blob:');
    const xray = await open(el, nameOf(notable.chestXrayReport));
    expect(squash(xray.querySelector('[part~="conclusion"]')?.textContent)).to.contain('No acute cardiopulmonary process');
    const unreported = el.shadowRoot!.querySelector('[data-group="unreported"]');
    expect(squash(unreported?.textContent)).to.contain('Imaging studies without a report (1)');
    expect(squash(unreported?.textContent)).to.contain('Ultrasound abdomen');
    await expect(el).to.be.accessible();
  });

  it('flowsheet (lab): potassium row with a critical cell, the albumin of the preliminary CMP; accessible', async () => {
    const { el } = await onServer({ view: 'flowsheet', category: 'lab' });
    expect(await settled(el)).to.equal('ready');
    const names = parts(el, 'row-header').map((h) => squash(h.querySelector('.test-name')?.textContent));
    expect(names).to.include.members(['Potassium', 'Cholesterol', 'Haemoglobin', 'Albumin']);
    expect(el.shadowRoot!.querySelectorAll('[part~="cell"][data-severity="critical"]').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('loading: a search that has not answered yet is a status, not an empty list; accessible', async () => {
    const { el } = await onServer({ server: '/faults/timeout/fhir', timeout: 30_000 });
    await el.updateComplete;
    expect(el.state).to.equal('loading');
    expect(part(el, 'empty')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[role="status"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('<fhir-results> with an R5-shaped report (given resources)', () => {
  it('reads study, note, media and conclusionCode, and the R5 ImagingStudy (coded modality, CodeableReference body site)', async () => {
    const P = 'r5';
    const el = await withResources(
      [
        patient(P),
        {
          resourceType: 'ImagingStudy',
          id: 's5',
          status: 'available',
          subject: { reference: `Patient/${P}` },
          started: '2025-02-01T10:00:00Z',
          modality: [{ coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'MR' }] }],
          identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:1.2.840.55' }],
          series: [
            {
              uid: '1.2.840.55.1',
              modality: { coding: [{ code: 'MR' }] },
              bodySite: { concept: { text: 'Knee' } },
              instance: [{ uid: '1.2.840.55.1.1' }, { uid: '1.2.840.55.1.2' }],
            },
          ],
        },
        report('mr', P, [], {
          category: [{ coding: [{ code: 'RAD' }] }],
          code: { text: 'MRI knee' },
          study: [{ reference: 'ImagingStudy/s5' }],
          note: [{ text: 'Compared with 2020.' }],
          media: [{ comment: 'Key image', link: { reference: 'DocumentReference/d1', display: 'Sagittal slice' } }],
          conclusionCode: [{ concept: { text: 'Meniscal tear' } }],
        }),
      ],
      { viewer: 'https://viewer.example/?StudyInstanceUIDs={studyUid}' },
    );
    expect(el.state).to.equal('ready');
    const item = await open(el, 'MRI knee');
    const text = squash(item.textContent);
    expect(text).to.contain('Compared with 2020.');
    expect(text).to.contain('Key image Sagittal slice');
    expect(text).to.contain('Meniscal tear');
    expect(squash(item.querySelector('[part~="study"]')?.textContent)).to.contain('Body site: Knee');
    expect(item.querySelector<HTMLAnchorElement>('[part~="viewer-link"]')!.href).to.equal('https://viewer.example/?StudyInstanceUIDs=1.2.840.55');
    expect(el.shadowRoot!.querySelector('[data-group="unreported"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
