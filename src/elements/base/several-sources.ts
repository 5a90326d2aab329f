// Several sources (issue 14): the part of every widget that runs its query at each source, merges
// what they returned and names the sources that failed. Loaded by src/elements/base/fhir-widget.ts
// the first time a context has more than one source (awaited inside that load): a page with one
// source never downloads it.
import { html, type TemplateResult } from 'lit';
import { identityDifferences } from '../../fhir/source-merging.js';
import { toFhirError, type FhirError } from '../../fhir/errors.js';
import type { IdleReason } from '../../fhir/loader.js';
import type { FhirLoader } from '../../fhir/loader.js';
import type { SourceSet } from '../../fhir/sources-context.js';
import { filterSourcedData } from '../../fhir/source-merging.js';
import { partitionByScope, type PatientScope } from '../../model/patient-scope.js';
import type { AnyResource } from '../../model/fhir-types.js';
import type { IdentityDifference, IdentityField, SourcedData } from '../../model/source-merge.js';
import { described } from '../../fhir/described.js';
import type { Format } from '../../i18n/format.js';
import type { CommonMessages } from '../../i18n/messages.js';
import type { FhirErrorDetail, Loaded, MergedFetch, SourceCounts, SourceFailure } from './fhir-widget.js';

export { filterSourcedData, identityDifferences, mergeSourcedData } from '../../fhir/source-merging.js';

export type SourceResult<Data> =
  | { source: string; primary: boolean; data: Data; scope: PatientScope; otherPatient: number }
  | { source: string; primary: boolean; error: FhirError }
  | { source: string; primary: boolean; idle: IdleReason };

function countResources(value: unknown): number {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === 'object' && 'resourceType' in v).length;
  if (value && typeof value === 'object' && !('resourceType' in value)) {
    return Object.values(value).reduce<number>((sum, inner) => sum + countResources(inner), 0);
  }
  return 0;
}

/** A widget's query at every source in parallel, each kept to its own source's patient (`FhirWidget.fetchFromSources`). */
export function fetchFromSources<Data>(
  set: SourceSet,
  signal: AbortSignal,
  fetchResources: (loader: FhirLoader, signal: AbortSignal) => Promise<Data>,
): Promise<SourceResult<Data>[]> {
  return Promise.all(
    set.sources.map(async ({ label, loader, primary }): Promise<SourceResult<Data>> => {
      try {
        const readiness = await loader.readiness();
        if (readiness.kind === 'idle') return { source: label, primary, idle: readiness.reason };
        const raw = await fetchResources(loader, signal);
        const scoped = filterSourcedData(raw, (list) => partitionByScope(list, readiness.scope));
        return { source: label, primary, data: scoped.data, scope: readiness.scope, otherPatient: scoped.otherPatient };
      } catch (error) {
        if (signal.aborted) throw error;
        return { source: label, primary, error: toFhirError(error) };
      }
    }),
  );
}

/** Every source's data merged (`FhirWidget.fetchMerged`): idle while the primary is, throws when no source loaded. */
export function mergeResults<Data>(
  results: readonly SourceResult<Data>[],
  mergeSources: (parts: readonly SourcedData<Data>[], scopes: readonly PatientScope[]) => Data,
): MergedFetch<Data> | { idle: IdleReason } {
  const primary = results[0];
  if (primary && 'idle' in primary) return { idle: primary.idle };
  const loaded = results.filter((r): r is Extract<SourceResult<Data>, { data: Data }> => 'data' in r);
  const failures = results.filter((r): r is Extract<SourceResult<Data>, { error: FhirError }> => 'error' in r);
  if (!loaded.length) throw failures[0]?.error ?? new Error('No source loaded.');
  const scopes = loaded.map((r) => r.scope);
  const data = mergeSources(
    loaded.map((r) => ({ source: r.source, data: r.data })),
    scopes,
  );
  const first = loaded[0]!.scope;
  // Every part was already kept to its own source's patient: the merged scope names them all.
  const scope: PatientScope = {
    ...(first.patientId === undefined ? {} : { patientId: first.patientId }),
    aliases: [...new Set(scopes.flatMap((s) => [...s.aliases, ...(s.patientId ? [`Patient/${s.patientId}`] : [])]))],
  };
  return {
    data,
    scope,
    failures: failures.map((f) => ({ source: f.source, error: f.error })),
    counts: loaded.map((r) => ({ source: r.source, records: countResources(r.data), otherPatient: r.otherPatient })),
  };
}

/**
 * One multi-source load (`FhirWidget`'s): every source's data merged (`fetchMerged`), each failed
 * source's message in full (its words load here, inside the load), then the model (`build`).
 */
export async function loadFromSources<Data, Model>(
  set: SourceSet,
  signal: AbortSignal,
  fetchMerged: (set: SourceSet, signal: AbortSignal) => Promise<MergedFetch<Data> | { idle: IdleReason }>,
  build: (data: Data, scope: PatientScope) => Model | Promise<Model>,
): Promise<Loaded<Model>> {
  const fetched = await fetchMerged(set, signal);
  signal.throwIfAborted();
  if ('idle' in fetched) return { kind: 'idle', reason: fetched.idle };
  await Promise.all(fetched.failures.map((f) => described(f.error)));
  const model = await build(fetched.data, fetched.scope);
  signal.throwIfAborted();
  return { kind: 'model', model, failures: fetched.failures, counts: fetched.counts, sourceCount: set.sources.length };
}

