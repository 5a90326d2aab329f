// How requests reach a FHIR server: plain fetch for an open server, or a fhirclient Client
// (SMART launch, or one the host already has). Both answer parsed JSON or throw a FhirError.
import { FhirError, httpError, isAbort, toFhirError } from './errors.js';
import { DEFAULT_MAX_RESPONSE_BYTES, delay, readBodyLimited, retryAfterMs, sameOriginUrl, withTimeout } from './response-limits.js';

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

/** "30 s", "0.3 s": how long a request was given. */
function seconds(ms: number): string {
  const value = ms / 1000;
  return `${value >= 10 ? Math.round(value) : Number(value.toFixed(1))} s`;
}

/** `url` on `base`: a relative path is joined; an absolute URL must be on the base's origin (the token goes nowhere else). */
export function joinUrl(base: string, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return sameOriginUrl(base, url, 'link');
  return `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/**
 * Sends once; on 429 with a `Retry-After` that fits in what is left of the timeout, waits and sends
 * once more. A second 429 (or one asking for longer) is the caller's rate-limit error.
 */
async function withOneRetry<T>(
  send: () => Promise<T>,
  retryAfter: (error: unknown) => number | undefined,
  deadline: number,
  signal: AbortSignal,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const wait = retryAfter(error);
    if (wait === undefined || Date.now() + wait >= deadline) throw error;
    await delay(wait, signal);
    return send();
  }
}

class RateLimited extends Error {
  constructor(readonly response: Response) {
    super('429');
  }
}

function rateLimitError(status: number, body: unknown, url: string, retried: boolean): FhirError {
  if (!retried) return httpError(status, body, url);
  return new FhirError(
    'rate-limited',
    'The FHIR server is rate limiting requests (429), also when asked again once after the wait it requested: try again later.',
    { status, request: url },
  );
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
      response = await withOneRetry(
        async () => {
          const answer = await this.send(target, method, body, combined);
          if (answer.status === 429 && !retried) {
            retried = true;
            throw new RateLimited(answer);
          }
          return answer;
        },
        (error) => (error instanceof RateLimited ? retryAfterMs(error.response.headers.get('Retry-After')) : undefined),
        deadline,
        combined,
      );
    } catch (error) {
      if (signal?.aborted) throw error; // our own cancellation: not a failure to report
      if (error instanceof RateLimited) throw httpError(429, await error.response.json().catch(() => undefined), url);
      if (error instanceof FhirError) throw error;
      if (isAbort(error) || (error as Error)?.name === 'TimeoutError' || combined.aborted) {
        throw new FhirError('timeout', `The FHIR server did not answer within ${seconds(this.timeoutMs)}.`, {
          request: url,
          cause: error,
        });
      }
      throw toFhirError(error, url);
    }
    if (response.redirected) sameOriginUrl(this.base, response.url, 'redirect');
    const text = await readBodyLimited(response, this.maxResponseBytes, url).catch((error: unknown) => {
      if (signal?.aborted || error instanceof FhirError) throw error;
      const within = combined.aborted ? ` within ${seconds(this.timeoutMs)}` : '';
      throw new FhirError('timeout', `The FHIR server did not finish sending its answer${within}.`, { request: url, cause: error });
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
      const message = isJson && text !== ''
        ? 'The FHIR server’s answer is not valid JSON: it may have been cut short.'
        : 'The server answered, but not with FHIR JSON (is the address a FHIR base URL?).';
      throw new FhirError('invalid-response', message, { status: response.status, request: url });
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

/** A transport over a fhirclient Client: SMART launches and host-supplied clients. */
export class ClientTransport implements FhirTransport {
  readonly base: string;

  constructor(private readonly client: FhirClientLike, private readonly timeoutMs = DEFAULT_TIMEOUT_MS) {
    this.base = client.state.serverUrl.replace(/\/+$/, '');
  }

  accessToken(): AccessToken | undefined {
    const token = this.client.state.tokenResponse;
    if (typeof token?.access_token !== 'string' || token.access_token === '') return undefined;
    return {
      accessToken: token.access_token,
      tokenType: token.token_type ?? 'Bearer',
      ...(typeof token.expires_in === 'number' ? { expiresIn: token.expires_in } : {}),
      ...(typeof token.scope === 'string' ? { scope: token.scope } : {}),
    };
  }

  request(request: TransportRequest): Promise<unknown> {
    return withTimeout(request.signal, this.timeoutMs, (combined) => this.requestWithin(request, combined));
  }

  private async requestWithin({ url, method = 'GET', body, signal }: TransportRequest, combined: AbortSignal): Promise<unknown> {
    // Checked before the client sees it: fhirclient adds the bearer token to any URL it is given.
    const target = joinUrl(this.base, url);
    const deadline = Date.now() + this.timeoutMs;
    let retried = false;
    try {
      const answer = await withOneRetry(
        () =>
          this.client.request({
            url: target,
            method,
            signal: combined,
            includeResponse: true,
            ...(body === undefined
              ? {}
              : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/fhir+json' } }),
          }),
        (error) => {
          if (retried || clientStatus(error) !== 429) return undefined;
          const wait = retryAfterMs(clientResponse(error)?.headers.get('Retry-After'));
          retried = wait !== undefined && Date.now() + wait < deadline;
          return wait;
        },
        deadline,
        combined,
      );
      const { body: result, response } = unwrap(answer);
      if (response?.redirected) sameOriginUrl(this.base, response.url, 'redirect');
      if (result === null || typeof result !== 'object') {
        throw new FhirError('invalid-response', 'The server answered, but not with FHIR JSON.', { request: url });
      }
      return result;
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof FhirError) throw error;
      if (combined.aborted) {
        throw new FhirError('timeout', `The FHIR server did not answer within ${seconds(this.timeoutMs)}.`, {
          request: url,
        });
      }
      const status = clientStatus(error);
      if (status === 429) throw rateLimitError(429, undefined, url, retried);
      throw fromClientError(error, url);
    }
  }
}

/** fhirclient with `includeResponse` answers `{ body, response }`; a client without it answers the body. */
function unwrap(answer: unknown): { body: unknown; response?: Response } {
  if (answer && typeof answer === 'object' && 'response' in answer && (answer as { response?: unknown }).response instanceof Response) {
    return answer as { body: unknown; response: Response };
  }
  return { body: answer };
}

function clientStatus(error: unknown): number | undefined {
  const record = (error ?? {}) as { status?: unknown; statusCode?: unknown };
  const status = record.status ?? record.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function clientResponse(error: unknown): Response | undefined {
  const response = (error as { response?: unknown } | null)?.response;
  return response instanceof Response ? response : undefined;
}

/** fhirclient's HttpError carries `status` and the parsed body as `response`-derived JSON. */
function fromClientError(error: unknown, url: string): FhirError {
  if (error instanceof FhirError) return error;
  const record = (error ?? {}) as { body?: unknown };
  const status = clientStatus(error);
  if (status !== undefined && status >= 400) return httpError(status, record.body, url);
  return toFhirError(error, url);
}
