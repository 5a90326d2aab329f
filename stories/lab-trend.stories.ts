// <fhir-lab-trend> in every state, fed by the demo data generator through `resources` (no
// network), plus a context that never answers (loading) and one that cannot connect (error).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoResources, generateScalePatient } from '../demo/data/generator.js';
import type { FhirClientLike } from '../src/fhir/transport.js';
import { TREND_RANGES } from '../src/model/lab-series.js';

const LOINC = 'http://loinc.org';

interface TrendArgs {
  code: string;
  range: (typeof TREND_RANGES)[number];
}

/** A client that never answers: the widget stays in its loading state. */
const silentClient: FhirClientLike = {
  state: { serverUrl: 'https://fhir.example.invalid/r4' },
  patient: { id: 'pat-diabetes' },
  request: () => new Promise(() => {}),
};

const records = new Map<string, unknown>();
/** One demo patient's record, generated once per page. */
function record(patientId: string): unknown {
  if (!records.has(patientId)) records.set(patientId, demoResources(patientId));
  return records.get(patientId);
}

let scale: unknown;

const trend = (resources: unknown) => (args: TrendArgs) =>
  html`<fhir-lab-trend code=${args.code} range=${args.range} .resources=${resources}></fhir-lab-trend>`;

const meta: Meta<TrendArgs> = {
  title: 'Widgets/Lab trend',
  component: 'fhir-lab-trend',
  argTypes: {
    code: { control: 'text' },
    range: { control: 'inline-radio', options: [...TREND_RANGES] },
  },
  args: { range: 'all' },
  parameters: {
    docs: {
      description: {
        component:
          'Every result for one or more codes as an SVG trend: reference band, markers by interpretation (critical ringed and labelled, high / low triangles), the latest value with its change, a tooltip, keyboard navigation with a live region, and the same results as a paged table. Unit changes are converted to the latest unit (UCUM, loaded lazily) and labelled; units that cannot be converted get separate charts.',
      },
    },
  },
};
export default meta;
type Story = StoryObj<TrendArgs>;

export const SingleCode: Story = {
  name: 'Single code (HbA1c 4548-4: N / H / HH over 8 years, one entry hidden)',
  args: { code: `${LOINC}|4548-4` },
  render: (args) => trend(record('pat-diabetes'))(args),
};

export const MultipleCodes: Story = {
  name: 'Multiple codes as one series (HbA1c 4548-4 and HPLC 17856-6)',
  args: { code: `${LOINC}|4548-4,${LOINC}|17856-6` },
  render: (args) => trend(record('pat-diabetes'))(args),
};

export const BloodPressure: Story = {
  name: 'Blood pressure (panel 85354-9: systolic and diastolic)',
  args: { code: `${LOINC}|85354-9` },
  render: (args) => trend(record('pat-diabetes'))(args),
};

export const UnitChange: Story = {
  name: 'Unit change (creatinine mg/dL → µmol/L by molar mass)',
  args: { code: `${LOINC}|2160-0` },
  render: (args) => trend(record('pat-ckd'))(args),
};

export const UnitChangeHemoglobin: Story = {
  name: 'Unit change (hemoglobin g/dL → g/L)',
  args: { code: `${LOINC}|718-7` },
  render: (args) => trend(record('pat-ckd'))(args),
};

export const CriticalValues: Story = {
  name: 'Critical values (potassium with an HH result)',
  args: { code: `${LOINC}|2823-3` },
  render: (args) => trend(record('pat-ckd'))(args),
};

export const Comparator: Story = {
  name: 'Comparator value (CRP "<5 mg/L")',
  args: { code: `${LOINC}|1988-5` },
  render: (args) => trend(record('pat-ckd'))(args),
};

export const TextOnlyRanges: Story = {
  name: 'Text-only reference ranges (urine albumin/creatinine "<30 mg/g")',
  args: { code: `${LOINC}|14959-1` },
  render: (args) => trend(record('pat-diabetes'))(args),
};

export const NonNumeric: Story = {
  name: 'Non-numeric results only (urine culture: coded and text, table only)',
  args: { code: `${LOINC}|630-4` },
  render: (args) => trend(record('pat-ckd'))(args),
};

export const HundredThousandPoints: Story = {
  name: '100,000 points (decimated drawing, paged table)',
  args: { code: `${LOINC}|2339-0` },
  render: (args) => {
    scale ??= generateScalePatient({ observations: 100_000 });
    return trend(scale)(args);
  },
};

export const Empty: Story = {
  name: 'Empty (no results for the code)',
  args: { code: `${LOINC}|4548-4` },
  render: (args) => trend(record('pat-child'))(args),
};

export const Loading: Story = {
  name: 'Loading (a server that never answers)',
  args: { code: `${LOINC}|4548-4` },
  render: (args) => html`<fhir-context .client=${silentClient}>
    <fhir-lab-trend code=${args.code} range=${args.range}></fhir-lab-trend>
  </fhir-context>`,
};

export const ErrorState: Story = {
  name: 'Error (server unreachable)',
  args: { code: `${LOINC}|4548-4` },
  render: (args) => html`<fhir-context server="http://127.0.0.1:9/fhir" patient="pat-diabetes" timeout="3000">
    <fhir-lab-trend code=${args.code} range=${args.range}></fhir-lab-trend>
  </fhir-context>`,
};
