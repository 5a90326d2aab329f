// One result's value, reference ranges and interpretation, as <fhir-results> shows them, for every
// value[x] a FHIR Observation (DSTU2 … R5) or one of its components can carry.
//
// - Values keep their kind (quantity with comparator, string, coded, ratio, range, boolean, time,
//   period, sampled data, attachment, absent with its reason); numbers are formatted once, with the
//   lab trend's rules (`formatNumber`: no trailing zeros, a leading zero, never exponents).
// - Reference ranges keep `type`, `appliesTo` and `age`, so "Male 3.5–5.0" and "Age 0–18 y" read as
//   the laboratory wrote them; a critical range is recognised by its type (DESIGN.md §3 rule 7).
// - Interpretation: the lab trend's reading of codes (HH / LL / AA critical, H / L / A abnormal),
//   raised to critical when a numeric value lies beyond a critical range.
// Server strings stay strings here: the element renders them as text nodes.
import { codingsOf, conceptText } from './codes.js';
import { interpretationOf, type LabInterpretation } from './lab-series.js';
import { formatNumber } from './numbers.js';
import { unitDisplayOf, unitKeyOf } from './unit-conversion.js';

export interface ValueQuantity {
  /** The number as recorded (for sorting, conversion and critical ranges). */
  value: number;
  /** Formatted for display (`formatNumber`). */
  text: string;
  comparator?: string;
  unit: string;
  unitKey: string;
}

export type ResultValue =
  | { kind: 'quantity'; quantity: ValueQuantity }
  | { kind: 'string'; text: string }
  | { kind: 'coded'; text: string; code?: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'ratio'; numerator?: ValueQuantity; denominator?: ValueQuantity }
  | { kind: 'range'; low?: ValueQuantity; high?: ValueQuantity }
  | { kind: 'period'; start?: string; end?: string }
  | { kind: 'datetime'; value: string }
  | { kind: 'time'; value: string }
  | { kind: 'sampled' }
  | { kind: 'attachment'; title?: string }
  | { kind: 'absent'; reason?: string }
  | { kind: 'none' };

export interface ReferenceRangeView {
  low?: ValueQuantity;
  high?: ValueQuantity;
  text?: string;
  /** `normal`, `critical`, `therapeutic` … (the range's type, as its text or code). */
  type?: string;
  critical: boolean;
  /** Who the range applies to (`appliesTo` concepts, e.g. "Male", "pre-puberty"). */
  appliesTo: string[];
  /** `age` low / high, formatted, with units (e.g. years). */
  age?: { low?: ValueQuantity; high?: ValueQuantity };
}

/** A number, or a numeric string, as a number; else undefined. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** A Quantity (any version; DSTU2 / STU3 SimpleQuantity and Age alike), or undefined without a number. */
export function quantityView(value: unknown): ValueQuantity | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const q = value as { value?: unknown; comparator?: unknown };
  const number = numberOf(q.value);
  if (number === undefined) return undefined;
  const comparator = typeof q.comparator === 'string' && q.comparator.trim() ? q.comparator.trim() : undefined;
  // Built field by field (thousands of values in a long list), keys in the same order as ever.
  const view = { value: number, text: formatNumber(number) ?? String(number) } as ValueQuantity;
  if (comparator) view.comparator = comparator;
  view.unit = unitDisplayOf(value);
  view.unitKey = unitKeyOf(value);
  return view;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

/**
 * The value[x] kinds read by their own module (src/model/result-value-rare.ts): ratio, range, period,
 * date-time, time, sampled data, attachment, absent. Most laboratory values are quantities, text or
 * codes; a record with one of these loads that module before it is shown (`needsRareValues`).
 */
const RARE_VALUES = ['valueRatio', 'valueRange', 'valuePeriod', 'valueDateTime', 'valueTime', 'valueSampledData', 'valueAttachment', 'dataAbsentReason'];

/** An Observation (or component) whose value is of a kind read by the rarer kinds' module. */
export const needsRareValues = (holder: Record<string, unknown>): boolean => RARE_VALUES.some((key) => holder[key] != null);

/** No value (shared, never mutated). */
const NO_VALUE: ResultValue = { kind: 'none' };

/** The reader of the rarer kinds (src/model/result-value-rare.ts), given the quantity reader. */
export type RareReader = (holder: Record<string, unknown>, quantity: typeof quantityView) => ResultValue;

