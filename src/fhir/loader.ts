// src/fhir — the data layer: transports, the loader, errors, and the named queries widgets call
// (src/fhir/queries). Layers: src/fhir may use src/model's resource helpers (flattening Bundles,
// the patient scope, reference helpers) — the one allowed arrow between them; src/model imports
// nothing from src/fhir or src/elements, and src/fhir nothing from src/elements (eslint enforces it).
//
// One loader per <fhir-context>: the searches widgets need, deduped and cached for one patient,
// paged to the end (or to a stated limit), optionally sent as one FHIR batch, cancelled when the
// context changes so that no response for an old patient can land. It also settles, once, whose
// record this is (the PatientScope every widget's model is given).
import type { AnyResource } from '../model/fhir-types.js';
import { startGivenRecord, serverPatientScope, type PatientScope, type TypeRun } from '../model/patient-scope.js';
import type { BatchQueue } from './batch.js';
import { described, rejectDescribed } from './described.js';
import { failure, isAbort, toFhirError, type FhirError } from './errors.js';
import { PagingGuard, honestTotal } from './response-limits.js';
import { yieldToPage } from './yield-to-page.js';
import type { AccessToken, FhirTransport } from './transport.js';

/** Default ceiling on resources collected by one search (a widget may ask for more or fewer). */
export const DEFAULT_SEARCH_LIMIT = 10_000;

export interface SearchOptions {
  /** Stop following `link[next]` after this many matches; the result then says it was truncated. */
  limit?: number;
  signal?: AbortSignal;
}

export interface SearchResult {
  /** The matches (search.mode `match`, or no mode), in server order. */
  resources: AnyResource[];
  /** Resources the server added with `_include` (search.mode `include`), deduplicated. */
  included: AnyResource[];
  /** The server's `Bundle.total`, when it sent one. */
  total?: number;
  /** True when a limit stopped paging while the server had more. */
  truncated: boolean;
}

/** Why a loader has nothing to load yet: no source configured, or a server but no patient chosen. */
export type IdleReason = 'no-source' | 'no-patient';

/** Where a loader's data comes from, settled once per loader. */
export type Connection =
  | { kind: 'server'; transport: FhirTransport; patientId?: string; batch?: boolean }
  | { kind: 'resources'; resources: AnyResource[]; patientId?: string; scope: PatientScope; runs: readonly TypeRun[] }
  | { kind: 'idle'; reason: IdleReason }
  | { kind: 'failed'; error: FhirError };

/** What a loader can serve: a patient's record (with its scope), or nothing yet. */
export type LoaderReadiness = { kind: 'ready'; scope: PatientScope } | { kind: 'idle'; reason: IdleReason };

/** A search by code of the patient's resources, waiting (one task) to be merged with others. */
export interface CodeSearch {
  /** `system|code[,system|code…]` (FHIR token search: a code without a system matches any system). */
  codes: string;
  /** Newest first (`-date`) or oldest first (`date`). */
  sort: 'date' | '-date';
  /** Page size asked for (`_count`). */
  count?: number;
  limit?: number;
  signal?: AbortSignal;
}

interface CodeRequest {
  codes: string;
  sort: 'date' | '-date';
  count?: number;
  limit: number;
  resolve: (result: SearchResult) => void;
  reject: (error: unknown) => void;
}

function searchUrl(resourceType: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value !== undefined && value !== '') query.append(key, value);
  }
  const text = query.toString();
  return text ? `${resourceType}?${text}` : resourceType;
}

function nextLink(bundle: unknown): string | undefined {
  const links = (bundle as { link?: { relation?: string; url?: string }[] })?.link;
  if (!Array.isArray(links)) return undefined;
  const next = links.find((l) => l?.relation === 'next' && typeof l.url === 'string');
  return next?.url;
}

