// The one place where tags are registered. `defineElements()` is idempotent: defining twice, or
// on a page that already has the same tags from this kit, is harmless.
import { ContextRoot } from '@lit/context';
import { FhirAllergyBanner } from './elements/allergy-banner/allergy-banner.js';
import { FhirContext } from './elements/context/fhir-context.js';
import { FhirLabTrend } from './elements/lab-trend/lab-trend.js';
import { FhirMedicationList } from './elements/medication-list/medication-list.js';
import { FhirPatientSummary } from './elements/patient-summary/patient-summary.js';

/** Tag suffixes and their classes; the context comes first so widgets find it when they upgrade. */
export const ELEMENTS = {
  context: FhirContext,
  'patient-summary': FhirPatientSummary,
  'allergy-banner': FhirAllergyBanner,
  'medication-list': FhirMedicationList,
  'lab-trend': FhirLabTrend,
} as const;
export type ElementName = keyof typeof ELEMENTS;

export interface DefineOptions {
  /** Tag prefix, default `fhir` (`fhir-context`, `fhir-lab-trend` …). */
  prefix?: string;
}

let contextRootAttached = false;

function attachContextRoot(): void {
  if (contextRootAttached || typeof document === 'undefined') return;
  contextRootAttached = true;
  // Lets widgets that upgrade before their <fhir-context> still receive its loader.
  new ContextRoot().attach(document.documentElement);
}

/** Registers one element under `<prefix>-<name>`; returns the tag. */
export function defineElement(name: ElementName, options: DefineOptions = {}): string {
  const prefix = options.prefix ?? 'fhir';
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(prefix)) {
    throw new Error(`defineElements: "${prefix}" is not a valid custom element prefix.`);
  }
  const tag = `${prefix}-${name}`;
  attachContextRoot();
  if (!customElements.get(tag)) {
    const base = ELEMENTS[name] as CustomElementConstructor;
    // A constructor can be registered only once per registry: other prefixes get a subclass.
    const alreadyUsed = customElements.getName?.(base) != null;
    customElements.define(tag, alreadyUsed ? class extends (base as typeof HTMLElement) {} : base);
  }
  return tag;
}

/** Registers every element, under `fhir-*` or another prefix (`defineElements({ prefix: 'acme' })`). */
export function defineElements(options: DefineOptions = {}): string[] {
  return (Object.keys(ELEMENTS) as ElementName[]).map((name) => defineElement(name, options));
}

declare global {
  interface HTMLElementTagNameMap {
    'fhir-context': FhirContext;
    'fhir-patient-summary': FhirPatientSummary;
    'fhir-allergy-banner': FhirAllergyBanner;
    'fhir-medication-list': FhirMedicationList;
    'fhir-lab-trend': FhirLabTrend;
  }
}
