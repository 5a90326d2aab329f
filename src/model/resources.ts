// Flattening Bundles and matching resources to the context's patient (DESIGN.md §3 rule 4).
import type { AnyResource } from './fhir-types.js';

function isResource(value: unknown): value is AnyResource {
  return typeof value === 'object' && value !== null && typeof (value as AnyResource).resourceType === 'string';
}

/** A resource as given, with the `fullUrl` of its Bundle entry when it came in one. */
export interface GivenEntry {
  resource: AnyResource;
  fullUrl?: string;
}

/**
 * The resources inside a Bundle (any type: searchset, collection, document, transaction, and the
 * nested searchset Bundles of a batch-response), or the array itself, each with its entry's
 * `fullUrl` (the form other entries may reference it by); non-resources are skipped.
 */
export function flattenEntries(input: unknown): GivenEntry[] {
  const out: GivenEntry[] = [];
  walkEntries(input, (resource, fullUrl) => out.push(fullUrl === undefined ? { resource } : { resource, fullUrl }));
  return out;
}

/**
 * Calls `visit` with each resource `flattenEntries` finds, in the same order, and its entry's
 * `fullUrl`, without making an entry object per resource (a lab record may give 100,000).
 */
export function walkEntries(input: unknown, visit: (resource: AnyResource, fullUrl?: string) => void): void {
  startEntryWalk(input, visit).step(Infinity);
}

/** A walk over given resources that stops after some resources and goes on where it stopped. */
export interface EntryWalk {
  /** Visits up to `count` more resources (at least one when any are left); true when all have been visited. */
  step(count: number): boolean;
}

/**
 * `walkEntries` in steps, so a caller can let the page breathe between them (a million given
 * results): the same resources in the same order, however the steps are cut.
 */
export function startEntryWalk(input: unknown, visit: (resource: AnyResource, fullUrl?: string) => void): EntryWalk {
  const budget = { left: 0 };
  const walk = walkSteps(input, undefined, visit, budget);
  let done = false;
  return {
    step(count: number): boolean {
      if (done) return true;
      budget.left = Math.max(1, count);
      done = walk.next().done === true;
      return done;
    },
  };
}

/** The walk of `walkEntries`, pausing (a `yield`) before a resource when the step's budget is spent. */
function* walkSteps(
  value: unknown,
  fullUrl: string | undefined,
  visit: (resource: AnyResource, fullUrl?: string) => void,
  budget: { left: number },
): Generator<undefined, void, undefined> {
  if (Array.isArray(value)) {
    const items = value as unknown[];
    for (let i = 0; i < items.length; i += 1) {
      const item = items[i];
      // The common case inline: a resource that is not a Bundle.
      if (isResource(item) && item.resourceType !== 'Bundle' && !Array.isArray(item)) {
        if (budget.left <= 0) yield;
        budget.left -= 1;
        visit(item);
      } else yield* walkSteps(item, undefined, visit, budget);
    }
    return;
  }
  if (!isResource(value)) return;
  if (value.resourceType === 'Bundle') {
    const entries = Array.isArray(value.entry) ? (value.entry as unknown[]) : [];
    for (let i = 0; i < entries.length; i += 1) {
      const entry = entries[i];
      if (!entry || typeof entry !== 'object') continue;
      const { resource, fullUrl: url } = entry as { resource?: unknown; fullUrl?: unknown };
      yield* walkSteps(resource, typeof url === 'string' && url !== '' ? url : undefined, visit, budget);
    }
    return;
  }
  if (budget.left <= 0) yield;
  budget.left -= 1;
  visit(value, fullUrl);
}

/** The resources of `flattenEntries`, without their entries' `fullUrl`. */
export function flattenResources(input: unknown): AnyResource[] {
  const out: AnyResource[] = [];
  walkEntries(input, (resource) => out.push(resource));
  return out;
}

/**
 * The id part of a patient reference: `Patient/123`, `https://x/fhir/Patient/123/_history/2`, or
 * `urn:uuid:123` (a transaction or document Bundle whose Patient has id `123`, as Synthea writes).
 */
export function patientIdOf(reference: unknown): string | undefined {
  if (typeof reference !== 'string' || reference === '') return undefined;
  const match = /(?:^|\/)Patient\/([^/]+)(?:\/_history\/[^/]+)?$/.exec(reference);
  if (match) return match[1];
  if (reference.startsWith('urn:uuid:')) return reference.slice('urn:uuid:'.length);
  return reference.startsWith('urn:') ? reference : undefined;
}

/** The fields that name a resource's patient, across FHIR versions. */
const PATIENT_FIELDS = ['subject', 'patient', 'beneficiary'] as const;

