// Type-checked only (never built): the JSX types reject what the elements do not accept.
import type {} from 'fhir-elements/jsx-react';
import type { FhirSelectDetail } from 'fhir-elements';

export const ok = (
  <fhir-context server="https://fhir.example.org/r4" patient="p1" batch timeout={5000}>
    <fhir-lab-trend code="http://loinc.org|4548-4" range="5y"></fhir-lab-trend>
    <fhir-medication-list onfhir-select={(event: CustomEvent<FhirSelectDetail>) => event.detail.resource}></fhir-medication-list>
  </fhir-context>
);
// @ts-expect-error range is `1y | 5y | all`
export const badRange = <fhir-lab-trend range="10y"></fhir-lab-trend>;
// @ts-expect-error no such tag
export const badTag = <fhir-no-such-widget></fhir-no-such-widget>;
// @ts-expect-error timeout is a number
export const badTimeout = <fhir-context timeout="soon"></fhir-context>;
