// Values, ranges and flags of <fhir-results> as words (private to the element; loaded with its
// report detail and flowsheet views, never before a report is opened). Server strings
// pass through as strings; the element renders them as text nodes.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Format } from '../../i18n/format.js';
import type { LabInterpretation } from '../../model/lab-series.js';
import { setRareReader, type RareReader, type ReferenceRangeView, type ResultValue, type ValueQuantity } from '../../model/result-value.js';
import type { ResultsMessages } from './results.messages.js';
import { resultsValueEn } from './result-text.messages.js';
import { registerEnglish } from '../../i18n/registry.js';

// This part's English words come with it.
registerEnglish('results', resultsValueEn);

/** The result tables' and flags' styles (the report detail's and the flowsheet's, added with either). */
export const resultStyles = css`
  table {
    border-collapse: collapse;
    inline-size: 100%;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: var(--_space-1) var(--_space-2);
    border-block-end: 1px solid var(--_border);
  }
  .flag[data-severity='critical'] {
    color: var(--_rs-critical);
    font-weight: 700;
    border: 2px solid currentColor;
    padding: 0 var(--_space-1);
    border-radius: var(--_radius);
  }
  .flag[data-severity='abnormal'] {
    color: var(--_rs-abnormal);
    font-weight: 700;
  }
`;

/** The number of a quantity in the widget's language (`37.5`, `37,5`, `٣٧٫٥`). */
const numberText = (q: ValueQuantity, format: Format): string => format.number(q.value) ?? q.text;

export function quantityText(q: ValueQuantity | undefined, format: Format): string {
  if (!q) return '';
  return `${q.comparator ?? ''}${numberText(q, format)}${q.unit ? ` ${q.unit}` : ''}`;
}

/** The words of the rarer kinds of value (rare-values.ts), given the quantities' words. */
export type RareText = (value: ResultValue, m: ResultsMessages, format: Format, quantity: typeof quantityText) => string;

/** The words of the rarer kinds of value, handed over once their module has loaded. */
let rareText: RareText | undefined;

/** Hands the rarer kinds' reader and words (rare-values.ts, loaded with a record that has one) to the value modules. */
export function useRareValues(reader: RareReader, words: RareText): void {
  setRareReader(reader);
  rareText = words;
}

export function valueText(value: ResultValue, m: ResultsMessages, format: Format): string {
  switch (value.kind) {
    case 'quantity':
      return quantityText(value.quantity, format);
    case 'string':
    case 'coded':
      return value.text;
    case 'boolean':
      return value.value ? m.yes : m.no;
    case 'none':
      return m.noValue;
    default:
      return rareText!(value, m, format, quantityText); // loaded with the value (rare-values.ts)
  }
}

/** Separators of the widget's language (`CommonMessages.separator`). */
export interface Separators {
  list: string;
  group: string;
}

export function rangeText(range: ReferenceRangeView, m: ResultsMessages, format: Format, separator: Separators): string {
  const unit = range.low?.unit || range.high?.unit;
  const low = range.low && numberText(range.low, format);
  const high = range.high && numberText(range.high, format);
  let text = '';
  if (low && high) text = `${low}–${high}${unit ? ` ${unit}` : ''}`;
  else if (high) text = `≤ ${high}${unit ? ` ${unit}` : ''}`;
  else if (low) text = `≥ ${low}${unit ? ` ${unit}` : ''}`;
  if (range.text && range.text !== text) text = text ? `${text} (${range.text})` : range.text;
  const who = [...range.appliesTo];
  if (range.age) who.push(m.age(quantityText(range.age.low, format) || undefined, quantityText(range.age.high, format) || undefined));
  if (range.type && !/normal/i.test(range.type)) who.unshift(range.type);
  return who.length ? `${text} ${m.appliesTo(who.join(separator.list))}` : text;
}

export function rangesText(ranges: readonly ReferenceRangeView[], m: ResultsMessages, format: Format, separator: Separators): string {
  return ranges.map((r) => rangeText(r, m, format, separator)).join(separator.group);
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

/** An interpretation flag: its words beside its shape (`part="flag"`, `data-severity`); nothing for normal / none. */
export function renderFlag(interpretation: LabInterpretation, m: ResultsMessages): TemplateResult | typeof nothing {
  const words = flagText(interpretation, m);
  if (!words) return nothing;
  const symbol = flagSymbol(interpretation);
  return html`<span class="flag" part="flag" data-severity=${interpretation.severity ?? 'other'}
    >${symbol ? html`<span aria-hidden="true">${symbol} </span>` : nothing}${words}</span
  >`;
}
