// The English words of an opened <fhir-results> report: they come with the detail's module (report-detail.ts).
import type { ResultsDetailWords } from './results.messages.js';


export const resultsDetailEn: ResultsDetailWords = {
  notes: 'Notes',
  showResults: (name) => `Show details of ${name}`,
  table: { test: 'Test', value: 'Result', range: 'Reference range', flag: 'Flag', notes: 'Notes' },
  missing: (m) => {
    const what = m.display ? `${m.display} (${m.reference})` : m.reference || 'A result';
    if (m.reason === 'not-found') return `${what}: not found`;
    if (m.reason === 'failed') return `${what}: could not be loaded (${m.message ?? 'error'})`;
    return `${what}: could not be resolved`;
  },
  attachments: 'Attachments',
  attachmentText: (title) => title ?? 'Report text',
  htmlAsText: 'HTML shown as text',
  textTruncated: 'Only the start of this text is shown',
  showMore: 'Show all',
  showLess: 'Show less',
  openAttachment: (title, type) => `Open ${title ?? 'attachment'} (${type || 'file'})`,
  downloadAttachment: (title, type) => `Download ${title ?? 'attachment'} (${type || 'file'})`,
  refusedAttachment: (title, reason) =>
    `${title ?? 'Attachment'}: ${reason === 'scheme' ? 'link not shown (not a web address)' : reason === 'empty' ? 'no content' : 'content could not be read'}`,
  media: 'Images',
  imaging: 'Imaging',
  missingStudy: 'Imaging study could not be shown',
};