function assertBundle(value: unknown, request: string): { entry: unknown[]; total?: number } {
  const bundle = value as { resourceType?: string; entry?: unknown; total?: unknown };
  if (bundle?.resourceType !== 'Bundle') {
    throw failure('invalid-response', bundle?.resourceType === 'OperationOutcome' ? 'searchOutcome' : 'searchNotBundle', [], { request });
  }
  return {
    entry: Array.isArray(bundle.entry) ? bundle.entry : [],
    total: typeof bundle.total === 'number' ? bundle.total : undefined,
  };
}

/**
 * Given resources flattened per task: about 20 ms of work, and a 100,000-result record (with its
 * Patient and reports) in one.
 */
export const GIVEN_SLICE = 200_000;

/**
 * The connection of resources given directly — to a widget, a `<fhir-context>` or a `<fhir-source>`
 * alike: flattened a slice at a time (a million given results would freeze the page in one task),
 * whose record it is decided from that same walk. The first slice runs at once, in the task that
 * asks for the loader's readiness; between slices the page runs, and the walk stops (rejecting with
 * the reason) as soon as any of `signals` has aborted (the record or its patient was replaced, the
 * element left the page).
 */
export async function connectGiven(resources: unknown, patientId: string | undefined, ...signals: (AbortSignal | undefined)[]): Promise<Connection> {
  const record = startGivenRecord(resources, patientId);
  for (;;) {
    for (const signal of signals) signal?.throwIfAborted();
    if (record.step(GIVEN_SLICE)) break;
    await yieldToPage();
  }
  const { resources: flat, scope, runs } = record.result();
  return { kind: 'resources', resources: flat, patientId, scope, runs };
}

export class FhirLoader {
  private readonly controller = new AbortController();
  private readonly cache = new Map<string, Promise<unknown>>();
  private connection?: Promise<Connection>;
  /** The batch of first requests, when the source asks for one (./batch.ts, loaded only then). */
  private batch?: BatchQueue;
  private readinessPromise?: Promise<LoaderReadiness>;
  private codeQueue = new Map<string, CodeRequest[]>();
  private codeTimer?: ReturnType<typeof setTimeout>;

  /**
   * `alone`: one widget's own loader (its `resources`), which no other widget asks: its searches by
   * code are never merged, so each goes out at once instead of waiting a task for others.
   */
  constructor(
    private readonly connect: (signal: AbortSignal) => Promise<Connection>,
    private readonly alone = false,
  ) {}

  /** A widget's loader over the data given to it (no network at all); the patient is decided once, here. */
  static fromResources(resources: unknown, patientId?: string, signal?: AbortSignal): FhirLoader {
    return new FhirLoader((own) => connectGiven(resources, patientId, own, signal), true);
  }

  /** Cancels everything in flight; later calls reject. */
  dispose(): void {
    this.controller.abort();
    this.batch?.dispose();
    if (this.codeTimer) clearTimeout(this.codeTimer);
    this.codeTimer = undefined;
    for (const group of this.codeQueue.values()) for (const item of group) item.reject(this.controller.signal.reason);
    this.codeQueue.clear();
  }

  get disposed(): boolean {
    return this.controller.signal.aborted;
  }

  private connected(): Promise<Connection> {
    this.connection ??= this.connect(this.controller.signal)
      .then(async (connection) => {
        if (connection.kind === 'server' && connection.batch) {
          const { BatchQueue } = await import('./batch.js');
          this.batch = new BatchQueue(connection.transport, this.controller.signal, () => this.codeTimer !== undefined);
        }
        return connection;
      })
      .catch(async (error: unknown): Promise<Connection> => {
        // Stopped (the loader disposed: a new record or patient, out of the page): an abort, as every
        // later call of a disposed loader is, not a failure to put in words.
        if (isAbort(error, this.controller.signal)) throw this.disposed ? this.controller.signal.reason : error;
        return { kind: 'failed', error: await described(toFhirError(error)) };
      });
    return this.connection;
  }

