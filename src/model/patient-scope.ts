// Whose record this is (DESIGN.md §3 rule 4), decided once per source and handed to every widget's
// model: the context's patient, or — for resources given with no patient named — the one Patient
// given. Every reference form that names that patient is listed (`Patient/<id>`, absolute URLs,
// `urn:uuid:` full URLs), so a resource is matched however its Bundle links it, and resources of
// any other patient are dropped and counted by `partitionByPatient` in every widget alike.
import type { AnyResource } from './fhir-types.js';
import { partitionByPatient, type PatientPartition } from './resources.js';

export interface PatientScope {
  /** The patient's id; undefined only when nothing names a patient (then nothing is dropped). */
  readonly patientId?: string;
  /** Every reference that names this patient, e.g. `Patient/123`, `https://x/fhir/Patient/123`, `urn:uuid:…`. */
  readonly aliases: readonly string[];
}

/** No patient could be named: every resource is kept (e.g. a Bundle of Medications only). */
export const UNSCOPED: PatientScope = Object.freeze({ aliases: Object.freeze([]) as readonly string[] });

/** The scope of a server's patient: `Patient/<id>`, and its absolute URL on that server when the base is known. */
export function serverPatientScope(patientId: string, base?: string): PatientScope {
  const aliases = [`Patient/${patientId}`];
  if (base) aliases.push(`${base.replace(/\/+$/, '')}/Patient/${patientId}`);
  return { patientId, aliases };
}

/** Keeps the scope's patient's resources and counts the others (DESIGN.md §3 rule 4). */
export function partitionByScope<T extends AnyResource>(resources: readonly T[], scope: PatientScope): PatientPartition<T> {
  return partitionByPatient(resources, scope);
}
