// The named query of <fhir-results>: the patient's DiagnosticReports with their results included,
// paged to the end; the patient's ImagingStudies (imaging reports, and studies with no report); the
// laboratory Observations (flowsheet); then reads of every result, member or study reference the
// searches did not bring. A failed report search fails the widget; a failed read is a named gap in
// the report that needed it; a failed secondary search is a named warning (DESIGN.md §3 rules 1, 11).
import type { AnyResource } from '../../model/fhir-types.js';
import {
  inCategory,
  rememberPoolIndex,
  ResourceIndex,
  unresolvedReferences,
  type FailedRead,
  type ResultCategoryFilter,
  type ResultsModel,
  type ResultsView,
} from '../../model/diagnostic-report.js';
import { isAbort, searchNotSupported, toFhirError } from '../errors.js';
import type { FhirLoader, SearchResult } from '../loader.js';

export interface ResultsQueryOptions {
  category: ResultCategoryFilter;
  view: ResultsView;
  /** Stop paging the report search after this many reports ("showing N of M"). */
  limit?: number;
  /** `_count` of the report search (each page's size). */
  pageSize?: number;
}

export interface ResultsData {
  reports: AnyResource[];
  /** Included results, read references, and everything else the source gave. */
  pool: AnyResource[];
  studies: AnyResource[];
  observations: AnyResource[];
  failedReads: FailedRead[];
  truncated?: { shown: number; total?: number };
  warnings: ResultsModel['warnings'];
}

/** Rounds of reads: results, then their members, then members of members. */
const READ_ROUNDS = 3;

export async function fetchResults(loader: FhirLoader, options: ResultsQueryOptions, signal: AbortSignal): Promise<ResultsData> {
  const limit = options.limit ? { limit: options.limit } : {};
  const wantStudies = options.category !== 'lab';
  const wantObservations = options.view === 'flowsheet';
  const [reports, studies, observations] = await Promise.allSettled([
    loader.searchPatient(
      'DiagnosticReport',
      { _include: 'DiagnosticReport:result', _count: options.pageSize ? String(options.pageSize) : undefined },
      { signal, ...limit },
    ),
    wantStudies ? loader.searchPatient('ImagingStudy', {}, { signal }) : Promise.resolve(undefined),
    wantObservations ? loader.searchPatient('Observation', { category: 'laboratory' }, { signal }) : Promise.resolve(undefined),
  ]);
  signal.throwIfAborted();
  if (reports.status === 'rejected') throw reports.reason;
  const warnings: ResultsModel['warnings'] = [];
  const secondary = (result: PromiseSettledResult<SearchResult | undefined>, what: ResultsModel['warnings'][number]['what']) => {
    if (result.status === 'fulfilled') return result.value;
    if (isAbort(result.reason, signal)) throw result.reason;
    // 400 / 404 / 405 / 501: the server does not know this resource type or parameter.
    if (!searchNotSupported(result.reason)) warnings.push({ what, message: toFhirError(result.reason).message });
    return undefined;
  };
  const studyResult = secondary(studies, 'imaging-studies');
  const observationResult = secondary(observations, 'observations');

  // The pool keeps one resource per `Type/id` (a later one replaces an earlier one in its place),
  // found through the index: no key string per resource, and a resource two searches brought (the
  // flowsheet's Observation search returns the reports' included results again) is added once.
  const pool: AnyResource[] = [];
  const place = new Map<AnyResource, number>();
  const index = new ResourceIndex([]);
  const addToPool = (resource: AnyResource) => {
    if (place.has(resource)) return;
    const previous = resource.id ? index.get(resource.resourceType, resource.id) : undefined;
    if (previous !== undefined) {
      const at = place.get(previous)!;
      pool[at] = resource;
      place.delete(previous);
      place.set(resource, at);
    } else {
      place.set(resource, pool.length);
      pool.push(resource);
    }
    index.add(resource);
  };
  reports.value.included.forEach(addToPool);
  studyResult?.resources.forEach(addToPool);
  studyResult?.included.forEach(addToPool);
  observationResult?.resources.forEach(addToPool);

  const failedReads: FailedRead[] = [];
  const tried = new Set<string>();
  // Only the asked-for category's reports are followed: a laboratory view reads no imaging study.
  const shown = reports.value.resources.filter((r) => inCategory(options.category, r));
  for (let round = 0; round < READ_ROUNDS; round++) {
    const pending = unresolvedReferences(shown, index).filter((r) => !tried.has(r));
    if (!pending.length) break;
    pending.forEach((r) => tried.add(r));
    const reads = await Promise.allSettled(pending.map((reference) => loader.read(reference, { signal })));
    signal.throwIfAborted();
    reads.forEach((read, i) => {
      if (read.status === 'fulfilled') addToPool(read.value);
      else {
        if (isAbort(read.reason, signal)) throw read.reason;
        const error = toFhirError(read.reason);
        const status = error.status ?? (error.kind === 'not-found' ? 404 : undefined);
        failedReads.push({ reference: pending[i], ...(status === undefined ? {} : { status }), message: error.message });
      }
    });
  }
  const { truncated, total } = reports.value;
  // The index built while reading is the pool's: buildResults uses it rather than building its own.
  const pooled = pool;
  rememberPoolIndex(pooled, index);
  return {
    reports: reports.value.resources,
    pool: pooled,
    studies: studyResult?.resources ?? [],
    observations: observationResult?.resources ?? [],
    failedReads,
    ...(truncated ? { truncated: { shown: reports.value.resources.length, ...(total === undefined ? {} : { total }) } } : {}),
    warnings,
  };
}
