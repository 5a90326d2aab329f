// HTTP plumbing shared by the FHIR server and the fault-injecting endpoints: CORS as a FHIR server
// for browser (SMART) apps does it, FHIR JSON responses, request bodies, the client-visible base URL.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Headers a SMART app sends cross-origin. */
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'Prefer',
  'If-Match',
  'If-None-Match',
  'If-None-Exist',
  'If-Modified-Since',
  'X-Requested-With',
].join(', ');
const EXPOSED_HEADERS = ['Location', 'ETag', 'Content-Location', 'Last-Modified', 'WWW-Authenticate', 'Retry-After'].join(', ');
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

/** Sets the CORS headers every response carries: the caller's origin is echoed (or `*` without one). */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

/** True for a CORS preflight (OPTIONS with Access-Control-Request-Method). */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

/** Answers a CORS preflight: never needs a token, since browsers send none on a preflight. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  applyCors(req, res);
  res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
  res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
  res.setHeader('Access-Control-Max-Age', '600');
  res.statusCode = 204;
  res.end();
}

/** The base URL as the client addressed it, from the Host header (and X-Forwarded-* behind a proxy). */
export function requestBaseUrl(req: IncomingMessage, basePath: string): string {
  const forwardedProto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim();
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const protocol = forwardedProto || (encrypted ? 'https' : 'http');
  const host = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? 'localhost').split(',')[0].trim();
  return `${protocol}://${host}${basePath}`;
}

/** Writes a FHIR JSON response (CORS headers included); HEAD gets the headers only. */
export function sendFhirJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  pretty = false,
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  applyCors(req, res);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.statusCode = status;
  if (body === undefined) {
    res.end();
    return;
  }
  const text = JSON.stringify(body, undefined, pretty ? 2 : undefined);
  res.setHeader('Content-Type', FHIR_JSON);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.end(req.method === 'HEAD' ? undefined : text);
}

export class RequestBodyTooLarge extends Error {}

/** Reads the whole request body as text, refusing bodies over `limitBytes`. */
export async function readRequestBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limitBytes) throw new RequestBodyTooLarge(`Request body is larger than ${limitBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** 500 with a fatal OperationOutcome, when the server itself could not start (e.g. definitions failed to load). */
export function sendStartupFailure(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  sendFhirJson(req, res, 500, {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'fatal',
        code: 'exception',
        details: { text: 'The local FHIR server failed to start' },
        diagnostics: error instanceof Error ? error.message : String(error),
      },
    ],
  });
}
