// Resources given directly (an array, or a Bundle of any type, nested searchsets included): flattened
// in one walk, in steps a caller may let the page breathe between, and whose record they are decided
// from that same walk (DESIGN.md §3 rule 4). Loaded only by a loader over given resources
// (src/fhir/given-records.ts, imported lazily): a page whose widgets read a server never fetches it.
import type { AnyResource } from './fhir-types.js';
import { UNSCOPED, type PatientScope } from './patient-scope.js';
import { inferPatientId, isResource, type GivenEntry } from './resources.js';

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

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
