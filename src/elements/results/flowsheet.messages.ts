// The English words of <fhir-results>' flowsheet: they come with its module (flowsheet-view.ts).
import { formatFor, type PluralForms } from '../../i18n/format.js';
import type { ResultsSheetWords } from './results.messages.js';

const en = formatFor('en-GB', 'nhs-cui');
const p = (count: number, forms: PluralForms): string => en.plural(count, forms);
const n = (count: number): string => en.number(count) ?? String(count);

export const resultsSheetEn: ResultsSheetWords = {
  flowsheetCaption: 'Laboratory flowsheet',
  flowsheetOrder: 'Newest results on the left',
  testColumn: 'Test',
  unitsConverted: (from, count, to) =>
    p(count, { one: `# result converted from ${from} to ${to}`, other: `# results converted from ${from} to ${to}` }),
  unitsSplit: (others) => `Also reported in ${others}: shown on a separate row`,
  pager: {
    newer: 'Newer',
    older: 'Older',
    showing: (from, to, of) => `Columns ${n(from)}–${n(to)} of ${n(of)}`,
  },
  referenceRange: 'Range',
  convertedFrom: (value) => `recorded as ${value}`,
};
