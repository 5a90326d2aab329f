// Interpretation of a result as critical / abnormal / normal (DESIGN §3 rule 7), whatever the
// FHIR version: an R4 array of concepts, or an STU3 / DSTU2 single concept.
import { codingsOf, conceptText } from '../codes.js';
import type { RangeReading, RawQuantity } from './reference-range.js';
import { sameConceptList } from './shape-cache.js';

export type Severity = 'critical' | 'abnormal' | 'normal';
export type Direction = 'high' | 'low';

export interface LabInterpretation {
  severity?: Severity;
  direction?: Direction;
  /** The interpretation code (`HH`, `H`, `N`, `NEG` …) when there is one. */
  code?: string;
  /** The server's own words (concept text or display). */
  text?: string;
  /** True when criticality comes from a critical reference range, not from a code. */
  fromCriticalRange?: boolean;
}

const CRITICAL_CODES: Record<string, Direction | undefined> = { HH: 'high', LL: 'low', AA: undefined };
const ABNORMAL_CODES: Record<string, Direction | undefined> = {
  H: 'high',
  L: 'low',
  A: undefined,
  HU: 'high',
  LU: 'low',
  '>': 'high',
  '<': 'low',
};
const RANK: Record<Severity, number> = { critical: 3, abnormal: 2, normal: 1 };

/**
 * True when two `interpretation` values read the same by `interpretationOf` (the same concepts'
 * text and codings), so one reading serves both; false is always safe (the value is read again).
 */
export const sameInterpretation: (a: unknown, b: unknown) => boolean = sameConceptList;

/** Interpretation from an R4 array, or an STU3 / DSTU2 single concept; the most severe code wins. */
export function interpretationOf(value: unknown): LabInterpretation {
  const concepts = Array.isArray(value) ? value : value ? [value] : [];
  let best: LabInterpretation = {};
  for (const concept of concepts) {
    const text = conceptText(concept);
    const codings = codingsOf(concept);
    let found: LabInterpretation | undefined;
    for (const coding of codings) {
      const code = typeof coding.code === 'string' ? coding.code.trim() : '';
      if (!code) continue;
      const upper = code.toUpperCase();
      if (upper in CRITICAL_CODES) found = { severity: 'critical', direction: CRITICAL_CODES[upper], code, text };
      else if (code in ABNORMAL_CODES || upper in ABNORMAL_CODES) {
        found = { severity: 'abnormal', direction: ABNORMAL_CODES[code] ?? ABNORMAL_CODES[upper], code, text };
      } else if (upper === 'N') found = { severity: 'normal', code, text };
      else found ??= { code, text };
      if (found.severity) break;
    }
    found ??= text ? { text } : undefined;
    if (!found) continue;
    const rank = found.severity ? RANK[found.severity] : 0;
    const bestRank = best.severity ? RANK[best.severity] : best.code || best.text ? 0.5 : -1;
    if (rank > bestRank) best = found;
  }
  return best;
}

/** Critical by a critical reference range, when no code already says critical. */
export function withCriticalRange(
  interpretation: LabInterpretation,
  value: number,
  unitKey: string,
  range: RangeReading,
): LabInterpretation {
  if (interpretation.severity === 'critical' || (!range.criticalHigh && !range.criticalLow)) return interpretation;
  const sameUnit = (q?: RawQuantity) => q && (q.unitKey === '' || q.unitKey === unitKey);
  if (sameUnit(range.criticalHigh) && value >= range.criticalHigh!.value) {
    return { ...interpretation, severity: 'critical', direction: 'high', fromCriticalRange: true };
  }
  if (sameUnit(range.criticalLow) && value <= range.criticalLow!.value) {
    return { ...interpretation, severity: 'critical', direction: 'low', fromCriticalRange: true };
  }
  return interpretation;
}
