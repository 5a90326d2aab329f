// How requests reach a FHIR server: plain fetch for an open server, or a fhirclient Client
// (SMART launch, or one the host already has: ./client-transport.ts, loaded only then). Both
// answer parsed JSON or throw a FhirError.
import { FhirError, failure, httpError, isAbort, toFhirError } from './errors.js';
import { DEFAULT_MAX_RESPONSE_BYTES, readBodyLimited, sameOriginUrl, withTimeout } from './response-limits.js';

export interface TransportRequest {
  /** A path relative to the base (`Observation?code=…`) or an absolute URL (paging links). */
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  signal?: AbortSignal;
}

export interface FhirTransport {
  /** The FHIR base URL, without a trailing slash. */
  readonly base: string;
  request(request: TransportRequest): Promise<unknown>;
  /** The OAuth access token this transport sends, if any (shared only where the host allows it). */
  accessToken?(): AccessToken | undefined;
}

/** A SMART access token as the token response gave it. */
export interface AccessToken {
  accessToken: string;
  tokenType: string;
  expiresIn?: number;
  scope?: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** `url` on `base`: a relative path is joined; an absolute URL must be on the base's origin (the token goes nowhere else). */
export function joinUrl(base: string, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return sameOriginUrl(base, url, 'link');
  return `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/**
 * A 429's wait: waits as its `Retry-After` asks when that ends before `deadline`, and says whether it
 * did (then the caller asks once more; a second 429 is its rate-limit error). The code is
 * ./rate-limit.ts, loaded only when a server says 429; when it cannot be loaded there is no wait, and
 * the 429 is the answer.
 */
export async function waitAfter429(header: string | null | undefined, deadline: number, signal: AbortSignal): Promise<boolean> {
  const limits = await import('./rate-limit.js').catch(() => undefined);
  return limits ? limits.waitAsAsked(header, deadline, signal) : false;
}

export function rateLimitError(status: number, body: unknown, url: string, retried: boolean): FhirError {
  if (!retried) return httpError(status, body, url);
  return failure('rate-limited', 'rateLimited', [], { status, request: url });
}


/** A transport over `fetch`, for servers that need no login (or a bearer token the host supplies). */
export class HttpTransport implements FhirTransport {
  readonly base: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly maxResponseBytes: number;

  constructor(
    base: string,
    options: { timeoutMs?: number; headers?: Record<string, string>; maxResponseBytes?: number } = {},
  ) {
    this.base = base.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.headers = options.headers ?? {};
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  request(request: TransportRequest): Promise<unknown> {
    return withTimeout(request.signal, this.timeoutMs, (combined) => this.requestWithin(request, combined));
  }

  private async requestWithin({ url, method = 'GET', body, signal }: TransportRequest, combined: AbortSignal): Promise<unknown> {
    const target = joinUrl(this.base, url);
    const deadline = Date.now() + this.timeoutMs;
    let retried = false;
    let response: Response;
    try {
      const send = () => this.send(target, method, body, combined);
      response = await send();
      // Told to slow down: wait as asked (within the timeout) and ask once more.
      if (response.status === 429 && (await waitAfter429(response.headers.get('Retry-After'), deadline, combined))) {
        retried = true;
        response = await send();
      }
    } catch (error) {
      if (signal?.aborted) throw error; // our own cancellation: not a failure to report
      if (error instanceof FhirError) throw error;
      if (isAbort(error) || (error as Error)?.name === 'TimeoutError' || combined.aborted) {
        throw failure('timeout', 'noAnswerWithin', [this.timeoutMs], { request: url, cause: error });
      }
      throw toFhirError(error, url);
    }
    if (response.redirected) sameOriginUrl(this.base, response.url, 'redirect');
    const text = await readBodyLimited(response, this.maxResponseBytes, url).catch((error: unknown) => {
      if (signal?.aborted || error instanceof FhirError) throw error;
      throw failure('timeout', 'unfinished', [combined.aborted ? this.timeoutMs : undefined], { request: url, cause: error });
    });
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      throw response.status === 429 ? rateLimitError(429, json, url, retried) : httpError(response.status, json, url);
    }
    if (json === undefined || typeof json !== 'object') {
      const isJson = /\bjson\b/i.test(response.headers.get('Content-Type') ?? '');
      throw failure('invalid-response', isJson && text !== '' ? 'cutShort' : 'notFhirJson', [], { status: response.status, request: url });
    }
    return json;
  }

  private send(target: string, method: string, body: unknown, signal: AbortSignal): Promise<Response> {
    return fetch(target, {
      method,
      signal,
      headers: {
        Accept: 'application/fhir+json, application/json;q=0.9',
        ...(body === undefined ? {} : { 'Content-Type': 'application/fhir+json' }),
        ...this.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

/** The parts of a fhirclient `Client` that the kit uses. */
export interface FhirClientLike {
  state: { serverUrl: string; tokenResponse?: { access_token?: string; token_type?: string; expires_in?: number; scope?: string } };
  patient: { id: string | null };
  request(
    requestOptions:
      | string
      | {
          url: string;
          method?: string;
          body?: string;
          headers?: Record<string, string>;
          signal?: AbortSignal;
          /** fhirclient: resolve with `{ body, response }` instead of the body. */
          includeResponse?: boolean;
        },
  ): Promise<unknown>;
}