  /** The connection, unless connecting failed (then its error is thrown). */
  private async usable(): Promise<Exclude<Connection, { kind: 'failed' }>> {
    const connection = await this.connected();
    if (connection.kind === 'failed') throw connection.error;
    return connection;
  }

  /** The connection to load from: a server or given resources (throws when there is none or it failed). */
  private async source(): Promise<Extract<Connection, { kind: 'server' | 'resources' }>> {
    const connection = await this.usable();
    if (connection.kind === 'idle') throw failure('not-configured', 'noSource', []);
    return connection;
  }

  /**
   * Whether there is a record to load and whose it is, decided once per loader: the context's
   * patient on a server, or for resources given directly the patient they name (see
   * `givenPatientScope`). `idle` when there is no source yet, or a server but no patient.
   * Rejects when connecting failed (e.g. a SMART launch error).
   */
  readiness(): Promise<LoaderReadiness> {
    this.readinessPromise ??= this.connected().then((connection): LoaderReadiness => {
      switch (connection.kind) {
        case 'failed':
          throw connection.error;
        case 'idle':
          return connection;
        case 'server':
          return connection.patientId === undefined
            ? { kind: 'idle', reason: 'no-patient' }
            : { kind: 'ready', scope: serverPatientScope(connection.patientId, connection.transport.base) };
        case 'resources':
          return { kind: 'ready', scope: connection.scope };
      }
    });
    return this.readinessPromise;
  }

  /** The patient this loader serves (undefined when the context names none). */
  async patientId(): Promise<string | undefined> {
    const connection = await this.usable();
    return connection.kind === 'idle' ? undefined : connection.patientId;
  }

  /**
   * The FHIR base this loader reads from and its access token (undefined with data given
   * directly). For services the host configured to act on the record (CDS Hooks `fhirServer`).
   */
  async serverAccess(): Promise<{ base: string; token?: AccessToken } | undefined> {
    const connection = await this.usable();
    if (connection.kind !== 'server') return undefined;
    const token = connection.transport.accessToken?.();
    return { base: connection.transport.base, ...(token ? { token } : {}) };
  }

  /** The resources given directly to the context, when it has no server. */
  async localResources(): Promise<AnyResource[] | undefined> {
    const connection = await this.connected();
    return connection.kind === 'resources' ? connection.resources : undefined;
  }

  /**
   * A search of the context's patient: `patient=<id>` is added (unless `params` names it).
   * With data given directly, returns every resource of the type: the model filters.
   */
  async searchPatient(resourceType: string, params: Record<string, string | undefined> = {}, options: SearchOptions = {}) {
    const connection = await this.usable();
    const patientId = connection.kind === 'idle' ? undefined : connection.patientId;
    if (patientId === undefined && connection.kind !== 'resources') throw await described(failure('not-configured', 'noPatient', []));
    return this.search(resourceType, { patient: patientId, ...params }, options);
  }

  /**
   * A search of the context's patient's `resourceType` by `code`, sorted by date. Searches by code
   * of the same type asked for in the same task (the summary's vital signs and a trend, say) go
   * out as ONE search of the union of their codes, newest first, paged to the largest limit; each
   * caller then gets exactly the matches of its own codes (FHIR token rules on `code`), in its own
   * order, cut at its own limit — what its own search would have returned. Alone, a search goes
   * out as it is. Deduped and cached like `search`.
   */
  searchPatientByCode(resourceType: string, search: CodeSearch): Promise<SearchResult> {
    const limit = search.limit ?? DEFAULT_SEARCH_LIMIT;
    const key = `codes ${resourceType} ${search.codes} ${search.sort} ${search.count ?? ''} limit=${limit}`;
    if (this.alone) return this.cached(key, () => this.searchCodesAsAsked(resourceType, { ...search, limit }), search.signal);
    return this.cached(
      key,
      () =>
        new Promise<SearchResult>((resolve, reject) => {
          const group = this.codeQueue.get(resourceType) ?? [];
          group.push({ codes: search.codes, sort: search.sort, count: search.count, limit, resolve, reject });
          this.codeQueue.set(resourceType, group);
          this.codeTimer ??= setTimeout(() => this.flushCodeSearches(), 0);
        }),
      search.signal,
    );
  }

