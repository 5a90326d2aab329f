// Flattening Bundles and matching resources to the context's patient (DESIGN.md §3 rule 4).
import type { AnyResource } from './fhir-types.js';

function isResource(value: unknown): value is AnyResource {
  return typeof value === 'object' && value !== null && typeof (value as AnyResource).resourceType === 'string';
}

/**
 * The resources inside a Bundle (any type: searchset, collection, document, transaction, and the
 * nested searchset Bundles of a batch-response), or the array itself; non-resources are skipped.
 */
export function flattenResources(input: unknown): AnyResource[] {
  const out: AnyResource[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isResource(value)) return;
    if (value.resourceType === 'Bundle') {
      const entries = Array.isArray(value.entry) ? value.entry : [];
      for (const entry of entries) {
        if (entry && typeof entry === 'object') visit((entry as { resource?: unknown }).resource);
      }
      return;
    }
    out.push(value);
  };
  visit(input);
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
 * Keeps the resources of one patient. With no patient id (data given directly, no context) the
 * patient is the one the data is about: the Patient resource if there is exactly one, else the
 * most common subject.
 */
export function partitionByPatient<T extends AnyResource>(
  resources: readonly T[],
  patientId: string | undefined,
  aliases: readonly string[] = [],
): PatientPartition<T> {
  const target = patientId ?? inferPatientId(resources);
  if (target === undefined) return { kept: [...resources], otherPatient: 0 };
  const accepted = new Set([target, ...aliases]);
  const fastMatch = `Patient/${target}`;
  const kept: T[] = [];
  let otherPatient = 0;
  for (const resource of resources) {
    // Fast path for the common `Patient/<id>` subject (large lab records have 100k of them).
    if ((resource.subject as { reference?: unknown } | undefined)?.reference === fastMatch) {
      kept.push(resource);
      continue;
    }
    const owner = resourcePatient(resource);
    if (owner === undefined || (owner !== null && accepted.has(owner))) kept.push(resource);
    else otherPatient += 1;
  }
  return { kept, otherPatient };
}

function inferPatientId(resources: readonly AnyResource[]): string | undefined {
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
  const match = /([A-Za-z]+)\/([^/]+)(?:\/_history\/[^/]+)?$/.exec(reference);
  if (!match) return undefined;
  const [, type, id] = match;
  return pool.find((r) => r.resourceType === type && r.id === id);
}
