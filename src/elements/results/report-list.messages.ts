// The English words of <fhir-results>' list of reports: they come with the list's module (report-list.ts).
import { formatFor, type PluralForms } from '../../i18n/format.js';
import type { ResultsListWords } from './results.messages.js';

const en = formatFor('en-GB', 'nhs-cui');
const p = (count: number, forms: PluralForms): string => en.plural(count, forms);
const n = (count: number): string => en.number(count) ?? String(count);

export const resultsListEn: ResultsListWords = {
  group: { laboratory: 'Laboratory', imaging: 'Imaging', pathology: 'Pathology', other: 'Other reports' },
  effective: 'Taken',
  issued: 'Reported',
  performer: 'Performed by',
  interpreter: 'Interpreted by',
  conclusion: 'Conclusion',
  study: 'Study',
  modality: 'Modality',
  bodySite: 'Body site',
  seriesInstances: (series, instances) =>
    [series === undefined ? '' : p(series, { other: '# series' }), instances === undefined ? '' : p(instances, { one: '# image', other: '# images' })]
      .filter(Boolean)
      .join(', '),
  viewImages: 'View images',
  studiesWithoutReport: (count) => `Imaging studies without a report (${n(count)})`,
};
