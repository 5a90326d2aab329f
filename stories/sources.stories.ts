// Several sources (<fhir-source>): the EMR's record on the context and the regional HIE's as a
// second source, both fed by the demo data generators through `resources` (Storybook is static: no
// FHIR server); the failing source points at a loopback port where nothing listens (fails fast).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoResources } from '../demo/data/generator.js';
import { HIE_PATIENTS, hieResources, type HieKnownPatient } from '../demo/data/hie.js';

const emrRecords = new Map<string, unknown>();
const hieRecords = new Map<string, unknown>();
/** A demo patient's EMR record, generated once per page. */
function emr(patientId: HieKnownPatient): unknown {
  if (!emrRecords.has(patientId)) emrRecords.set(patientId, demoResources(patientId));
  return emrRecords.get(patientId);
}
/** The same person's record at the regional HIE (its own ids), generated once per page. */
function hie(patientId: HieKnownPatient): unknown {
  if (!hieRecords.has(patientId)) hieRecords.set(patientId, hieResources(patientId));
  return hieRecords.get(patientId);
}

/** The EMR as the context (primary), the HIE as a second source, and `widgets` inside. */
const twoSources = (patientId: HieKnownPatient, widgets: unknown) =>
  html`<fhir-context patient=${patientId} label="Riverside EMR" .resources=${emr(patientId)}>
    <fhir-source patient=${HIE_PATIENTS[patientId]} label="Regional HIE" .resources=${hie(patientId)}></fhir-source>
    <div style="display: grid; gap: 0.75rem;">${widgets}</div>
  </fhir-context>`;

type Widget = HTMLElement & { state?: string; partial?: boolean };

/**
 * Waits until the widget `tag` in the story settled (ready / empty / error), then checks `expect`
 * on it and its shadow text: the story shows what its name says, or its play function fails.
 */
async function shows(canvas: HTMLElement, tag: string, expect: (el: Widget, text: string) => string | undefined): Promise<void> {
  const el = canvas.querySelector<Widget>(tag);
  if (!el) throw new Error(`no <${tag}> in the story`);
  const deadline = Date.now() + 10_000;
  while (!['ready', 'empty', 'error'].includes(el.state ?? '')) {
    if (Date.now() > deadline) throw new Error(`<${tag}> stayed ${el.state}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  const text = (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
  const problem = expect(el, text);
  if (problem) throw new Error(`<${tag}>: ${problem} — ${text.slice(0, 300)}`);
}

const meta: Meta = {
  title: 'Widgets/Sources',
  component: 'fhir-source',
  parameters: {
    docs: {
      description: {
        component:
          'One chart from several records: the context is the primary source (here the EMR), each `<fhir-source>` inside it adds another (here the regional HIE, with its own patient id). Every widget merges them: duplicates shown once listing both sources, every row labelled with its source, a failed source named in words (the widget is `partial`), and the summary warns when the sources disagree on who the patient is. CDS cards call their services once with the merged record (see Widgets/CDS cards).',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

export const TwoSources: Story = {
  name: 'Two sources merged (EMR + regional HIE)',
  render: () =>
    twoSources(
      'pat-diabetes',
      html`<fhir-patient-summary></fhir-patient-summary>
        <fhir-allergy-banner></fhir-allergy-banner>
        <fhir-medication-list status="active"></fhir-medication-list>
        <fhir-lab-trend code="http://loinc.org|4548-4" range="all"></fhir-lab-trend>`,
    ),
  play: async ({ canvasElement }) => {
    await shows(canvasElement, 'fhir-medication-list', (el) =>
      el.shadowRoot?.querySelector('[part~="source"]') ? undefined : 'no source label on the rows',
    );
  },
};

export const Duplicate: Story = {
  name: 'A duplicate shown once, an HIE-only allergy against an EMR order',
  render: () =>
    twoSources(
      'pat-child',
      html`<fhir-allergy-banner></fhir-allergy-banner>
        <fhir-medication-list status="active"></fhir-medication-list>`,
    ),
  play: async ({ canvasElement }) => {
    await shows(canvasElement, 'fhir-allergy-banner', (el) => {
      const peanut = [...(el.shadowRoot?.querySelectorAll('[part~="allergen"]') ?? [])].filter((a) => /peanut/i.test(a.textContent ?? ''));
      return peanut.length === 1 ? undefined : `peanut shown ${peanut.length} times, expected once`;
    });
    await shows(canvasElement, 'fhir-medication-list', (el) =>
      el.shadowRoot?.querySelector('[part~="conflict"]') ? undefined : 'no conflict with the HIE-only allergy',
    );
  },
};

export const FailingSource: Story = {
  name: 'A failing source (partial, named)',
  render: () => html`<fhir-context patient="pat-child" label="Riverside EMR" .resources=${emr('pat-child')}>
    <fhir-source server="http://127.0.0.1:9/fhir" patient=${HIE_PATIENTS['pat-child']} label="Regional HIE" timeout="3000"></fhir-source>
    <div style="display: grid; gap: 0.75rem;">
      <fhir-allergy-banner></fhir-allergy-banner>
      <fhir-medication-list status="active"></fhir-medication-list>
      <fhir-patient-summary></fhir-patient-summary>
    </div>
  </fhir-context>`,
  play: async ({ canvasElement }) => {
    for (const tag of ['fhir-allergy-banner', 'fhir-medication-list', 'fhir-patient-summary']) {
      await shows(canvasElement, tag, (el) => (el.partial ? undefined : 'not partial'));
    }
  },
};

export const IdentityMismatch: Story = {
  name: 'Identity mismatch (birth date differs at the HIE)',
  render: () => twoSources('pat-ckd', html`<fhir-patient-summary></fhir-patient-summary>`),
  play: async ({ canvasElement }) => {
    await shows(canvasElement, 'fhir-patient-summary', (el) =>
      el.shadowRoot?.querySelector('[part~="identity-mismatch"]') ? undefined : 'no identity warning',
    );
  },
};
