// Patient identity in the NHS Common User Interface style (DESIGN.md §3 rule 8):
// `FAMILY, Given (Title)`, `Born 14-Jul-1945 (80y)`, gender, identifiers with their type,
// deceased with its date. Reads DSTU2 (family as an array), STU3, R4 and R5 Patients.
import { asList, codingsOf, trimmed as text } from './codes.js';
import { ageParts } from './age.js';
import { cuiAge, parseFhirDate, type AgeParts } from './dates.js';
import type { AnyResource } from './fhir-types.js';

export const PATIENT_GENDERS = ['male', 'female', 'other', 'unknown'] as const;
export type PatientGender = (typeof PATIENT_GENDERS)[number];

/** Identifier types the banner names itself; anything else shows the record's own type text. */
export const IDENTIFIER_KINDS = ['nhs', 'mrn', 'ssn', 'passport', 'driving-licence', 'national'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

const NHS_SYSTEMS = ['https://fhir.nhs.uk/Id/nhs-number', 'http://fhir.nhs.net/Id/nhs-number'];
const SSN_SYSTEM = 'http://hl7.org/fhir/sid/us-ssn';

export interface PatientIdentifier {
  /** A type the kit names (MRN, NHS No. …), when recognised. */
  kind?: IdentifierKind;
  /** The record's own words for the type (`type.text` or a coding display), when not recognised. */
  typeText?: string;
  value: string;
}

export interface PatientIdentity {
  id?: string;
  /** `FAMILY, Given (Title)`, or the record's `name.text`; undefined when no name is recorded. */
  name?: string;
  /** FHIR date of birth. */
  birthDate?: string;
  /** CUI age (`80y`, `7y 4m`, `10w 3d`), at the date of death for a deceased patient. */
  age?: string;
  /** The same age as numbers, for a language that words it otherwise. */
  ageParts?: AgeParts;
  gender?: PatientGender;
  identifiers: PatientIdentifier[];
  /** Present when the record says the patient has died; `date` when it says when. */
  deceased?: { date?: string };
}

export interface PatientIdentityOptions {
  /** "Today" for the age (default: now). */
  now?: Date;
  /**
   * Identifier types to show, as HL7 v2-0203 codes (`MR`, `NH`, `SS`, `PPN`, `DL`, `NI`) or `other`
   * (a type the kit does not name); undefined shows all. Social-security numbers are masked either way.
   */
  identifierTypes?: readonly string[];
}

/** The v2-0203 code for each identifier kind (what a host lists to show it). */
export const IDENTIFIER_TYPE_CODES: Readonly<Record<IdentifierKind, string>> = {
  nhs: 'NH',
  mrn: 'MR',
  ssn: 'SS',
  passport: 'PPN',
  'driving-licence': 'DL',
  national: 'NI',
};
/** The kind of each HL7 v2 table 0203 identifier type code (any of its system URLs): the same table read backwards. */
const V2_0203_KINDS: Readonly<Record<string, IdentifierKind>> = Object.fromEntries(
  Object.entries(IDENTIFIER_TYPE_CODES).map(([kind, code]) => [code, kind as IdentifierKind]),
);

/** `identifiers="MR NH"` or `"MR,NH"` → `['MR', 'NH']`; empty or absent → undefined (show all). */
export function parseIdentifierTypes(value: string | null | undefined): string[] | undefined {
  const codes = (value ?? '')
    .split(/[\s,]+/)
    .map((code) => (code.toLowerCase() === 'other' ? 'other' : code.toUpperCase()))
    .filter(Boolean);
  return codes.length ? codes : undefined;
}

/**
 * A social-security-type number as a clinician may see it: only the last four characters
 * (`***-**-5375` for a US SSN). Never the whole number, whatever the host asks for.
 */
export function maskSocialSecurityNumber(value: string): string {
  const compact = value.replace(/[\s-]/g, '');
  const last = compact.slice(-4);
  if (/^\d{9}$/.test(compact)) return `***-**-${last}`;
  return compact.length <= 4 ? '*'.repeat(compact.length) : `${'*'.repeat(Math.min(compact.length - 4, 8))}${last}`;
}

interface HumanName {
  use?: unknown;
  text?: unknown;
  family?: unknown;
  given?: unknown;
  prefix?: unknown;
  period?: { end?: unknown };
}

function strings(value: unknown): string[] {
  return asList(value).map(text).filter((s): s is string => s !== undefined);
}

function ended(period: { end?: unknown } | undefined, now: Date): boolean {
  const end = parseFhirDate(period?.end);
  if (!end) return false;
  return Date.UTC(end.year, (end.month ?? 12) - 1, end.day ?? 28) < now.getTime();
}

const NAME_USE_RANK: Record<string, number> = { official: 0, usual: 1, '': 2, temp: 3, nickname: 4 };

/** The name to show: official, else usual, else any current one; old and maiden names last. */
function chooseName(names: unknown, now: Date): HumanName | undefined {
  const list = (Array.isArray(names) ? names : [names]).filter(
    (n): n is HumanName => !!n && typeof n === 'object',
  );
  const rank = (n: HumanName) => {
    const base = NAME_USE_RANK[typeof n.use === 'string' ? n.use : ''] ?? 5;
    return ended(n.period, now) ? base + 10 : base;
  };
  return [...list]
    .filter((n) => text(n.text) || strings(n.family).length || strings(n.given).length)
    .sort((a, b) => rank(a) - rank(b))[0];
}

/** `FAMILY, Given Middle (Title)` as the CUI shows a name; `name.text` when there are no parts. */
export function cuiName(name: HumanName | undefined): string | undefined {
  if (!name) return undefined;
  const family = strings(name.family).join(' '); // DSTU2: family is an array
  const given = strings(name.given).join(' ');
  const title = strings(name.prefix).join(' ');
  if (!family && !given) return text(name.text);
  const main = family && given ? `${family.toUpperCase()}, ${given}` : family ? family.toUpperCase() : given;
  return title ? `${main} (${title})` : main;
}

/** NHS numbers are shown 3-3-4 (`943 476 5919`). */
function formatNhsNumber(value: string): string {
  const digits = value.replace(/\s+/g, '');
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : value;
}

function identifierOf(value: unknown, now: Date): PatientIdentifier | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const identifier = value as { use?: unknown; system?: unknown; value?: unknown; type?: unknown; period?: { end?: unknown } };
  const id = text(identifier.value);
  if (!id || identifier.use === 'old' || ended(identifier.period, now)) return undefined;
  const system = text(identifier.system);
  let kind: IdentifierKind | undefined;
  if (system && NHS_SYSTEMS.includes(system)) kind = 'nhs';
  else if (system === SSN_SYSTEM) kind = 'ssn';
  else {
    for (const coding of codingsOf(identifier.type)) {
      const code = typeof coding.code === 'string' ? coding.code : '';
      if (/v2-0203|v2\/0203/.test(coding.system ?? '') || coding.system === undefined) kind ??= V2_0203_KINDS[code];
    }
  }
  if (kind === 'nhs') return { kind, value: formatNhsNumber(id) };
  if (kind === 'ssn') return { kind, value: maskSocialSecurityNumber(id) };
  if (kind) return { kind, value: id };
  // The type's own words, never a system URI (a bare code is not words either).
  const concept = identifier.type as { text?: unknown } | undefined;
  const typeText = text(concept?.text) ?? codingsOf(identifier.type).map((c) => text(c.display)).find(Boolean);
  return { ...(typeText ? { typeText } : {}), value: id };
}

