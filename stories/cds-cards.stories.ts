// <fhir-cds-cards> in every state. Storybook is a static site with no server, so the stories run
// the demo CDS service's real rules (demo/cds/services.ts) in the page, answering fetches to
// https://cds-demo.invalid/<mode>/cds-services only (every other fetch goes through untouched);
// the FHIR data is the demo data generator's, given to <fhir-context> as resources and sent to the
// service as prefetch. Modes: ok, renal-500 (one service fails), all-500, hang (never answers).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { SERVICES, discovery } from '../demo/cds/services.js';
import { resourcesOf } from '../demo/cds/rules.js';
import { demoResources } from '../demo/data/generator.js';
import { HIE_PATIENTS, hieResources } from '../demo/data/hie.js';

const STORY_ORIGIN = 'https://cds-demo.invalid';
type Mode = 'ok' | 'renal-500' | 'all-500' | 'hang';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function answer(mode: Mode, rest: string, init: RequestInit | undefined): Promise<Response> {
  if (rest === '' || rest === '/') return json(discovery());
  const [id, feedback] = rest.replace(/^\//, '').split('/');
  const service = SERVICES.find((s) => s.id === id);
  if (!service) return json({ error: 'no such service' }, 404);
  if (feedback === 'feedback') return json({});
  if (mode === 'hang') {
    return new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
  }
  if (mode === 'all-500' || (mode === 'renal-500' && id === 'renal-dosing')) return json({ error: 'internal error' }, 500);
  const body = JSON.parse(String(init?.body ?? '{}')) as { context: { patientId: string }; prefetch?: Record<string, unknown> };
  const data = Object.fromEntries(service.prefetch.map((key) => [key, resourcesOf(body.prefetch?.[key])]));
  const cards = service.cards(data as Parameters<typeof service.cards>[0], body.context.patientId, `${location.origin}/smart/launch.html`, Date.now());
  return json({ cards });
}

let installed = false;
/** Answers fetches to STORY_ORIGIN in the page (stories only: tests use the real service over HTTP). */
function installStoryService(): void {
  if (installed) return;
  installed = true;
  const original = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== STORY_ORIGIN) return original(input, init);
    const match = /^\/([^/]+)\/cds-services(\/.*)?$/.exec(url.pathname);
    if (!match) return Promise.resolve(json({ error: 'not found' }, 404));
    return answer(match[1] as Mode, match[2] ?? '', init);
  };
}

const patientOf = (id: string) => demoResources(id);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** The polypharmacy patient, plus trimethoprim and ibuprofen orders, an eGFR of 24 and type 2 diabetes (no HbA1c). */
function everyRule(): unknown[] {
  const id = 'pat-elderly';
  const subject = { reference: `Patient/${id}` };
  const order = (suffix: string, text: string) => ({
    resourceType: 'MedicationRequest',
    id: `${id}-story-${suffix}`,
    status: 'active',
    intent: 'order',
    subject,
    medicationCodeableConcept: { text },
  });
  return [
    ...patientOf(id),
    order('tmp', 'Trimethoprim 200 mg tablet'),
    order('ibu', 'Ibuprofen 400 mg tablet'),
    {
      resourceType: 'Observation',
      id: `${id}-story-egfr`,
      status: 'final',
      subject,
      code: { coding: [{ system: 'http://loinc.org', code: '33914-3' }], text: 'eGFR' },
      effectiveDateTime: daysAgo(7),
      valueQuantity: { value: 24, unit: 'mL/min/1.73m2' },
    },
    {
      resourceType: 'Condition',
      id: `${id}-story-dm`,
      subject,
      code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Type 2 diabetes mellitus' }] },
    },
  ];
}

interface Args {
  mode: Mode;
  patient: string;
  resources: unknown[];
  timeout: number;
}

const meta: Meta<Args> = {
  title: 'Widgets/CDS cards',
  component: 'fhir-cds-cards',
  parameters: {
    docs: {
      description: {
        component:
          'Decision support from a CDS Hooks 2.0 service for the context\'s patient: critical → warning → info, suggestions the host applies (`fhir-cds-suggestion`), links (`fhir-cds-link`), dismiss with an override reason (`fhir-cds-dismiss` and feedback). A failed service is named — never "no alerts". These stories run the demo service\'s rules in the page.',
      },
    },
  },
  argTypes: {
    mode: { control: 'inline-radio', options: ['ok', 'renal-500', 'all-500', 'hang'] },
    resources: { control: false },
    patient: { control: false },
  },
  args: { mode: 'ok', patient: 'pat-elderly', resources: everyRule(), timeout: 10_000 },
  render: ({ mode, patient, resources, timeout }) => {
    installStoryService();
    return html`<fhir-context patient=${patient} .resources=${resources}>
      <fhir-cds-cards service=${`${STORY_ORIGIN}/${mode}/cds-services`} timeout=${timeout}></fhir-cds-cards>
    </fhir-context>`;
  },
};
export default meta;
type Story = StoryObj<Args>;

