// <fhir-patient-summary> in every state, fed by the demo data generator through `resources`
// (no network), plus a context that never answers (loading) and one that cannot connect (error).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { FhirResource, Patient } from 'fhir/r4';
import { html } from 'lit';
import { demoResources } from '../demo/data/generator.js';
import type { FhirClientLike } from '../src/fhir/transport.js';

type Resource = FhirResource & Record<string, unknown>;

/** A demo patient's record with its Patient resource changed by `patch`. */
function record(patientId: string, patch: (patient: Patient) => Patient = (p) => p): Resource[] {
  return (demoResources(patientId) as Resource[]).map((r) => (r.resourceType === 'Patient' ? (patch(r as Patient) as Resource) : r));
}

const silentClient: FhirClientLike = {
  state: { serverUrl: 'https://fhir.example.invalid/r4' },
  patient: { id: 'pat-elderly' },
  request: () => new Promise(() => {}),
};

interface Args {
  sections: string;
}

const summary = (resources: unknown, args?: Partial<Args>) =>
  html`<fhir-patient-summary .resources=${resources} sections=${args?.sections ?? ''}></fhir-patient-summary>`;

const meta: Meta<Args> = {
  title: 'Widgets/Patient summary',
  component: 'fhir-patient-summary',
  args: { sections: '' },
  argTypes: {
    sections: { control: 'text', description: 'allergies problems medications vitals (space- or comma-separated; empty = all)' },
  },
};
export default meta;
type Story = StoryObj<Args>;

export const Elderly: Story = {
  name: 'Elderly patient (NHS No., known allergies, polypharmacy)',
  render: (args) => summary(record('pat-elderly'), args),
};

export const Child: Story = {
  name: 'Child (high-criticality allergy, growth vitals)',
  render: (args) => summary(record('pat-child'), args),
};

export const InfantAge: Story = {
  name: 'Infant age (weeks and days)',
  render: (args) => summary(record('pat-infant'), args),
};

export const NoKnownAllergies: Story = {
  render: (args) => summary(record('pat-ckd'), args),
};

export const AllergiesNotRecorded: Story = {
  render: (args) => summary(record('pat-diabetes'), args),
};

export const Deceased: Story = {
  name: 'Deceased patient',
  render: (args) => summary(record('pat-elderly', (p) => ({ ...p, deceasedDateTime: '2026-10-28T06:40:00Z' })), args),
};

export const LongNames: Story = {
  name: 'Long names',
  render: (args) =>
    summary(
      record('pat-ckd', (p) => ({
        ...p,
        name: [
          {
            use: 'official',
            family: 'Montgomery-Fitzwilliam-Ashworth-Vanderbilt',
            given: ['Margaretha', 'Alexandrina', 'Wilhelmina', 'Josephine'],
            prefix: ['The Right Honourable Dr'],
          },
        ],
      })),
      args,
    ),
};

export const NoIdentifiers: Story = {
  name: 'No identifiers, gender and birth date missing',
  render: (args) =>
    summary(
      record('pat-diabetes', (p) => {
        const { identifier: _identifier, gender: _gender, birthDate: _birthDate, ...rest } = p;
        return rest;
      }),
      args,
    ),
};

export const SomeSections: Story = {
  name: 'Only allergies and vitals (sections attribute)',
  args: { sections: 'allergies vitals' },
  render: (args) => summary(record('pat-child'), args),
};

export const Loading: Story = {
  render: () => html`<fhir-context .client=${silentClient} timeout="2000000000">
    <fhir-patient-summary></fhir-patient-summary>
  </fhir-context>`,
};

export const ServerError: Story = {
  name: 'Server error',
  render: () => html`<fhir-context server="http://127.0.0.1:9/fhir" patient="pat-elderly" timeout="3000">
    <fhir-patient-summary></fhir-patient-summary>
  </fhir-context>`,
};
