// `fhir-elements/react`: React components for every tag, made with @lit/react. React 19 can use the
// tags directly (JSX types in `fhir-elements/jsx`); these wrappers are for React 18, which sets
// unknown props as attributes (so `resources` would arrive as "[object Object]") and cannot
// listen to custom events. They set properties and map `onFhirLoad`/`onFhirError`/`onFhirSelect`.
// Importing this module registers every tag. React is a peer (optional: only this entry needs it).
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { defineElements } from './define.js';
import type { FhirErrorDetail, FhirLoadDetail } from './elements/base/fhir-widget.js';
import { FhirAllergyBanner } from './elements/allergy-banner/allergy-banner.js';
import { FhirContext } from './elements/context/fhir-context.js';
import { FhirLabTrend } from './elements/lab-trend/lab-trend.js';
import { FhirMedicationList, type FhirSelectDetail } from './elements/medication-list/medication-list.js';
import { FhirPatientSummary } from './elements/patient-summary/patient-summary.js';
import { FhirResults, type ResultsSelectDetail } from './elements/results/results.js';
import {
  FhirCdsCards,
  type FhirCdsDismissDetail,
  type FhirCdsLinkDetail,
  type FhirCdsSuggestionDetail,
} from './elements/cds-cards/cds-cards.js';

defineElements();

/** `on<Event>` props, each called with the element's CustomEvent. */
interface WidgetEventProps {
  onFhirLoad?: (event: CustomEvent<FhirLoadDetail>) => void;
  onFhirError?: (event: CustomEvent<FhirErrorDetail>) => void;
}

/** A React component for custom element `E`: its properties, HTML attributes, events and a ref to it. */
export type FhirReactComponent<E extends HTMLElement, Events = object> = React.ForwardRefExoticComponent<
  Omit<React.HTMLAttributes<E>, keyof Events> & Partial<Omit<E, keyof HTMLElement>> & Events & React.RefAttributes<E>
>;

const widgetEvents = {
  onFhirLoad: 'fhir-load' as EventName<CustomEvent<FhirLoadDetail>>,
  onFhirError: 'fhir-error' as EventName<CustomEvent<FhirErrorDetail>>,
};

/** `<fhir-context>`. */
export const FhirContextElement: FhirReactComponent<FhirContext> = createComponent({
  react: React,
  tagName: 'fhir-context',
  elementClass: FhirContext,
}) as unknown as FhirReactComponent<FhirContext>;

/** `<fhir-patient-summary>`. */
export const FhirPatientSummaryElement: FhirReactComponent<FhirPatientSummary, WidgetEventProps> = createComponent({
  react: React,
  tagName: 'fhir-patient-summary',
  elementClass: FhirPatientSummary,
  events: widgetEvents,
}) as unknown as FhirReactComponent<FhirPatientSummary, WidgetEventProps>;

/** `<fhir-allergy-banner>`. */
export const FhirAllergyBannerElement: FhirReactComponent<FhirAllergyBanner, WidgetEventProps> = createComponent({
  react: React,
  tagName: 'fhir-allergy-banner',
  elementClass: FhirAllergyBanner,
  events: widgetEvents,
}) as unknown as FhirReactComponent<FhirAllergyBanner, WidgetEventProps>;

/** `<fhir-medication-list>`; `onFhirSelect` gets the chosen request or statement. */
export const FhirMedicationListElement: FhirReactComponent<
  FhirMedicationList,
  WidgetEventProps & { onFhirSelect?: (event: CustomEvent<FhirSelectDetail>) => void }
> = createComponent({
  react: React,
  tagName: 'fhir-medication-list',
  elementClass: FhirMedicationList,
  events: { ...widgetEvents, onFhirSelect: 'fhir-select' as EventName<CustomEvent<FhirSelectDetail>> },
}) as unknown as FhirReactComponent<FhirMedicationList, WidgetEventProps & { onFhirSelect?: (event: CustomEvent<FhirSelectDetail>) => void }>;

/** `<fhir-lab-trend>`. */
export const FhirLabTrendElement: FhirReactComponent<FhirLabTrend, WidgetEventProps> = createComponent({
  react: React,
  tagName: 'fhir-lab-trend',
  elementClass: FhirLabTrend,
  events: widgetEvents,
}) as unknown as FhirReactComponent<FhirLabTrend, WidgetEventProps>;

/** `<fhir-results>`; `onFhirSelect` gets the chosen report or test (`{ resource, code? }`). */
export const FhirResultsElement: FhirReactComponent<
  FhirResults,
  WidgetEventProps & { onFhirSelect?: (event: CustomEvent<ResultsSelectDetail>) => void }
> = createComponent({
  react: React,
  tagName: 'fhir-results',
  elementClass: FhirResults,
  events: { ...widgetEvents, onFhirSelect: 'fhir-select' as EventName<CustomEvent<ResultsSelectDetail>> },
}) as unknown as FhirReactComponent<FhirResults, WidgetEventProps & { onFhirSelect?: (event: CustomEvent<ResultsSelectDetail>) => void }>;

/** CDS card events as `on<Event>` props. */
interface CdsEventProps {
  onFhirCdsSuggestion?: (event: CustomEvent<FhirCdsSuggestionDetail>) => void;
  onFhirCdsLink?: (event: CustomEvent<FhirCdsLinkDetail>) => void;
  onFhirCdsDismiss?: (event: CustomEvent<FhirCdsDismissDetail>) => void;
}

/** `<fhir-cds-cards>`; the host acts on suggestions and links (the kit never writes to the FHIR server). */
export const FhirCdsCardsElement: FhirReactComponent<FhirCdsCards, WidgetEventProps & CdsEventProps> = createComponent({
  react: React,
  tagName: 'fhir-cds-cards',
  elementClass: FhirCdsCards,
  events: {
    ...widgetEvents,
    onFhirCdsSuggestion: 'fhir-cds-suggestion' as EventName<CustomEvent<FhirCdsSuggestionDetail>>,
    onFhirCdsLink: 'fhir-cds-link' as EventName<CustomEvent<FhirCdsLinkDetail>>,
    onFhirCdsDismiss: 'fhir-cds-dismiss' as EventName<CustomEvent<FhirCdsDismissDetail>>,
  },
}) as unknown as FhirReactComponent<FhirCdsCards, WidgetEventProps & CdsEventProps>;

export type { FhirErrorDetail, FhirLoadDetail, FhirSelectDetail };
