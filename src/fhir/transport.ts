// How requests reach a FHIR server: plain fetch for an open server, or a fhirclient Client
// (SMART launch, or one the host already has). Both answer parsed JSON or throw a FhirError.
import { FhirError, httpError, isAbort, toFhirError } from './errors.js';

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

export function joinUrl(base: string, url: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  return `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/** Combines the caller's abort signal with a timeout. */
function withTimeout(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/** A transport over `fetch`, for servers that need no login (or a bearer token the host supplies). */
export class HttpTransport implements FhirTransport {
  readonly base: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;

  constructor(base: string, options: { timeoutMs?: number; headers?: Record<string, string> } = {}) {
    this.base = base.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.headers = options.headers ?? {};
  }

  async request({ url, method = 'GET', body, signal }: TransportRequest): Promise<unknown> {
    const target = joinUrl(this.base, url);
    const combined = withTimeout(signal, this.timeoutMs);
    let response: Response;
    try {
      response = await fetch(target, {
        method,
        signal: combined,
        headers: {
          Accept: 'application/fhir+json, application/json;q=0.9',
          ...(body === undefined ? {} : { 'Content-Type': 'application/fhir+json' }),
          ...this.headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (signal?.aborted) throw error; // our own cancellation: not a failure to report
      if (isAbort(error) || (error as Error)?.name === 'TimeoutError') {
        throw new FhirError('timeout', `The FHIR server did not answer within ${seconds(this.timeoutMs)}.`, {
          request: url,
          cause: error,
        });
      }
      throw toFhirError(error, url);
    }
    const text = await response.text().catch((error: unknown) => {
      if (signal?.aborted) throw error;
      throw new FhirError('timeout', 'The FHIR server stopped sending its answer.', { request: url, cause: error });
    });
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) throw httpError(response.status, json, url);
    if (json === undefined || typeof json !== 'object') {
      throw new FhirError('invalid-response', 'The server answered, but not with FHIR JSON (is the address a FHIR base URL?).', {
        status: response.status,
        request: url,
      });
    }
    return json;
  }
}

/** The parts of a fhirclient `Client` that the kit uses. */
export interface FhirClientLike {
  state: { serverUrl: string; tokenResponse?: { access_token?: string; token_type?: string; expires_in?: number; scope?: string } };
  patient: { id: string | null };
  request(requestOptions: string | { url: string; method?: string; body?: string; headers?: Record<string, string>; signal?: AbortSignal }): Promise<unknown>;
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

  async request({ url, method = 'GET', body, signal }: TransportRequest): Promise<unknown> {
    const combined = withTimeout(signal, this.timeoutMs);
    try {
      const result = await this.client.request({
        url: joinUrl(this.base, url),
        method,
        signal: combined,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/fhir+json' } }),
      });
      if (result === null || typeof result !== 'object') {
        throw new FhirError('invalid-response', 'The server answered, but not with FHIR JSON.', { request: url });
      }
      return result;
    } catch (error) {
      if (signal?.aborted) throw error;
      if (combined.aborted) {
        throw new FhirError('timeout', `The FHIR server did not answer within ${seconds(this.timeoutMs)}.`, {
          request: url,
        });
      }
      throw fromClientError(error, url);
    }
  }
}

/** fhirclient's HttpError carries `status` and the parsed body as `response`-derived JSON. */
function fromClientError(error: unknown, url: string): FhirError {
  const record = (error ?? {}) as { status?: number; statusCode?: number; body?: unknown; message?: string };
  const status = record.status ?? record.statusCode;
  if (typeof status === 'number' && status >= 400) return httpError(status, record.body, url);
  return toFhirError(error, url);
}
