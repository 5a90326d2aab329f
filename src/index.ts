// Public module API (no side effects: importing this defines nothing; see define.ts).
export { defineElements, ELEMENTS, type DefineOptions, type ElementName } from './define.js';
export { defineElement } from './define-element.js';
export { registerElement } from './registry.js';
export { FhirContext } from './elements/context/fhir-context.js';
export { FhirAllergyBanner } from './elements/allergy-banner/allergy-banner.js';
export { FhirPatientSummary } from './elements/patient-summary/patient-summary.js';
export { FhirMedicationList, type FhirSelectDetail } from './elements/medication-list/medication-list.js';
export { FhirLabTrend } from './elements/lab-trend/lab-trend.js';
export { FhirWidget, WIDGET_STATES, type WidgetState, type FhirLoadDetail, type FhirErrorDetail } from './elements/base/fhir-widget.js';
export { FhirError, FHIR_ERROR_KINDS, type FhirErrorKind } from './fhir/errors.js';
export { FhirLoader, type SearchResult, type SearchOptions } from './fhir/loader.js';
export { fhirLoaderContext } from './fhir/loader-context.js';
