// Values, ranges and flags of <fhir-results> as words (private to the element). Server strings
// pass through as strings; the element renders them as text nodes.
import type { Format } from '../../i18n/format.js';
import type { LabInterpretation } from '../../model/lab-series.js';
import type { ReferenceRangeView, ResultValue, ValueQuantity } from '../../model/result-value.js';
import type { ResultsMessages } from './results.messages.js';

export function quantityText(q: ValueQuantity | undefined): string {
  if (!q) return '';
  return `${q.comparator ?? ''}${q.text}${q.unit ? ` ${q.unit}` : ''}`;
}

export function valueText(value: ResultValue, m: ResultsMessages, format: Format): string {
  switch (value.kind) {
    case 'quantity':
      return quantityText(value.quantity);
    case 'string':
    case 'coded':
      return value.text;
    case 'boolean':
      return value.value ? m.yes : m.no;
    case 'ratio':
      return `${quantityText(value.numerator) || '?'} / ${quantityText(value.denominator) || '?'}`;
    case 'range': {
      const unit = value.low?.unit || value.high?.unit;
      return `${value.low ? `${value.low.comparator ?? ''}${value.low.text}` : ''}–${value.high ? value.high.text : ''}${unit ? ` ${unit}` : ''}`;
    }
    case 'period':
      return `${format.dateTime(value.start) ?? ''}–${format.dateTime(value.end) ?? ''}`;
    case 'datetime':
      return format.dateTime(value.value) ?? value.value;
    case 'time':
      return value.value;
    case 'sampled':
      return m.sampled;
    case 'attachment':
      return m.attachmentValue(value.title);
    case 'absent':
      return m.absent(value.reason);
    default:
      return m.noValue;
  }
}

export function rangeText(range: ReferenceRangeView, m: ResultsMessages): string {
  const unit = range.low?.unit || range.high?.unit;
  let text = '';
  if (range.low && range.high) text = `${range.low.text}–${range.high.text}${unit ? ` ${unit}` : ''}`;
  else if (range.high) text = `≤ ${range.high.text}${unit ? ` ${unit}` : ''}`;
  else if (range.low) text = `≥ ${range.low.text}${unit ? ` ${unit}` : ''}`;
  if (range.text && range.text !== text) text = text ? `${text} (${range.text})` : range.text;
  const who = [...range.appliesTo];
  if (range.age) who.push(m.age(quantityText(range.age.low) || undefined, quantityText(range.age.high) || undefined));
  if (range.type && !/normal/i.test(range.type)) who.unshift(range.type);
  return who.length ? `${text} ${m.appliesTo(who.join(', '))}` : text;
}

export function rangesText(ranges: readonly ReferenceRangeView[], m: ResultsMessages): string {
  return ranges.map((r) => rangeText(r, m)).join('; ');
}

/** "Critical high", "High", "Abnormal", the server's own words, or '' for normal / none. */
export function flagText(interpretation: LabInterpretation, m: ResultsMessages): string {
  const { severity, direction } = interpretation;
  if (severity === 'critical') return `${m.severity.critical}${direction ? ` ${m.direction[direction]}` : ''}`;
  if (severity === 'abnormal') return direction ? m.direction[direction].replace(/^./, (c) => c.toUpperCase()) : m.severity.abnormal;
  if (severity === 'normal') return '';
  return interpretation.text ?? interpretation.code ?? '';
}

/** A shape beside the flag, so severity never rests on colour alone. */
export function flagSymbol(interpretation: LabInterpretation): string {
  if (interpretation.severity === 'critical') return interpretation.direction === 'low' ? '⇊' : interpretation.direction === 'high' ? '⇈' : '‼';
  if (interpretation.severity === 'abnormal') return interpretation.direction === 'low' ? '▼' : interpretation.direction === 'high' ? '▲' : '!';
  return '';
}
