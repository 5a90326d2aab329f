// <fhir-cds-cards> inside a context with <fhir-source> children: each source's readiness and patient,
// one call per service with the merged record (not one per source — the point is the conflict
// across records), and which sources were missing from it. Loaded only then (the element's
// `fetchMerged`), so a page with one FHIR server never fetches it.
import { toFhirError, type FhirError } from '../../fhir/errors.js';
import type { FhirLoader, IdleReason } from '../../fhir/loader.js';
import type { CdsCallResult, CdsRecordSource } from '../../fhir/queries/cds.js';
import type { DataSource, SourceSet } from '../../fhir/sources-context.js';
import type { PatientScope } from '../../model/patient-scope.js';
import type { MergedFetch } from '../base/fhir-widget.js';

/** What the element lends: its patient lookup, its service call, and its "no patient" failure. */
export interface CdsSourceCalls<T extends CdsCallResult> {
  patientAt(loader: FhirLoader): Promise<string | undefined>;
  call(records: CdsRecordSource[], patientId: string): Promise<T>;
  noPatient(): FhirError;
}

type SourceState =
  | { kind: 'idle'; source: DataSource; idle: IdleReason }
  | { kind: 'ready'; source: DataSource; scope: PatientScope; patientId: string | undefined }
  | { kind: 'failed'; source: DataSource; error: FhirError };

export async function fetchAcrossSources<T extends CdsCallResult>(
  set: SourceSet,
  signal: AbortSignal,
  calls: CdsSourceCalls<T>,
): Promise<MergedFetch<T> | { idle: IdleReason }> {
  const states = await Promise.all(
    set.sources.map(async (source): Promise<SourceState> => {
      try {
        const readiness = await source.loader.readiness();
        if (readiness.kind === 'idle') return { kind: 'idle', source, idle: readiness.reason };
        return { kind: 'ready', source, scope: readiness.scope, patientId: await calls.patientAt(source.loader) };
      } catch (error) {
        if (signal.aborted) throw error;
        return { kind: 'failed', source, error: toFhirError(error) };
      }
    }),
  );
  signal.throwIfAborted();
  const [primary] = states;
  if (!primary) return { idle: 'no-source' };
  if (primary.kind === 'failed') throw primary.error;
  if (primary.kind === 'idle') return { idle: primary.idle };
  if (!primary.patientId) throw calls.noPatient();
  const records: CdsRecordSource[] = states.flatMap((s) =>
    s.kind === 'ready' && s.patientId ? [{ label: s.source.label, loader: s.source.loader, patientId: s.patientId }] : [],
  );
  const data = await calls.call(records, primary.patientId);
  const failures = [
    ...states.flatMap((s) => (s.kind === 'failed' ? [{ source: s.source.label, error: s.error }] : [])),
    ...data.sourceFailures.map((f) => ({ source: f.source, error: toFhirError(f.error) })),
  ];
  return {
    data,
    scope: primary.scope,
    failures,
    counts: data.sources.map((s) => ({ source: s.source, records: s.records, otherPatient: s.otherPatient })),
  };
}
