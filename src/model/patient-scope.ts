// Whose record this is (DESIGN.md §3 rule 4), decided once per source and handed to every widget's
// model: the context's patient, or — for resources given with no patient named — the one Patient
// given. Every reference form that names that patient is listed (`Patient/<id>`, absolute URLs,
// `urn:uuid:` full URLs), so a resource is matched however its Bundle links it, and resources of
// any other patient are dropped and counted by `partitionByPatient` in every widget alike.
import type { AnyResource } from './fhir-types.js';
import { inferPatientId, partitionByPatient, startEntryWalk, type GivenEntry, type PatientPartition } from './resources.js';

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

/** The aliases of one given Patient entry: its relative reference and its entry's full URL (both forms kept). */
function entryAliases(entry: GivenEntry): string[] {
  const aliases: string[] = [];
  const id = entry.resource.id;
  if (typeof id === 'string' && id !== '') aliases.push(`Patient/${id}`, `urn:uuid:${id}`);
  if (entry.fullUrl) aliases.push(entry.fullUrl);
  return aliases;
}

/**
 * The scope of resources given directly (an array, or a Bundle of any type). With `patientId`
 * (the context's `patient` attribute) that is the patient. Without it the patient is the one
 * Patient given; with none or several, the most common subject (decided here, once, over
 * everything given, never per widget from one resource type).
 */
export function givenPatientScope(input: unknown, patientId?: string): PatientScope {
  return givenRecord(input, patientId).scope;
}

/** The resources given directly, flattened, with their scope and their runs of one type. */
export interface GivenRecord {
  resources: AnyResource[];
  scope: PatientScope;
  runs: TypeRun[];
}

/**
 * The resources given directly, flattened as `flattenResources` does, and their scope as
 * `givenPatientScope` decides it: one walk over them, no entry object made per resource.
 */
export function givenRecord(input: unknown, patientId?: string): GivenRecord {
  const record = startGivenRecord(input, patientId);
  record.step(Infinity);
  return record.result();
}

/** `givenRecord` in steps (a caller may let the page breathe between them). */
export interface GivenRecordBuild {
  /** Flattens up to `count` more resources; true when all are. */
  step(count: number): boolean;
  /** The record, once `step` has returned true (the same as `givenRecord`'s, however it was stepped). */
  result(): GivenRecord;
}

/** Starts flattening the resources given (nothing is read until `step`). */
export function startGivenRecord(input: unknown, patientId?: string): GivenRecordBuild {
  const resources: AnyResource[] = [];
  const patients: GivenEntry[] = [];
  const runs: TypeRun[] = [];
  let run: TypeRun | undefined;
  const walk = startEntryWalk(input, (resource, fullUrl) => {
    const type = resource.resourceType;
    if (run && run.type === type) run.end += 1;
    else runs.push((run = { type, start: resources.length, end: resources.length + 1 }));
    resources.push(resource);
    if (type === 'Patient') patients.push(fullUrl === undefined ? { resource } : { resource, fullUrl });
  });
  let done = false;
  return {
    step(count: number): boolean {
      done ||= walk.step(count);
      return done;
    },
    result(): GivenRecord {
      if (!done) throw new Error('startGivenRecord: result() before every resource was flattened');
      return { resources, scope: scopeOf(patients, () => resources, patientId), runs };
    },
  };
}

/**
 * Resources of one type next to each other (`resources[start..end)`), noted while they are
 * flattened: a search of given resources then picks its type by runs, reading no resource again.
 */
export interface TypeRun {
  type: string;
  start: number;
  end: number;
}

/** `givenPatientScope` over already flattened entries. */
export function scopeOfEntries(entries: readonly GivenEntry[], patientId?: string): PatientScope {
  const patients = entries.filter((entry) => entry.resource.resourceType === 'Patient');
  return scopeOf(patients, () => entries.map((entry) => entry.resource), patientId);
}

/** The scope, from the Patient entries given and (only when they do not decide it) all the resources. */
function scopeOf(patients: readonly GivenEntry[], all: () => readonly AnyResource[], patientId?: string): PatientScope {
  let chosen: GivenEntry | undefined;
  if (patientId !== undefined) chosen = patients.find((entry) => entry.resource.id === patientId);
  else if (patients.length === 1) chosen = patients[0];
  if (chosen) {
    const id = typeof chosen.resource.id === 'string' && chosen.resource.id !== '' ? chosen.resource.id : patientId;
    return { ...(id === undefined ? {} : { patientId: id }), aliases: unique(entryAliases(chosen)) };
  }
  if (patientId !== undefined) return { patientId, aliases: [`Patient/${patientId}`, `urn:uuid:${patientId}`] };
  const inferred = inferPatientId(all());
  return inferred === undefined ? UNSCOPED : { patientId: inferred, aliases: [`Patient/${inferred}`, `urn:uuid:${inferred}`] };
}

/** Keeps the scope's patient's resources and counts the others (DESIGN.md §3 rule 4). */
export function partitionByScope<T extends AnyResource>(resources: readonly T[], scope: PatientScope): PatientPartition<T> {
  return partitionByPatient(resources, scope);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
