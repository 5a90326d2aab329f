// The allergy search the banner, the summary and the medication list's conflict check share:
// the same type and parameters, so the loader sends one request for all three.
import type { FhirLoader, SearchResult } from '../loader.js';
import { ALLERGY_SEARCH } from './searches.js';

/** The patient's AllergyIntolerance records. */
export function allergies(loader: FhirLoader, signal: AbortSignal): Promise<SearchResult> {
  return loader.searchPatient(ALLERGY_SEARCH.resourceType, ALLERGY_SEARCH.params, { signal });
}
