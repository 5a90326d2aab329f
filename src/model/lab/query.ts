// What a trend's `code` attribute asks for: the codes to search (blood pressure panels and their
// components, sibling LOINC codes of one analyte) and a fast test of "is this result one of them".
import { codingsOf, parseCodeList, SYSTEMS } from '../codes.js';
import { analyteOf } from '../unit-conversion.js';

/** What a series measures: the asked-for result, or one side of a blood pressure. */
export type Measure = 'result' | 'systolic' | 'diastolic';

export const BP_PANEL_CODES = ['85354-9', '55284-4'] as const;
export const SYSTOLIC_CODE = '8480-6';
export const DIASTOLIC_CODE = '8462-4';

export interface CodeToken {
  system?: string;
  code: string;
}

/** What a `code` attribute asks for, expanded into the codes to search and how to read them. */
export interface TrendQuery {
  /** The codes to search for (asked-for codes, blood pressure panels, analyte siblings). */
  codes: CodeToken[];
  systolic: boolean;
  diastolic: boolean;
}

export const isLoinc = (token: CodeToken): boolean => token.system === undefined || token.system === SYSTEMS.loinc;

function addCode(list: CodeToken[], token: CodeToken): void {
  if (!list.some((t) => t.code === token.code && t.system === token.system)) list.push(token);
}

/**
 * Expands `system|code[,…]`: blood pressure codes bring in both panels and the asked-for
 * components; a LOINC code of an analyte in the molar-mass table brings in its siblings.
 */
export function trendQuery(code: string | null | undefined): TrendQuery {
  const asked = parseCodeList(code);
  const codes: CodeToken[] = [];
  let systolic = false;
  let diastolic = false;
  const loinc = (c: string): CodeToken => ({ system: SYSTEMS.loinc, code: c });
  for (const token of asked) {
    addCode(codes, token);
    if (!isLoinc(token)) continue;
    const panel = (BP_PANEL_CODES as readonly string[]).includes(token.code);
    if (panel || token.code === SYSTOLIC_CODE) systolic = true;
    if (panel || token.code === DIASTOLIC_CODE) diastolic = true;
    for (const sibling of analyteOf(token.code)?.codes ?? []) addCode(codes, loinc(sibling));
  }
  if (systolic || diastolic) {
    for (const panel of BP_PANEL_CODES) addCode(codes, loinc(panel));
    if (systolic) addCode(codes, loinc(SYSTOLIC_CODE));
    if (diastolic) addCode(codes, loinc(DIASTOLIC_CODE));
  }
  return { codes, systolic, diastolic };
}

/** The `code` search parameter for a query: `system|code,system|code…`. */
export function trendSearchCode(query: TrendQuery): string {
  return query.codes.map((t) => (t.system ? `${t.system}|${t.code}` : t.code)).join(',');
}

/** The LOINC codes (or codes without a system) of a concept. */
export function loincCodesOf(concept: unknown): string[] {
  return codingsOf(concept)
    .filter((c) => (c.system === undefined || c.system === SYSTEMS.loinc) && typeof c.code === 'string')
    .map((c) => c.code as string);
}

/** A fast test of "does this concept carry one of these codes" (no allocation per call). */
export function codeMatcher(tokens: readonly CodeToken[]): (concept: unknown) => boolean {
  const systems = new Map<string, Set<string | undefined>>();
  for (const token of tokens) {
    const set = systems.get(token.code) ?? new Set<string | undefined>();
    set.add(token.system);
    systems.set(token.code, set);
  }
  const matches = (coding: unknown): boolean => {
    if (!coding || typeof coding !== 'object') return false;
    const { code, system } = coding as { code?: unknown; system?: unknown };
    if (typeof code !== 'string') return false;
    const allowed = systems.get(code);
    return !!allowed && (allowed.has(undefined) || allowed.has(system as string));
  };
  // Results in a row mostly carry the same single coding: its answer is remembered by its code and
  // system (strings compared, nothing hashed per call).
  let lastCode: unknown;
  let lastSystem: unknown;
  let lastAnswer = false;
  return (concept) => {
    const codings = (concept as { coding?: unknown } | null | undefined)?.coding;
    if (Array.isArray(codings)) {
      if (codings.length === 1) {
        const only: unknown = codings[0];
        if (only && typeof only === 'object') {
          const { code, system } = only as { code?: unknown; system?: unknown };
          if (typeof code === 'string' && code === lastCode && system === lastSystem) return lastAnswer;
          lastAnswer = matches(only);
          if (typeof code === 'string') {
            lastCode = code;
            lastSystem = system;
          }
          return lastAnswer;
        }
      }
      for (const coding of codings) if (matches(coding)) return true;
      return false;
    }
    return matches(concept); // a bare Coding
  };
}
