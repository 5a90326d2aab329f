// <fhir-medication-list> in every state, fed by the demo data generator (no network, except the
// error story, which points at a closed port).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEMO_NOTABLE, demoResources } from '../demo/data/generator.js';
import type { FhirMedicationList } from '../src/elements/medication-list/medication-list.js';
import type { FhirClientLike } from '../src/fhir/transport.js';
import { MEDICATION_STATUS_FILTERS, type MedicationStatusFilter } from '../src/model/medication-list.js';

interface Args {
  status: MedicationStatusFilter;
  resources: unknown[];
}

const elderly = demoResources('pat-elderly');
const notable = DEMO_NOTABLE['pat-elderly'];
const patientOf = (resources: readonly { resourceType: string }[]) => resources.filter((r) => r.resourceType === 'Patient');
/** The elderly patient's Patient resource plus the given resources (by id). */
function elderlyWith(...ids: string[]): unknown[] {
  return [...patientOf(elderly), ...elderly.filter((r) => ids.includes(r.id ?? '') || r.resourceType === 'Medication')];
}

const meta: Meta<Args> = {
  title: 'Widgets/Medication list',
  component: 'fhir-medication-list',
  argTypes: {
    status: { control: 'inline-radio', options: [...MEDICATION_STATUS_FILTERS] },
    resources: { control: false },
  },
  args: { status: 'active', resources: elderly },
  render: ({ status, resources }) => html`<fhir-medication-list status=${status} .resources=${resources}></fhir-medication-list>`,
};
export default meta;
type Story = StoryObj<Args>;

/** Current medications of the polypharmacy patient; past ones are counted, not shown. */
export const ActiveOnly: Story = {};

/** Every order and statement: past ones in a collapsed group. */
export const All: Story = { args: { status: 'all' } };

/** The past group opened (the toggle is a real button with `aria-expanded`). */
export const PastGroup: Story = {
  args: { status: 'all' },
  play: async ({ canvasElement }) => {
    const list = canvasElement.querySelector<FhirMedicationList>('fhir-medication-list');
    await list?.updateComplete;
    for (let i = 0; i < 50 && list?.state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 20));
    list?.shadowRoot?.querySelector<HTMLButtonElement>("[part~='past-toggle']")?.click();
  },
};

/** A long record: the patient's orders renewed every quarter for three years (generated copies). */
export const LongList: Story = {
  args: {
    status: 'all',
    resources: [
      ...elderly,
      ...Array.from({ length: 12 }, (_, quarter) =>
        elderly
          .filter((r) => r.resourceType === 'MedicationRequest' && r.status === 'active')
          .map((r) => ({
            ...r,
            id: `${r.id}-q${quarter}`,
            status: 'completed',
            authoredOn: `${2023 + Math.floor(quarter / 4)}-${String((quarter % 4) * 3 + 1).padStart(2, '0')}-15`,
          })),
      ).flat(),
    ],
  },
};

/** As-needed orders: the reason and the maximum dose per period are part of the line. */
export const AsNeeded: Story = {
  name: 'PRN (as needed)',
  args: { resources: elderlyWith(notable.paracetamolPrn, notable.salbutamolPrn) },
};

/** A reducing course: several dosage instructions, in `sequence` order. */
export const Tapering: Story = { args: { resources: elderlyWith(notable.prednisoloneTaper) } };

/** A penicillin allergy and an active amoxicillin order: the row is flagged, naming the allergy. */
export const Conflict: Story = {
  args: { resources: elderlyWith(notable.amoxicillin, notable.paracetamolPrn, notable.penicillinAllergy) },
};

/** References that resolve nowhere: the reference's display, else "name not recorded" — never an id. */
export const UnresolvedReference: Story = {
  args: {
    status: 'all',
    resources: [
      ...patientOf(elderly),
      ...elderly
        .filter((r) => r.id === notable.completedEnoxaparin || r.id === notable.amoxicillin)
        .map((r, index) => {
          const { medicationCodeableConcept: _concept, ...rest } = r as unknown as Record<string, unknown>;
          return {
            ...rest,
            medicationReference:
              index === 0 ? { reference: 'Medication/not-on-this-server', display: 'Enoxaparin 40 mg/0.4 mL pre-filled syringe' } : { reference: 'Medication/unknown' },
          };
        }),
    ],
  },
};

/** Nothing recorded (the 4-week-old demo patient has no medicines). */
export const Empty: Story = { args: { resources: demoResources('pat-infant') } };

/** The server cannot be reached: "Medications unavailable", a message and Retry — never "no medications". */
export const ServerError: Story = {
  name: 'Error',
  render: ({ status }) => html`<fhir-context server="http://127.0.0.1:9/fhir" patient="pat-elderly"
    ><fhir-medication-list status=${status}></fhir-medication-list
  ></fhir-context>`,
};

const neverAnswers: FhirClientLike = {
  state: { serverUrl: 'https://fhir.example.org/r4' },
  patient: { id: 'pat-elderly' },
  request: () => new Promise(() => {}),
};

/** Waiting for the server. */
export const Loading: Story = {
  render: ({ status }) => html`<fhir-context .client=${neverAnswers}><fhir-medication-list status=${status}></fhir-medication-list></fhir-context>`,
};
