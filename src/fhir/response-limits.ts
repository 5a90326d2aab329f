// What the kit refuses from a server it does not control: links and redirects to another origin (the
// bearer token goes only to the base's origin), answers larger than a limit, paging that loops, and
// how long a request may take. Used by both transports and by the loader's page loop (waiting when told
// to slow down is ./rate-limit.ts, loaded only then).
import { failure } from './errors.js';

/** Default ceiling on one response body (bytes): far above any sane page, far below a frozen tab. */
export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/** The origin of a URL, or undefined when it is not an absolute http(s) URL. */
function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `url` resolved against `base`, refused unless it is on the base's origin: a paging link, a
 * reference or a redirect from a server must never carry the access token elsewhere.
 * `what` names the thing refused ("paging link", "redirect").
 */
export function sameOriginUrl(base: string, url: string, what: string): string {
  if (!ABSOLUTE.test(url)) return url; // relative to the base: the base's origin
  const origin = originOf(url);
  if (origin === undefined || origin !== originOf(base)) {
    const where = origin ?? `${url.split(':')[0]}:`;
    throw failure('other-origin', 'otherOrigin', [what, where], { request: where });
  }
  return url;
}

export function tooLarge(maxBytes: number, request?: string) {
  return failure('too-large', 'tooLarge', [maxBytes], { request });
}

/**
 * A response body read as a stream and decoded as UTF-8, stopped (and the connection cancelled)
 * as soon as it passes `maxBytes`.
 */
export async function readBodyLimited(response: Response, maxBytes: number, request?: string): Promise<string> {
  const declared = Number(response.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes, request);
  }
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes, request);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  // One macrotask, so that the browser has recorded the request's resource timing entry (which it
  // does after the stream ends) before the answer is used: hosts' monitoring sees every request.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return parts.join('');
}

/** Remembers the pages of one search, so that a `next` link back to a page already read stops paging. */
export class PagingGuard {
  private readonly seen = new Set<string>();

  constructor(private readonly base: string) {}

  /** Records a page about to be requested; throws when it was requested before or is off-origin. */
  visit(url: string): string {
    const checked = sameOriginUrl(this.base, url, 'paging link');
    const key = normalise(this.base, checked);
    if (this.seen.has(key)) {
      throw failure('paging-loop', 'pagingLoop', [], { request: url });
    }
    this.seen.add(key);
    return checked;
  }
}

/** One spelling per page: absolute, parameters sorted. */
function normalise(base: string, url: string): string {
  try {
    const parsed = new URL(url, `${base.replace(/\/+$/, '')}/`);
    parsed.searchParams.sort();
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/**
 * What a search may claim about its size, from what was received: a `Bundle.total` is the server's
 * word, never more than that. Paged to the end with fewer matches than the total said, the result
 * is partial (truncated, total unknown); with more, the total is what arrived. Stopped by a limit,
 * a total below what arrived is dropped.
 */
export function honestTotal(
  claimed: number | undefined,
  received: number,
  stoppedByLimit: boolean,
): { total?: number; truncated: boolean } {
  const valid = claimed !== undefined && Number.isSafeInteger(claimed) && claimed >= 0 ? claimed : undefined;
  if (stoppedByLimit) return valid !== undefined && valid > received ? { total: valid, truncated: true } : { truncated: true };
  if (valid !== undefined && valid > received) return { truncated: true };
  return { ...(valid === undefined ? {} : { total: received }), truncated: false };
}

/**
 * Runs `run` with the caller's abort signal combined with a timeout, and lets both go as soon as it
 * settles: the timer is cleared and the listener on the caller's signal removed (AbortSignal.timeout
 * and AbortSignal.any would keep a timer, a signal and a listener alive for the whole timeout after
 * every request: memory that grew with each patient switch on a long-lived page).
 */
export async function withTimeout<T>(signal: AbortSignal | undefined, timeoutMs: number, run: (combined: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The request timed out.', 'TimeoutError')), timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