/**
 * "None recorded in Riverside EMR; Regional HIE unavailable": a widget's empty line while some
 * sources failed (`FhirWidget.noneText`; DESIGN.md §3 rules 1 and 11).
 */
export function noneRecordedIn(
  loaded: { counts: readonly SourceCounts[]; failures: readonly SourceFailure[] },
  common: CommonMessages,
  format: Format,
): string {
  return common.noneRecordedIn(format.list(loaded.counts.map((c) => c.source)), format.list(loaded.failures.map((f) => f.source)));
}

/** The `fhir-load` detail's keys per source: `records@<label>` loaded, `otherPatient@<label>` dropped, `failed@<label>` = 1. */
export function addSourceCounts(
  detail: Record<string, number>,
  loaded: { sourceCount: number; counts: readonly SourceCounts[]; failures: readonly SourceFailure[] },
): void {
  detail.sources = loaded.sourceCount;
  for (const count of loaded.counts) {
    detail[`records@${count.source}`] = count.records;
    detail[`otherPatient@${count.source}`] = count.otherPatient;
  }
  for (const failure of loaded.failures) detail[`failed@${failure.source}`] = 1;
}

/** One `fhir-error` per failed source, naming it (after the widget's `fhir-load`). */
export function announceFailures(host: HTMLElement, failures: readonly SourceFailure[]): void {
  for (const { source, error } of failures) {
    const detail: FhirErrorDetail = { source, ...(error.status === undefined ? {} : { status: error.status }), message: error.message };
    host.dispatchEvent(new CustomEvent<FhirErrorDetail>('fhir-error', { detail, bubbles: true, composed: true }));
  }
}

/** The failed sources, named, above what the others returned (`FhirWidget.renderSourceFailures`). */
export function renderSourceFailures(
  failures: readonly SourceFailure[],
  view: { title: (source: string) => string; errorText: (error: FhirError) => string; retry: () => void; retryLabel: string },
): TemplateResult {
  return html`<div class="source-failures" part="source-failures" role="alert">
    ${failures.map(
      (f) => html`<p class="source-failure" part="source-failure" data-source=${f.source}>
        <strong>${view.title(f.source)}</strong> <span class="error-message">${view.errorText(f.error)}</span>
        <button type="button" part="retry" class="retry" @click=${view.retry}>${view.retryLabel}</button>
      </p>`,
    )}
  </div>`;
}

/** Another source's Patient differs from the primary's (it may be another person). */
export interface IdentityMismatch {
  readonly source: string;
  readonly differences: readonly IdentityDifference[];
}

/**
 * `<fhir-patient-summary>` with several sources: each other source whose Patient differs from the
 * primary's (the one shown) in family, given, birth date or gender, with what differs.
 */
export function identityMismatches(parts: readonly SourcedData<{ patient?: AnyResource }>[]): IdentityMismatch[] {
  const shown = parts[0]?.data.patient;
  const mismatches: IdentityMismatch[] = [];
  for (const part of parts.slice(1)) {
    const other = part.data.patient;
    if (!shown || !other) continue;
    const differences = identityDifferences(shown, other);
    if (differences.length) mismatches.push({ source: part.source, differences });
  }
  return mismatches;
}

/** The summary's words for an identity mismatch (its `PatientSummaryMessages`). */
export interface IdentityMismatchWords {
  identityDiffers: (source: string, differences: string) => string;
  identityDifference: (field: string, shown: string, other: string) => string;
  identityFields: Record<IdentityField, string>;
  genders: Readonly<Record<string, string>>;
}

/**
 * "Identity differs in Regional HIE: birth date 21-Sep-1952 vs 12-Sep-1952" — shown first, as an
 * alert: it may be another person. `date` and `list` in the widget's language.
 */
export function renderIdentityMismatches(
  mismatches: readonly IdentityMismatch[],
  t: IdentityMismatchWords,
  view: { notKnown: string; date: (value: string) => string | undefined; list: (items: string[]) => string },
): TemplateResult {
  const value = (difference: IdentityDifference, which: 'primary' | 'other'): string => {
    const raw = difference[which] ?? view.notKnown;
    if (difference.field === 'birthDate') return view.date(raw) ?? raw;
    if (difference.field === 'gender' && raw in t.genders) return t.genders[raw]!;
    return raw;
  };
  return html`<div part="identity-mismatch" class="identity-mismatch" role="alert">
    ${mismatches.map(
      (mismatch) => html`<p data-source=${mismatch.source}>
        <strong
          >${t.identityDiffers(
            mismatch.source,
            view.list(mismatch.differences.map((d) => t.identityDifference(t.identityFields[d.field], value(d, 'primary'), value(d, 'other')))),
          )}</strong
        >
      </p>`,
    )}
  </div>`;
}
