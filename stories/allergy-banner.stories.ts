// <fhir-allergy-banner> in every state, fed by the demo data generator through `resources`
// (no network), plus a context that never answers (loading) and one that cannot connect (error).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { FhirResource } from 'fhir/r4';
import { html } from 'lit';
import { demoResources } from '../demo/data/generator.js';
import type { FhirClientLike } from '../src/fhir/transport.js';

type Resource = FhirResource & Record<string, unknown>;

const codeOf = (r: Resource): string => JSON.stringify((r as { code?: unknown }).code ?? '');
const isAllergy = (r: Resource): boolean => r.resourceType === 'AllergyIntolerance';

/** A demo patient's record, optionally keeping only some of its allergies. */
function record(patientId: string, keepAllergy: (allergy: Resource) => boolean = () => true): Resource[] {
  return (demoResources(patientId) as Resource[]).filter((r) => !isAllergy(r) || keepAllergy(r));
}

/** A client that never answers: the widget stays in its loading state. */
const silentClient: FhirClientLike = {
  state: { serverUrl: 'https://fhir.example.invalid/r4' },
  patient: { id: 'pat-child' },
  request: () => new Promise(() => {}),
};

const banner = (resources: unknown) => html`<fhir-allergy-banner .resources=${resources}></fhir-allergy-banner>`;

const meta: Meta = {
  title: 'Widgets/Allergy banner',
  component: 'fhir-allergy-banner',
  parameters: {
    docs: {
      description: {
        component:
          'Leads with exactly one status (Known allergies · No known allergies · Allergies not recorded · Allergies unavailable), then the allergens, high criticality first.',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

export const KnownAllergies: Story = {
  name: 'Known allergies (penicillin, codeine, unconfirmed sulfonamide, inactive latex, one hidden)',
  render: () => banner(record('pat-elderly')),
};

export const HighCriticality: Story = {
  name: 'High criticality (peanut anaphylaxis)',
  render: () => banner(record('pat-child')),
};

export const NoKnownAllergies: Story = {
  name: 'No known allergies (SNOMED 716186003)',
  render: () => banner(record('pat-ckd')),
};

export const NoKnownDrugAllergiesOnly: Story = {
  name: 'No known drug allergies only (a partial assertion)',
  render: () =>
    banner(
      record('pat-ckd').map((r) =>
        isAllergy(r)
          ? { ...r, code: { coding: [{ system: 'http://snomed.info/sct', code: '409137002', display: 'No known drug allergy' }], text: 'NKDA' } }
          : r,
      ),
    ),
};

export const NotRecorded: Story = {
  name: 'Allergies not recorded',
  render: () => banner(record('pat-diabetes')),
};

export const Unavailable: Story = {
  name: 'Allergies unavailable (server error)',
  render: () => html`<fhir-context server="http://127.0.0.1:9/fhir" patient="pat-child" timeout="3000">
    <fhir-allergy-banner></fhir-allergy-banner>
  </fhir-context>`,
};

export const Loading: Story = {
  render: () => html`<fhir-context .client=${silentClient} timeout="2000000000">
    <fhir-allergy-banner></fhir-allergy-banner>
  </fhir-context>`,
};

export const Unconfirmed: Story = {
  name: 'Unconfirmed allergy only',
  render: () => banner(record('pat-elderly', (a) => codeOf(a).includes('Sulfonamide'))),
};

export const InactiveOnly: Story = {
  name: 'Inactive / resolved allergies only',
  render: () => banner(record('pat-elderly', (a) => codeOf(a).includes('Latex'))),
};

export const EnteredInErrorHidden: Story = {
  name: 'Entered-in-error hidden and counted',
  render: () => banner(record('pat-elderly', (a) => codeOf(a).includes('Aspirin') || codeOf(a).includes('Codeine'))),
};

export const Contradiction: Story = {
  name: '"No known allergies" beside a current allergy (flagged)',
  render: () => banner([...record('pat-ckd'), ...record('pat-child').filter((r) => isAllergy(r)).map((r) => ({ ...r, patient: { reference: 'Patient/pat-ckd' } }))]),
};

export const OtherPatientDropped: Story = {
  name: 'A record of another patient dropped and counted',
  render: () => banner([...record('pat-ckd'), ...record('pat-child').filter(isAllergy)]),
};
