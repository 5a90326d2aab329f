// Counting requests where they arrive: at the test server (test/server/middleware.ts keeps a log of
// the requests that carry a tag header). A test tags its transport and asks the server afterwards.

/** Header the test server logs requests by. */
export const REQUEST_LOG_TAG_HEADER = 'X-Request-Log-Tag';

let counter = 0;

/** A tag unique to this page and call, and the headers that carry it. */
export function requestTag(): { tag: string; headers: Record<string, string> } {
  counter += 1;
  const tag = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${counter}`;
  return { tag, headers: { [REQUEST_LOG_TAG_HEADER]: tag } };
}

/** The requests the server received with `tag`, in arrival order. */
export async function serverRequests(tag: string): Promise<{ method: string; url: string }[]> {
  const response = await fetch(`/__request-log?tag=${encodeURIComponent(tag)}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`request log: HTTP ${response.status}`);
  return (await response.json()) as { method: string; url: string }[];
}
