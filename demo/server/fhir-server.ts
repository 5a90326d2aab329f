// The local FHIR R4 server: medplum's FhirRouter and an in-memory repository behind a plain Node
// request handler, so that Vite (`npm start`), the test runner, a standalone process (main.ts) and
// the SMART tests can all mount it. medplum does storage, matching and CRUD; the parts around it:
//   fhir-routes.ts      the router, with search (fhir-search.ts) and batch/transaction (batch.ts) replaced
//   http-handler.ts     the HTTP side: routing errors, OperationOutcome bodies, bearer tokens, ETag,
//                       Location, metadata (capability-statement.ts); CORS and bodies in fhir-http.ts
//   atomic-repository.ts  the store, with transaction rollback and a patient compartment index
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isOk } from '@medplum/core';
import type { FhirRequest } from '@medplum/fhir-router';
import type { CapabilityStatementRestSecurity as MedplumRestSecurity } from '@medplum/fhirtypes';
import type { Bundle, CapabilityStatementRestSecurity } from 'fhir/r4';
import { AtomicMemoryRepository } from './atomic-repository.js';
import { loadFhirDefinitions } from './fhir-definitions.js';
import { createFhirRouter } from './fhir-routes.js';
import type { FhirServerRequestConfig } from './fhir-search.js';
import { createHttpHandler } from './http-handler.js';

export interface FhirServerOptions {
  /** Transaction (or batch) Bundles loaded at start, e.g. `generateDemoPatients()`. */
  patients?: Bundle[];
  /** Page size when a search has no `_count` (default 50). */
  pageSize?: number;
  /** Largest `_count` honoured (default 1000). */
  maxPageSize?: number;
  /**
   * Bearer-token mode: every request except `metadata`, `.well-known/*` and CORS preflights needs
   * `Authorization: Bearer <token>` for which this returns true; otherwise 401 + `WWW-Authenticate`.
   */
  requireToken?: (token: string, req: IncomingMessage) => boolean | Promise<boolean>;
  /** Advertised as `rest[0].security` in the CapabilityStatement (e.g. SMART oauth-uris). */
  security?: CapabilityStatementRestSecurity;
  /** Largest request body accepted (default 100 MB). */
  maxBodyBytes?: number;
  /** Serve this store (e.g. another FhirServer's `repo`, to put a token-protected door on the same data). */
  repo?: AtomicMemoryRepository;
}

export interface FhirServer {
  /**
   * Answers one HTTP request whose path starts with `basePath` (e.g. `/fhir`); `req.url` must be the
   * full original path. Never rejects: every failure becomes an OperationOutcome response.
   */
  handle(req: IncomingMessage, res: ServerResponse, basePath: string): Promise<void>;
  /** The in-memory store (medplum MemoryRepository, with transaction rollback). */
  readonly repo: AtomicMemoryRepository;
  /** Processes a transaction or batch Bundle as if POSTed to the base; rejects if any entry fails. */
  load(bundle: Bundle): Promise<void>;
  /** Milliseconds spent loading the FHIR definitions (paid once per process; 0 when already loaded). */
  readonly definitionsMilliseconds: number;
  /** Milliseconds spent loading `options.patients`. */
  readonly preloadMilliseconds: number;
}

const DEFAULT_PAGE_SIZE = 50;
const DEFAULT_MAX_PAGE_SIZE = 1000;
const DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024;

/** Creates a server; the first call in a process also loads the FHIR definitions (about 1–2 s). */
export async function createFhirServer(options: FhirServerOptions = {}): Promise<FhirServer> {
  const definitionsStarted = performance.now();
  const definitions = loadFhirDefinitions();
  const definitionsMilliseconds = Math.round(performance.now() - definitionsStarted);

  const repo = options.repo ?? new AtomicMemoryRepository();
  const router = createFhirRouter(repo, {
    defaultPageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    maxPageSize: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE,
  });
  const handle = createHttpHandler({
    router,
    repo,
    definitions,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    requireToken: options.requireToken,
    security: options.security as MedplumRestSecurity | undefined,
  });

  async function load(bundle: Bundle): Promise<void> {
    const request: FhirRequest = {
      method: 'POST',
      url: '',
      pathname: '',
      params: {},
      query: {},
      body: bundle,
      config: { transactions: false, baseUrl: '' } as FhirServerRequestConfig,
    };
    const [outcome] = await router.handleRequest(request, repo);
    if (!isOk(outcome)) {
      throw new Error(`Loading ${bundle.type} Bundle ${bundle.id ?? ''} failed: ${outcome.issue?.[0]?.details?.text}`);
    }
  }

  const preloadStarted = performance.now();
  // The server's own generated data: not run through the write checks (search-safety.ts), which cost ms per resource.
  for (const bundle of options.patients ?? []) await repo.trustingWrites(() => load(bundle));
  const preloadMilliseconds = Math.round(performance.now() - preloadStarted);

  return { handle, repo, load, definitionsMilliseconds, preloadMilliseconds };
}
