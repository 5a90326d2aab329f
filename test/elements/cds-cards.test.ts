// <fhir-cds-cards> in Chromium against the demo CDS Hooks service on the test server
// (/cds-services, fault modes under /cds-faults/<kind>/<ids>/cds-services) and the local FHIR
// server (/fhir), whose requests the test server counts (/cds-test/fhir-log).
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirCdsCards } from '../../src/elements/cds-cards/cds-cards.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import type { FhirClientLike } from '../../src/fhir/transport.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, parts, squash } from '../helpers/widget-dom.js';

defineElements();

const FHIR = new URL('/fhir', location.href).href;
const CDS = '/cds-services';
const fault = (kind: string, ids = 'all') => `/cds-faults/${kind}/${ids}/cds-services`;

interface HookCall {
  base: string;
  serviceId: string;
  context?: { patientId?: string; userId?: string };
  fhirServer?: string;
  accessToken?: string;
  prefetch: Record<string, string>;
  fetched: string[];
}
interface Feedback {
  base: string;
  serviceId: string;
  body: { feedback: { card: string; outcome: string; outcomeTimestamp: string; acceptedSuggestions?: { id: string }[]; overrideReason?: { reason?: { code: string } } }[] };
}

async function cdsLog(): Promise<{ calls: HookCall[]; feedback: Feedback[] }> {
  return (await (await fetch(`${CDS}/_log`)).json()) as { calls: HookCall[]; feedback: Feedback[] };
}
async function clearLogs(): Promise<void> {
  await fetch(`${CDS}/_log`, { method: 'DELETE' });
  await fetch('/cds-test/fhir-log', { method: 'DELETE' });
}
async function fhirLog(): Promise<{ method: string; url: string; from: string }[]> {
  return (await (await fetch('/cds-test/fhir-log')).json()) as { method: string; url: string; from: string }[];
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const med = (patient: string, id: string, text: string, status = 'active') => ({
  resourceType: 'MedicationRequest',
  id: `${patient}-${id}`,
  status,
  intent: 'order',
  subject: { reference: `Patient/${patient}` },
  medicationCodeableConcept: { text },
  authoredOn: daysAgo(30).slice(0, 10),
});

/** A patient with every rule's trigger: penicillin allergy + amoxicillin, two DDI pairs, NSAID with eGFR 24, diabetes without HbA1c. */
function everyRulePatient(id: string): unknown[] {
  return [
    { resourceType: 'Patient', id, name: [{ family: 'Rulesby', given: ['Cora'] }], gender: 'female', birthDate: '1950-02-03' },
    med(id, 'amox', 'Amoxicillin 500 mg capsule'),
    med(id, 'mtx', 'Methotrexate 2.5 mg tablet'),
    med(id, 'tmp', 'Trimethoprim 200 mg tablet'),
    med(id, 'warf', 'Warfarin 5 mg tablet'),
    med(id, 'ibu', 'Ibuprofen 400 mg tablet'),
    {
      resourceType: 'AllergyIntolerance',
      id: `${id}-pen`,
      patient: { reference: `Patient/${id}` },
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
      code: { text: 'Penicillin' },
      criticality: 'high',
    },
    {
      resourceType: 'Observation',
      id: `${id}-egfr`,
      status: 'final',
      subject: { reference: `Patient/${id}` },
      code: { coding: [{ system: 'http://loinc.org', code: '33914-3' }], text: 'eGFR' },
      effectiveDateTime: daysAgo(10),
      valueQuantity: { value: 24, unit: 'mL/min/1.73m2' },
    },
    {
      resourceType: 'Condition',
      id: `${id}-dm`,
      subject: { reference: `Patient/${id}` },
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Type 2 diabetes mellitus' }] },
    },
  ];
}

async function put(resources: unknown[]): Promise<void> {
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => {
      const r = resource as { resourceType: string; id: string };
      return { resource, request: { method: 'PUT', url: `${r.resourceType}/${r.id}` } };
    }),
  };
  const response = await fetch(FHIR, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(bundle) });
  if (!response.ok) throw new Error(`transaction failed: ${response.status}`);
}