/** The reader of the rarer kinds, handed over once its module has loaded. */
let rareReader: RareReader | undefined;
export const setRareReader = (reader: RareReader): void => void (rareReader = reader);

/** The value of an Observation or of one of its components. */
export function resultValueOf(holder: Record<string, unknown>): ResultValue {
  const quantity = quantityView(holder.valueQuantity);
  if (quantity) return { kind: 'quantity', quantity };
  const integer = numberOf(holder.valueInteger);
  if (integer !== undefined) {
    return { kind: 'quantity', quantity: { value: integer, text: formatNumber(integer) ?? String(integer), unit: '', unitKey: '' } };
  }
  if (text(holder.valueString) !== undefined) return { kind: 'string', text: holder.valueString as string };
  if (holder.valueCodeableConcept) {
    const concept = holder.valueCodeableConcept;
    const code = codingsOf(concept).find((c) => typeof c.code === 'string')?.code;
    return { kind: 'coded', text: conceptText(concept) ?? code ?? '', ...(code ? { code } : {}) };
  }
  if (typeof holder.valueBoolean === 'boolean') return { kind: 'boolean', value: holder.valueBoolean };
  // A rarer kind: its module was loaded with the record (`needsRareValues`).
  return needsRareValues(holder) ? rareReader!(holder, quantityView) : NO_VALUE;
}

/** The value's number, when it has one (quantity or integer). */
export function numericValue(value: ResultValue): number | undefined {
  return value.kind === 'quantity' ? value.quantity.value : undefined;
}

function isCriticalType(range: Record<string, unknown>): boolean {
  if (!range.type) return false;
  const words = [conceptText(range.type), ...codingsOf(range.type).map((c) => c.code)].filter(Boolean).join(' ');
  return /critical|panic|alert/i.test(words);
}

/** Every reference range, in order, with who it applies to. */
export function referenceRangesOf(value: unknown): ReferenceRangeView[] {
  if (!Array.isArray(value)) return [];
  const out: ReferenceRangeView[] = [];
  for (const entry of value as unknown[]) {
    if (!entry || typeof entry !== 'object') continue;
    const range = entry as Record<string, unknown>;
    const low = quantityView(range.low);
    const high = quantityView(range.high);
    const rangeText = text(range.text)?.trim();
    if (!low && !high && !rangeText) continue;
    // Built field by field (a long list reads thousands of ranges), in the same key order as ever.
    const view = {} as ReferenceRangeView;
    if (low) view.low = low;
    if (high) view.high = high;
    if (rangeText) view.text = rangeText;
    const type = range.type ? conceptText(range.type) : undefined;
    if (type) view.type = type;
    view.critical = isCriticalType(range);
    view.appliesTo = [];
    const concepts = Array.isArray(range.appliesTo) ? (range.appliesTo as unknown[]) : range.meaning ? [range.meaning] : [];
    for (const concept of concepts) {
      const label = conceptText(concept);
      if (label) view.appliesTo.push(label);
    }
    if (range.age && typeof range.age === 'object') {
      const age = range.age as { low?: unknown; high?: unknown };
      const ageLow = quantityView(age.low);
      const ageHigh = quantityView(age.high);
      if (ageLow || ageHigh) view.age = { ...(ageLow ? { low: ageLow } : {}), ...(ageHigh ? { high: ageHigh } : {}) };
    }
    out.push(view);
  }
  return out;
}

/** The interpretation: codes first, then a critical range the value lies beyond (same unit only). */
export function resultInterpretation(holder: Record<string, unknown>, value: ResultValue, ranges: readonly ReferenceRangeView[]): LabInterpretation {
  const coded = interpretationOf(holder.interpretation);
  if (coded.severity === 'critical' || value.kind !== 'quantity') return coded;
  const { value: number, unitKey } = value.quantity;
  for (const range of ranges) {
    if (!range.critical) continue;
    const sameUnit = (q?: ValueQuantity) => !!q && (q.unitKey === '' || unitKey === '' || q.unitKey === unitKey);
    if (sameUnit(range.high) && number >= range.high!.value) {
      return { ...coded, severity: 'critical', direction: 'high', fromCriticalRange: true };
    }
    if (sameUnit(range.low) && number <= range.low!.value) {
      return { ...coded, severity: 'critical', direction: 'low', fromCriticalRange: true };
    }
  }
  return coded;
}

export interface ComponentView {
  name: string;
  code?: string;
  value: ResultValue;
  ranges: ReferenceRangeView[];
  interpretation: LabInterpretation;
}
