// The results widget's words, one typed map per locale.
import { formatFor, type PluralForms } from '../../i18n/format.js';
import type { MissingReference, ReportGroup, StatusKind } from '../../model/diagnostic-report.js';

export interface ResultsMessages {
  subject: string;
  noneRecorded: string;
  noneInRange: string;
  views: { reports: string; flowsheet: string };
  viewLabel: string;
  range: { '1y': string; '5y': string; all: string };
  rangeLabel: string;
  group: Record<ReportGroup, string>;
  /** Status words shown on a report or result (raw FHIR status → words). */
  status: (status: string) => string;
  statusKind: Record<StatusKind, string>;
  effective: string;
  issued: string;
  performer: string;
  interpreter: string;
  conclusion: string;
  notes: string;
  showResults: (name: string) => string;
  table: { test: string; value: string; range: string; flag: string; notes: string };
  severity: { critical: string; abnormal: string; normal: string };
  direction: { high: string; low: string };
  yes: string;
  no: string;
  absent: (reason: string | undefined) => string;
  sampled: string;
  attachmentValue: (title: string | undefined) => string;
  missing: (m: MissingReference) => string;
  missingCount: (count: number) => string;
  hiddenResults: (count: number) => string;
  outOfRange: (count: number) => string;
  attachments: string;
  attachmentText: (title: string | undefined) => string;
  htmlAsText: string;
  textTruncated: string;
  showMore: string;
  showLess: string;
  openAttachment: (title: string | undefined, type: string) => string;
  downloadAttachment: (title: string | undefined, type: string) => string;
  refusedAttachment: (title: string | undefined, reason: 'scheme' | 'empty' | 'undecodable') => string;
  media: string;
  imaging: string;
  study: string;
  modality: string;
  bodySite: string;
  seriesInstances: (series: number | undefined, instances: number | undefined) => string;
  viewImages: string;
  studiesWithoutReport: (count: number) => string;
  missingStudy: string;
  warning: { 'imaging-studies': (message: string) => string; observations: (message: string) => string };
  flowsheetCaption: string;
  flowsheetOrder: string;
  testColumn: string;
  unitsConverted: (from: string, count: number, to: string) => string;
  unitsSplit: (others: string) => string;
  pager: { newer: string; older: string; showing: (from: number, to: number, of: number) => string };
  undated: (count: number) => string;
  referenceRange: string;
  appliesTo: (who: string) => string;
  age: (low: string | undefined, high: string | undefined) => string;
  convertedFrom: (value: string) => string;
  noValue: string;
}

const en = formatFor('en-GB', 'nhs-cui');
const p = (count: number, forms: PluralForms): string => en.plural(count, forms);
const n = (count: number): string => en.number(count) ?? String(count);

const STATUS_WORDS: Record<string, string> = {
  registered: 'Registered',
  partial: 'Partial',
  preliminary: 'Preliminary',
  final: 'Final',
  amended: 'Amended',
  corrected: 'Corrected',
  appended: 'Appended',
  cancelled: 'Cancelled',
  unknown: 'Status unknown',
};

export const resultsEn: ResultsMessages = {
  subject: 'Results',
  noneRecorded: 'No results recorded',
  noneInRange: 'No results in this period',
  views: { reports: 'Reports', flowsheet: 'Flowsheet' },
  viewLabel: 'View',
  range: { '1y': '1 year', '5y': '5 years', all: 'All' },
  rangeLabel: 'Period',
  group: { laboratory: 'Laboratory', imaging: 'Imaging', pathology: 'Pathology', other: 'Other reports' },
  status: (status) => STATUS_WORDS[status] ?? status,
  statusKind: {
    final: 'Final',
    provisional: 'Not final',
    revised: 'Revised',
    cancelled: 'Cancelled',
    unknown: 'Status unknown',
  },
  effective: 'Taken',
  issued: 'Reported',
  performer: 'Performed by',
  interpreter: 'Interpreted by',
  conclusion: 'Conclusion',
  notes: 'Notes',
  showResults: (name) => `Show details of ${name}`,
  table: { test: 'Test', value: 'Result', range: 'Reference range', flag: 'Flag', notes: 'Notes' },
  severity: { critical: 'Critical', abnormal: 'Abnormal', normal: 'Normal' },
  direction: { high: 'high', low: 'low' },
  yes: 'Yes',
  no: 'No',
  absent: (reason) => (reason ? `No value: ${reason}` : 'No value'),
  sampled: 'Sampled data (not shown)',
  attachmentValue: (title) => (title ? `Attachment: ${title}` : 'Attachment'),
  missing: (m) => {
    const what = m.display ? `${m.display} (${m.reference})` : m.reference || 'A result';
    if (m.reason === 'not-found') return `${what}: not found`;
    if (m.reason === 'failed') return `${what}: could not be loaded (${m.message ?? 'error'})`;
    return `${what}: could not be resolved`;
  },
  missingCount: (count) => p(count, { one: '# referenced result could not be shown', other: '# referenced results could not be shown' }),
  hiddenResults: (count) => p(count, { one: '# result hidden: entered in error', other: '# results hidden: entered in error' }),
  outOfRange: (count) => p(count, { one: '# older report outside this period', other: '# older reports outside this period' }),
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
  study: 'Study',
  modality: 'Modality',
  bodySite: 'Body site',
  seriesInstances: (series, instances) =>
    [series === undefined ? '' : p(series, { other: '# series' }), instances === undefined ? '' : p(instances, { one: '# image', other: '# images' })]
      .filter(Boolean)
      .join(', '),
  viewImages: 'View images',
  studiesWithoutReport: (count) => `Imaging studies without a report (${n(count)})`,
  missingStudy: 'Imaging study could not be shown',
  warning: {
    'imaging-studies': (message) => `Imaging studies could not be loaded (${message}); reports are shown`,
    observations: (message) => `Laboratory results outside reports could not be loaded (${message}); reported results are shown`,
  },
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
  undated: (count) =>
    p(count, { one: '# result without a date not shown in the flowsheet', other: '# results without a date not shown in the flowsheet' }),
  referenceRange: 'Range',
  appliesTo: (who) => `(${who})`,
  age: (low, high) => `age ${low ?? ''}–${high ?? ''}`,
  convertedFrom: (value) => `recorded as ${value}`,
  noValue: 'No value',
};
