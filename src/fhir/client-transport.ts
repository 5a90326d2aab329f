// The transport over a fhirclient Client (a SMART launch, or a Client the host already has).
// Loaded only by a context or source that has one: a page on an open server never fetches it.
import { FhirError, failure, httpError, toFhirError } from './errors.js';
import { sameOriginUrl, withTimeout } from './response-limits.js';
import { DEFAULT_TIMEOUT_MS, joinUrl, rateLimitError, waitAfter429, type AccessToken, type FhirClientLike, type FhirTransport, type TransportRequest } from './transport.js';

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
      const send = () =>
        this.client.request({
          url: target,
          method,
          signal: combined,
          includeResponse: true,
          ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/fhir+json' } }),
        });
      let answer: unknown;
      try {
        answer = await send();
      } catch (error) {
        // Told to slow down: wait as asked (within the timeout) and ask once more.
        if (clientStatus(error) !== 429 || !(await waitAfter429(clientResponse(error)?.headers.get('Retry-After'), deadline, combined))) throw error;
        retried = true;
        answer = await send();
      }
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
        throw failure('timeout', 'noAnswerWithin', [this.timeoutMs], { request: url });
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
