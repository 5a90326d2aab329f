// Words for one result, shared by the tooltip, the live region, the latest values and the table.
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

export function dateText(m: LabTrendMessages, format: Format, date: string | undefined): string {
  return format.dateTime(date) ?? date ?? m.dateNotRecorded;
}

/** The live region's sentence for point `index` of a series. */
export function describePoint(m: LabTrendMessages, format: Format, model: LabTrendModel, series: LabSeries, index: number): string {
  const p = series.point(index);
  const parts = [`${seriesLabel(m, model, series)}: ${valueText(format, p)}${series.unit ? ` ${series.unit}` : ''}`, dateText(m, format, p.date)];
  const interpretation = interpretationText(m, p);
  if (interpretation) parts.push(interpretation);
  if (p.provisional) parts.push(m.provisional(p.status));
  if (p.original) parts.push(m.convertedFrom(`${format.number(p.original.value)} ${p.original.unit}`));
  const position = m.position(format.number(index + 1) ?? '', format.number(series.length) ?? '');
  return `${parts.join(', ')}. ${position}`;
}
