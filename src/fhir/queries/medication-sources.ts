// What the medication list reads: prescriptions (MedicationRequest, or DSTU2 MedicationOrder where
// the server has no MedicationRequest), medication history (MedicationStatement), the allergies
// for the conflict check, and the Medications the records reference but no search included.
import type { AnyResource } from '../../model/fhir-types.js';
import type { TruncatedSearch } from '../../model/medication-list.js';
import { medicationStatus } from '../../model/medication-status.js';
import { UNSCOPED } from '../../model/patient-scope.js';
import { partitionByPatient } from '../../model/resources.js';
import { described } from '../described.js';
import { failure, isAbort, searchNotSupported, toFhirError } from '../errors.js';
import type { FhirLoader, SearchResult } from '../loader.js';
import { allergies as allergySearch } from './allergies.js';
import { referencedMedications } from './referenced-medications.js';
import { MEDICATION_ORDER_SEARCH, MEDICATION_REQUEST_SEARCH, MEDICATION_STATEMENT_SEARCH } from './searches.js';

export interface MedicationSourcesOptions {
  /** Stop paging each search after this many records. */
  limit?: number;
}

/** What the medication list models: every source, and what could not be loaded. */
export interface MedicationSources {
  requests: AnyResource[];
  statements: AnyResource[];
  /** DSTU2 MedicationOrders (servers without MedicationRequest; given resources may hold either). */
  orders: AnyResource[];
  /** Resources the searches `_include`d. */
  included: AnyResource[];
  /** Referenced Medications read one by one. */
  fetched: AnyResource[];
  /** The patient's allergies, or why the allergy search failed (the list then says it could not check). */
  allergies: AnyResource[] | { error: string };
  /** Why the MedicationStatement search failed, when it did and the orders loaded. */
  statementError?: string;
  truncated: TruncatedSearch[];
}

/**
 * Runs the medication searches. Fails only when no prescription search succeeded; a failed
 * statement or allergy search is reported in the result. A cancellation always rejects.
 */
export async function medicationSources(
  loader: FhirLoader,
  options: MedicationSourcesOptions,
  signal: AbortSignal,
): Promise<MedicationSources> {
  const searchOptions = { signal, ...(options.limit ? { limit: options.limit } : {}) };
  const [requests, statements, allergies, local] = await Promise.allSettled([
    loader.searchPatient(MEDICATION_REQUEST_SEARCH.resourceType, MEDICATION_REQUEST_SEARCH.params, searchOptions),
    loader.searchPatient(MEDICATION_STATEMENT_SEARCH.resourceType, MEDICATION_STATEMENT_SEARCH.params, searchOptions),
    // Exactly the banner's search, so the loader sends one request for both.
    allergySearch(loader, signal),
    loader.localResources(),
  ]);
  signal.throwIfAborted();
  let orderResult: SearchResult | undefined;
  let requestResult: SearchResult | undefined;
  if (requests.status === 'fulfilled') {
    requestResult = requests.value;
  } else if (!searchNotSupported(requests.reason) || isAbort(requests.reason, signal)) {
    throw requests.reason;
  }
  // DSTU2 servers have MedicationOrder instead; given resources may hold either.
  const isLocal = local.status === 'fulfilled' && local.value !== undefined;
  if (!requestResult || isLocal) {
    try {
      orderResult = await loader.searchPatient(MEDICATION_ORDER_SEARCH.resourceType, MEDICATION_ORDER_SEARCH.params, searchOptions);
    } catch (error) {
      if (!requestResult) throw requests.status === 'rejected' ? requests.reason : error;
    }
  }
  if (statements.status === 'rejected' && isAbort(statements.reason, signal)) throw statements.reason;
  if (allergies.status === 'rejected' && isAbort(allergies.reason, signal)) throw allergies.reason;
  const statementResult = statements.status === 'fulfilled' ? statements.value : undefined;
  if (!requestResult && !orderResult) throw failure('invalid-response', 'noMedicationSearch', []);

  const results: [TruncatedSearch['kind'], SearchResult | undefined][] = [
    ['request', requestResult],
    ['statement', statementResult],
    ['order', orderResult],
  ];
  const included = results.flatMap(([, result]) => result?.included ?? []);
  const sources = results.flatMap(([, result]) => result?.resources ?? []);
  // Referenced Medications of this patient's shown records only (never another patient's).
  const readiness = await loader.readiness();
  const scope = readiness.kind === 'ready' ? readiness.scope : UNSCOPED;
  const shown = partitionByPatient(sources, scope).kept.filter((r) => medicationStatus(r) !== 'entered-in-error');
  const fetched = await referencedMedications(loader, shown, included, signal);
  const truncated: TruncatedSearch[] = results.flatMap(([kind, result]) =>
    result?.truncated ? [{ kind, shown: result.resources.length, ...(result.total === undefined ? {} : { total: result.total }) }] : [],
  );
  const failed = async (reason: unknown) => (await described(toFhirError(reason))).message;
  return {
    requests: requestResult?.resources ?? [],
    statements: statementResult?.resources ?? [],
    orders: orderResult?.resources ?? [],
    included,
    fetched,
    allergies: allergies.status === 'fulfilled' ? [...allergies.value.resources] : { error: await failed(allergies.reason) },
    ...(statements.status === 'rejected' ? { statementError: await failed(statements.reason) } : {}),
    truncated,
  };
}
