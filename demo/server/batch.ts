// `POST [base]` with a batch or transaction Bundle. medplum processes the entries one by one, each
// through this server's router, so a search inside a batch gets the same parameter handling, paging
// and includes as one sent on its own. A transaction is the same, all-or-nothing: it runs inside
// the repository's `atomically()` and is rolled back when any entry fails.
import { OperationOutcomeError, allOk, isOk } from '@medplum/core';
import type { FhirRouteHandler } from '@medplum/fhir-router';
import { processBatch } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { AtomicMemoryRepository } from './atomic-repository.js';
import type { FhirServerRequestConfig } from './fhir-search.js';
import { invalidRequest } from './operation-outcomes.js';

/** The weak ETag of a stored version, `W/"<versionId>"`. */
export function entityTag(resource: Resource | undefined): string | undefined {
  return resource?.meta?.versionId ? `W/"${resource.meta.versionId}"` : undefined;
}

/** Adds etag/lastModified/versioned location to batch-response entries, and drops all-OK outcomes. */
function describeEntries(bundle: Bundle): Bundle {
  for (const entry of bundle.entry ?? []) {
    const response = entry.response;
    const resource = entry.resource;
    if (!response) continue;
    if (response.outcome && isOk(response.outcome)) delete response.outcome;
    if (resource?.id && resource.meta?.versionId && resource.resourceType !== 'Bundle') {
      response.etag = entityTag(resource);
      if (resource.meta.lastUpdated) response.lastModified = resource.meta.lastUpdated;
      if (response.status === '201') {
        response.location = `${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`;
      }
    }
  }
  return bundle;
}

function failedEntry(bundle: Bundle): { index: number; entry: BundleEntry } | undefined {
  const index = (bundle.entry ?? []).findIndex((entry) => Number(entry.response?.status ?? 500) >= 400);
  return index >= 0 ? { index, entry: (bundle.entry as BundleEntry[])[index] } : undefined;
}

/** The outcome of a rolled-back transaction: the failed entry's issue, saying which entry it was. */
function rolledBack(request: Bundle, failed: { index: number; entry: BundleEntry }): OperationOutcome {
  const outcome = failed.entry.response?.outcome ?? invalidRequest('Transaction entry failed');
  const text = outcome.issue?.[0]?.details?.text ?? outcome.issue?.[0]?.diagnostics ?? 'failed';
  const entryRequest = request.entry?.[failed.index]?.request;
  return {
    ...outcome,
    issue: [
      {
        ...(outcome.issue?.[0] ?? { severity: 'error', code: 'processing' }),
        details: {
          text: `Transaction rolled back: Bundle.entry[${failed.index}] (${entryRequest?.method} ${entryRequest?.url}) failed: ${text}`,
        },
        expression: [`Bundle.entry[${failed.index}]`],
      },
      ...(outcome.issue?.slice(1) ?? []),
    ],
  };
}

/** The `POST [base]` route handler over `repo` (whose `atomically()` makes transactions roll back). */
export function batchOrTransactionHandler(repo: AtomicMemoryRepository): FhirRouteHandler {
  return async (req, repository, fhirRouter) => {
    const bundle = req.body as Bundle | undefined;
    if (bundle?.resourceType !== 'Bundle') {
      return [invalidRequest('POST to the base needs a Bundle of type batch or transaction')];
    }
    if (bundle.type !== 'batch' && bundle.type !== 'transaction') {
      return [invalidRequest(`POST to the base needs a batch or transaction Bundle, not type "${bundle.type}"`)];
    }
    if (!bundle.entry?.length) return [invalidRequest(`The ${bundle.type} Bundle has no entries`)];
    const entryConfig = { ...req.config, transactions: false } as FhirServerRequestConfig;
    const process = (): Promise<Bundle> => processBatch({ ...req, config: entryConfig }, repository, fhirRouter, bundle);
    if (bundle.type === 'batch') return [allOk, describeEntries(await process())];
    const result = await repo.atomically(async () => {
      const response = await process();
      const failed = failedEntry(response);
      if (failed) throw new OperationOutcomeError(rolledBack(bundle, failed));
      return response;
    });
    return [allOk, describeEntries(result)];
  };
}
