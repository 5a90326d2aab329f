// The prefetch of a CDS hook call over several sources (see `runMergedPrefetch`): loaded only when a
// context has <fhir-source> children, so a page with one FHIR server never fetches it.
import { resolvePrefetch, type PrefetchValues } from '../../model/cds-cards.js';
import type { AnyResource } from '../../model/fhir-types.js';
import { partitionByScope } from '../../model/patient-scope.js';
import type { CdsRecordSource } from './cds.js';
import { askedIncluded, malformedKey, MAX_RECORD_DEPTH, nestsDeeperThan, searchBundle, sendable } from './cds-record.js';

/** One prefetch template over several sources, merged (see `runMergedPrefetch`). */
export interface MergedPrefetch {
  prefetch: Record<string, unknown>;
  failed: string[];
  /** Per source: the references of what it sent and what it dropped as another patient's; or its failure. */
  perSource: Map<string, { sent: Set<string>; dropped: Set<string>; error?: unknown }>;
  /** Records left out for nesting deeper than `MAX_RECORD_DEPTH` (see `malformedKey`). */
  malformed: Set<unknown>;
}

function referenceOf(resource: AnyResource): string {
  // (Without an id, the record itself tells it apart: stringified only when shallow enough to.)
  const id = resource.id ?? (nestsDeeperThan(resource, MAX_RECORD_DEPTH) ? '(malformed)' : JSON.stringify(resource));
  return `${resource.resourceType}/${String(id)}`;
}

/**
 * Each prefetch template run at every source, each with its own patient id, and the results merged
 * into one Bundle (duplicates once, `src/model/merge-sources.ts`), so that a service sees the whole
 * record: an allergy known only at the HIE meets an order made in the EMR. Reads
 * (`Patient/{{context.patientId}}`) and templates naming the user or encounter come from the
 * primary source only (another source's ids mean nothing there). A template is `null` only when
 * every source failed; a source that failed is reported, never dropped silently.
 */
export async function runMergedPrefetch(
  sources: readonly CdsRecordSource[],
  templates: Record<string, string>,
  values: PrefetchValues,
  signal: AbortSignal,
): Promise<MergedPrefetch> {
  // Only several sources merge: the rules load then (src/fhir/source-merging.ts).
  const { mergeSourcedResources } = await import('../source-merging.js');
  signal.throwIfAborted();
  const malformed = new Set<unknown>();
  const perSource: MergedPrefetch['perSource'] = new Map(sources.map((s) => [s.label, { sent: new Set<string>(), dropped: new Set<string>() }]));
  const scopes = await Promise.all(
    sources.map(async (source) => {
      const readiness = await source.loader.readiness().catch((error: unknown) => {
        perSource.get(source.label)!.error ??= error;
        return undefined;
      });
      return readiness?.kind === 'ready' ? readiness.scope : undefined;
    }),
  );
  const keys = Object.keys(templates);
  const prefetch: Record<string, unknown> = {};
  const failed: string[] = [];
  await Promise.all(
    keys.map(async (key) => {
      const template = templates[key];
      const parts = await Promise.all(
        sources.map(async (source, index) => {
          const record = perSource.get(source.label)!;
          const primary = index === 0;
          const query = resolvePrefetch(template, primary ? values : { patientId: source.patientId });
          if (!query || (!primary && query.kind === 'read') || (!primary && scopes[index] === undefined)) return undefined;
          const scope = scopes[index];
          const own = (list: AnyResource[]): AnyResource[] => {
            if (!scope) return sendable(list, malformed);
            const { kept } = partitionByScope(list, scope);
            const keptSet = new Set<AnyResource>(kept);
            for (const resource of list) if (!keptSet.has(resource)) record.dropped.add(referenceOf(resource));
            return sendable(kept, malformed);
          };
          try {
            if (query.kind === 'read') {
              const read = await source.loader.read(query.reference, { signal });
              const [resource] = own([read]);
              if (!resource && malformed.has(malformedKey(read))) return { source: source.label, malformed: true };
              if (!resource) throw new Error(`prefetch ${key} names another patient's record`);
              record.sent.add(referenceOf(resource));
              return { source: source.label, read: resource };
            }
            const count = Number.parseInt(query.params._count ?? '', 10);
            const result = await source.loader.search(query.resourceType, query.params, { signal, ...(count > 0 ? { limit: count } : {}) });
            const resources = own(result.resources);
            const included = askedIncluded(resources, own(result.included), query.params);
            for (const resource of [...resources, ...included]) record.sent.add(referenceOf(resource));
            return { source: source.label, resources, included };
          } catch (error) {
            signal.throwIfAborted();
            record.error ??= error;
            return { source: source.label, error };
          }
        }),
      );
      signal.throwIfAborted();
      const loaded = parts.filter((p): p is { source: string; resources: AnyResource[]; included: AnyResource[] } => !!p && 'resources' in p);
      const read = parts.find((p): p is { source: string; read: AnyResource } => !!p && 'read' in p);
      if (read) prefetch[key] = read.read;
      else if (parts.some((p) => !!p && 'malformed' in p)) prefetch[key] = null;
      else if (loaded.length) {
        prefetch[key] = searchBundle(
          mergeSourcedResources(loaded.map((p) => ({ source: p.source, resources: p.resources }))),
          mergeSourcedResources(loaded.map((p) => ({ source: p.source, resources: p.included }))),
          undefined,
        );
      } else {
        prefetch[key] = null;
        failed.push(key);
      }
    }),
  );
  return { prefetch, failed: keys.filter((key) => failed.includes(key)), perSource, malformed };
}
