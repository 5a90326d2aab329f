// The English words of <fhir-results>' flowsheet: they come with its module (flowsheet-view.ts).
import { formatFor } from '../../i18n/format.js';
import type { ResultsSheetWords } from './results.messages.js';

const en = formatFor('en-GB', 'nhs-cui');
const n = (count: number): string => en.number(count) ?? String(count);

export const resultsSheetEn: ResultsSheetWords = {
  flowsheetCaption: 'Laboratory flowsheet',
  flowsheetOrder: 'Newest results on the left',
  testColumn: 'Test',
  pager: {
    newer: 'Newer',
    older: 'Older',
    showing: (from, to, of) => `Columns ${n(from)}–${n(to)} of ${n(of)}`,
  },
  referenceRange: 'Range',
};