/** NHS number first, then MRN, then the rest. */
const orderOf = (identifier: PatientIdentifier): number => ['nhs', 'mrn', identifier.kind].indexOf(identifier.kind);

function deceasedOf(patient: AnyResource): { date?: string } | undefined {
  const date = text(patient.deceasedDateTime);
  if (date) return { date };
  if (patient.deceasedBoolean === true) return {};
  return undefined;
}

/** The identity of a Patient resource of any version; every field may be missing. */
export function patientIdentity(patient: unknown, options: PatientIdentityOptions = {}): PatientIdentity {
  const now = options.now ?? new Date();
  if (!patient || typeof patient !== 'object') return { identifiers: [] };
  const resource = patient as AnyResource;
  const birthDate = parseFhirDate(resource.birthDate) ? text(resource.birthDate) : undefined;
  const deceased = deceasedOf(resource);
  let parts: AgeParts | undefined;
  if (birthDate && !deceased) parts = ageParts(birthDate, now);
  else if (birthDate && deceased?.date) parts = ageParts(birthDate, deceased.date);
  const age = parts ? cuiAge(parts) : undefined;
  const identifiers = (Array.isArray(resource.identifier) ? resource.identifier : [])
    .map((i) => identifierOf(i, now))
    .filter((i): i is PatientIdentifier => i !== undefined)
    .filter((i) => !options.identifierTypes || options.identifierTypes.includes(i.kind ? IDENTIFIER_TYPE_CODES[i.kind] : 'other'));
  // Stable sort: NHS number, then MRN, then the rest in record order.
  identifiers.sort((a, b) => orderOf(a) - orderOf(b));
  const gender = PATIENT_GENDERS.find((g) => g === resource.gender);
  const name = cuiName(chooseName(resource.name, now));
  return {
    ...(text(resource.id) ? { id: text(resource.id) } : {}),
    ...(name ? { name } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(age && parts ? { age, ageParts: parts } : {}),
    ...(gender ? { gender } : {}),
    identifiers: dedupe(identifiers),
    ...(deceased ? { deceased } : {}),
  };
}

function dedupe(identifiers: PatientIdentifier[]): PatientIdentifier[] {
  const seen = new Set<string>();
  return identifiers.filter((i) => {
    const key = `${i.kind ?? i.typeText ?? ''}|${i.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The Patient a record is about: the one with `patientId`, or the only Patient in the data.
 * Undefined when there is none, or several and no id to choose by.
 */
export function recordPatient(resources: readonly unknown[], patientId?: string): AnyResource | undefined {
  const patients = resources.filter(
    (r): r is AnyResource => !!r && typeof r === 'object' && (r as AnyResource).resourceType === 'Patient',
  );
  if (patientId !== undefined) return patients.find((p) => p.id === patientId);
  return patients.length === 1 ? patients[0] : undefined;
}
