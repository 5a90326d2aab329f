// The HTTP side of the local FHIR server: one Node request in, one FHIR response out. It checks
// what the router cannot (base path, bearer token, Accept, Content-Type, body size, known types,
// 405 with Allow), answers metadata and OPTIONS itself, and turns the router's answer into status,
// ETag, Last-Modified, Location and the `Prefer: return=` body. Every failure is an OperationOutcome.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OperationOutcomeError, getStatus, isOk, isResourceType } from '@medplum/core';
import type { FhirRequest, FhirResponse, FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type {
  CapabilityStatementRestSecurity,
  OperationOutcome,
  Resource,
} from '@medplum/fhirtypes';
import type { AtomicMemoryRepository } from './atomic-repository.js';
import { entityTag } from './batch.js';
import { capabilityStatement } from './capability-statement.js';
import type { FhirDefinitions } from './fhir-definitions.js';
import {
  RequestBodyTooLarge,
  answerPreflight,
  isPreflight,
  readRequestBody,
  requestBaseUrl,
  sendFhirJson,
} from './fhir-http.js';
import type { FhirServerRequestConfig } from './fhir-search.js';
import {
  internalError,
  invalidRequest,
  loginRequired,
  methodNotAllowed,
  notSupported,
  resourceNotFound,
} from './operation-outcomes.js';

/** Paths a client must reach before it has a token (SMART discovery). */
const OPEN_PATHS = /^(metadata|\.well-known\/.*)$/;
const JSON_TYPES = /^(application\/(fhir\+)?json|application\/json-patch\+json|application\/\*|\*\/\*|json)$/;

export interface HttpHandlerOptions {
  router: FhirRouter;
  repo: AtomicMemoryRepository;
  definitions: FhirDefinitions;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Bearer-token mode (see FhirServerOptions.requireToken). */
  requireToken?: (token: string, req: IncomingMessage) => boolean | Promise<boolean>;
  /** Advertised as `rest[0].security` in the CapabilityStatement. */
  security?: CapabilityStatementRestSecurity;
}

/** Answers one request whose path starts with `basePath`; never rejects. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse, basePath: string) => Promise<void>;

/** A failure found before the router runs: its status, outcome and extra headers. */
class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly outcome: OperationOutcome,
    readonly headers: Record<string, string> = {},
  ) {
    super(outcome.issue?.[0]?.details?.text ?? String(status));
  }
}

async function checkToken(req: IncomingMessage, requireToken: HttpHandlerOptions['requireToken']): Promise<void> {
  if (!requireToken) return;
  const authorization = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) {
    throw new HttpFailure(401, loginRequired('This server requires a bearer token (Authorization: Bearer …)'), {
      'WWW-Authenticate': 'Bearer realm="fhir"',
    });
  }
  if (!(await requireToken(match[1], req))) {
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

async function parseBody(req: IncomingMessage, method: string, maxBodyBytes: number): Promise<unknown> {
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

interface ResponseContext {
  baseUrl: string;
  /** For PUT: whether the resource existed before (201 when it did not). */
  existedBefore: boolean;
  pretty: boolean;
}

/** Writes the router's answer: status, ETag, Last-Modified, Location, and the `Prefer: return=` body. */
function respond(
  req: IncomingMessage,
  res: ServerResponse,
  request: FhirRequest,
  [outcome, resource]: FhirResponse,
  context: ResponseContext,
): void {
  let status = getStatus(outcome);
  if (status === 404 && request.params.resourceType && request.params.id) {
    outcome = resourceNotFound(`${request.params.resourceType}/${request.params.id} is not on this server`);
  }
  if (!isOk(outcome) || !resource) {
    sendFhirJson(req, res, status, outcome, {}, context.pretty);
    return;
  }
  const stored = resource as Resource;
  const headers: Record<string, string> = {};
  const etag = entityTag(stored);
  if (etag) headers.ETag = etag;
  if (stored.meta?.lastUpdated) headers['Last-Modified'] = new Date(stored.meta.lastUpdated).toUTCString();
  const written = request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH';
  if (written && stored.id && stored.resourceType !== 'Bundle') {
    const location = `${context.baseUrl}/${stored.resourceType}/${stored.id}/_history/${stored.meta?.versionId}`;
    if (request.method === 'PUT' && !context.existedBefore) status = 201;
    if (status === 201) headers.Location = location;
    headers['Content-Location'] = location;
  }
  const prefer = String(req.headers.prefer ?? '');
  let body: unknown = stored;
  if (written && stored.resourceType !== 'Bundle') {
    if (/return\s*=\s*minimal/i.test(prefer)) body = undefined;
    else if (/return\s*=\s*OperationOutcome/i.test(prefer)) body = outcome;
  }
  sendFhirJson(req, res, status, body, headers, context.pretty);
}

function sendFailure(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  if (error instanceof HttpFailure) {
    sendFhirJson(req, res, error.status, error.outcome, error.headers);
  } else if (error instanceof OperationOutcomeError) {
    sendFhirJson(req, res, getStatus(error.outcome), error.outcome);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    sendFhirJson(req, res, 500, internalError('Internal server error', message));
  }
}

export function createHttpHandler(options: HttpHandlerOptions): HttpHandler {
  const { router, repo, definitions, maxBodyBytes } = options;

  const allowedMethods = (path: string): HttpMethod[] =>
    (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).filter((method) => router.find(method, path));

  return async function handle(req, res, basePath) {
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

      if (!OPEN_PATHS.test(path)) await checkToken(req, options.requireToken);
      checkJsonAccepted(req, url);

      if (path === 'metadata' || (path === '' && method === 'OPTIONS')) {
        if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
          throw new HttpFailure(405, methodNotAllowed(`${method} is not allowed on /metadata`), { Allow: 'GET, HEAD' });
        }
        sendFhirJson(req, res, 200, capabilityStatement(baseUrl, definitions, options.security), {}, pretty);
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

      const body = await parseBody(req, method, maxBodyBytes);
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
      const answer = (await router.handleRequest(request, repo)) as FhirResponse;
      respond(req, res, request, answer, { baseUrl, existedBefore, pretty });
    } catch (error) {
      sendFailure(req, res, error);
    }
  };
}
