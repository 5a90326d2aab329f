// The FHIR interactions: medplum's FhirRouter (read, vread, history, create, update, patch, delete)
// with three of its routes replaced — type search by ours (fhir-search.ts), system-level search by a
// refusal, and `POST [base]` by batch/transaction processing with rollback (batch.ts).
import { OperationOutcomeError } from '@medplum/core';
import type { FhirRouteHandler, HttpMethod } from '@medplum/fhir-router';
import { FhirRouter } from '@medplum/fhir-router';
import type { AtomicMemoryRepository } from './atomic-repository.js';
import { batchOrTransactionHandler } from './batch.js';
import type { SearchSettings } from './fhir-search.js';
import { SearchResultCache, searchHandler } from './fhir-search.js';
import { internalError, notSupported } from './operation-outcomes.js';

/** Replaces the handler of one of FhirRouter's built-in routes (first match wins, so adding would not). */
function replaceRoute(router: FhirRouter, method: HttpMethod, path: string, handler: FhirRouteHandler): void {
  const route = router.router.routes.find(
    (candidate) => candidate.method === method && candidate.path.map((s) => (s.param ? ':' + s.value : s.value)).join('/') === path,
  );
  if (!route) throw new Error(`FhirRouter has no route ${method} ${path}`);
  route.handler = handler;
}

/** Catches programming errors in our own handlers so they are a 500, not medplum's default 400. */
function guarded(handler: FhirRouteHandler): FhirRouteHandler {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof OperationOutcomeError) throw error;
      return [internalError('Internal server error', error instanceof Error ? error.message : String(error))];
    }
  };
}

/** A router over `repo`; searches are cached per repository generation. */
export function createFhirRouter(repo: AtomicMemoryRepository, settings: SearchSettings): FhirRouter {
  const router = new FhirRouter();
  const results = new SearchResultCache();
  const search = guarded(searchHandler(settings, () => ({ results, generation: repo.generation })));
  replaceRoute(router, 'GET', ':resourceType', search);
  replaceRoute(router, 'POST', ':resourceType/_search', search);
  // medplum's memory repository answers a system-level search (`GET [base]?_type=…`) with an empty
  // Bundle whatever is stored: refuse it rather than report absence.
  replaceRoute(router, 'GET', '', async () => [
    notSupported('Searching across all types is not supported: search one resource type, e.g. GET [base]/Observation?…'),
  ]);
  replaceRoute(router, 'POST', '', guarded(batchOrTransactionHandler(repo)));
  return router;
}
