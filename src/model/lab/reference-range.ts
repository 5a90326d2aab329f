// Quantities and reference ranges as recorded: the normal range (low / high, text) drawn as the
// band, and any critical range, which makes a result critical (DESIGN §3 rule 7).
import { codingsOf, conceptText } from '../codes.js';
import { unitDisplayOf, unitKeyOf } from '../unit-conversion.js';
import { sameConcept, sameQuantity } from './shape-cache.js';

export interface RawQuantity {
  value: number;
  unitKey: string;
  unit: string;
}

export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function quantityOf(value: unknown): RawQuantity | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const number = numberOf((value as { value?: unknown }).value);
  if (number === undefined) return undefined;
  return { value: number, unitKey: unitKeyOf(value), unit: unitDisplayOf(value) };
}

export interface RangeReading {
  low?: RawQuantity;
  high?: RawQuantity;
  text?: string;
  criticalLow?: RawQuantity;
  criticalHigh?: RawQuantity;
}

function isCriticalRange(range: Record<string, unknown>): boolean {
  const type = range.type;
  if (!type) return false;
  const words = [conceptText(type), ...codingsOf(type).map((c) => c.code)].filter(Boolean).join(' ');
  return /critical|panic|alert/i.test(words);
}

function isNormalRange(range: Record<string, unknown>): boolean {
  if (!range.type) return true;
  return codingsOf(range.type).some((c) => c.code === 'normal') || /normal/i.test(conceptText(range.type) ?? '');
}

/** No reference range (shared, so "has a range" is an identity test). */
export const NO_RANGE: RangeReading = {};

/** One range element as `referenceRangeOf` reads it: low, high, text and type (keep the two in step). */
function sameRangeElement(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return x.text === y.text && sameQuantity(x.low, y.low) && sameQuantity(x.high, y.high) && sameConcept(x.type, y.type);
}

/** A `referenceRange` read as NO_RANGE. */
const noRange = (value: unknown): boolean => !Array.isArray(value) || value.length === 0;

/**
 * True when two `referenceRange` values read the same by `referenceRangeOf` (every field it reads
 * is equal), so one reading serves both; false is always safe (the value is read again).
 */
export function sameReferenceRange(a: unknown, b: unknown): boolean {
  if (noRange(a) || noRange(b)) return noRange(a) && noRange(b);
  if (a === b) return true;
  // sameList's loop, written out (one known callee, cheap for every result).
  const x = a as unknown[];
  const y = b as unknown[];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i += 1) if (!sameRangeElement(x[i], y[i])) return false;
  return true;
}

/** The normal range (first one with low or high), its text, and any critical range. */
export function referenceRangeOf(value: unknown): RangeReading {
  if (!Array.isArray(value) || value.length === 0) return NO_RANGE;
  const reading: RangeReading = {};
  const texts: string[] = [];
  for (const range of value as Record<string, unknown>[]) {
    if (!range || typeof range !== 'object') continue;
    const low = quantityOf(range.low);
    const high = quantityOf(range.high);
    const text = typeof range.text === 'string' && range.text.trim() ? range.text.trim() : undefined;
    if (isCriticalRange(range)) {
      reading.criticalLow ??= low;
      reading.criticalHigh ??= high;
      continue;
    }
    if (text) texts.push(text);
    if ((low || high) && !reading.low && !reading.high && isNormalRange(range)) {
      reading.low = low;
      reading.high = high;
    }
  }
  if (texts.length) reading.text = texts.join('; ');
  return reading;
}
