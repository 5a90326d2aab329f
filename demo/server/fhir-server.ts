// The local FHIR R4 server: medplum's FhirRouter and an in-memory repository behind a plain Node
// request handler, so that Vite (`npm start`), the test runner, a standalone process (main.ts) and
// the SMART tests can all mount it. medplum does storage, matching, CRUD and batch/transaction
// processing; fhir-search.ts adds what a client of a real server expects on top (see there), and
// this file the HTTP side: routing errors, OperationOutcome bodies, CORS, bearer tokens, ETag,
// Location, metadata, and atomic transactions.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OperationOutcomeError, allOk, getStatus, isOk, isResourceType } from '@medplum/core';
import type { FhirRequest, FhirResponse, FhirRouteHandler, HttpMethod } from '@medplum/fhir-router';
import { FhirRouter, processBatch } from '@medplum/fhir-router';
import type {
  Bundle as MedplumBundle,
  CapabilityStatementRestSecurity as MedplumRestSecurity,
  BundleEntry as MedplumBundleEntry,
  OperationOutcome as MedplumOperationOutcome,
  Resource as MedplumResource,
} from '@medplum/fhirtypes';
import type { Bundle, CapabilityStatementRestSecurity } from 'fhir/r4';
import { AtomicMemoryRepository } from './atomic-repository.js';
import { capabilityStatement } from './capability-statement.js';
import { loadFhirDefinitions } from './fhir-definitions.js';
import {
  RequestBodyTooLarge,
  answerPreflight,
  isPreflight,
  readRequestBody,
  requestBaseUrl,
  sendFhirJson,
} from './fhir-http.js';
import type { FhirServerRequestConfig } from './fhir-search.js';
import { SearchResultCache, searchHandler } from './fhir-search.js';
import {
  internalError,
  invalidRequest,
  loginRequired,
  methodNotAllowed,
  notSupported,
  resourceNotFound,
} from './operation-outcomes.js';

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
/** Paths a client must reach before it has a token (SMART discovery). */
const OPEN_PATHS = /^(metadata|\.well-known\/.*)$/;
const JSON_TYPES = /^(application\/(fhir\+)?json|application\/json-patch\+json|application\/\*|\*\/\*|json)$/;

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly outcome: MedplumOperationOutcome,
    readonly headers: Record<string, string> = {},
  ) {
    super(outcome.issue?.[0]?.details?.text ?? String(status));
  }
}

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

function entityTag(resource: MedplumResource | undefined): string | undefined {
  return resource?.meta?.versionId ? `W/"${resource.meta.versionId}"` : undefined;
}

