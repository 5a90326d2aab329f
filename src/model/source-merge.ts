// One chart from several records (issue 14): what every page needs of the multi-source rules — which
// sources a merged resource came from (`sourcesOf`, read by models and views to label rows), the
// allergy status across sources, and the types. The merging itself (src/model/merge-sources.ts) is
// only needed once a context has more than one source: the widgets load it lazily then.
import type { AnyResource } from './fhir-types.js';

/** The sources each merged resource came from (merged copies only; a resource never merged has none). */
const provenance = new WeakMap<object, readonly string[]>();

/** Records the sources a merged copy came from (src/model/merge-sources.ts). */
export function markSources(resource: object, sources: readonly string[]): void {
  provenance.set(resource, sources);
}

/** The labels of the sources a merged resource came from, in source order; empty when not merged. */
export function sourcesOf(resource: unknown): readonly string[] {
  return resource && typeof resource === 'object' ? (provenance.get(resource) ?? NO_SOURCES) : NO_SOURCES;
}

/** One shared answer for a resource no merge marked (the lab read asks once per result). */
const NO_SOURCES: readonly string[] = Object.freeze([]);

export interface SourcedResources {
  /** The source's label (unique within one merge). */
  readonly source: string;
  readonly resources: readonly AnyResource[];
}

// --- allergy status across sources ---------------------------------------------------------

export type MergedAllergyStatus = 'known' | 'no-known' | 'not-recorded' | 'unavailable';

/**
 * The one allergy status of several sources. `merged` is the status of everything the sources that
 * loaded returned, together. Known wins whenever any source has an active allergy (a failure
 * elsewhere cannot make it less known). Otherwise a failed source makes the status "unavailable"
 * (naming it), never "no known allergies" or "not recorded".
 */
export function allergyStatusAcrossSources(
  merged: 'known' | 'no-known' | 'not-recorded',
  failedSources: readonly string[],
): MergedAllergyStatus {
  if (merged === 'known') return 'known';
  return failedSources.length ? 'unavailable' : merged;
}

// --- identity guard --------------------------------------------------------------------------

export type IdentityField = 'family' | 'given' | 'birthDate' | 'gender';

export interface IdentityDifference {
  readonly field: IdentityField;
  /** As the primary source has it (undefined when it has none). */
  readonly primary?: string;
  /** As the other source has it. */
  readonly other?: string;
}

// --- whole query results ---------------------------------------------------------------------

export interface SourcedData<Data> {
  readonly source: string;
  readonly data: Data;
}