/**
 * Whose record a resource belongs to: the patient id it references, `undefined` when it names no
 * patient, or `null` when it references something that is not a Patient (e.g. a Group).
 */
export function resourcePatient(resource: AnyResource): string | undefined | null {
  if (resource.resourceType === 'Patient') return resource.id;
  for (const field of PATIENT_FIELDS) {
    const ref = resource[field];
    if (ref && typeof ref === 'object') {
      const reference = (ref as { reference?: unknown }).reference;
      if (typeof reference === 'string') return patientIdOf(reference) ?? null;
      return null;
    }
  }
  return undefined;
}

export interface PatientPartition<T> {
  /** Resources that belong to the patient (or name no patient at all, e.g. Medication). */
  kept: T[];
  /** Resources that name another patient: never rendered, only counted. */
  otherPatient: number;
}

/**
 * Whose record: the patient's id and every reference that names it (`Patient/<id>`, the absolute
 * URL and `urn:uuid:` full URL of its Bundle entry). Structurally the `{ patientId, aliases }`
 * options the model functions take; `src/model/patient-scope.ts` decides it once per source.
 */
export interface PatientRef {
  readonly patientId?: string;
  readonly aliases?: readonly string[];
}

/**
 * Keeps the resources of one patient: those whose subject/patient reference is one of `aliases`,
 * or names the patient's id (relative, absolute or `urn:uuid:` form); resources that name no patient
 * at all (e.g. Medication) are kept. With neither an id nor aliases (a bare call with no patient),
 * the patient is inferred from the data: the Patient resource if there is exactly one, else the
 * most common subject.
 */
export function partitionByPatient<T extends AnyResource>(
  resources: readonly T[],
  scope: PatientRef | string | undefined,
  aliases: readonly string[] = [],
): PatientPartition<T> {
  const ref: PatientRef = typeof scope === 'object' ? scope : { patientId: scope, aliases };
  const names = ref.aliases ?? [];
  const target = ref.patientId ?? (names.length ? undefined : inferPatientId(resources));
  if (target === undefined && !names.length) return { kept: [...resources], otherPatient: 0 };
  const accepted = new Set(names);
  const fastMatch = target === undefined ? undefined : `Patient/${target}`;
  const kept: T[] = [];
  let otherPatient = 0;
  for (const resource of resources) {
    const reference = patientReferenceOf(resource);
    // Fast path for the common `Patient/<id>` subject (large lab records have 100k of them).
    if (reference !== undefined && (reference === fastMatch || accepted.has(reference))) {
      kept.push(resource);
      continue;
    }
    const owner = resourcePatient(resource);
    if (owner === undefined || (owner !== null && (owner === target || accepted.has(owner)))) kept.push(resource);
    else otherPatient += 1;
  }
  return { kept, otherPatient };
}

/** The literal reference a resource names its patient by, if any. */
function patientReferenceOf(resource: AnyResource): string | undefined {
  for (const field of PATIENT_FIELDS) {
    const ref = resource[field];
    if (ref && typeof ref === 'object') {
      const reference = (ref as { reference?: unknown }).reference;
      return typeof reference === 'string' ? reference : undefined;
    }
  }
  return undefined;
}

/** The patient a record is about when nothing says so: its one Patient, else the most common subject. */
export function inferPatientId(resources: readonly AnyResource[]): string | undefined {
  const patients = resources.filter((r) => r.resourceType === 'Patient' && typeof r.id === 'string');
  if (patients.length === 1) return patients[0].id;
  const counts = new Map<string, number>();
  for (const resource of resources) {
    const owner = resourcePatient(resource);
    if (typeof owner === 'string' && resource.resourceType !== 'Patient') counts.set(owner, (counts.get(owner) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [id, count] of counts) {
    if (count > bestCount) [best, bestCount] = [id, count];
  }
  return best;
}

/** Finds a resource referenced as `Type/id`, an absolute URL ending so, or `#contained` within `container`. */
export function resolveReference(
  reference: unknown,
  pool: readonly AnyResource[],
  container?: AnyResource,
): AnyResource | undefined {
  if (typeof reference !== 'string' || reference === '') return undefined;
  if (reference.startsWith('#')) {
    const contained = Array.isArray(container?.contained) ? (container.contained as unknown[]) : [];
    return contained.find((r): r is AnyResource => isResource(r) && r.id === reference.slice(1));
  }
  const match = /(?:^|\/)([A-Za-z]+)\/([^/]+)(?:\/_history\/[^/]+)?$/.exec(reference);
  if (!match) return undefined;
  const [, type, id] = match;
  return pool.find((r) => r.resourceType === type && r.id === id);
}
