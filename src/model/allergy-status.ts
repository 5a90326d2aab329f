// Allergy status as the NHS Common User Interface patient banner shows it (DESIGN.md §3 rule 2):
// one of Known allergies · No known allergies · Allergies not recorded (· Allergies unavailable,
// which only a failed load produces). AllergyIntolerance from DSTU2, STU3, R4/R4B and R5 all come
// out as the same view model.
import { asList as asArray, codingsOf, conceptText, firstCode, SYSTEMS, trimmed as text } from './codes.js';
import type { AnyResource, Coding } from './fhir-types.js';
import { partitionByPatient } from './resources.js';
import { sourcesOf } from './source-merge.js';

/** The four statuses; `unavailable` is never produced by the model, only by a failed load. */
export const ALLERGY_STATUSES = ['known', 'no-known', 'not-recorded', 'unavailable'] as const;
export type AllergyStatusKind = (typeof ALLERGY_STATUSES)[number];

export const ALLERGY_CATEGORIES = ['food', 'medication', 'environment', 'biologic', 'other'] as const;
export type AllergyCategory = (typeof ALLERGY_CATEGORIES)[number];

export const ALLERGY_CRITICALITIES = ['high', 'unable-to-assess', 'low'] as const;
export type AllergyCriticality = (typeof ALLERGY_CRITICALITIES)[number];

export const REACTION_SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type ReactionSeverity = (typeof REACTION_SEVERITIES)[number];

/** What a "no known allergy" record covers: all allergies, or only one category of them. */
export const NO_KNOWN_SCOPES = ['all', 'medication', 'food', 'environment'] as const;
export type NoKnownScope = (typeof NO_KNOWN_SCOPES)[number];

export type AllergyType = 'allergy' | 'intolerance';
export type AllergyClinicalStatus = 'active' | 'inactive' | 'resolved';
/** Verification shown to the user (`refuted` and `entered-in-error` never reach the view). */
export type AllergyVerification = 'confirmed' | 'unconfirmed' | 'presumed';

export const IPS_ABSENT_UNKNOWN = 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips';

/** SNOMED CT situations asserting the absence of allergies, by what they cover. */
export const NO_KNOWN_ALLERGY_SNOMED: Readonly<Record<string, NoKnownScope>> = {
  '716186003': 'all', // No known allergy
  '409137002': 'medication', // No known drug allergy
  '429625007': 'food', // No known food allergy
  '428607008': 'environment', // No known environmental allergy
};

/** IPS absent/unknown codes asserting the absence of allergies. */
export const NO_KNOWN_ALLERGY_IPS: Readonly<Record<string, NoKnownScope>> = {
  'no-known-allergies': 'all',
  'no-known-medication-allergies': 'medication',
  'no-known-food-allergies': 'food',
  'no-known-environmental-allergies': 'environment',
};

/** IPS code meaning "no information about allergies": the same as nothing recorded. */
export const NO_ALLERGY_INFO = 'no-allergy-info';

export interface AllergyReaction {
  manifestations: string[];
  severity?: ReactionSeverity;
  /** FHIR dateTime of the reaction's onset. */
  onset?: string;
  description?: string;
  /** The specific substance of this reaction, when it differs from the allergen. */
  substance?: string;
  exposureRoute?: string;
}

export interface AllergyEntry {
  id?: string;
  /** The sources this allergy came from when several were merged (src/model/source-merge.ts); else empty. */
  sources: readonly string[];
  /** The allergen as recorded; undefined when the record names none. */
  allergen?: string;
  /** The allergen's codings (for matching against medications). */
  codings: Coding[];
  categories: AllergyCategory[];
  type?: AllergyType;
  criticality?: AllergyCriticality;
  clinicalStatus: AllergyClinicalStatus;
  verification?: AllergyVerification;
  /** FHIR dateTime the allergy was recorded (R4 recordedDate, STU3 assertedDate). */
  recorded?: string;
  /** FHIR dateTime of onset, or `onsetText` when the record gives only words or an age. */
  onset?: string;
  onsetText?: string;
  lastOccurrence?: string;
  reactions: AllergyReaction[];
  notes: string[];
}

export interface NoKnownAllergyAssertion {
  id?: string;
  scope: NoKnownScope;
  /** The record's own wording (e.g. "NKDA"). */
  text?: string;
  recorded?: string;
  verification?: AllergyVerification;
  /** A current allergy falls inside what this record says is absent. */
  contradicted: boolean;
}

export interface AllergyHidden {
  /** `entered-in-error`: never shown, always counted. */
  enteredInError: number;
  /** `refuted`: never shown as an allergy. */
  refuted: number;
  /** Named another patient (rule 4). */
  otherPatient: number;
}

