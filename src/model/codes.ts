// Reading CodeableConcepts and Codings the same way in every FHIR version.
import type { CodeableConcept, Coding } from './fhir-types.js';

export const SYSTEMS = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  ucum: 'http://unitsofmeasure.org',
} as const;

/** A FHIR string as text: trimmed; undefined when missing, blank or not a string. */
export function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

/** A field that holds one value or a list of them, as a list (empty for undefined or null). */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** An object field (not an array), else undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asConcept(value: unknown): CodeableConcept | undefined {
  return value && typeof value === 'object' ? (value as CodeableConcept) : undefined;
}

/** The codings of a CodeableConcept (or of a bare Coding), skipping malformed entries. */
export function codingsOf(value: unknown): Coding[] {
  const concept = asConcept(value);
  if (!concept) return [];
  if (Array.isArray(concept.coding)) {
    return concept.coding.filter((c): c is Coding => !!c && typeof c === 'object');
  }
  const coding = value as Coding;
  return typeof coding.code === 'string' || typeof coding.system === 'string' ? [coding] : [];
}

/** Human text for a concept: `text`, else the first coding display, else `code`; undefined when none. */
export function conceptText(value: unknown): string | undefined {
  if (typeof value === 'string') return trimmed(value);
  const concept = asConcept(value);
  if (!concept) return undefined;
  const codings = codingsOf(value);
  return (
    trimmed(concept.text) ??
    codings.map((coding) => trimmed(coding.display)).find(Boolean) ??
    codings.map((coding) => trimmed(coding.code)).find(Boolean)
  );
}

/** True when the concept carries `code` (in `system`, when given). */
export function hasCode(value: unknown, system: string | undefined, code: string): boolean {
  return codingsOf(value).some((c) => c.code === code && (system === undefined || c.system === system));
}

/** The first code of a concept, or a plain code string (STU3 / DSTU2 statuses). */
export function firstCode(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return codingsOf(value).find((c) => typeof c.code === 'string')?.code;
}

/** Parses `system|code[,system|code…]` (a bare `code` matches any system). */
export function parseCodeList(value: string | null | undefined): { system?: string; code: string }[] {
  if (!value) return [];
  return value
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean)
    .map((token) => {
      const bar = token.lastIndexOf('|');
      if (bar < 0) return { code: token };
      const system = token.slice(0, bar);
      return system ? { system, code: token.slice(bar + 1) } : { code: token.slice(bar + 1) };
    })
    .filter((c) => c.code !== '');
}