  private flushCodeSearches(): void {
    this.codeTimer = undefined;
    const groups = [...this.codeQueue];
    this.codeQueue.clear();
    for (const [resourceType, group] of groups) {
      const distinct = new Set(group.map((item) => item.codes));
      if (distinct.size === 1) {
        for (const item of group) this.searchCodesAsAsked(resourceType, item).then(item.resolve, item.reject);
        continue;
      }
      const tokens: string[] = [];
      for (const item of group) for (const token of item.codes.split(',')) if (token && !tokens.includes(token)) tokens.push(token);
      const counts = group.map((item) => item.count);
      const count = counts.includes(undefined) ? undefined : Math.max(...(counts as number[]));
      const limit = Math.max(...group.map((item) => item.limit));
      const merged = this.searchPatient(
        resourceType,
        { code: tokens.join(','), _sort: '-date', _count: count === undefined ? undefined : String(count) },
        { limit },
      );
      for (const item of group) merged.then((result) => item.resolve(codeView(result, item)), item.reject);
    }
  }

  /** One search by code exactly as it was asked (its codes, sort, page size and limit). */
  private searchCodesAsAsked(
    resourceType: string,
    { codes, sort, count, limit }: Pick<CodeRequest, 'codes' | 'sort' | 'count' | 'limit'>,
  ): Promise<SearchResult> {
    return this.searchPatient(resourceType, { code: codes, _sort: sort, _count: count === undefined ? undefined : String(count) }, { limit });
  }

    /** A search followed through `link[next]` to the end or to `options.limit` matches. Deduped and cached. */
  search(resourceType: string, params: Record<string, string | undefined> = {}, options: SearchOptions = {}): Promise<SearchResult> {
    const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
    const url = searchUrl(resourceType, params);
    return this.cached(`search ${url} limit=${limit}`, () => this.runSearch(resourceType, url, limit), options.signal);
  }

  /** Reads one resource by reference (`Medication/123`). Deduped and cached. */
  read(reference: string, options: { signal?: AbortSignal } = {}): Promise<AnyResource> {
    return this.cached(`read ${reference}`, async () => {
      const connection = await this.source();
      if (connection.kind === 'resources') {
        const [type, id] = reference.split('/');
        const found = connection.resources.find((r) => r.resourceType === type && r.id === id);
        if (!found) throw failure('not-found', 'notGiven', [reference], { request: reference });
        return found;
      }
      const resource = (await this.firstPage(connection.transport, reference)) as AnyResource;
      if (typeof resource?.resourceType !== 'string') {
        throw failure('invalid-response', 'notResource', [reference]);
      }
      return resource;
    }, options.signal) as Promise<AnyResource>;
  }

