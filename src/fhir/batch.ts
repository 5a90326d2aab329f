// Sending the first request of every widget as one FHIR `batch` Bundle (`<fhir-context batch>`):
// loaded by a loader only when its source asks for batches, so other pages do not pay for it.
import { FhirError, searchNotSupported, toFhirError } from './errors.js';
import type { FhirTransport } from './transport.js';

interface BatchItem {
  url: string;
  resolve: (bundle: unknown) => void;
  reject: (error: unknown) => void;
}

/** The requests of one loader waiting (one macrotask) to go out together. */
export class BatchQueue {
  private items: BatchItem[] = [];
  private timer?: ReturnType<typeof setTimeout>;

  /**
   * `signal` is the loader's (dispose aborts it); `holdBack` is true while searches by code are
   * about to be merged and sent, so that they join the batch.
   */
  constructor(
    private readonly transport: FhirTransport,
    private readonly signal: AbortSignal,
    private readonly holdBack: () => boolean,
  ) {}

  /** Queues a first-page request into the next batch Bundle (sent one macrotask later). */
  request(url: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.items.push({ url, resolve, reject });
      this.timer ??= setTimeout(() => void this.flush(), 0);
    });
  }

  /** Rejects everything still queued (the loader was disposed). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const item of this.items) item.reject(this.signal.reason);
    this.items = [];
  }

  private fetchPage(url: string): Promise<unknown> {
    return this.transport.request({ url, signal: this.signal });
  }

  private async flush(): Promise<void> {
    if (this.holdBack()) {
      // Searches by code are about to be merged and sent: let them join this batch.
      this.timer = setTimeout(() => void this.flush(), 0);
      return;
    }
    const items = this.items;
    this.items = [];
    this.timer = undefined;
    if (items.length === 1) {
      this.fetchPage(items[0].url).then(items[0].resolve, items[0].reject);
      return;
    }
    const body = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: items.map((item) => ({ request: { method: 'GET', url: item.url } })),
    };
    let response: unknown;
    try {
      response = await this.transport.request({ url: '', method: 'POST', body, signal: this.signal });
    } catch (error) {
      if (searchNotSupported(error)) {
        // The server does not take batches: ask one by one instead.
        for (const item of items) this.fetchPage(item.url).then(item.resolve, item.reject);
      } else {
        for (const item of items) item.reject(error);
      }
      return;
    }
    const entries = (response as { entry?: unknown[] })?.entry;
    items.forEach((item, index) => {
      const entry = (Array.isArray(entries) ? entries[index] : undefined) as
        | { resource?: unknown; response?: { status?: string; outcome?: unknown } }
        | undefined;
      const status = Number.parseInt(entry?.response?.status ?? '', 10);
      if (!entry) {
        item.reject(new FhirError('invalid-response', 'The batch response is missing an entry.', { request: item.url }));
      } else if (Number.isFinite(status) && status >= 400) {
        item.reject(toFhirError({ status, body: entry.response?.outcome ?? entry.resource }, item.url));
      } else {
        item.resolve(entry.resource);
      }
    });
  }
}
