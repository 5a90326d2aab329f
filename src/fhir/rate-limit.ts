// What a transport does when a server says 429 (too many requests): how long it asked to wait, the
// wait itself, and the one more try. Loaded only when a server answers 429 (./transport.ts imports it
// then) and by the fhirclient transport (./client-transport.ts): a page whose requests are answered
// never fetches it. It imports no value from ./transport.ts (a lazy module must not: one file stays one).

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Sends once; on 429 with a `Retry-After` that fits in what is left of the timeout, waits and sends
 * once more. A second 429 (or one asking for longer) is the caller's rate-limit error.
 */
export async function withOneRetry<T>(
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

/**
 * A 429 answer: when its `Retry-After` fits in what is left of the timeout (`deadline`), waits and
 * resolves with the answer to one more try (`send`); undefined when it asks for longer or says nothing.
 */
export async function retryRateLimited(answer: Response, send: () => Promise<Response>, deadline: number, signal: AbortSignal): Promise<Response | undefined> {
  const wait = retryAfterMs(answer.headers.get('Retry-After'));
  if (wait === undefined || Date.now() + wait >= deadline) return undefined;
  await answer.body?.cancel().catch(() => undefined);
  await delay(wait, signal);
  return send();
}
