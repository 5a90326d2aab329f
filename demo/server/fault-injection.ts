// Fault-injecting FHIR endpoints for client tests: `<prefix>/faults/<kind>/fhir/...` answers every
// request with one kind of failure a real server or network produces.
//   500        500 OperationOutcome "Internal error"
//   401        401 OperationOutcome + WWW-Authenticate: Bearer
//   403        403 OperationOutcome
//   404        404 OperationOutcome
//   429        429 OperationOutcome + Retry-After
//   timeout    no answer for 60 s (then 504); other requests are not held up
//   html       200 text/html that is not JSON (a proxy's login page)
//   oo-400     400 OperationOutcome whose text carries markup (<img src=x onerror=…>), to test escaping
//   page2-500  the real server, except that any page after the first (`_offset` > 0) is a 500
//   slow       the real server, each answer 300 ms late (a distant server: lets a test see requests overlap)
// Hostile servers (a client must refuse, stop or say so; searches answer AllergyIntolerance for `patient`):
//   next-other-origin  a searchset whose link[next] points to another origin (this host as 127.0.0.1 ⇄
//                      localhost), at the token-sink
//   token-sink         records the Authorization header of every request it gets; `GET …/fhir/$received`
//                      lists them (a token here is a leak)
//   redirect-other-origin  302 to the same path at another origin's token-sink
//   429-once   the first request for each URL is a 429 with Retry-After: 1, later ones the real server
//   drip       200 JSON whose body arrives one byte every 100 ms, never finishing
//   truncated  200 JSON cut off in the middle of a Bundle
//   huge       200 JSON of 50 MB (chunked, no Content-Length), written as fast as the client reads
//   total-lies a searchset with 2 entries, no next link, and `total: 1000`
//   next-loop  page 1's link[next] is page 2, whose link[next] is page 1 again
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerPreflight, applyCors, isPreflight, sendFhirJson } from './fhir-http.js';
import type { FhirServer } from './fhir-server.js';
import { accessForbidden, internalError, invalidRequest, loginRequired, resourceNotFound, tooManyRequests } from './operation-outcomes.js';

export const FAULT_KINDS = [
  '500',
  '401',
  '403',
  '404',
  '429',
  'timeout',
  'html',
  'oo-400',
  'page2-500',
  'slow',
  'next-other-origin',
  'token-sink',
  'redirect-other-origin',
  '429-once',
  'drip',
  'truncated',
  'huge',
  'total-lies',
  'next-loop',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Seconds announced in Retry-After by the 429 fault. */
export const RETRY_AFTER_SECONDS = 2;

/** How late `slow` answers. */
export const SLOW_ANSWER_MS = 300;
/** Text placed in the oo-400 fault's OperationOutcome: rendered as markup, it would run script. */
export const HOSTILE_TEXT = 'Invalid search <img src=x onerror=alert(1)> <script>alert(2)</script>';

const FAULT_PATH = /^\/faults\/([^/]+)\/fhir(\/|$)/;

export function isFaultKind(kind: string): kind is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(kind);
}

/** `/faults/429/fhir/Patient/1` → `{ kind: '429', basePath: '/faults/429/fhir' }`; undefined otherwise. */
export function faultRoute(path: string): { kind: FaultKind | string; basePath: string } | undefined {
  const match = FAULT_PATH.exec(path);
  return match ? { kind: match[1], basePath: `/faults/${match[1]}/fhir` } : undefined;
}

export interface FaultOptions {
  /** The real server, for `page2-500`. */
  server: FhirServer;
  /** Where the fault endpoint is mounted, e.g. `/faults/page2-500/fhir` (paging links point back here). */
  basePath: string;
  /** How long `timeout` holds the request before a 504 (default 60 000 ms). */
  timeoutMilliseconds?: number;
}

function isBeyondFirstPage(req: IncomingMessage): boolean {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const offset = Number(query.get('_offset') ?? 0);
  return offset > 0 || query.has('_page') || query.has('page') || query.has('_getpages');
}

/** Bytes the `huge` fault sends. */
export const HUGE_BYTES = 50 * 1024 * 1024;

/** Authorization headers the token sink received (`''` for none), oldest first. */
const sinkLog: string[] = [];
/** URLs the `429-once` fault has already refused once. */
const refusedOnce = new Set<string>();

/** The same server under the other loopback name: `localhost:P` ⇄ `127.0.0.1:P` (another origin). */
function otherOrigin(req: IncomingMessage): string {
  const host = String(req.headers.host ?? 'localhost');
  const port = host.includes(':') ? host.slice(host.lastIndexOf(':')) : '';
  const name = host.startsWith('127.0.0.1') ? 'localhost' : '127.0.0.1';
  return `http://${name}${port}`;
}

function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
}

/** A small searchset of allergies for the request's `patient` (or `example`), with optional links. */
function allergyBundle(req: IncomingMessage, extra: { total?: number; next?: string; count?: number } = {}) {
  const patient = requestUrl(req).searchParams.get('patient') ?? 'example';
  const count = extra.count ?? 2;
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(extra.total === undefined ? {} : { total: extra.total }),
    link: [
      { relation: 'self', url: requestUrl(req).href },
      ...(extra.next ? [{ relation: 'next', url: extra.next }] : []),
    ],
    entry: Array.from({ length: count }, (_, index) => ({
      fullUrl: `${requestUrl(req).origin}/AllergyIntolerance/fault-${index}`,
      search: { mode: 'match' },
      resource: {
        resourceType: 'AllergyIntolerance',
        id: `fault-${index}-${Math.random().toString(36).slice(2, 8)}`,
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
        verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
        code: { text: `Fault allergen ${index + 1}` },
        patient: { reference: `Patient/${patient}` },
      },
    })),
  };
}

