// The English words of <fhir-results>' values, ranges and flags: they come with result-text.ts (the report
// detail's and the flowsheet's).
import type { ResultsValueWords } from './results.messages.js';

export const resultsValueEn: ResultsValueWords = {
  severity: { critical: 'Critical', abnormal: 'Abnormal', normal: 'Normal' },
  direction: { high: 'high', low: 'low' },
  yes: 'Yes',
  no: 'No',
  appliesTo: (who) => `(${who})`,
  age: (low, high) => `age ${low ?? ''}–${high ?? ''}`,
  noValue: 'No value',
};