const RULES = 'cds-rules';
const DIABETIC = 'cds-diabetic';
const NOTHING = 'cds-nothing';

before(async () => {
  await put(everyRulePatient(RULES));
  await put([
    { resourceType: 'Patient', id: DIABETIC, name: [{ family: 'Sugden', given: ['Ivy'] }], gender: 'female', birthDate: '1960-01-01' },
    {
      resourceType: 'Condition',
      id: `${DIABETIC}-dm`,
      subject: { reference: `Patient/${DIABETIC}` },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Type 2 diabetes mellitus' }] },
    },
    { resourceType: 'Patient', id: NOTHING, name: [{ family: 'Quiet', given: ['Al'] }], gender: 'male', birthDate: '1990-01-01' },
  ]);
});

function cardsOf(el: FhirCdsCards): { indicator: string; service: string; summary: string }[] {
  return parts(el, 'card').map((card) => ({
    indicator: card.dataset.indicator ?? '',
    service: card.dataset.service ?? '',
    summary: squash(card.querySelector('[part~="summary"]')?.textContent),
  }));
}
function cardWith(el: FhirCdsCards, summary: RegExp): HTMLElement {
  const card = parts(el, 'card').find((c) => summary.test(squash(c.querySelector('[part~="summary"]')?.textContent)));
  if (!card) throw new Error(`no card matching ${summary}: ${JSON.stringify(cardsOf(el))}`);
  return card;
}

async function mount(template: ReturnType<typeof html>): Promise<{ context: FhirContext; el: FhirCdsCards }> {
  const context = await fixture<FhirContext>(template);
  const el = context.querySelector('fhir-cds-cards')!;
  return { context, el };
}

