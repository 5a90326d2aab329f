// The lab trend's words, one typed map per locale (English: NHS CUI wording).
import { formatFor } from '../../i18n/format.js';
import type { Direction, Measure, Severity, TextValueKind, TrendRange } from '../../model/lab-series.js';

export interface LabTrendMessages {
  /** For "Loading results…" and "Results unavailable". */
  subject: string;
  untitled: string;
  bloodPressure: string;
  measure: Record<Measure, string>;
  noCode: string;
  noResults: string;
  latest: string;
  /** "+0.3 mg/dL since 12-Apr-2026" */
  changeSince: (change: string, unit: string, date: string) => string;
  noChange: (date: string) => string;
  rangeGroup: string;
  range: Record<TrendRange, string>;
  tableToggle: string;
  /** Label of the focusable chart. */
  chartLabel: (name: string, count: string, unit: string) => string;
  chartHelp: string;
  /** For "Chart navigation unavailable" (the keyboard and pointer cursor could not be loaded). */
  chartNavigation: string;
  /** "3 of 32": where the keyboard cursor is. */
  position: (index: string, count: string) => string;
  /** The chart summary read to screen readers. */
  chartSummary: (count: string, from: string, to: string) => string;
  interpretation: (severity: Severity | undefined, direction: Direction | undefined) => string | undefined;
  provisional: (status: string) => string;
  converted: (to: string, from: string, count: number) => string;
  molarMass: (analyte: string, grams: string) => string;
  convertedFrom: (value: string) => string;
  unitSplit: (units: string) => string;
  hiddenCancelled: (count: number) => string;
  legendTitle: string;
  legendNormal: string;
  legendAbnormal: string;
  legendCritical: string;
  legendProvisional: string;
  legendComparator: string;
  legendReference: string;
  legendGap: string;
  /** Several sources: the mark of a result only this source has. */
  legendSource: (source: string) => string;
  /** Several sources: above the chart when one failed ("Results from Regional HIE unavailable"). */
  sourceUnavailable: (source: string) => string;
  /** A long record's first drawing, while the rest is read (the widget is still loading). */
  previewNote: (shown: string, total: string) => string;
  table: {
    caption: (name: string) => string;
    date: string;
    measure: string;
    result: string;
    unit: string;
    range: string;
    interpretation: string;
    notes: string;
    /** Several sources: the column naming each result's sources. */
    source: string;
    pageStatus: (first: string, last: string, total: string) => string;
    newer: string;
    older: string;
  };
  dateNotRecorded: string;
  dateFromIssued: string;
  dateFromReport: string;
  noValue: string;
  /** Values shown by what they are (no text of their own). */
  valueKind: Record<TextValueKind, string>;
  notPlotted: string;
  yes: string;
  no: string;
  rangeText: (text: string) => string;
  /** A text-only reference range beside the latest value. */
  referenceText: (text: string) => string;
  status: Record<string, string>;
}

const en = formatFor('en-GB', 'nhs-cui');
const plural = (count: number, one: string, other: string) => en.plural(count, { one, other });

const STATUS_EN: Record<string, string> = {
  preliminary: 'Preliminary',
  registered: 'Registered',
  unknown: 'Status unknown',
  amended: 'Amended',
  corrected: 'Corrected',
  final: 'Final',
};

export const labTrendEn: LabTrendMessages = {
  subject: 'Results',
  untitled: 'Results',
  bloodPressure: 'Blood pressure',
  measure: { result: 'Result', systolic: 'Systolic', diastolic: 'Diastolic' },
  noCode: 'No code: set the code attribute, e.g. code="http://loinc.org|4548-4".',
  noResults: 'No results recorded',
  latest: 'Latest',
  changeSince: (change, unit, date) => `${change}${unit ? ` ${unit}` : ''} since ${date}`,
  noChange: (date) => `No change since ${date}`,
  rangeGroup: 'Time range',
  range: { '1y': '1 year', '5y': '5 years', all: 'All' },
  tableToggle: 'Table',
  chartLabel: (name, count, unit) => `${name} chart, ${count} results${unit ? ` in ${unit}` : ''}`,
  position: (index, count) => `${index} of ${count}`,
  chartHelp: 'Use the arrow keys to move between results, Home and End for the first and latest.',
  chartNavigation: 'Chart navigation',
  chartSummary: (count, from, to) => (from === to ? `${count} results on ${from}.` : `${count} results from ${from} to ${to}.`),
  interpretation: (severity, direction) => {
    if (severity === 'critical') return direction === 'high' ? 'Critical high' : direction === 'low' ? 'Critical low' : 'Critical abnormal';
    if (severity === 'abnormal') return direction === 'high' ? 'High' : direction === 'low' ? 'Low' : 'Abnormal';
    if (severity === 'normal') return 'Normal';
    return undefined;
  },
  provisional: (status) => STATUS_EN[status] ?? `Status: ${status}`,
  converted: (to, from, count) => `${en.number(count)} ${from} ${plural(count, 'result', 'results')} converted to ${to}`,
  molarMass: (analyte, grams) => `using the molar mass of ${analyte}, ${grams} g/mol`,
  convertedFrom: (value) => `recorded as ${value}`,
  unitSplit: (units) => `Results in ${units} cannot be converted into one unit: each unit has its own chart.`,
  hiddenCancelled: (count) => `${count} cancelled ${plural(count, 'result', 'results')} not shown`,
  legendTitle: 'Key',
  legendNormal: 'Normal or not flagged',
  legendAbnormal: 'High / low (abnormal)',
  legendCritical: 'Critical',
  legendProvisional: 'Preliminary (not final)',
  legendComparator: 'Beyond the measurable range (< or >)',
  legendReference: 'Reference range',
  legendGap: 'No line across a long gap between results',
  legendSource: (source) => `Only from ${source}`,
  sourceUnavailable: (source) => `Results from ${source} unavailable`,
  previewNote: (shown, total) => `Showing ${shown} results read so far (of ${total} records); the rest are loading.`,
  table: {
    caption: (name) => `${name}: every result`,
    date: 'Date',
    measure: 'Measurement',
    result: 'Result',
    unit: 'Unit',
    range: 'Reference range',
    interpretation: 'Interpretation',
    notes: 'Notes',
    source: 'Source',
    pageStatus: (first, last, total) => `Results ${first}–${last} of ${total}, newest first`,
    newer: 'Newer results',
    older: 'Older results',
  },
  dateNotRecorded: 'Date not recorded',
  dateFromIssued: 'date of issue (no collection date)',
  dateFromReport: 'date of its report (no collection date)',
  noValue: 'No value recorded',
  valueKind: { 'sampled-data': 'SampledData', attachment: 'Attachment' },
  notPlotted: 'not plotted',
  yes: 'Yes',
  no: 'No',
  rangeText: (text) => text,
  referenceText: (text) => `reference range: ${text}`,
  status: STATUS_EN,
};