  /** Shares one promise per key; a failure is not cached, so a retry asks again. */
  private cached<T>(key: string, run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.disposed) return Promise.reject(this.controller.signal.reason);
    let promise = this.cache.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = run().catch(rejectDescribed);
      this.cache.set(key, promise);
      promise.catch(() => {
        if (this.cache.get(key) === promise) this.cache.delete(key);
      });
    }
    return signal ? abortable(promise, signal) : promise;
  }

  private async runSearch(resourceType: string, url: string, limit: number): Promise<SearchResult> {
    const connection = await this.source();
    if (connection.kind === 'resources') {
      // One pass (a given lab record may hold a million results); by the runs of one type noted
      // when they were flattened, without reading each resource again.
      const resources: AnyResource[] = [];
      const included: AnyResource[] = [];
      const all = connection.resources;
      const runs = connection.runs;
      const ofType = runs.filter((run) => run.type === resourceType);
      if (ofType.length === 1) {
        // The usual given record: its results in one run, copied at once (no push per result).
        const [only] = ofType;
        for (const run of runs) if (run !== only) for (let i = run.start; i < run.end; i += 1) included.push(all[i]);
        return { resources: all.slice(only.start, only.end), included, truncated: false };
      }
      for (const run of runs) {
        const into = run.type === resourceType ? resources : included;
        for (let i = run.start; i < run.end; i += 1) into.push(all[i]);
      }
      return { resources, included, truncated: false };
    }
    const { transport } = connection;
    const resources: AnyResource[] = [];
    const included = new Map<string, AnyResource>();
    let total: number | undefined;
    const pages = new PagingGuard(transport.base);
    pages.visit(url);
    let page: unknown = await this.firstPage(transport, url);
    for (;;) {
      const bundle = assertBundle(page, url);
      total ??= bundle.total;
      for (const entry of bundle.entry) {
        const { resource, search } = (entry ?? {}) as { resource?: AnyResource; search?: { mode?: string } };
        if (!resource || typeof resource.resourceType !== 'string') continue;
        if (search?.mode === 'include' || (search?.mode !== 'match' && resource.resourceType !== resourceType)) {
          included.set(`${resource.resourceType}/${resource.id ?? included.size}`, resource);
        } else if (search?.mode !== 'outcome') {
          resources.push(resource);
        }
      }
      const next = nextLink(page);
      if (!next) break;
      if (resources.length >= limit) {
        return { resources, included: [...included.values()], ...honestTotal(total, resources.length, true) };
      }
      page = await this.fetchPage(transport, pages.visit(next));
    }
    return { resources, included: [...included.values()], ...honestTotal(total, resources.length, false) };
  }

  /** A first request (a read, a search's first page): in the batch, when the source sends one. */
  private firstPage(transport: FhirTransport, url: string): Promise<unknown> {
    return this.batch ? this.batch.request(url) : this.fetchPage(transport, url);
  }

  private fetchPage(transport: FhirTransport, url: string): Promise<unknown> {
    return transport.request({ url, signal: this.controller.signal });
  }
}

/**
 * One caller's share of a merged search by code: the matches of its own codes (FHIR token rules
 * on `resource.code`: `system|code`, or `code` in any system), in its own date order, cut at its
 * own limit. When the merged search stopped early, every share says so (its total is unknown).
 */
function codeView(result: SearchResult, request: CodeRequest): SearchResult {
  const wanted = new Map<string, Set<string | undefined>>();
  for (const token of request.codes.split(',')) {
    const bar = token.lastIndexOf('|');
    const code = bar < 0 ? token : token.slice(bar + 1);
    const system = bar < 0 ? undefined : token.slice(0, bar);
    const systems = wanted.get(code) ?? new Set<string | undefined>();
    systems.add(system);
    wanted.set(code, systems);
  }
  const matches = (resource: AnyResource): boolean => {
    const codings = (resource.code as { coding?: unknown } | undefined)?.coding;
    if (!Array.isArray(codings)) return false;
    return codings.some((coding: { code?: unknown; system?: unknown } | null) => {
      const systems = typeof coding?.code === 'string' ? wanted.get(coding.code) : undefined;
      return !!systems && (systems.has(undefined) || systems.has(coding?.system as string));
    });
  };
  let resources = result.resources.filter(matches);
  if (request.sort === 'date') resources.reverse(); // the merged search is newest first
  let truncated = result.truncated;
  if (resources.length > request.limit) {
    // what its own search would have kept: the first `limit` in its order (its pages are whole)
    resources = resources.slice(0, request.limit);
    truncated = true;
  }
  return { resources, included: result.included, ...(truncated ? {} : { total: resources.length }), truncated };
}

/** Rejects with the signal's reason when it aborts, without cancelling the shared work. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
