// Words for one result, shared by the tooltip, the live region, the latest values and the table.
// Numbers and dates in the widget's language: every function is given the host's `Format`.
import type { Format } from '../../i18n/format.js';
import type { LabInterpretation, LabSeries, LabTrendModel, Measure } from '../../model/lab-series.js';
import { formatNumber } from '../../model/numbers.js';
import type { LabTrendMessages } from './lab-trend.messages.js';

/**
 * A recorded number as the widget's language shows it. NHS CUI (the English default) keeps the
 * kit's one number rule (src/model/numbers.ts: 4 significant digits, the integer part never
 * rounded), so a value reads the same here as in the summary; the Intl presets show the language's
 * own Intl number (`Format.number`).
 */
export function numberText(format: Format, value: unknown): string | undefined {
  return format.preset === 'nhs-cui' ? formatNumber(value, format.tag) : format.number(value);
}

export function valueText(format: Format, p: { value?: number; comparator?: string }): string {
  return `${p.comparator ?? ''}${numberText(format, p.value) ?? ''}`;
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
  if (p.original) parts.push(m.convertedFrom(`${numberText(format, p.original.value)} ${p.original.unit}`));
  const position = m.position(numberText(format, index + 1) ?? '', numberText(format, series.length) ?? '');
  return `${parts.join(', ')}. ${position}`;
}
