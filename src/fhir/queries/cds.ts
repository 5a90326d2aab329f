// Calling CDS Hooks 2.0 services for the context's patient: discovery (`GET {base}`), prefetch
// resolved and run through the context's loader (so a prefetch equal to a widget's search is the
// same request and the same cached result), every service called in parallel with its own timeout
// and its own error. Feedback is in cds-feedback.ts.
import {
  CdsFormatError,
  parseDiscovery,
  parseServiceAnswer,
  resolvePrefetch,
  servicesToCall,
  tokenMayGoTo,
  type CdsServiceAnswer,
  type CdsServiceDescription,
  type PrefetchValues,
} from '../../model/cds-cards.js';
import type { AnyResource } from '../../model/fhir-types.js';
import { partitionByScope, type PatientScope } from '../../model/patient-scope.js';
import type { FhirLoader } from '../loader.js';
import { askedIncluded, malformedKey, searchBundle, sendable } from './cds-record.js';
import { withTimeout } from '../response-limits.js';
import type { AccessToken } from '../transport.js';

export const DEFAULT_CDS_TIMEOUT_MS = 10_000;

/** Why one service gave no cards. The element words it; `status` for `http`. */
export type CdsFailureKind = 'timeout' | 'network' | 'http' | 'invalid';

export class CdsServiceError extends Error {
  override readonly name = 'CdsServiceError';
  constructor(
    readonly kind: CdsFailureKind,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`CDS service: ${kind}${status === undefined ? '' : ` ${status}`}`, options);
  }
}

export interface CdsCallOptions {
  /** The CDS Hooks base (absolute URL). */
  base: string;
  hook: string;
  /** Service ids to call; empty = every discovered service for the hook. */
  services: readonly string[];
  timeoutMs: number;
  shareToken: boolean;
  userId?: string;
  encounterId?: string;
  signal: AbortSignal;
}

export type CdsServiceOutcome =
  | { service: CdsServiceDescription; ok: true; answer: CdsServiceAnswer; prefetchFailed: string[] }
  | { service: CdsServiceDescription; ok: false; error: CdsServiceError };

export interface CdsCallResult {
  patientId: string;
  /** Every service called, in call order (the order discovery listed them). */
  outcomes: CdsServiceOutcome[];
  /** With several sources: the sources whose records the prefetch drew on (primary first). */
  sources: CdsSourceRecords[];
  /** With several sources: the sources whose records could not be fetched (first failure of each). */
  sourceFailures: { source: string; error: unknown }[];
  /** Distinct records left out of every prefetch because they nest deeper than `MAX_RECORD_DEPTH`. */
  malformed: number;
}

/** One FHIR source of the patient's record, as the CDS call reads it (primary first). */
export interface CdsRecordSource {
  label: string;
  loader: FhirLoader;
  /** This patient's id at this source. */
  patientId: string;
}

/** What one source added to the prefetch: distinct records sent, and records of another patient dropped. */
export interface CdsSourceRecords {
  source: string;
  records: number;
  otherPatient: number;
}

/** A CDS service's base without a trailing slash, resolved against the page. */
export function cdsBase(service: string, page: string): string {
  return new URL(service, page).href.replace(/\/+$/, '');
}

/** fetch with a timeout, as JSON; every failure becomes a CdsServiceError (our own abort stays an abort). */
async function fetchJson(url: string, init: RequestInit, timeoutMs: number, signal: AbortSignal): Promise<unknown> {
  const [response, text] = await withTimeout(signal, timeoutMs, async (combined) => {
    try {
      const answer = await fetch(url, { ...init, signal: combined, credentials: 'omit', referrerPolicy: 'no-referrer' });
      return [answer, await answer.text()] as const;
    } catch (error) {
      signal.throwIfAborted();
      throw new CdsServiceError(combined.aborted ? 'timeout' : 'network', undefined, { cause: error });
    }
  });
  if (!response.ok) throw new CdsServiceError('http', response.status);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CdsServiceError('invalid', response.status, { cause: error });
  }
}

