// The readers of what only some reports have: attachments (presentedForm, media) and imaging
// studies. One module, so a caller loads it only for records that have them (`needsReportParts`
// in diagnostic-report.ts) and passes it to `buildResults` as `parts`.
export { attachmentView } from './attachment.js';
export { imagingStudyView } from './imaging-study.js';