export interface AllergyStatusModel {
  status: Exclude<AllergyStatusKind, 'unavailable'>;
  /** Current allergies: high criticality first, then by allergen. */
  active: AllergyEntry[];
  /** Inactive or resolved allergies, listed apart from current ones. */
  inactive: AllergyEntry[];
  /** Current "no known … allergy" assertions, each with what it covers. */
  assertions: NoKnownAllergyAssertion[];
  /** An assertion of no known allergies coexists with current allergies it covers. */
  contradiction: boolean;
  /** A record explicitly says there is no information about allergies (IPS `no-allergy-info`). */
  noInformation: boolean;
  hidden: AllergyHidden;
  /** Paging stopped before the end: `active.length + …` is not everything. */
  truncated: boolean;
  total?: number;
}

export interface AllergyStatusOptions {
  /** The context's patient; resources for anyone else are dropped and counted. */
  patientId?: string;
  /** Other references that name the same patient (e.g. `urn:uuid:<id>`). */
  aliases?: readonly string[];
  truncated?: boolean;
  total?: number;
}

const CRITICALITY_RANK: Record<string, number> = { high: 0, 'unable-to-assess': 1, low: 2 };

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Clinical and verification status across versions (DSTU2 had one `status` for both). */
function statusesOf(resource: AnyResource): { clinical?: string; verification?: string } {
  if (resource.clinicalStatus === undefined && resource.verificationStatus === undefined && 'status' in resource) {
    const status = firstCode(resource.status);
    switch (status) {
      case 'active':
        return { clinical: 'active' };
      case 'unconfirmed':
      case 'confirmed':
        return { clinical: 'active', verification: status };
      case 'inactive':
      case 'resolved':
        return { clinical: status };
      case 'refuted':
      case 'entered-in-error':
        return { verification: status };
      default:
        return {};
    }
  }
  return { clinical: firstCode(resource.clinicalStatus), verification: firstCode(resource.verificationStatus) };
}

function criticalityOf(value: unknown): AllergyCriticality | undefined {
  const code = firstCode(value);
  switch (code) {
    case 'CRITH':
      return 'high';
    case 'CRITL':
      return 'low';
    case 'CRITU':
      return 'unable-to-assess';
    default:
      return oneOf(code, ALLERGY_CRITICALITIES);
  }
}

/** The allergen concept: R4+ `code`, DSTU2 `substance`. */
function allergenConcept(resource: AnyResource): unknown {
  return resource.code ?? resource.substance;
}

/** What a "no known allergy" record covers, `no-info` for IPS no-allergy-info, or undefined for a real allergen. */
export function noKnownScope(concept: unknown): NoKnownScope | 'no-info' | undefined {
  for (const coding of codingsOf(concept)) {
    const code = typeof coding.code === 'string' ? coding.code : '';
    if ((coding.system === SYSTEMS.snomed || coding.system === undefined) && code in NO_KNOWN_ALLERGY_SNOMED) {
      return NO_KNOWN_ALLERGY_SNOMED[code];
    }
    if (coding.system === IPS_ABSENT_UNKNOWN || coding.system === undefined) {
      if (code in NO_KNOWN_ALLERGY_IPS) return NO_KNOWN_ALLERGY_IPS[code];
      if (code === NO_ALLERGY_INFO) return 'no-info';
    }
  }
  return undefined;
}

function reactionOf(value: unknown): AllergyReaction | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const reaction = value as Record<string, unknown>;
  const manifestations = asArray(reaction.manifestation)
    // R5 manifestation is a CodeableReference: { concept }.
    .map((m) => conceptText((m as { concept?: unknown })?.concept ?? m))
    .filter((m): m is string => m !== undefined);
  return {
    manifestations,
    severity: oneOf(firstCode(reaction.severity), REACTION_SEVERITIES),
    onset: text(reaction.onset),
    description: text(reaction.description),
    substance: conceptText(reaction.substance),
    exposureRoute: conceptText(reaction.exposureRoute),
  };
}

function notesOf(value: unknown): string[] {
  return asArray(value)
    .map((note) => text((note as { text?: unknown })?.text))
    .filter((note): note is string => note !== undefined);
}

function categoriesOf(value: unknown): AllergyCategory[] {
  const out: AllergyCategory[] = [];
  for (const item of asArray(value)) {
    const category = oneOf(firstCode(item), ALLERGY_CATEGORIES);
    if (category && !out.includes(category)) out.push(category);
  }
  return out;
}

function typeOf(value: unknown): AllergyType | undefined {
  // STU3/R4: a code; R5: a CodeableConcept.
  return oneOf(firstCode(value), ['allergy', 'intolerance'] as const);
}