describe('<fhir-cds-cards> against the demo CDS service', () => {
  beforeEach(clearLogs);

  it('discovers the services, calls each with prefetch, and sorts cards critical → warning → info, then by service', async () => {
    const { el } = await mount(html`<fhir-context server=${FHIR} patient=${RULES}><fhir-cds-cards service=${CDS}></fhir-cds-cards></fhir-context>`);
    const loaded = oneEvent(el, 'fhir-load');
    expect(await untilState(el, ['ready', 'empty', 'error'])).to.equal('ready');
    const detail = (await loaded).detail as Record<string, number>;
    const cards = cardsOf(el);
    expect(cards.map((c) => c.indicator)).to.deep.equal(['critical', 'warning', 'warning', 'warning', 'info']);
    expect(cards.map((c) => c.service)).to.deep.equal(['medication-safety', 'medication-safety', 'medication-safety', 'renal-dosing', 'diabetes-monitoring']);
    expect(cards[0].summary).to.match(/Amoxicillin .* penicillin allergy/);
    expect(cards[1].summary).to.equal('Interaction: methotrexate with trimethoprim');
    expect(cards[2].summary).to.equal('Interaction: warfarin with ibuprofen');
    expect(detail).to.include({ cards: 5, critical: 1, warning: 3, info: 1, answered: 3, failed: 0, 'service:medication-safety': 3, 'service:renal-dosing': 1 });
    expect(el.hasAttribute('partial')).to.equal(false);

    const { calls } = await cdsLog();
    expect(calls.map((c) => c.serviceId).sort()).to.deep.equal(['diabetes-monitoring', 'medication-safety', 'renal-dosing']);
    for (const call of calls) {
      expect(call.context?.patientId).to.equal(RULES);
      expect(call.fhirServer).to.equal(FHIR);
      expect(call.accessToken).to.equal(undefined);
      expect(Object.values(call.prefetch).every((kind) => kind === 'bundle'), JSON.stringify(call.prefetch)).to.equal(true);
      expect(call.fetched).to.deep.equal([]);
    }
    await expect(el).to.be.accessible();
  });

  it('shows each card part: indicator in words, summary, Markdown detail, source, suggestions with actions, links', async () => {
    const { el } = await mount(html`<fhir-context server=${FHIR} patient=${RULES}><fhir-cds-cards service=${CDS}></fhir-cds-cards></fhir-context>`);
    await untilState(el, ['ready']);
    const renal = cardWith(el, /eGFR 24/);
    expect(squash(renal.querySelector('[part~="indicator"]')?.textContent)).to.equal('⚠ Warning');
    expect(renal.getAttribute('part')).to.equal('card card-warning');
    expect(squash(renal.querySelector('[part~="detail"] strong')?.textContent)).to.equal('24 mL/min/1.73m²');
    expect(squash(renal.querySelector('[part~="source"]')?.textContent)).to.match(/^Source: KDIGO CKD guideline/);
    const suggestion = renal.querySelector<HTMLButtonElement>('[part~="suggestion"]')!;
    expect(suggestion.hasAttribute('data-recommended')).to.equal(true);
    expect(squash(suggestion.textContent)).to.equal('Stop ibuprofen (Recommended)');
    expect(squash(renal.querySelector('[part~="actions"]')?.textContent)).to.match(/^Remove: Discontinue Ibuprofen 400 mg tablet/);
    const link = renal.querySelector<HTMLAnchorElement>('a[part~="link"]')!;
    expect(link.href).to.match(/^https:\/\/kdigo\.org\//);
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');

    const info = cardWith(el, /HbA1c/);
    expect(squash(info.querySelector('[part~="indicator"]')?.textContent)).to.equal('ℹ Info');
    const smart = info.querySelector<HTMLButtonElement>('button[part~="link"][data-type="smart"]')!;
    const linkEvent = oneEvent(el, 'fhir-cds-link');
    smart.click();
    const { detail } = await linkEvent;
    expect(detail.link).to.include({ type: 'smart', appContext: 'hba1c-review' });
    expect(detail.link.url).to.match(/\/smart\/launch\.html$/);
    expect(detail.serviceId).to.equal('diabetes-monitoring');

    const critical = cardWith(el, /penicillin/);
    expect(getComputedStyle(critical).borderInlineStartWidth).to.equal('6px');
    // Each urgency has its colour, on the card's edge and its label alike.
    const colours = (card: Element) => [getComputedStyle(card).borderInlineStartColor, getComputedStyle(card.querySelector('[part~="indicator"]')!).color];
    const [criticalEdge, criticalLabel] = colours(critical);
    expect(criticalLabel).to.equal(criticalEdge);
    expect(new Set([criticalEdge, ...[renal, info].flatMap((card) => colours(card))]).size).to.equal(3);
    expect(colours(renal)[1]).to.equal(colours(renal)[0]);
    expect(colours(info)[1]).to.equal(colours(info)[0]);
    expect(squash(critical.querySelector('[part~="indicator"]')?.textContent)).to.equal('⛔ Critical');
  });

  it('accepting a suggestion fires fhir-cds-suggestion and POSTs accepted feedback with the suggestion id', async () => {
    const { el } = await mount(html`<fhir-context server=${FHIR} patient=${RULES}><fhir-cds-cards service=${CDS}></fhir-cds-cards></fhir-context>`);
    await untilState(el, ['ready']);
    const info = cardWith(el, /HbA1c/);
    const event = oneEvent(el, 'fhir-cds-suggestion');
    info.querySelector<HTMLButtonElement>('[part~="suggestion"]')!.click();
    const { detail } = await event;
    expect(detail.serviceId).to.equal('diabetes-monitoring');
    expect(detail.actions).to.have.length(1);
    expect(detail.actions[0].type).to.equal('create');
    expect((detail.actions[0].resource as { resourceType: string }).resourceType).to.equal('ServiceRequest');
    await el.updateComplete;
    expect(info.querySelector<HTMLButtonElement>('[part~="suggestion"]')!.disabled).to.equal(true);

    let feedback: Feedback[] = [];
    for (let i = 0; i < 100 && !feedback.length; i += 1) {
      feedback = (await cdsLog()).feedback;
      if (!feedback.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(feedback).to.have.length(1);
    expect(feedback[0].serviceId).to.equal('diabetes-monitoring');
    const [item] = feedback[0].body.feedback;
    expect(item.card).to.equal(detail.card.uuid);
    expect(item.outcome).to.equal('accepted');
    expect(item.acceptedSuggestions).to.deep.equal([{ id: detail.suggestion.uuid }]);
    expect(Number.isNaN(Date.parse(item.outcomeTimestamp))).to.equal(false);
  });

  it('dismissing asks for an override reason, then fires fhir-cds-dismiss and POSTs overridden feedback with it', async () => {
    const { el } = await mount(html`<fhir-context server=${FHIR} patient=${RULES}><fhir-cds-cards service=${CDS}></fhir-cds-cards></fhir-context>`);
    await untilState(el, ['ready']);
    const card = cardWith(el, /methotrexate/);
    card.querySelector<HTMLButtonElement>('[part~="dismiss"]')!.click();
    await el.updateComplete;
    const override = card.querySelector('[part~="override"]')!;
    const confirm = card.querySelector<HTMLButtonElement>('[part~="confirm-dismiss"]')!;
    expect(confirm.disabled).to.equal(true);
    await expect(el).to.be.accessible();
    const radios = override.querySelectorAll<HTMLInputElement>('input[type="radio"]');
    expect(radios.length).to.equal(3);
    radios[1].click();
    await el.updateComplete;
    const event = oneEvent(el, 'fhir-cds-dismiss');
    confirm.click();
    const { detail } = await event;
    expect(detail.reason?.code).to.equal('benefit-outweighs-risk');
    await el.updateComplete;
    expect(cardsOf(el).some((c) => /methotrexate/.test(c.summary))).to.equal(false);
    expect(squash(part(el, 'notice')?.textContent)).to.equal('1 card dismissed');

    let feedback: Feedback[] = [];
    for (let i = 0; i < 100 && !feedback.length; i += 1) {
      feedback = (await cdsLog()).feedback;
      if (!feedback.length) await new Promise((r) => setTimeout(r, 50));
    }
    const [item] = feedback[0].body.feedback;
    expect(item).to.include({ card: detail.card.uuid, outcome: 'overridden' });
    expect(item.overrideReason?.reason?.code).to.equal('benefit-outweighs-risk');
  });

  it('a prefetch equal to a widget search is one request: the banner, the list and the CDS services share them', async () => {
    const { context, el } = await mount(html`<fhir-context server=${FHIR} patient=${RULES}>
      <fhir-allergy-banner></fhir-allergy-banner>
      <fhir-medication-list></fhir-medication-list>
      <fhir-patient-summary></fhir-patient-summary>
      <fhir-cds-cards service=${CDS}></fhir-cds-cards>
    </fhir-context>`);
    await untilState(el, ['ready']);
    for (const widget of context.querySelectorAll<HTMLElement & { state: string }>('fhir-allergy-banner, fhir-medication-list, fhir-patient-summary')) {
      await untilState(widget, ['ready', 'empty']);
    }
    const log = await fhirLog();
    const count = (pattern: RegExp) => log.filter((r) => r.from === 'browser' && pattern.test(decodeURIComponent(r.url))).length;
    expect(count(/^\/fhir\/AllergyIntolerance\?patient=cds-rules$/), JSON.stringify(log)).to.equal(1);
    expect(count(/^\/fhir\/MedicationRequest\?_include=MedicationRequest:medication&patient=cds-rules$/)).to.equal(1);
    expect(count(/^\/fhir\/Condition\?patient=cds-rules$/)).to.equal(1);
    expect(log.filter((r) => r.from === 'cds-service')).to.deep.equal([]);
    const { calls } = await cdsLog();
    const safety = calls.find((c) => c.serviceId === 'medication-safety')!;
    expect(safety.prefetch).to.deep.equal({ medications: 'bundle', allergies: 'bundle' });
  });

  it('a patient change while a slow service answers never shows the previous patient\'s cards', async () => {
    const seen = new Set<string>();
    const { context, el } = await mount(html`<fhir-context server=${FHIR} patient=${RULES}><fhir-cds-cards service=${fault('slow')}></fhir-cds-cards></fhir-context>`);
    const observer = new MutationObserver(() => cardsOf(el).forEach((c) => seen.add(c.summary)));
    observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    // Wait until the first patient's calls reached the service (they are held SLOW_MS there).
    for (let i = 0; i < 200 && (await cdsLog()).calls.filter((c) => c.context?.patientId === RULES).length < 3; i += 1) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await cdsLog()).calls.filter((c) => c.context?.patientId === RULES)).to.have.length(3);
    expect(el.state).to.equal('loading');
    context.patient = DIABETIC;
    expect(await untilState(el, ['ready', 'empty', 'error'])).to.equal('ready');
    observer.disconnect();
    cardsOf(el).forEach((c) => seen.add(c.summary));
    expect(cardsOf(el).map((c) => c.summary)).to.deep.equal(['Diabetes: no HbA1c in the last 6 months']);
    expect([...seen]).to.deep.equal(['Diabetes: no HbA1c in the last 6 months']);
  });

  it('says "No decision support alerts" only when every service answered with none', async () => {
    const { el } = await mount(html`<fhir-context server=${FHIR} patient=${NOTHING}><fhir-cds-cards service=${CDS}></fhir-cds-cards></fhir-context>`);
    expect(await untilState(el, ['ready', 'empty', 'error'])).to.equal('empty');
    expect(squash(part(el, 'empty')?.textContent)).to.equal('No decision support alerts');
    await expect(el).to.be.accessible();
  });

  it('shows "Checking decision support…" while loading', async () => {
    const { el } = await mount(html`<fhir-context server=${FHIR} patient=${RULES}><fhir-cds-cards service=${fault('slow')}></fhir-cds-cards></fhir-context>`);
    expect(el.state).to.equal('loading');
    expect(squash(part(el, 'status')?.textContent)).to.equal('Checking decision support…');
    await expect(el).to.be.accessible();
    await untilState(el, ['ready']);
  });
});

describe('<fhir-cds-cards> when services fail: error or partial, never empty', () => {
  beforeEach(clearLogs);

  for (const [kind, why] of [
    ['500', 'answered with an error (HTTP 500)'],
    ['timeout', 'no answer within 1.5 s'],
    ['non-json', 'answered with something that is not a CDS Hooks response'],
  ] as const) {
    it(`one service ${kind}: ready + partial, the others' cards, and the failed one named`, async () => {
      const { el } = await mount(html`<fhir-context server=${FHIR} patient=${RULES}>
        <fhir-cds-cards service=${fault(kind, 'renal-dosing')} timeout="1500"></fhir-cds-cards>
      </fhir-context>`);
      expect(await untilState(el, ['ready', 'empty', 'error'], 20000)).to.equal('ready');
      expect(el.hasAttribute('partial')).to.equal(true);
      expect(el.partial).to.equal(true);
      expect(squash(part(el, 'unavailable')?.textContent)).to.equal(`Decision support from Renal dosing (demo) unavailable: ${why}`);
      expect(part(el, 'unavailable')?.getAttribute('role')).to.equal('alert');
      expect(cardsOf(el).map((c) => c.service)).to.not.include('renal-dosing');
      expect(cardsOf(el)).to.have.length(4);
      await expect(el).to.be.accessible();
    });

    it(`every service ${kind}: error naming each service`, async () => {
      const { el } = await mount(html`<fhir-context server=${FHIR} patient=${RULES}>
        <fhir-cds-cards service=${fault(kind)} timeout="1500"></fhir-cds-cards>
      </fhir-context>`);
      const failed = oneEvent(el, 'fhir-error');
      expect(await untilState(el, ['ready', 'empty', 'error'], 20000)).to.equal('error');
      expect(squash(part(el, 'error-title')?.textContent)).to.equal('Decision support unavailable');
      const message = squash(part(el, 'error-message')?.textContent);
      for (const title of ['Medication safety (demo)', 'Renal dosing (demo)', 'Diabetes monitoring (demo)']) {
        expect(message).to.include(`${title}: ${why}`);
      }
      expect((await failed).detail.message).to.equal(message);
      expect(part(el, 'retry')).to.not.equal(null);
      expect(el.hasAttribute('partial')).to.equal(false);
      await expect(el).to.be.accessible();
    });
  }

  it('a service without CORS, on another origin: error naming the service address, never "no alerts"', async () => {
    const other = new URL(location.href);
    other.hostname = other.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const base = `${other.origin}${fault('no-cors')}`;
    // The other origin is the same test server, reachable (an opaque answer, not a refused connection).
    const reachable = await fetch(base, { mode: 'no-cors' }).then((r) => r.type, () => 'unreachable');
    expect(reachable).to.equal('opaque');
    const { el } = await mount(html`<fhir-context server=${FHIR} patient=${RULES}><fhir-cds-cards service=${base}></fhir-cds-cards></fhir-context>`);
    expect(await untilState(el, ['ready', 'empty', 'error'])).to.equal('error');
    expect(squash(part(el, 'error-message')?.textContent)).to.equal(
      `The decision support service at ${base} could not be used: could not be reached (network error or blocked by CORS)`,
    );
    // And the same address with CORS (the working service on the other origin) answers.
    const working = await mount(html`<fhir-context server=${FHIR} patient=${RULES}>
      <fhir-cds-cards service=${`${other.origin}${CDS}`}></fhir-cds-cards>
    </fhir-context>`);
    expect(await untilState(working.el, ['ready', 'empty', 'error'])).to.equal('ready');
  });
});

describe('<fhir-cds-cards> renders hostile service text inert', () => {
  it('summary, Markdown detail, source and links carrying script and markup run nothing and inject nothing', async () => {
    const win = window as unknown as { __cdsPwned?: number };
    delete win.__cdsPwned;
    const { el } = await mount(html`<fhir-context server=${FHIR} patient=${RULES}><fhir-cds-cards service=${fault('hostile')} services="medication-safety"></fhir-cds-cards></fhir-context>`);
    expect(await untilState(el, ['ready', 'empty', 'error'])).to.equal('ready');
    await new Promise((r) => setTimeout(r, 300));
    expect(win.__cdsPwned).to.equal(undefined);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('script, iframe, form, input, style, object, embed, svg, b, i, span[style]').length).to.equal(0);
    expect(root.querySelectorAll('img').length, 'no Markdown image, no data: icon').to.equal(0);
    for (const element of root.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) expect(attribute.startsWith('on'), attribute).to.equal(false);
    }
    for (const anchor of root.querySelectorAll('a')) {
      expect(anchor.protocol).to.match(/^https?:$/);
      expect(anchor.rel).to.equal('noopener noreferrer');
      expect(anchor.target).to.equal('_blank');
    }
    expect(parts(el, 'card')).to.have.length(1);
    const card = parts(el, 'card')[0];
    expect(squash(card.querySelector('[part~="summary"]')?.textContent)).to.include('<img src=x onerror="window.__cdsPwned=1">');
    const detail = squash(card.querySelector('[part~="detail"]')?.textContent);
    expect(detail).to.include('<script>window.__cdsPwned=3</script>');
    expect(detail).to.include('js link');
    expect(detail).to.include('tracker');
    expect([...card.querySelectorAll('[part~="detail"] a')].map((a) => (a as HTMLAnchorElement).href)).to.deep.equal(['https://example.org/guide']);
    expect(card.querySelector('[part~="source"] a')).to.equal(null);
    expect(card.querySelector('[part~="source-icon"]')).to.equal(null);
    expect([...card.querySelectorAll('[part~="link"]')].map((a) => squash(a.textContent))).to.deep.equal(['good link (opens in a new tab)']);
    expect(squash(part(el, 'notice')?.textContent)).to.equal('1 card could not be read and is not shown');
    await expect(el).to.be.accessible();
  });
});

