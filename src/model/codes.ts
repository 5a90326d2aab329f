// Reading CodeableConcepts and Codings the same way in every FHIR version.
import type { CodeableConcept, Coding } from './fhir-types.js';

export const SYSTEMS = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  ucum: 'http://unitsofmeasure.org',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
} as const;

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
  if (typeof value === 'string') return value.trim() || undefined;
  const concept = asConcept(value);
  if (!concept) return undefined;
  if (typeof concept.text === 'string' && concept.text.trim()) return concept.text.trim();
  for (const coding of codingsOf(value)) {
    if (typeof coding.display === 'string' && coding.display.trim()) return coding.display.trim();
  }
  for (const coding of codingsOf(value)) {
    if (typeof coding.code === 'string' && coding.code.trim()) return coding.code.trim();
  }
  return undefined;
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
