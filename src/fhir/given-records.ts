// The loader's half for resources given directly (to a widget, a <fhir-context> or a <fhir-source>):
// flattening them a slice per task, and the searches and reads answered from them. Loaded only by a
// loader over given resources (./loader.ts imports it lazily): a page whose widgets read a server
// never fetches it. It imports no value from ./loader.ts (a lazy module must not: one file stays one).
import type { AnyResource } from '../model/fhir-types.js';
import { scopeOfEntries, startGivenRecord } from '../model/given-record.js';
import type { PatientScope } from '../model/patient-scope.js';
import { failure } from './errors.js';
import type { Connection, SearchResult } from './loader.js';
import { yieldToPage } from './yield-to-page.js';

type GivenConnection = Extract<Connection, { kind: 'resources' }>;

/**
 * Flattens `resources` `slice` at a time and decides whose record it is from that same walk; between
 * slices the page runs, and the walk stops (rejecting with the reason) as soon as any of `signals`
 * has aborted.
 */
export async function walkGiven(resources: unknown, patientId: string | undefined, slice: number, signals: (AbortSignal | undefined)[]): Promise<GivenConnection> {
  const record = startGivenRecord(resources, patientId);
  for (;;) {
    for (const signal of signals) signal?.throwIfAborted();
    if (record.step(slice)) break;
    await yieldToPage();
  }
  const { resources: flat, scope, runs } = record.result();
  return { kind: 'resources', resources: flat, patientId, scope, runs };
}

/** The scope of a given connection made without one (it is otherwise decided when it is flattened). */
export function givenScope(connection: GivenConnection): PatientScope {
  return scopeOfEntries(connection.resources.map((resource) => ({ resource })), connection.patientId);
}

/**
 * A search of given resources: every resource of the type (the model filters), the others as
 * included. One pass (a given lab record may hold a million results); by the runs of one type noted
 * when they were flattened, without reading each resource again.
 */
export function searchGiven(connection: GivenConnection, resourceType: string): SearchResult {
  const resources: AnyResource[] = [];
  const included: AnyResource[] = [];
  const { resources: all, runs } = connection;
  const ofType = runs?.filter((run) => run.type === resourceType);
  if (runs && ofType?.length === 1) {
    // The usual given record: its results in one run, copied at once (no push per result).
    const [only] = ofType;
    for (const run of runs) if (run !== only) for (let i = run.start; i < run.end; i += 1) included.push(all[i]);
    return { resources: all.slice(only.start, only.end), included, truncated: false };
  }
  if (runs) {
    for (const run of runs) {
      const into = run.type === resourceType ? resources : included;
      for (let i = run.start; i < run.end; i += 1) into.push(all[i]);
    }
  } else {
    for (const r of all) (r.resourceType === resourceType ? resources : included).push(r);
  }
  return { resources, included, truncated: false };
}

/** A read (`Medication/123`) answered from given resources. */
export function readGiven(connection: GivenConnection, reference: string): AnyResource {
  const [type, id] = reference.split('/');
  const found = connection.resources.find((r) => r.resourceType === type && r.id === id);
  if (!found) throw failure('not-found', 'notGiven', [reference], { request: reference });
  return found;
}
