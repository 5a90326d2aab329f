import type { Bundle } from 'fhir/r4';

/** One generated demo patient and the ids of its notable resources (see DEMO_NOTABLE). */
export interface ArchetypeResult {
  readonly bundle: Bundle;
  readonly notable: Readonly<Record<string, string>>;
}