/** Every rule fires: drug–allergy (critical), methotrexate–trimethoprim (warning), NSAID with eGFR 24 (warning), diabetes without HbA1c (info). */
export const Ready: Story = {};

/** Only the drug–allergy conflict of the unmodified polypharmacy record (amoxicillin with a penicillin allergy). */
export const DrugAllergy: Story = { args: { resources: patientOf('pat-elderly') } };

/** Every service answered with no card: the only state that says "No decision support alerts". */
export const Empty: Story = { args: { patient: 'pat-infant', resources: patientOf('pat-infant') } };

/** "Checking decision support…": the service has not answered yet. */
export const Loading: Story = { args: { mode: 'hang' } };

/** One service failed: `state="ready"`, the `partial` attribute, the cards that came, and the failed service named. */
export const Partial: Story = { args: { mode: 'renal-500' } };

/** Every service failed: "Decision support unavailable", naming each, with Retry. */
export const Unavailable: Story = { name: 'Error (every service failed)', args: { mode: 'all-500' } };

/** Waits until the cards settled, then checks `expect` on the element and its text (the story shows what its name says). */
async function shows(canvas: HTMLElement, expect: (el: HTMLElement & { partial?: boolean }, text: string) => string | undefined): Promise<void> {
  const el = canvas.querySelector<HTMLElement & { state?: string; partial?: boolean; updateComplete?: Promise<unknown> }>('fhir-cds-cards');
  if (!el) throw new Error('no <fhir-cds-cards> in the story');
  const deadline = Date.now() + 10_000;
  while (!['ready', 'empty', 'error'].includes(el.state ?? '')) {
    if (Date.now() > deadline) throw new Error(`<fhir-cds-cards> stayed ${el.state}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await el.updateComplete;
  const text = (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
  const problem = expect(el, text);
  if (problem) throw new Error(`<fhir-cds-cards>: ${problem} — ${text.slice(0, 300)}`);
}

/**
 * Two sources, one call: the EMR (the context) orders ibuprofen; only the regional HIE (a
 * `<fhir-source>`) knows the child's ibuprofen allergy. The services get the merged record, so the
 * drug–allergy card appears, and the cards say whose records they were based on.
 */
export const TwoSources: Story = {
  name: 'Two sources: an HIE allergy against an EMR order',
  render: ({ timeout }) => {
    installStoryService();
    return html`<fhir-context patient="pat-child" label="Riverside EMR" .resources=${patientOf('pat-child')}>
      <fhir-source patient=${HIE_PATIENTS['pat-child']} label="Regional HIE" .resources=${hieResources('pat-child')}></fhir-source>
      <fhir-cds-cards service=${`${STORY_ORIGIN}/ok/cds-services`} timeout=${timeout}></fhir-cds-cards>
    </fhir-context>`;
  },
  play: async ({ canvasElement }) =>
    shows(canvasElement, (_el, text) => (/ibuprofen/i.test(text) && /allergy/i.test(text) ? undefined : 'no drug–allergy card for ibuprofen')),
};

/**
 * The HIE cannot be reached (a loopback port where nothing listens): the cards from the EMR's
 * records, `partial`, and "Records from Regional HIE unavailable: these alerts do not take them
 * into account" — never a bare "No decision support alerts".
 */
export const FailingSource: Story = {
  name: 'A failing source (partial, named)',
  render: ({ timeout }) => {
    installStoryService();
    return html`<fhir-context patient="pat-child" label="Riverside EMR" .resources=${patientOf('pat-child')}>
      <fhir-source server="http://127.0.0.1:9/fhir" patient=${HIE_PATIENTS['pat-child']} label="Regional HIE" timeout="3000"></fhir-source>
      <fhir-cds-cards service=${`${STORY_ORIGIN}/ok/cds-services`} timeout=${timeout}></fhir-cds-cards>
    </fhir-context>`;
  },
  play: async ({ canvasElement }) =>
    // In any language: `partial`, and the alert naming the failed source by its label.
    shows(canvasElement, (el) =>
      el.partial && el.shadowRoot?.querySelector('[part~="source-failures"][role="alert"]')?.textContent?.includes('Regional HIE')
        ? undefined
        : 'not partial, or the HIE not named in the source-failures alert',
    ),
};
