// The results widget's words, one typed map per locale. English comes in parts, each with the module
// that shows it (src/i18n/registry.ts, `registerEnglish`): the element's own words here, the list's,
// an opened report's, the flowsheet's and the values' in the *.messages.ts beside their modules;
// src/locales/en.ts puts them together (the compiler proves the whole map).
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

/** The words of the list of reports (report-list.ts brings their English). */
export type ResultsListWords = Pick<ResultsMessages, 'group' | 'effective' | 'issued' | 'performer' | 'interpreter' | 'conclusion' | 'study' | 'modality' | 'bodySite' | 'seriesInstances' | 'viewImages' | 'studiesWithoutReport'>;
/** The words of an opened report (report-detail.ts brings their English). */
export type ResultsDetailWords = Pick<ResultsMessages, 'notes' | 'showResults' | 'table' | 'missing' | 'attachments' | 'attachmentText' | 'htmlAsText' | 'textTruncated' | 'showMore' | 'showLess' | 'openAttachment' | 'downloadAttachment' | 'refusedAttachment' | 'media' | 'imaging' | 'missingStudy'>;
/** The words of the flowsheet (flowsheet-view.ts brings their English). */
export type ResultsSheetWords = Pick<ResultsMessages, 'flowsheetCaption' | 'flowsheetOrder' | 'testColumn' | 'pager' | 'referenceRange'>;
/** The flowsheet's words for a test recorded in several units (unit-notes.ts brings their English). */
export type ResultsUnitWords = Pick<ResultsMessages, 'unitsConverted' | 'unitsSplit' | 'convertedFrom'>;
/** The words of values, ranges and flags (result-text.ts, with the detail and the flowsheet, brings their English). */
export type ResultsValueWords = Pick<ResultsMessages, 'severity' | 'direction' | 'yes' | 'no' | 'appliesTo' | 'age' | 'noValue'>;
/** The words of the rarer kinds of value (rare-values.ts, loaded with a record that has one, brings their English). */
export type ResultsRareWords = Pick<ResultsMessages, 'absent' | 'sampled' | 'attachmentValue'>;
/** The words the element itself shows (toolbar, notices, status badges, empty and error states). */
export type ResultsCoreWords = Omit<ResultsMessages, keyof (ResultsListWords & ResultsDetailWords & ResultsSheetWords & ResultsUnitWords & ResultsValueWords & ResultsRareWords)>;

const en = formatFor('en-GB', 'nhs-cui');
const p = (count: number, forms: PluralForms): string => en.plural(count, forms);

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

export const resultsEn: ResultsCoreWords = {
  subject: 'Results',
  noneRecorded: 'No results recorded',
  noneInRange: 'No results in this period',
  views: { reports: 'Reports', flowsheet: 'Flowsheet' },
  viewLabel: 'View',
  range: { '1y': '1 year', '5y': '5 years', all: 'All' },
  rangeLabel: 'Period',
  status: (status) => STATUS_WORDS[status] ?? status,
  statusKind: {
    final: 'Final',
    provisional: 'Not final',
    revised: 'Revised',
    cancelled: 'Cancelled',
    unknown: 'Status unknown',
  },
  missingCount: (count) => p(count, { one: '# referenced result could not be shown', other: '# referenced results could not be shown' }),
  hiddenResults: (count) => p(count, { one: '# result hidden: entered in error', other: '# results hidden: entered in error' }),
  outOfRange: (count) => p(count, { one: '# older report outside this period', other: '# older reports outside this period' }),
  warning: {
    'imaging-studies': (message) => `Imaging studies could not be loaded (${message}); reports are shown`,
    observations: (message) => `Laboratory results outside reports could not be loaded (${message}); reported results are shown`,
  },
  undated: (count) =>
    p(count, { one: '# result without a date not shown in the flowsheet', other: '# results without a date not shown in the flowsheet' }),
};
