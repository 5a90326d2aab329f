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
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerPreflight, applyCors, isPreflight, sendFhirJson } from './fhir-http.js';
import type { FhirServer } from './fhir-server.js';
import { accessForbidden, internalError, invalidRequest, loginRequired, resourceNotFound, tooManyRequests } from './operation-outcomes.js';

export const FAULT_KINDS = ['500', '401', '403', '404', '429', 'timeout', 'html', 'oo-400', 'page2-500'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Seconds announced in Retry-After by the 429 fault. */
export const RETRY_AFTER_SECONDS = 2;
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
  req.resume(); // discard any request body
  switch (kind) {
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