function onsetOf(resource: AnyResource): { onset?: string; onsetText?: string } {
  const dateTime = text(resource.onsetDateTime) ?? text(resource.onset);
  if (dateTime) return { onset: dateTime };
  const period = resource.onsetPeriod as { start?: unknown } | undefined;
  if (text(period?.start)) return { onset: text(period?.start) };
  const age = resource.onsetAge as { value?: unknown; unit?: unknown } | undefined;
  if (age && typeof age.value === 'number') return { onsetText: `${age.value} ${text(age.unit) ?? ''}`.trim() };
  const words = text(resource.onsetString);
  return words ? { onsetText: words } : {};
}

function allergyEntry(resource: AnyResource, clinical: AllergyClinicalStatus, verification?: AllergyVerification): AllergyEntry {
  const concept = allergenConcept(resource);
  return {
    id: text(resource.id),
    sources: sourcesOf(resource),
    allergen: conceptText(concept),
    codings: codingsOf(concept),
    categories: categoriesOf(resource.category),
    type: typeOf(resource.type),
    criticality: criticalityOf(resource.criticality),
    clinicalStatus: clinical,
    verification,
    recorded: text(resource.recordedDate) ?? text(resource.assertedDate),
    ...onsetOf(resource),
    lastOccurrence: text(resource.lastOccurrence) ?? text(resource.lastOccurence),
    reactions: asArray(resource.reaction)
      .map(reactionOf)
      .filter((r): r is AllergyReaction => r !== undefined),
    notes: notesOf(resource.note),
  };
}

function byCriticalityThenAllergen(a: AllergyEntry, b: AllergyEntry): number {
  const rank = (CRITICALITY_RANK[a.criticality ?? ''] ?? 3) - (CRITICALITY_RANK[b.criticality ?? ''] ?? 3);
  if (rank !== 0) return rank;
  return (a.allergen ?? '\uffff').localeCompare(b.allergen ?? '\uffff');
}

/** True when a current allergy falls inside what an assertion says is absent (unknown category counts). */
function contradicts(assertion: NoKnownAllergyAssertion, allergy: AllergyEntry): boolean {
  if (assertion.scope === 'all' || allergy.categories.length === 0) return true;
  return allergy.categories.includes(assertion.scope);
}

/**
 * The allergy status of one patient from AllergyIntolerance resources of any FHIR version.
 * Other resource types in `resources` are ignored, so a whole record can be passed.
 */
export function allergyStatus(resources: readonly unknown[], options: AllergyStatusOptions = {}): AllergyStatusModel {
  const allergies = resources.filter(
    (r): r is AnyResource => !!r && typeof r === 'object' && (r as AnyResource).resourceType === 'AllergyIntolerance',
  );
  const { kept, otherPatient } = partitionByPatient(allergies, options.patientId, options.aliases);
  const hidden: AllergyHidden = { enteredInError: 0, refuted: 0, otherPatient };
  const active: AllergyEntry[] = [];
  const inactive: AllergyEntry[] = [];
  const assertions: NoKnownAllergyAssertion[] = [];
  let noInformation = false;

  for (const resource of kept) {
    const statuses = statusesOf(resource);
    if (statuses.verification === 'entered-in-error') {
      hidden.enteredInError += 1;
      continue;
    }
    if (statuses.verification === 'refuted') {
      hidden.refuted += 1;
      continue;
    }
    const clinical: AllergyClinicalStatus = oneOf(statuses.clinical, ['inactive', 'resolved'] as const) ?? 'active';
    const verification = oneOf(statuses.verification, ['confirmed', 'unconfirmed', 'presumed'] as const);
    const scope = noKnownScope(allergenConcept(resource));
    if (scope === 'no-info') {
      noInformation = true;
    } else if (scope !== undefined) {
      // An assertion that is no longer current says nothing now.
      if (clinical === 'active') {
        assertions.push({
          id: text(resource.id),
          scope,
          text: conceptText(allergenConcept(resource)),
          recorded: text(resource.recordedDate) ?? text(resource.assertedDate),
          verification,
          contradicted: false,
        });
      }
    } else {
      (clinical === 'active' ? active : inactive).push(allergyEntry(resource, clinical, verification));
    }
  }

  active.sort(byCriticalityThenAllergen);
  inactive.sort(byCriticalityThenAllergen);
  const scopes = NO_KNOWN_SCOPES;
  assertions.sort((a, b) => scopes.indexOf(a.scope) - scopes.indexOf(b.scope));
  for (const assertion of assertions) assertion.contradicted = active.some((allergy) => contradicts(assertion, allergy));
  const contradiction = assertions.some((assertion) => assertion.contradicted);
  const status = active.length > 0 ? 'known' : assertions.length > 0 ? 'no-known' : 'not-recorded';
  return {
    status,
    active,
    inactive,
    assertions,
    contradiction,
    noInformation,
    hidden,
    truncated: options.truncated === true,
    ...(options.total === undefined ? {} : { total: options.total }),
  };
}
