// Public module API (no side effects: importing this defines nothing; see define.ts).
export { defineElements, ELEMENTS, type DefineOptions, type ElementName } from './define.js';
export { defineElement } from './define-element.js';
export { registerElement } from './registry.js';
export { FhirContext } from './elements/context/fhir-context.js';
export { FhirSource } from './elements/context/fhir-source.js';
export { fhirSourcesContext, type DataSource, type SourceSet } from './fhir/sources-context.js';
export { sourcesOf, allergyStatusAcrossSources } from './model/source-merge.js';
export { mergeSourcedResources, identityDifferences } from './model/merge-sources.js';
export { FhirAllergyBanner, type AllergyBannerLoadDetail } from './elements/allergy-banner/allergy-banner.js';
export { FhirPatientSummary, type PatientSummaryLoadDetail } from './elements/patient-summary/patient-summary.js';
export { FhirMedicationList, type MedicationListLoadDetail, type FhirSelectDetail } from './elements/medication-list/medication-list.js';
export { FhirLabTrend, type LabTrendLoadDetail } from './elements/lab-trend/lab-trend.js';
export { FhirResults, type ResultsSelectDetail, type ResultsLoadDetail } from './elements/results/results.js';
export {
  FhirCdsCards,
  type FhirCdsSuggestionDetail,
  type FhirCdsLinkDetail,
  type FhirCdsDismissDetail,
} from './elements/cds-cards/cds-cards.js';
export type { CdsCard, CdsSuggestion, CdsAction, CdsLink, CdsCoding, CdsIndicator } from './model/cds-cards.js';
export { FhirWidget, WIDGET_STATES, type WidgetState, type FhirLoadDetail, type FhirErrorDetail } from './elements/base/fhir-widget.js';
export { FhirError, FHIR_ERROR_KINDS, type FhirErrorKind } from './fhir/errors.js';
export { FhirLoader, type SearchResult, type SearchOptions, type IdleReason } from './fhir/loader.js';
export type { PatientScope } from './model/patient-scope.js';
export { fhirLoaderContext } from './fhir/loader-context.js';
export { loadLocale, SHIPPED_LANGUAGES } from './i18n/registry.js';
export { registerLocale, overrideLocale, formatFor } from './i18n/api.js';
export { LocaleController } from './i18n/locale-controller.js';
export { FORMAT_PRESETS, type Format, type FormatPreset, type PluralForms } from './i18n/format.js';
export { DIRECTIONS, type Direction, type Locale, type LocaleOverrides } from './i18n/locale.js';
export type { CommonMessages } from './i18n/messages.js';
export type { AllergyBannerMessages } from './elements/shared/allergy-status.messages.js';
export type { LabTrendMessages } from './elements/lab-trend/lab-trend.messages.js';
export type { MedicationListMessages } from './elements/medication-list/medication-list.messages.js';
export type { PatientSummaryMessages } from './elements/patient-summary/patient-summary.messages.js';
export type { DosageVocabulary } from './model/dosage-text.js';
