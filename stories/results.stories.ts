// <fhir-results> in every state and both views, fed by the demo data generator (no network, except
// the error story, which points at a closed port).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoResources } from '../demo/data/generator.js';
import { generateResults } from '../demo/data/results.js';
import { RESULT_CATEGORIES, RESULT_VIEWS, type ResultCategoryFilter, type ResultsView } from '../src/model/diagnostic-report.js';
import { TREND_RANGES, type TrendRange } from '../src/model/lab-series.js';

interface Args {
  category: ResultCategoryFilter;
  view: ResultsView;
  range: TrendRange;
  imagingViewer: string;
  resources: unknown[];
}

const patient = demoResources('pat-ckd').filter((r) => r.resourceType === 'Patient');
const record = [...patient, ...generateResults('pat-ckd')];

const meta: Meta<Args> = {
  title: 'Widgets/Results',
  component: 'fhir-results',
  argTypes: {
    category: { control: 'inline-radio', options: [...RESULT_CATEGORIES] },
    view: { control: 'inline-radio', options: [...RESULT_VIEWS] },
    range: { control: 'inline-radio', options: [...TREND_RANGES] },
    resources: { control: false },
  },
  args: { category: 'all', view: 'reports', range: 'all', imagingViewer: 'https://viewer.ohif.org/viewer?StudyInstanceUIDs={studyUid}', resources: record },
  render: ({ category, view, range, imagingViewer, resources }) =>
    html`<fhir-results category=${category} view=${view} range=${range} imaging-viewer=${imagingViewer} .resources=${resources}></fhir-results>`,
};
export default meta;
type Story = StoryObj<Args>;

/** Reports grouped by category, newest first: a corrected CBC, a preliminary CMP, imaging with a study and a PDF. */
export const Reports: Story = {};

/** The cumulative laboratory flowsheet: tests × dates, newest on the left; arrow keys move between cells. */
export const Flowsheet: Story = { args: { view: 'flowsheet' } };

/** Imaging only: reports with modality and study, and a study that has no report yet. */
export const Imaging: Story = { args: { category: 'imaging' } };

/** The last year only. */
export const LastYear: Story = { args: { range: '1y' } };

/** Nothing recorded: the patient alone. */
export const Empty: Story = { args: { resources: patient } };

/** Loading: a context whose server never answers. */
export const Loading: Story = {
  render: () => html`<fhir-context server="http://127.0.0.1:9/never" patient="x" timeout="600000"><fhir-results></fhir-results></fhir-context>`,
};

/** Error: the server cannot be reached; the widget says what failed and offers Retry. */
export const Error: Story = {
  render: () => html`<fhir-context server="http://127.0.0.1:9/fhir" patient="x"><fhir-results></fhir-results></fhir-context>`,
};
