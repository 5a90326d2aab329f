// <fhir-medication-list> in Chromium against the local FHIR server (/fhir), the fault endpoints
// (/faults/<kind>/fhir) and the shared fixtures uploaded as transactions.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineElements } from '../../src/define.js';
import type { FhirMedicationList } from '../../src/elements/medication-list/medication-list.js';
import type { FhirClientLike } from '../../src/fhir/transport.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';
import { requestsTo, untilState } from '../helpers/probe-widget.js';
import { squash } from '../helpers/widget-dom.js';

defineElements();

const BASE = new URL('/fhir', location.href).href;

async function transaction(entries: { resource: { resourceType: string; id?: string }; method?: 'PUT' | 'POST' }[]): Promise<void> {
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: entries.map(({ resource, method = 'PUT' }) => ({
      resource,
      request: method === 'PUT' ? { method, url: `${resource.resourceType}/${resource.id}` } : { method, url: resource.resourceType },
    })),
  };
  await post(bundle);
}

async function post(bundle: unknown): Promise<{ entry?: { response?: { location?: string } }[] }> {
  const response = await fetch(BASE, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(bundle) });
  if (!response.ok) throw new Error(`transaction failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { entry?: { response?: { location?: string } }[] };
}

/** Uploads a Synthea transaction Bundle and returns the new Patient id. */
async function uploadSynthea(file: string): Promise<string> {
  const result = await post(await loadFixture(file));
  const location = result.entry?.map((e) => e.response?.location ?? '').find((l) => l.startsWith('Patient/'));
  if (!location) throw new Error('no Patient in the transaction response');
  return location.split('/')[1];
}

/**
 * A host-supplied client (the `client` property of <fhir-context>) that talks to the real server
 * over HTTP, optionally through a gateway that asks for pages of `count` (so medication searches
 * really page through `link[next]`) and reroutes some paths (e.g. to a fault endpoint).
 */
function hostClient(base: string, options: { count?: number; patient?: string; reroute?: (url: URL) => void } = {}): FhirClientLike {
  return {
    state: { serverUrl: base },
    patient: { id: options.patient ?? null },
    async request(request) {
      const { url: target, signal } = typeof request === 'string' ? { url: request, signal: undefined } : request;
      const url = new URL(target, base);
      if (options.count && /\/Medication(Request|Statement)$/.test(url.pathname) && !url.searchParams.has('_count')) {
        url.searchParams.set('_count', String(options.count));
      }
      options.reroute?.(url);
      const response = await fetch(url, { signal, headers: { Accept: 'application/fhir+json' } });
      const body = (await response.json()) as unknown;
      if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status, body });
      return body;
    },
  };
}

function shadow(el: Element): ShadowRoot {
  return el.shadowRoot as ShadowRoot;
}
function rows(el: FhirMedicationList, group: 'current' | 'past' = 'current'): HTMLElement[] {
  return [...shadow(el).querySelectorAll<HTMLElement>(`[part~='row'][data-group='${group}']`)];
}
function rowByName(el: FhirMedicationList, name: string | RegExp): HTMLElement | undefined {
  return [...shadow(el).querySelectorAll<HTMLElement>("[part~='row']")].find((row) => {
    const text = squash(row.querySelector("[part~='name']")?.textContent);
    return typeof name === 'string' ? text === name : name.test(text);
  });
}
function dosageOf(row: HTMLElement | undefined): string[] {
  return [...(row?.querySelectorAll("[part~='dosage'] > li") ?? [])].map((li) => squash(li.textContent));
}
function allText(el: Element): string {
  return squash(shadow(el).textContent);
}

async function listIn(context: ReturnType<typeof html>): Promise<FhirMedicationList> {
  const host = await fixture<HTMLElement>(context);
  const el = host.querySelector('fhir-medication-list') as FhirMedicationList;
  await untilState(el, ['ready', 'empty', 'error']);
  return el;
}

describe('<fhir-medication-list> with the generated polypharmacy patient (pat-elderly)', function () {
  this.timeout(60_000); // generous under a loaded CI machine; no assertion depends on time
  // One list for the whole block (fixture() would remove it after the first test).
  let el: FhirMedicationList;
  let host: HTMLElement;
  before(async () => {
    host = document.createElement('div');
    host.innerHTML = '<fhir-context server="/fhir" patient="pat-elderly"><fhir-medication-list status="all"></fhir-medication-list></fhir-context>';
    document.body.append(host);
    el = host.querySelector('fhir-medication-list') as FhirMedicationList;
    await untilState(el, ['ready', 'empty', 'error']);
  });
  after(() => host.remove());

  it('is ready and accessible', async () => {
    expect(el.state).to.equal('ready');
    expect(el.getAttribute('state')).to.equal('ready');
    await expect(el).to.be.accessible();
  });

  it('renders each structured dosage as the exact expected text', () => {
    const expected: Record<string, string[]> = {
      'Amoxicillin 500 mg oral capsule': ['500 mg, oral, three times a day, for 7 days'],
      'Paracetamol 500 mg oral tablet': ['1 to 2 tablets, oral, every 4 to 6 hours, as needed for pain, max 4 g per 24 hours'],
      'Methotrexate 2.5 mg oral tablet': ['10 mg, oral, once a week, on Monday, Take on the same day each week'],
      'Prednisolone 5 mg oral tablet': [
        '30 mg, oral, once a day, in the morning, for 5 days',
        'then 20 mg, oral, once a day, in the morning, for 5 days',
        'then 10 mg, oral, once a day, in the morning, for 5 days',
      ],
      'Salbutamol 100 micrograms/dose inhaler': ['2 puffs, respiratory tract, every 4 hours, as needed for wheezing'],
      'Fluticasone 44 micrograms/dose inhaler': ['2 puffs, respiratory tract, twice a day'],
      // The prescriber's text first, the coded dosage beside it.
      'Amlodipine 5 mg oral tablet': ['Take ONE tablet each morning Coded dosage: 1 tablet, oral, once a day, at 08:00'],
      'Atorvastatin 40 mg oral tablet': ['40 mg, oral, once a day, at bedtime'],
      'Furosemide 40 mg oral tablet': ['40 mg, oral, once a day, in the morning'],
      'Glucosamine sulfate 500 mg capsule': ['500 mg, oral, once a day'],
      'Ibuprofen 200 mg oral tablet': ['400 mg, oral, every 8 hours, as needed'],
      'Enoxaparin 40 mg/0.4 mL pre-filled syringe': ['40 mg, subcutaneous, once a day, at 18:00, from 23-Sep-2022 to 21-Oct-2022'],
      'Sodium chloride 0.9% solution for infusion': ['1,000 mL, at 83 mL/h, intravenous, from 23-Sep-2022 to 24-Sep-2022'],
      // repeat.count is a number of doses, never a frequency.
      'Colchicine 500 microgram tablet': ['0.5 mg, oral, four times a day, for 12 doses'],
      'Tramadol 50 mg oral tablet': ['1 to 2 tablets, oral, every 6 hours, as needed for pain'],
    };
    for (const [name, dosage] of Object.entries(expected)) {
      expect(dosageOf(rowByName(el, name)), name).to.deep.equal(dosage);
    }
  });

  it('groups: active and on-hold current, stopped/completed/cancelled in a collapsed past group', async () => {
    const current = rows(el, 'current');
    const statuses = current.map((r) => r.dataset.status);
    expect(statuses).to.include.members(['active', 'on-hold', 'draft']);
    expect(statuses).not.to.include.members(['stopped']);
    const past = rows(el, 'past');
    expect(past.map((r) => r.dataset.status).sort()).to.deep.equal(['cancelled', 'completed', 'completed', 'completed', 'stopped']);
    const toggle = shadow(el).querySelector<HTMLButtonElement>("[part~='past-toggle']")!;
    expect(toggle.tagName).to.equal('BUTTON');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(squash(toggle.textContent)).to.match(/^\W*Past medications \(5\)$/);
    const list = shadow(el).getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(list.hidden).to.equal(true);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(list.hidden).to.equal(false);
    await expect(el).to.be.accessible();
    toggle.click();
    await el.updateComplete;
    expect(list.hidden).to.equal(true);
  });

  it('marks draft rows and names the status of every row', () => {
    const draft = rowByName(el, 'Alendronic acid 70 mg oral tablet')!;
    expect(squash(draft.querySelector("[part~='status']")?.textContent)).to.equal('Draft, not confirmed as being taken');
    const onHold = rowByName(el, 'Furosemide 40 mg oral tablet')!;
    expect(squash(onHold.querySelector("[part~='status']")?.textContent)).to.equal('On hold');
  });

  it('hides the entered-in-error order and counts it', () => {
    expect(rowByName(el, /Warfarin/)).to.equal(undefined);
    expect(allText(el)).to.include('1 entry hidden: entered in error');
  });

  it('shows prescriber or information source, and the date as <time datetime>', () => {
    const row = rowByName(el, 'Amoxicillin 500 mg oral capsule')!;
    const meta = row.querySelector("[part~='meta']")!;
    expect(squash(meta.textContent)).to.match(/^Prescriber: Dr .+ Prescribed \d{2}-[A-Z][a-z]{2}-\d{4} Prescription$/);
    const time = meta.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.match(/^\d{4}-\d{2}-\d{2}/);
    const statement = rowByName(el, 'Glucosamine sulfate 500 mg capsule')!;
    expect(squash(statement.querySelector("[part~='meta']")?.textContent)).to.match(/Recorded \d{2}-[A-Z][a-z]{2}-\d{4} Medication history$/);
  });

  it('flags the penicillin / amoxicillin conflict on the amoxicillin row only, naming the allergy', () => {
    const amoxicillin = rowByName(el, 'Amoxicillin 500 mg oral capsule')!;
    expect(amoxicillin.hasAttribute('data-conflict')).to.equal(true);
    expect(squash(amoxicillin.querySelector("[part~='conflict']")?.textContent)).to.equal('⚠ Possible allergy conflict: Penicillin');
    const flagged = [...shadow(el).querySelectorAll("[part~='conflict']")];
    expect(flagged).to.have.length(1);
  });

  it('resolves the contained and the _include-d Medication names', () => {
    // #med1 contained; Medication/pat-elderly-med-0001 included by the search (no separate read).
    expect(rowByName(el, 'Folic acid 5 mg tablets')).not.to.equal(undefined);
    expect(requestsTo('/fhir/Medication/')).to.have.length(0);
  });
});

describe('<fhir-medication-list> status and selection', function () {
  this.timeout(60_000); // generous under a loaded CI machine; no assertion depends on time
  it('status="active" (default) shows current rows and counts the past ones', async () => {
    const el = await listIn(html`<fhir-context server="/fhir" patient="pat-elderly"><fhir-medication-list></fhir-medication-list></fhir-context>`);
    expect(el.status).to.equal('active');
    expect(rows(el, 'past')).to.have.length(0);
    expect(shadow(el).querySelector("[part~='past-toggle']")).to.equal(null);
    expect(allText(el)).to.include('5 past medications not shown');
    expect(rows(el, 'current').length).to.be.greaterThan(10);
  });

  it('shares the allergy request with <fhir-allergy-banner>: one request, not two', async () => {
    const marker = 'AllergyIntolerance?patient=pat-elderly';
    performance.clearResourceTimings();
    const host = await fixture<HTMLElement>(html`<fhir-context server="/fhir" patient="pat-elderly">
      <fhir-allergy-banner></fhir-allergy-banner>
      <fhir-medication-list></fhir-medication-list>
    </fhir-context>`);
    const list = host.querySelector('fhir-medication-list')!;
    const banner = host.querySelector('fhir-allergy-banner')!;
    await untilState(list, ['ready', 'error']);
    await untilState(banner as unknown as HTMLElement & { state: string }, ['ready', 'empty', 'error']);
    expect(list.state).to.equal('ready');
    expect(requestsTo(marker)).to.have.length(1);
  });

  it('fires fhir-select with the resource on click, Enter and Space', async () => {
    const el = await listIn(html`<fhir-context server="/fhir" patient="pat-elderly"><fhir-medication-list></fhir-medication-list></fhir-context>`);
    const row = rowByName(el, 'Amoxicillin 500 mg oral capsule')!;
    const name = row.querySelector<HTMLButtonElement>("[part~='name']")!;
    expect(name.tagName).to.equal('BUTTON');

    setTimeout(() => name.click());
    const clicked = await oneEvent(el, 'fhir-select');
    expect(clicked.detail.resource.id).to.equal('pat-elderly-medreq-0001');
    expect(clicked.bubbles).to.equal(true);
    expect(clicked.composed).to.equal(true);

    name.focus();
    expect(shadow(el).activeElement).to.equal(name);
    let received = oneEvent(el, 'fhir-select');
    await sendKeys({ press: 'Enter' });
    expect((await received).detail.resource.resourceType).to.equal('MedicationRequest');

    received = oneEvent(el, 'fhir-select');
    await sendKeys({ press: 'Space' });
    expect((await received).detail.resource.id).to.equal('pat-elderly-medreq-0001');
  });

  it('rows are reachable with Tab', async () => {
    const el = await listIn(html`<fhir-context server="/fhir" patient="pat-elderly"><fhir-medication-list></fhir-medication-list></fhir-context>`);
    const names = [...shadow(el).querySelectorAll<HTMLButtonElement>("[part~='name']")];
    names[0].focus();
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(names[1]);
  });
});

describeWithFixtures('<fhir-medication-list> name resolution with HL7 examples on the server', function () {
  this.timeout(60_000); // generous under a loaded CI machine; no assertion depends on time
  before(async () => {
    const files = [
      'examples/r4/MedicationRequest-medrx0302.json',
      'examples/r4/MedicationRequest-medrx002.json',
      'examples/r4/Medication-med0316.json',
      'examples/r4/MedicationStatement-example001.json',
      'examples/r4/MedicationStatement-example005.json',
      'examples/dstu2/Medication-medexample001.json',
    ];
    const resources = await Promise.all(files.map((f) => loadFixture<{ resourceType: string; id: string }>(f)));
    // Two statements that reference Medication/medexample001 (the HL7 amoxicillin suspension):
    // MedicationStatement searches have no _include and no order includes it, so the list must
    // read the Medication itself, once.
    const reported = (id: string) => ({
      resourceType: 'MedicationStatement',
      id,
      status: 'active',
      medicationReference: { reference: 'Medication/medexample001' },
      subject: { reference: 'Patient/pat1' },
      dateAsserted: '2015-03-02',
    });
    await transaction([...resources, reported('ml-test-fetch-1'), reported('ml-test-fetch-2')].map((resource) => ({ resource })));
  });

  it('contained, _include, fetched (deduped), entered-in-error hidden', async () => {
    performance.clearResourceTimings();
    const el = await listIn(html`<fhir-context server="/fhir" patient="pat1"><fhir-medication-list status="all"></fhir-medication-list></fhir-context>`);
    expect(el.state).to.equal('ready');
    // 1. contained #med0320
    expect(rowByName(el, 'Azithromycin 250mg capsule')).not.to.equal(undefined);
    // contained Medication with ingredient strengths and form
    const tylenol = rowByName(el, 'Tylenol PM')!;
    expect(squash(tylenol.querySelector("[part~='strength']")?.textContent)).to.equal('500 mg / 25 mg');
    expect(squash(tylenol.querySelector("[part~='form']")?.textContent)).to.equal('Film-coated tablet');
    // 2. medrx002 → Medication/med0316 included by the search: no separate read
    const chlorthalidone = rowByName(el, 'Chlorthalidone 50mg tablet')!;
    // The name already says "50mg": the strength is not repeated beside it; the form is.
    expect(chlorthalidone.querySelector("[part~='strength']")).to.equal(null);
    expect(squash(chlorthalidone.querySelector("[part~='form']")?.textContent)).to.equal('Tablet dose form');
    expect(requestsTo('/fhir/Medication/med0316')).to.have.length(0);
    // 3. the statements' Medication/medexample001, read once through the loader for both rows
    const amoxicillin = [...shadow(el).querySelectorAll("[part~='row']")].filter(
      (row) => squash(row.querySelector("[part~='name']")?.textContent) === 'Amoxicillin 250mg/5ml Suspension',
    );
    expect(amoxicillin).to.have.length(2);
    expect(requestsTo('/fhir/Medication/medexample001')).to.have.length(1);
    expect(allText(el)).not.to.include('prescribed medication');
    // MedicationStatement-example005 is entered-in-error
    expect(allText(el)).to.include('hidden: entered in error');
    expect(allText(el)).not.to.include('undefined');
    await expect(el).to.be.accessible();
  });

  it('the reference display when the Medication cannot be found, and never a bare id', async () => {
    const request = await loadFixture<Record<string, unknown>>('examples/r4/MedicationRequest-medrx002.json');
    const el = await fixture<FhirMedicationList>(html`<fhir-medication-list
      .resources=${[
        { ...request, id: 'a', medicationReference: { reference: 'Medication/nowhere', display: 'prescribed medication' } },
        { ...request, id: 'b', medicationReference: { reference: 'Medication/nowhere-either' } },
      ]}
    ></fhir-medication-list>`);
    await untilState(el, ['ready', 'error']);
    const display = rowByName(el, 'prescribed medication')!;
    expect(squash(display.textContent)).to.include('(name from reference only)');
    expect(rowByName(el, 'Medication name not recorded')).not.to.equal(undefined);
    expect(allText(el)).not.to.include('nowhere');
    expect(allText(el)).to.include('1 medication name could not be resolved');
    await expect(el).to.be.accessible();
  });

  it('Inferno US Core patient 85: the MedicationRequest\'s Medication arrives by _include', async () => {
    await post(await loadFixture('synthea/inferno-uscore-patient-85.json'));
    performance.clearResourceTimings();
    const el = await listIn(html`<fhir-context server="/fhir" patient="85"><fhir-medication-list status="all"></fhir-medication-list></fhir-context>`);
    expect(el.state).to.equal('ready');
    expect(rowByName(el, '10 ML Furosemide 10 MG/ML Injection')).not.to.equal(undefined);
    expect(requestsTo('/fhir/Medication/')).to.have.length(0);
    expect(allText(el)).not.to.include('Medication name not recorded');
  });

  it('STU3 MedicationRequest and DSTU2 MedicationOrder / MedicationStatement (given directly)', async () => {
    const stu3 = await loadFixture('examples/stu3/MedicationRequest-medrx0302.json');
    const stu3Statement = await loadFixture('examples/stu3/MedicationStatement-example001.json');
    const el = await fixture<FhirMedicationList>(html`<fhir-medication-list status="all" .resources=${[stu3, stu3Statement]}></fhir-medication-list>`);
    await untilState(el, ['ready', 'error']);
    const azithromycin = rowByName(el, /^Azithromycin/)!;
    expect(dosageOf(azithromycin)[0]).to.match(/^Two tablets at once Coded dosage: 2 tablets, oral, once a day/);
    expect(squash(azithromycin.querySelector("[part~='meta']")?.textContent)).to.include('Prescriber: Patrick Pump');

    const order = await loadFixture('examples/dstu2/MedicationOrder-medrx001.json');
    const dstu2 = await fixture<FhirMedicationList>(html`<fhir-medication-list status="all" .resources=${[order]}></fhir-medication-list>`);
    await untilState(dstu2, ['ready', 'error']);
    const row = rowByName(dstu2, 'prescribed medication')!;
    expect(dosageOf(row)).to.deep.equal(['Take 5ml three times daily Coded dosage: 5 mL, oral, three times a day, with or after food']);
    expect(squash(row.querySelector('time')?.textContent)).to.equal('15-Jan-2015');
    await expect(dstu2).to.be.accessible();
  });
});

describeWithFixtures('<fhir-medication-list> paging (Synthea don-moore, 50 orders)', function () {
  this.timeout(60_000); // generous under a loaded CI machine; no assertion depends on time
  let patient: string;
  before(async () => {
    patient = await uploadSynthea('synthea/don-moore-d65926d8.json');
  });

  it('shows all 50 orders with status="all"', async () => {
    const el = await listIn(html`<fhir-context server="/fhir" patient=${patient}><fhir-medication-list status="all"></fhir-medication-list></fhir-context>`);
    expect(el.state).to.equal('ready');
    expect(rows(el, 'current').length + rows(el, 'past').length).to.equal(50);
    expect(allText(el)).not.to.include('showing');
  });

  it('follows link[next] to the end when the server pages by 20', async () => {
    performance.clearResourceTimings();
    const client = hostClient(BASE, { count: 20 });
    const el = await listIn(html`<fhir-context .client=${client} patient=${patient}><fhir-medication-list status="all"></fhir-medication-list></fhir-context>`);
    expect(el.state).to.equal('ready');
    expect(rows(el, 'current').length + rows(el, 'past').length).to.equal(50);
    expect(requestsTo('/fhir/MedicationRequest?').length).to.equal(3);
  });

  it('says "showing N of M" when a limit stops paging', async () => {
    const client = hostClient(BASE, { count: 20 });
    const el = await listIn(html`<fhir-context .client=${client} patient=${patient}><fhir-medication-list status="all" limit="20"></fhir-medication-list></fhir-context>`);
    expect(el.state).to.equal('ready');
    expect(rows(el, 'current').length + rows(el, 'past').length).to.equal(20);
    expect(allText(el)).to.include('Prescriptions: showing 20 of 50');
  });
});

describe('<fhir-medication-list> failures never look like "no medications"', function () {
  this.timeout(60_000); // generous under a loaded CI machine; no assertion depends on time
  for (const kind of ['500', '401']) {
    it(`server fault ${kind}: error state with a message and Retry`, async () => {
      const el = await listIn(html`<fhir-context server="/faults/${kind}/fhir" patient="pat-elderly"><fhir-medication-list></fhir-medication-list></fhir-context>`);
      expect(el.state).to.equal('error');
      expect(allText(el)).to.include('Medications unavailable');
      expect(allText(el)).to.include(`(${kind})`);
      expect(allText(el)).not.to.match(/No medications|No current medications/);
      expect(shadow(el).querySelector("[part~='retry']")).not.to.equal(null);
      await expect(el).to.be.accessible();
    });
  }

  it('timeout (small timeout attribute): error state', async () => {
    const host = await fixture<HTMLElement>(html`<fhir-context server="/faults/timeout/fhir" patient="pat-elderly" timeout="400"
      ><fhir-medication-list></fhir-medication-list
    ></fhir-context>`);
    const el = host.querySelector('fhir-medication-list')!;
    expect(el.state).to.equal('loading');
    expect(allText(el)).to.include('Loading medications');
    await expect(el).to.be.accessible();
    const error = oneEvent(el, 'fhir-error');
    await untilState(el, ['error', 'ready', 'empty']);
    expect(el.state).to.equal('error');
    expect((await error).detail.message).to.match(/did not answer/);
    expect(allText(el)).not.to.include('No medications');
  });

  it('a failure while paging (page2-500) is an error, never a partial list', async () => {
    const client = hostClient(new URL('/faults/page2-500/fhir', location.href).href, { count: 5 });
    const el = await listIn(html`<fhir-context .client=${client} patient="pat-elderly"><fhir-medication-list status="all"></fhir-medication-list></fhir-context>`);
    expect(el.state).to.equal('error');
    expect(rows(el)).to.have.length(0);
    expect(allText(el)).to.include('Medications unavailable');
  });

  it('a failed allergy search still lists medications and says the check could not be made', async () => {
    // A host client whose gateway refuses allergy requests; everything else reaches /fhir.
    const transportless = hostClient(BASE, {
      patient: 'pat-elderly',
      reroute: (url) => {
        if (url.pathname.endsWith('/AllergyIntolerance')) url.pathname = '/faults/500/fhir/AllergyIntolerance';
      },
    });
    const el = await listIn(html`<fhir-context .client=${transportless}><fhir-medication-list></fhir-medication-list></fhir-context>`);
    expect(el.state).to.equal('ready');
    expect(rowByName(el, 'Amoxicillin 500 mg oral capsule')).not.to.equal(undefined);
    const warning = shadow(el).querySelector("[part~='warning']")!;
    expect(squash(warning.textContent)).to.match(/^Allergy check could not be made: allergies unavailable/);
    expect(shadow(el).querySelectorAll("[part~='conflict']")).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});

describe('<fhir-medication-list> given resources', function () {
  this.timeout(60_000); // generous under a loaded CI machine; no assertion depends on time
  it('empty: says so, accessible', async () => {
    const el = await fixture<FhirMedicationList>(html`<fhir-medication-list .resources=${[{ resourceType: 'Patient', id: 'x' }]}></fhir-medication-list>`);
    await untilState(el, ['empty', 'ready', 'error']);
    expect(el.state).to.equal('empty');
    expect(allText(el)).to.equal('No medications recorded');
    await expect(el).to.be.accessible();
  });

  it('server strings are text: markup in a drug name does not run or render', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const el = await fixture<FhirMedicationList>(html`<fhir-medication-list
      .resources=${[
        { resourceType: 'MedicationRequest', id: 'x', status: 'active', medicationCodeableConcept: { text: hostile },
          dosageInstruction: [{ text: '<b>bold</b>' }], requester: { display: '<script>alert(2)</script>' } },
      ]}
    ></fhir-medication-list>`);
    await untilState(el, ['ready', 'error']);
    expect(shadow(el).querySelector('img, b, script:not([type])')).to.equal(null);
    expect(squash(shadow(el).querySelector("[part~='name']")?.textContent)).to.equal(hostile);
    expect(allText(el)).to.include('<b>bold</b>');
    await expect(el).to.be.accessible();
  });

  it('another patient\'s records are dropped and counted', async () => {
    const mine = { resourceType: 'MedicationRequest', id: 'a', status: 'active', subject: { reference: 'Patient/p1' }, medicationCodeableConcept: { text: 'Mine' } };
    const theirs = { ...mine, id: 'b', subject: { reference: 'Patient/p2' }, medicationCodeableConcept: { text: 'Theirs' } };
    const host = await fixture<HTMLElement>(html`<fhir-context patient="p1" .resources=${[mine, theirs]}><fhir-medication-list></fhir-medication-list></fhir-context>`);
    const el = host.querySelector('fhir-medication-list')!;
    await untilState(el, ['ready', 'error']);
    expect(rowByName(el, 'Mine')).not.to.equal(undefined);
    expect(rowByName(el, 'Theirs')).to.equal(undefined);
    expect(allText(el)).to.include('1 record for another patient not shown');
  });

  it('malformed resources render best-effort, never throw', async () => {
    const el = await fixture<FhirMedicationList>(html`<fhir-medication-list
      .resources=${[
        { resourceType: 'MedicationRequest', id: 'm1', status: 42, dosageInstruction: 'twice', medicationReference: 'x' },
        { resourceType: 'MedicationStatement', id: 'm2', dosage: [null, { timing: { repeat: { frequency: 'x' } } }], dateAsserted: 'yesterday' },
      ]}
    ></fhir-medication-list>`);
    await untilState(el, ['ready', 'error', 'empty']);
    expect(el.state).to.equal('ready');
    expect(rows(el)).to.have.length(2);
    expect(allText(el)).not.to.include('undefined');
  });
});

describe('<fhir-medication-list> stories (smoke and accessibility)', function () {
  this.timeout(60_000); // generous under a loaded CI machine; no assertion depends on time
  const expected: Record<string, string> = {
    ActiveOnly: 'ready', All: 'ready', PastGroup: 'ready', LongList: 'ready', AsNeeded: 'ready', Tapering: 'ready',
    Conflict: 'ready', UnresolvedReference: 'ready', Empty: 'empty', ServerError: 'error', Loading: 'loading',
  };
  for (const [name, state] of Object.entries(expected)) {
    it(`${name}: ${state}, accessible`, async () => {
      const stories = await import('../../stories/medication-list.stories.js');
      const meta = stories.default;
      type StoryLike = { args?: object; render?: typeof meta.render; play?: (c: { canvasElement: HTMLElement }) => Promise<void> };
      const story = (stories as unknown as Record<string, StoryLike>)[name];
      expect(story, name).to.be.an('object');
      const args = { ...meta.args, ...story.args } as Parameters<NonNullable<typeof meta.render>>[0];
      const render = story.render ?? meta.render!;
      const canvas = await fixture<HTMLElement>(html`<div>${render(args, {} as never)}</div>`);
      const el = canvas.querySelector('fhir-medication-list')!;
      if (state !== 'loading') await untilState(el, [state]);
      await story.play?.({ canvasElement: canvas });
      await el.updateComplete;
      expect(el.state, name).to.equal(state);
      await expect(el).to.be.accessible();
    });
  }

  it('1,000 orders: every row ends up in the DOM in order, with whole counts and no busy list left', async () => {
    const orders = Array.from({ length: 1000 }, (_, i) => ({
      resourceType: 'MedicationRequest',
      id: `long-${i}`,
      status: i % 5 < 3 ? 'active' : 'completed',
      intent: 'order',
      subject: { reference: 'Patient/long-list' },
      authoredOn: `2020-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
      medicationCodeableConcept: { text: `Drug ${String(i).padStart(4, '0')}` },
    }));
    const el = await fixture<FhirMedicationList>(html`<fhir-medication-list status="all" .resources=${orders}></fhir-medication-list>`);
    await untilState(el, ['ready', 'error']);
    expect(el.state).to.equal('ready');
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelectorAll('li.row').length === 1000, 'not every row reached the DOM', { timeout: 15000 });
    await el.updateComplete;
    const rows = [...root.querySelectorAll<HTMLElement>('li.row')];
    expect(rows.filter((row) => row.dataset.group === 'current')).to.have.length(600);
    expect(rows.filter((row) => row.dataset.group === 'past')).to.have.length(400);
    // every order exactly once, current rows before past ones (reading and Tab order)
    const names = rows.map((row) => /Drug \d{4}/.exec(row.textContent ?? '')?.[0]);
    expect(new Set(names).size).to.equal(1000);
    expect(rows.findIndex((row) => row.dataset.group === 'past')).to.equal(600);
    expect(squash(root.querySelector('#current-label')!.textContent)).to.equal('Current medications (600)');
    expect(squash(root.querySelector('#past-toggle')!.textContent)).to.include('Past medications (400)');
    root.querySelectorAll('ul.list').forEach((list) => expect(list.getAttribute('aria-busy')).to.equal('false'));
  });

  const longList = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      resourceType: 'MedicationRequest',
      id: `long-${i}`,
      status: i % 5 < 3 ? 'active' : 'completed',
      intent: 'order',
      subject: { reference: 'Patient/long-list' },
      medicationCodeableConcept: { text: `Drug ${String(i).padStart(4, '0')}` },
    }));

  it('1,000 orders: while the first screenful is shown alone the counts are whole and the lists say busy', async () => {
    const el = await fixture<FhirMedicationList>(html`<fhir-medication-list status="all" .resources=${longList(1000)}></fhir-medication-list>`);
    await untilState(el, ['ready', 'error']);
    await el.updateComplete;
    const root = el.shadowRoot!;
    const drawn = root.querySelectorAll('li.row').length;
    expect(drawn).to.be.greaterThan(0).and.lessThan(1000);
    expect(squash(root.querySelector('#current-label')!.textContent)).to.equal('Current medications (600)');
    expect(squash(root.querySelector('#past-toggle')!.textContent)).to.include('Past medications (400)');
    root.querySelectorAll('ul.list').forEach((list) => expect(list.getAttribute('aria-busy')).to.equal('true'));
    // the rows drawn so far are the first ones, in reading order
    const names = [...root.querySelectorAll('li.row')].map((row) => /Drug \d{4}/.exec(row.textContent ?? '')?.[0]);
    expect(names[0]).to.equal('Drug 0000');
    // off-screen rows stay in the DOM and are skipped by layout instead (find in page, screen readers)
    expect(getComputedStyle(root.querySelector('li.row')!).contentVisibility).to.equal('auto');
  });

  it('1,000 orders: a list moved in the page while filling in goes on to the last row', async () => {
    const el = await fixture<FhirMedicationList>(html`<fhir-medication-list status="all" .resources=${longList(1000)}></fhir-medication-list>`);
    await untilState(el, ['ready', 'error']);
    const parent = el.parentElement!;
    el.remove();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    parent.append(el);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelectorAll('li.row').length === 1000, 'the list stopped filling in after it was moved', { timeout: 15000 });
    await el.updateComplete;
    root.querySelectorAll('ul.list').forEach((list) => expect(list.getAttribute('aria-busy')).to.equal('false'));
  });
});
