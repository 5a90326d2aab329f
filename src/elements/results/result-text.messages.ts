// The English words of <fhir-results>' values, ranges and flags: they come with result-text.ts (the report
// detail's and the flowsheet's).
import type { ResultsValueWords } from './results.messages.js';

export const resultsValueEn: ResultsValueWords = {
  severity: { critical: 'Critical', abnormal: 'Abnormal', normal: 'Normal' },
  direction: { high: 'high', low: 'low' },
  yes: 'Yes',
  no: 'No',
  absent: (reason) => (reason ? `No value: ${reason}` : 'No value'),
  sampled: 'Sampled data (not shown)',
  attachmentValue: (title) => (title ? `Attachment: ${title}` : 'Attachment'),
  appliesTo: (who) => `(${who})`,
  age: (low, high) => `age ${low ?? ''}–${high ?? ''}`,
  noValue: 'No value',
};
