// What a transport does when a server says 429 (too many requests): how long it asked to wait, and the
// wait. Loaded only when a server answers 429 (./transport.ts `waitAfter429`, for both transports): a
// page whose requests are answered never fetches it. It imports no value from ./transport.ts (a lazy
// module must not: one file stays one).

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
 * Waits as a 429's `Retry-After` asks, when that ends before `deadline`: true once waited (the caller
 * then asks once more), false when it asks for longer or says nothing.
 */
export async function waitAsAsked(header: string | null | undefined, deadline: number, signal: AbortSignal): Promise<boolean> {
  const wait = retryAfterMs(header);
  if (wait === undefined || Date.now() + wait >= deadline) return false;
  await delay(wait, signal);
  return true;
}