/** Writes `total` bytes of a JSON Bundle in chunks, waiting for the socket to drain; stops when the client goes. */
function streamHuge(res: ServerResponse, total: number): void {
  const entry = JSON.stringify({ resource: { resourceType: 'Basic', id: 'x', code: { text: 'x'.repeat(64 * 1024) } } });
  let sent = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  const head = '{"resourceType":"Bundle","type":"searchset","entry":[';
  res.write(head);
  sent += head.length;
  const pump = () => {
    while (!closed && sent < total) {
      const chunk = `${sent > head.length ? ',' : ''}${entry}`;
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end(']}');
  };
  pump();
}

/** Answers one request with the given fault. Resolves as soon as the answer is under way. */
export async function answerWithFault(
  kind: string,
  req: IncomingMessage,
  res: ServerResponse,
  options: FaultOptions,
): Promise<void> {
  if (isPreflight(req)) {
    answerPreflight(req, res);
    return;
  }
  if (kind === 'page2-500' && !isBeyondFirstPage(req)) {
    return options.server.handle(req, res, options.basePath);
  }
  if (kind === 'slow') {
    await new Promise((resolve) => setTimeout(resolve, SLOW_ANSWER_MS));
    return options.server.handle(req, res, options.basePath);
  }
  if (kind === '429-once') {
    if (refusedOnce.has(req.url ?? '')) return options.server.handle(req, res, options.basePath);
    refusedOnce.add(req.url ?? '');
  }
  req.resume(); // discard any request body
  switch (kind) {
    case 'token-sink': {
      if (requestUrl(req).pathname.endsWith('/$received')) {
        return sendFhirJson(req, res, 200, { received: sinkLog });
      }
      sinkLog.push(String(req.headers.authorization ?? ''));
      return sendFhirJson(req, res, 200, { resourceType: 'Bundle', type: 'searchset', entry: [] });
    }
    case 'next-other-origin': {
      const next = `${otherOrigin(req)}/faults/token-sink/fhir/AllergyIntolerance?page=2`;
      return sendFhirJson(req, res, 200, allergyBundle(req, { next }));
    }
    case 'redirect-other-origin': {
      applyCors(req, res);
      res.statusCode = 302;
      res.setHeader('Location', `${otherOrigin(req)}/faults/token-sink/fhir/AllergyIntolerance`);
      res.end();
      return;
    }
    case '429-once':
      return sendFhirJson(req, res, 429, tooManyRequests('Too many requests (injected fault, once)'), { 'Retry-After': '1' });
    case 'drip': {
      applyCors(req, res);
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/fhir+json; charset=utf-8');
      res.write('{"resourceType":"Bundle","type":"searchset","entry":[');
      const timer = setInterval(() => res.write(' '), 100);
      timer.unref();
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'truncated': {
      const text = JSON.stringify(allergyBundle(req));
      applyCors(req, res);
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/fhir+json; charset=utf-8');
      res.end(text.slice(0, Math.floor(text.length / 2)));
      return;
    }
    case 'huge': {
      applyCors(req, res);
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/fhir+json; charset=utf-8');
      streamHuge(res, HUGE_BYTES);
      return;
    }
    case 'total-lies':
      return sendFhirJson(req, res, 200, allergyBundle(req, { total: 1000 }));
    case 'next-loop': {
      const url = requestUrl(req);
      const onPage2 = url.searchParams.get('page') === '2';
      if (onPage2) url.searchParams.delete('page');
      else url.searchParams.set('page', '2');
      return sendFhirJson(req, res, 200, allergyBundle(req, { next: url.href }));
    }
    case '500':
      return sendFhirJson(req, res, 500, internalError('Internal error', 'Injected fault: 500'));
    case '401':
      return sendFhirJson(req, res, 401, loginRequired('Authentication required (injected fault)'), {
        'WWW-Authenticate': 'Bearer realm="fhir", error="invalid_token"',
      });
    case '403':
      return sendFhirJson(req, res, 403, accessForbidden('Access to this patient is forbidden (injected fault)'));
    case '404':
      return sendFhirJson(req, res, 404, resourceNotFound('Not found (injected fault)'));
    case '429':
      return sendFhirJson(req, res, 429, tooManyRequests('Too many requests (injected fault)'), {
        'Retry-After': String(RETRY_AFTER_SECONDS),
      });
    case 'timeout': {
      // The status of the eventual answer, set now so that request logs do not show a pending 404.
      res.statusCode = 504;
      const timer = setTimeout(() => {
        sendFhirJson(req, res, 504, { ...internalError('Gateway timeout (injected fault)'), id: 'server-timeout' });
      }, options.timeoutMilliseconds ?? 60_000);
      timer.unref();
      res.on('close', () => clearTimeout(timer));
      return;
    }
    case 'html': {
      applyCors(req, res);
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end('<!doctype html><html><head><title>Sign in</title></head><body><h1>Please sign in</h1></body></html>\n');
      return;
    }
    case 'oo-400': {
      const outcome = invalidRequest(HOSTILE_TEXT);
      outcome.issue[0].diagnostics = HOSTILE_TEXT;
      return sendFhirJson(req, res, 400, outcome);
    }
    case 'page2-500':
      return sendFhirJson(req, res, 500, internalError('Internal error', 'Injected fault: page 2 and later fail'));
    default:
      return sendFhirJson(
        req,
        res,
        404,
        resourceNotFound(`Unknown fault kind "${kind}"; known: ${FAULT_KINDS.join(', ')}`),
      );
  }
}
