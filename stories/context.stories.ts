// <fhir-context>: one source and one patient for the widgets inside it. Fed with a demo patient's
// record through `resources` (no network); switching the patient control swaps the whole chart.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoResources, DEMO_PATIENTS } from '../demo/data/generator.js';

interface ContextArgs {
  patient: string;
}

const records = new Map<string, unknown>();
/** One demo patient's record, generated once per page. */
function record(patientId: string): unknown {
  if (!records.has(patientId)) records.set(patientId, demoResources(patientId));
  return records.get(patientId);
}

const meta: Meta<ContextArgs> = {
  title: 'Widgets/Context',
  component: 'fhir-context',
  argTypes: {
    patient: {
      control: 'select',
      options: DEMO_PATIENTS.map((patient) => patient.id),
      description: 'The demo patient whose record is given to the context as `resources`.',
    },
  },
  args: { patient: 'pat-elderly' },
  parameters: {
    docs: {
      description: {
        component:
          'Connects the widgets inside it to one FHIR source and one patient: an open server (`server` + `patient`), a SMART launch (`smart`), a fhirclient `Client` (`client`), or resources given directly (`resources`, as here). Changing any of them reloads every widget, and a response for the previous patient is never shown.',
      },
    },
  },
};
export default meta;
type Story = StoryObj<ContextArgs>;

export const Chart: Story = {
  name: 'A chart from one context (resources, no network)',
  render: ({ patient }) => html`<fhir-context patient=${patient} .resources=${record(patient)}>
    <div style="display: grid; gap: 0.75rem;">
      <fhir-patient-summary></fhir-patient-summary>
      <fhir-allergy-banner></fhir-allergy-banner>
      <fhir-medication-list status="active"></fhir-medication-list>
      <fhir-lab-trend code="http://loinc.org|85354-9,http://loinc.org|55284-4" range="all"></fhir-lab-trend>
    </div>
  </fhir-context>`,
};
