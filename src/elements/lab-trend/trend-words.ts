// Words for one result, shared by the tooltip, the live region, the latest values and the table (the
// live region's sentence is in chart-cursor.ts).
// Numbers and dates in the widget's language: every function is given the host's `Format`.
import type { Format } from '../../i18n/format.js';
import type { LabInterpretation, LabSeries, LabTrendModel, Measure } from '../../model/lab-series.js';
import type { LabTrendMessages } from './lab-trend.messages.js';

/** Table rows per page: the table never renders more at once, however long the record. */
export const TABLE_PAGE_SIZE = 100;

export function valueText(format: Format, p: { value?: number; comparator?: string }): string {
  return `${p.comparator ?? ''}${format.number(p.value) ?? ''}`;
}

export function interpretationText(m: LabTrendMessages, p: { interpretation: LabInterpretation }): string | undefined {
  const { severity, direction, text, code } = p.interpretation;
  return m.interpretation(severity, direction) ?? text ?? code;
}

export function seriesLabel(m: LabTrendMessages, model: LabTrendModel, series: LabSeries | undefined, measure: Measure | undefined = series?.measure): string {
  if (model.bloodPressure && measure && measure !== 'result') return m.measure[measure];
  return model.title ?? series?.name ?? m.untitled;
}

/** The trend's name: "Blood pressure", else the result's name. */
export function trendTitle(m: LabTrendMessages, model: LabTrendModel): string {
  return model.bloodPressure ? m.bloodPressure : (model.title ?? m.untitled);
}

/** A count in the widget's language. */
export function countText(format: Format, count: number): string {
  return format.number(count) ?? String(count);
}

export function dateText(m: LabTrendMessages, format: Format, date: string | undefined): string {
  return format.dateTime(date) ?? date ?? m.dateNotRecorded;
}