/** Adds etag/lastModified/versioned location to batch-response entries, and drops all-OK outcomes. */
function describeEntries(bundle: MedplumBundle): MedplumBundle {
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

function failedEntry(bundle: MedplumBundle): { index: number; entry: MedplumBundleEntry } | undefined {
  const index = (bundle.entry ?? []).findIndex((entry) => Number(entry.response?.status ?? 500) >= 400);
  return index >= 0 ? { index, entry: (bundle.entry as MedplumBundleEntry[])[index] } : undefined;
}

/** Creates a server; the first call in a process also loads the FHIR definitions (about 1–2 s). */
export async function createFhirServer(options: FhirServerOptions = {}): Promise<FhirServer> {
  const definitionsStarted = performance.now();
  const definitions = loadFhirDefinitions();
  const definitionsMilliseconds = Math.round(performance.now() - definitionsStarted);

  const settings = {
    defaultPageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    maxPageSize: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE,
  };
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const repo = options.repo ?? new AtomicMemoryRepository();
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

  // batch: entries one by one (medplum), each through this router, so searches inside get the same
  // parameter handling, paging and includes. transaction: the same, all-or-nothing.
  const batchOrTransaction: FhirRouteHandler = async (req, repository, fhirRouter) => {
    const bundle = req.body as MedplumBundle | undefined;
    if (bundle?.resourceType !== 'Bundle') {
      return [invalidRequest('POST to the base needs a Bundle of type batch or transaction')];
    }
    if (bundle.type !== 'batch' && bundle.type !== 'transaction') {
      return [invalidRequest(`POST to the base needs a batch or transaction Bundle, not type "${bundle.type}"`)];
    }
    if (!bundle.entry?.length) return [invalidRequest(`The ${bundle.type} Bundle has no entries`)];
    const entryConfig = { ...req.config, transactions: false } as FhirServerRequestConfig;
    const process = (): Promise<MedplumBundle> => processBatch({ ...req, config: entryConfig }, repository, fhirRouter, bundle);
    if (bundle.type === 'batch') return [allOk, describeEntries(await process())];
    const result = await repo.atomically(async () => {
      const response = await process();
      const failed = failedEntry(response);
      if (failed) {
        const outcome = failed.entry.response?.outcome ?? invalidRequest('Transaction entry failed');
        const text = outcome.issue?.[0]?.details?.text ?? outcome.issue?.[0]?.diagnostics ?? 'failed';
        const request = bundle.entry?.[failed.index]?.request;
        throw new OperationOutcomeError({
          ...outcome,
          issue: [
            {
              ...(outcome.issue?.[0] ?? { severity: 'error', code: 'processing' }),
              details: { text: `Transaction rolled back: Bundle.entry[${failed.index}] (${request?.method} ${request?.url}) failed: ${text}` },
              expression: [`Bundle.entry[${failed.index}]`],
            },
            ...(outcome.issue?.slice(1) ?? []),
          ],
        });
      }
      return response;
    });
    return [allOk, describeEntries(result)];
  };
  replaceRoute(router, 'POST', '', guarded(batchOrTransaction));

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
  for (const bundle of options.patients ?? []) await load(bundle);
  const preloadMilliseconds = Math.round(performance.now() - preloadStarted);

  async function checkToken(req: IncomingMessage): Promise<void> {
    if (!options.requireToken) return;
    const authorization = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) {
      throw new HttpFailure(401, loginRequired('This server requires a bearer token (Authorization: Bearer …)'), {
        'WWW-Authenticate': 'Bearer realm="fhir"',
      });
    }
    if (!(await options.requireToken(match[1], req))) {
      throw new HttpFailure(401, loginRequired('The bearer token was rejected (invalid or expired)'), {
        'WWW-Authenticate': 'Bearer realm="fhir", error="invalid_token"',
      });
    }
  }

  function checkJsonAccepted(req: IncomingMessage, url: URL): void {
    const format = url.searchParams.get('_format');
    const wanted = format
      ? [format]
      : String(req.headers.accept ?? '*/*')
          .split(',')
          .map((item) => item.split(';')[0].trim())
          .filter(Boolean);
    if (wanted.length > 0 && !wanted.some((type) => JSON_TYPES.test(type) || type.endsWith('+json'))) {
      throw new HttpFailure(406, notSupported(`This server answers in FHIR JSON only (asked for ${wanted.join(', ')})`));
    }
  }

  async function parseBody(req: IncomingMessage, method: string): Promise<unknown> {
    if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return undefined;
    let text: string;
    try {
      text = await readRequestBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof RequestBodyTooLarge) throw new HttpFailure(413, invalidRequest(error.message));
      throw error;
    }
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType === 'application/x-www-form-urlencoded') {
      const form: Record<string, string[]> = {};
      for (const [key, value] of new URLSearchParams(text)) (form[key] ??= []).push(value);
      return form;
    }
    if (text.trim() === '') return undefined;
    if (contentType && !contentType.endsWith('json')) {
      throw new HttpFailure(415, notSupported(`Unsupported Content-Type "${contentType}": send application/fhir+json`));
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new HttpFailure(400, invalidRequest(`The request body is not valid JSON: ${(error as Error).message}`));
    }
  }

  function allowedMethods(path: string): HttpMethod[] {
    return (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).filter((method) => router.find(method, path));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, basePath: string): Promise<void> {
    try {
      if (isPreflight(req)) {
        answerPreflight(req, res);
        return;
      }
      const base = basePath.replace(/\/+$/, '');
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== base && !url.pathname.startsWith(base + '/')) {
        throw new HttpFailure(404, resourceNotFound(`${url.pathname} is not under the FHIR base ${base}`));
      }
      const path = url.pathname.slice(base.length).replace(/^\/+|\/+$/g, '');
      const method = (req.method ?? 'GET').toUpperCase();
      const baseUrl = requestBaseUrl(req, base);
      const pretty = url.searchParams.get('_pretty') === 'true';

      if (!OPEN_PATHS.test(path)) await checkToken(req);
      checkJsonAccepted(req, url);

      if (path === 'metadata' || (path === '' && method === 'OPTIONS')) {
        if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
          throw new HttpFailure(405, methodNotAllowed(`${method} is not allowed on /metadata`), { Allow: 'GET, HEAD' });
        }
        sendFhirJson(req, res, 200, capabilityStatement(baseUrl, definitions, options.security as MedplumRestSecurity | undefined), {}, pretty);
        return;
      }
      if (method === 'OPTIONS') {
        sendFhirJson(req, res, 204, undefined, { Allow: [...allowedMethods(path), 'HEAD', 'OPTIONS'].join(', ') });
        return;
      }

      const segments = path.split('/');
      if (path !== '' && !segments[0].startsWith('$') && !isResourceType(segments[0])) {
        throw new HttpFailure(404, resourceNotFound(`Unknown resource type "${segments[0]}"`));
      }
      const fhirMethod = (method === 'HEAD' ? 'GET' : method) as HttpMethod;
      const routeUrl = path + url.search;
      if (!router.find(fhirMethod, routeUrl)) {
        const allowed = allowedMethods(path);
        if (allowed.length > 0) {
          throw new HttpFailure(405, methodNotAllowed(`${method} is not allowed on ${base}/${path}`), {
            Allow: allowed.join(', '),
          });
        }
        throw new HttpFailure(404, resourceNotFound(`No FHIR interaction at ${base}/${path}`));
      }

      const body = await parseBody(req, method);
      const existedBefore =
        fhirMethod === 'PUT' && segments.length === 2
          ? await repo.readResource(segments[0], segments[1]).then(() => true, () => false)
          : true;
      const request: FhirRequest = {
        method: fhirMethod,
        url: routeUrl,
        pathname: '',
        params: {},
        query: {},
        body,
        headers: req.headers,
        config: {
          transactions: false,
          baseUrl,
          lenient: /handling\s*=\s*lenient/i.test(String(req.headers.prefer ?? '')),
        } as FhirServerRequestConfig,
      };
      const [outcome, resource] = (await router.handleRequest(request, repo)) as FhirResponse;
      respond(req, res, request, outcome, resource, { baseUrl, existedBefore, pretty });
    } catch (error) {
      if (error instanceof HttpFailure) {
        sendFhirJson(req, res, error.status, error.outcome, error.headers);
      } else if (error instanceof OperationOutcomeError) {
        sendFhirJson(req, res, getStatus(error.outcome), error.outcome);
      } else {
        const message = error instanceof Error ? error.message : String(error);
        sendFhirJson(req, res, 500, internalError('Internal server error', message));
      }
    }
  }

  function respond(
    req: IncomingMessage,
    res: ServerResponse,
    request: FhirRequest,
    outcome: MedplumOperationOutcome,
    resource: MedplumResource | undefined,
    context: { baseUrl: string; existedBefore: boolean; pretty: boolean },
  ): void {
    let status = getStatus(outcome);
    if (status === 404 && request.params.resourceType && request.params.id) {
      outcome = resourceNotFound(`${request.params.resourceType}/${request.params.id} is not on this server`);
    }
    if (!isOk(outcome) || !resource) {
      sendFhirJson(req, res, status, outcome, {}, context.pretty);
      return;
    }
    const headers: Record<string, string> = {};
    const etag = entityTag(resource);
    if (etag) headers.ETag = etag;
    if (resource.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
    const written = request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH';
    if (written && resource.id && resource.resourceType !== 'Bundle') {
      const location = `${context.baseUrl}/${resource.resourceType}/${resource.id}/_history/${resource.meta?.versionId}`;
      if (request.method === 'PUT' && !context.existedBefore) status = 201;
      if (status === 201) headers.Location = location;
      headers['Content-Location'] = location;
    }
    const prefer = String(req.headers.prefer ?? '');
    let body: unknown = resource;
    if (written && resource.resourceType !== 'Bundle') {
      if (/return\s*=\s*minimal/i.test(prefer)) body = undefined;
      else if (/return\s*=\s*OperationOutcome/i.test(prefer)) body = outcome;
    }
    sendFhirJson(req, res, status, body, headers, context.pretty);
  }

  return { handle, repo, load, definitionsMilliseconds, preloadMilliseconds };
}
