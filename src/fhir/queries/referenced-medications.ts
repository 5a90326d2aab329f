// Medications that orders and statements reference but that no search included or contained:
// each read once (the loader dedupes, so two widgets share the reads).
import type { AnyResource } from '../../model/fhir-types.js';
import { medicationReferenceToFetch } from '../../model/medication-name.js';
import type { FhirLoader } from '../loader.js';

/** Reads the Medications `sources` reference and `included` lacks; a failed read is left out (the name then comes from the reference's display). */
export async function referencedMedications(
  loader: FhirLoader,
  sources: readonly AnyResource[],
  included: readonly AnyResource[],
  signal: AbortSignal,
): Promise<AnyResource[]> {
  const references = new Set<string>();
  for (const resource of sources) {
    const reference = medicationReferenceToFetch(resource, included);
    if (reference) references.add(reference);
  }
  const reads = await Promise.allSettled([...references].map((reference) => loader.read(reference, { signal })));
  signal.throwIfAborted();
  return reads.flatMap((read) => (read.status === 'fulfilled' ? [read.value] : []));
}
