// The one place where the kit's tags are registered. `defineElements()` is idempotent: defining
// twice, or on a page that already has the same tags from this kit, is harmless.
import { FhirAllergyBanner } from './elements/allergy-banner/allergy-banner.js';
import { FhirCdsCards } from './elements/cds-cards/cds-cards.js';
import { FhirContext } from './elements/context/fhir-context.js';
import { FhirLabTrend } from './elements/lab-trend/lab-trend.js';
import { FhirMedicationList } from './elements/medication-list/medication-list.js';
import { FhirPatientSummary } from './elements/patient-summary/patient-summary.js';
import { FhirResults } from './elements/results/results.js';
import { FhirSource } from './elements/context/fhir-source.js';
import { registerElement, type DefineOptions } from './registry.js';

export type { DefineOptions } from './registry.js';

/** Tag suffixes and their classes; the context comes first so widgets find it when they upgrade. */
export const ELEMENTS = {
  context: FhirContext,
  source: FhirSource,
  'patient-summary': FhirPatientSummary,
  'allergy-banner': FhirAllergyBanner,
  'medication-list': FhirMedicationList,
  'lab-trend': FhirLabTrend,
  results: FhirResults,
  'cds-cards': FhirCdsCards,
} as const;
export type ElementName = keyof typeof ELEMENTS;

/** Registers every element, under `fhir-*` or another prefix (`defineElements({ prefix: 'acme' })`). */
export function defineElements(options: DefineOptions = {}): string[] {
  return (Object.keys(ELEMENTS) as ElementName[]).map((name) => registerElement(name, ELEMENTS[name], options));
}

declare global {
  interface HTMLElementTagNameMap {
    'fhir-context': FhirContext;
    'fhir-source': FhirSource;
    'fhir-patient-summary': FhirPatientSummary;
    'fhir-allergy-banner': FhirAllergyBanner;
    'fhir-medication-list': FhirMedicationList;
    'fhir-lab-trend': FhirLabTrend;
    'fhir-results': FhirResults;
    'fhir-cds-cards': FhirCdsCards;
  }
}