describe('<fhir-cds-cards> token sharing', () => {
  beforeEach(clearLogs);

  function tokenClient(): FhirClientLike {
    return {
      state: { serverUrl: FHIR, tokenResponse: { access_token: 'secret-cds-token', token_type: 'Bearer', expires_in: 600, scope: 'patient/*.read' } },
      patient: { id: RULES },
      async request(request) {
        const { url, signal } = typeof request === 'string' ? { url: request, signal: undefined } : request;
        const response = await fetch(new URL(url, `${FHIR}/`), { signal, headers: { Accept: 'application/fhir+json' } });
        return response.json();
      },
    };
  }

  it('never sends the access token without share-token (and sends the user the host names)', async () => {
    const { el } = await mount(html`<fhir-context .client=${tokenClient()}>
      <fhir-cds-cards service=${CDS} user-id="Practitioner/dr-1"></fhir-cds-cards>
    </fhir-context>`);
    await untilState(el, ['ready']);
    const { calls } = await cdsLog();
    expect(calls).to.have.length(3);
    expect(calls.every((c) => c.accessToken === undefined)).to.equal(true);
    expect(calls.map((c) => c.context)).to.deep.equal(Array(3).fill({ patientId: RULES, userId: 'Practitioner/dr-1' }));
  });

  it('sends it with share-token to a loopback service (and to https; never to plain http elsewhere)', async () => {
    const { el } = await mount(html`<fhir-context .client=${tokenClient()}><fhir-cds-cards service=${CDS} share-token></fhir-cds-cards></fhir-context>`);
    await untilState(el, ['ready']);
    const { calls } = await cdsLog();
    expect(calls.map((c) => c.accessToken)).to.deep.equal(['secret-cds-token', 'secret-cds-token', 'secret-cds-token']);
  });
});

