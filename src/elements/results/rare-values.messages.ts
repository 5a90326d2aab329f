// The English words of <fhir-results>' rarer kinds of value: they come with their module (rare-values.ts).
import type { ResultsRareWords } from './results.messages.js';

export const resultsRareEn: ResultsRareWords = {
  absent: (reason) => (reason ? `No value: ${reason}` : 'No value'),
  sampled: 'Sampled data (not shown)',
  attachmentValue: (title) => (title ? `Attachment: ${title}` : 'Attachment'),
};