const discoveries = new Map<string, Promise<CdsServiceDescription[]>>();

/** `GET {base}`: the services offered. A success is kept for the page's life; a failure is asked again next time. */
export function discoverCdsServices(base: string, timeoutMs: number, signal: AbortSignal): Promise<CdsServiceDescription[]> {
  let found = discoveries.get(base);
  if (!found) {
    // Not tied to one caller's signal: another widget may be waiting for the same discovery.
    found = fetchJson(base, { headers: { Accept: 'application/json' } }, timeoutMs, new AbortController().signal).then((json) => {
      try {
        return parseDiscovery(json);
      } catch (error) {
        throw new CdsServiceError('invalid', undefined, { cause: error });
      }
    });
    discoveries.set(base, found);
    found.catch(() => discoveries.delete(base));
  }
  return untilAborted(found, signal);
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    signal.throwIfAborted();
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Each prefetch template run through the loader: a read or a search (with `_count` as the limit,
 * so `_count=1&_sort=-date` means one page). A template that cannot be resolved or whose request
 * failed is `null`, as the spec says; the service then fetches itself or degrades.
 */
export async function runPrefetch(
  loader: FhirLoader,
  templates: Record<string, string>,
  values: PrefetchValues,
  signal: AbortSignal,
): Promise<{ prefetch: Record<string, unknown>; failed: string[]; malformed: unknown[] }> {
  const keys = Object.keys(templates);
  // Only the patient's own records go to a service: a search over data given directly returns
  // every resource of the type (any patient's), and a server may answer with another's too.
  const readiness = await loader.readiness().catch(() => undefined);
  const scope: PatientScope | undefined = readiness?.kind === 'ready' ? readiness.scope : undefined;
  const malformed = new Set<unknown>();
  const own = (list: AnyResource[]) => sendable(scope ? partitionByScope(list, scope).kept : list, malformed);
  const results = await Promise.allSettled(
    keys.map(async (key) => {
      const query = resolvePrefetch(templates[key], values);
      if (!query) throw new Error(`prefetch ${key} cannot be resolved`);
      if (query.kind === 'read') {
        const read = await loader.read(query.reference, { signal });
        const [resource] = own([read]);
        if (!resource && malformed.has(malformedKey(read))) return null;
        if (!resource) throw new Error(`prefetch ${key} names another patient's record`);
        return resource;
      }
      const count = Number.parseInt(query.params._count ?? '', 10);
      const result = await loader.search(query.resourceType, query.params, {
        signal,
        ...(count > 0 ? { limit: count } : {}),
      });
      const matches = own(result.resources);
      return searchBundle(matches, askedIncluded(matches, own(result.included), query.params), result.total);
    }),
  );
  signal.throwIfAborted();
  const prefetch: Record<string, unknown> = {};
  const failed: string[] = [];
  results.forEach((result, index) => {
    prefetch[keys[index]] = result.status === 'fulfilled' ? result.value : null;
    if (result.status === 'rejected') failed.push(keys[index]);
  });
  return { prefetch, failed, malformed: [...malformed] };
}

/** The hook request body for one service (`fhirAuthorization` only with share-token and an allowed URL). */
export function hookRequest(options: {
  serviceUrl: string;
  serviceId: string;
  hook: string;
  context: PrefetchValues;
  fhirServer?: string;
  token?: AccessToken;
  shareToken: boolean;
  prefetch: Record<string, unknown>;
}): Record<string, unknown> {
  const { context, token } = options;
  const share = options.shareToken && token !== undefined && options.fhirServer !== undefined && tokenMayGoTo(options.serviceUrl);
  return {
    hook: options.hook,
    hookInstance: crypto.randomUUID(),
    ...(options.fhirServer ? { fhirServer: options.fhirServer } : {}),
    ...(share
      ? {
          fhirAuthorization: {
            access_token: token.accessToken,
            token_type: token.tokenType,
            expires_in: token.expiresIn ?? 300,
            scope: token.scope ?? '',
            subject: options.serviceId,
          },
        }
      : {}),
    context: {
      patientId: context.patientId,
      ...(context.userId ? { userId: context.userId } : {}),
      ...(context.encounterId ? { encounterId: context.encounterId } : {}),
    },
    ...(Object.keys(options.prefetch).length ? { prefetch: options.prefetch } : {}),
  };
}

/**
 * Discovery, then every chosen service in parallel; one failing or slow service never blocks the
 * others. One source (a loader), or several (primary first): then each prefetch draws on every
 * source's record of the patient, merged (`runMergedPrefetch`), and `context.patientId`,
 * `fhirServer` and the token are the primary's.
 */
export async function callCdsServices(record: FhirLoader | readonly CdsRecordSource[], patientId: string, options: CdsCallOptions): Promise<CdsCallResult> {
  const { base, signal, timeoutMs } = options;
  const sources = Array.isArray(record) ? (record as readonly CdsRecordSource[]) : undefined;
  const loader = sources ? sources[0]!.loader : (record as FhirLoader);
  const totals = new Map<string, { sent: Set<string>; dropped: Set<string>; error?: unknown }>();
  const malformed = new Set<unknown>();
  const discovered = await discoverCdsServices(base, timeoutMs, signal);
  signal.throwIfAborted();
  const chosen = servicesToCall(discovered, options.hook, options.services);
  const access = await loader.serverAccess();
  const values: PrefetchValues = {
    patientId,
    ...(options.userId ? { userId: options.userId } : {}),
    ...(options.encounterId ? { encounterId: options.encounterId } : {}),
  };
  const merged = async (templates: Record<string, string>) => {
    // Only several sources merge: that code loads then (cds-merged.ts).
    const merging = await import('./cds-merged.js');
    signal.throwIfAborted();
    const result = await merging.runMergedPrefetch(sources!, templates, values, signal);
    for (const [label, part] of result.perSource) {
      const total = totals.get(label) ?? { sent: new Set<string>(), dropped: new Set<string>() };
      for (const ref of part.sent) total.sent.add(ref);
      for (const ref of part.dropped) total.dropped.add(ref);
      total.error ??= part.error;
      totals.set(label, total);
    }
    for (const key of result.malformed) malformed.add(key);
    return result;
  };
  const single = async (templates: Record<string, string>) => {
    const result = await runPrefetch(loader, templates, values, signal);
    for (const key of result.malformed) malformed.add(key);
    return result;
  };
  const outcomes = await Promise.all(
    chosen.map(async (service): Promise<CdsServiceOutcome> => {
      const serviceUrl = `${base}/${encodeURIComponent(service.id)}`;
      try {
        const { prefetch, failed } = sources && sources.length > 1 ? await merged(service.prefetch) : await single(service.prefetch);
        const body = hookRequest({
          serviceUrl,
          serviceId: service.id,
          hook: options.hook,
          context: values,
          ...(access ? { fhirServer: access.base, ...(access.token ? { token: access.token } : {}) } : {}),
          shareToken: options.shareToken,
          prefetch,
        });
        const json = await fetchJson(
          serviceUrl,
          { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) },
          timeoutMs,
          signal,
        );
        return { service, ok: true, answer: parseServiceAnswer(json, serviceUrl), prefetchFailed: failed };
      } catch (error) {
        signal.throwIfAborted();
        if (error instanceof CdsServiceError) return { service, ok: false, error };
        if (error instanceof CdsFormatError) return { service, ok: false, error: new CdsServiceError('invalid', undefined, { cause: error }) };
        throw error;
      }
    }),
  );
  signal.throwIfAborted();
  const labels = sources && sources.length > 1 ? sources.map((s) => s.label) : [];
  return {
    patientId,
    outcomes,
    sources: labels
      .filter((label) => totals.get(label) && !totals.get(label)!.error)
      .map((label) => ({ source: label, records: totals.get(label)!.sent.size, otherPatient: totals.get(label)!.dropped.size })),
    sourceFailures: labels.flatMap((label) => {
      const error = totals.get(label)?.error;
      return error === undefined ? [] : [{ source: label, error }];
    }),
    malformed: malformed.size,
  };
}