describe('<fhir-cds-cards> with a malformed record (issue 16)', () => {
  beforeEach(clearLogs);

  it('a record nested 3,000 levels deep is not sent: the others are, the cards come, and the widget says so (ready, partial)', async () => {
    const id = 'cds-deep';
    // 3,000 levels of `{ extension: [...] }` around an object that lost a field (V8 keeps it as a
    // dictionary): JSON.stringify takes its recursive path and overflows the stack on it.
    const leaf: Record<string, unknown> = { url: 'http://example.org/x', valueString: 'leaf', id: 'gone' };
    delete leaf.id;
    let nested: unknown = leaf;
    for (let i = 0; i < 3_000; i++) nested = { extension: [nested] };
    const deep = { ...med(id, 'deep', 'Aspirin 75 mg tablet'), extension: [nested] };
    const el = await fixture<FhirCdsCards>(html`<fhir-cds-cards service=${CDS} .resources=${[...everyRulePatient(id), deep]}></fhir-cds-cards>`);
    const loaded = oneEvent(el, 'fhir-load');
    expect(await untilState(el, ['ready', 'empty', 'error'])).to.equal('ready');
    const detail = (await loaded).detail as Record<string, number>;
    expect(detail).to.include({ cards: 5, critical: 1, answered: 3, failed: 0, malformed: 1 });
    expect(el.hasAttribute('partial')).to.equal(true);
    expect(cardsOf(el)[0].summary).to.match(/Amoxicillin .* penicillin allergy/);
    expect(parts(el, 'notice').map((n) => squash(n.textContent))).to.deep.equal(['1 record could not be sent to decision support (malformed)']);
    expect(part(el, 'empty')).to.equal(null);
    const { calls } = await cdsLog();
    expect(calls.map((c) => c.serviceId).sort()).to.deep.equal(['diabetes-monitoring', 'medication-safety', 'renal-dosing']);
    await expect(el).to.be.accessible();
  });
});
