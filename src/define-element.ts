// `defineElement(name)`: one element, loaded on demand. Its own module, so that the one-file bundle
// (which defines every tag up front) has no dynamic import of its own elements.
import type { ElementName } from './define.js';
import { registerElement, type DefineOptions } from './registry.js';

/** Where each element's class lives: loaded on demand, so `defineElement` ships one element's code. */
const LOADERS: Record<ElementName, () => Promise<CustomElementConstructor>> = {
  context: async () => (await import('./elements/context/fhir-context.js')).FhirContext,
  source: async () => (await import('./elements/context/fhir-source.js')).FhirSource,
  'patient-summary': async () => (await import('./elements/patient-summary/patient-summary.js')).FhirPatientSummary,
  'allergy-banner': async () => (await import('./elements/allergy-banner/allergy-banner.js')).FhirAllergyBanner,
  'medication-list': async () => (await import('./elements/medication-list/medication-list.js')).FhirMedicationList,
  'lab-trend': async () => (await import('./elements/lab-trend/lab-trend.js')).FhirLabTrend,
  results: async () => (await import('./elements/results/results.js')).FhirResults,
  'cds-cards': async () => (await import('./elements/cds-cards/cds-cards.js')).FhirCdsCards,
};

/**
 * Registers one element (and `<prefix>-context`, which every widget needs); resolves to its tag.
 * Only that element's code is loaded (a bundler makes each one a lazy chunk), unlike
 * `defineElements()`, which brings every element.
 */
export async function defineElement(name: ElementName, options: DefineOptions = {}): Promise<string> {
  const [context, source, element] = await Promise.all([LOADERS.context(), LOADERS.source(), LOADERS[name]()]);
  registerElement('source', source, options); // more sources for the same patient (<fhir-source>)
  registerElement('context', context, options);
  return registerElement(name, element, options);
}
