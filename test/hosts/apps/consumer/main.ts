// A TypeScript consumer of every subpath's types (checked with skipLibCheck false).
import { defineElement, defineElements, FhirContext, FhirLabTrend, type FhirErrorDetail, type FhirLoadDetail, type FhirSelectDetail, type WidgetState } from 'fhir-elements';
import { defineElements as defineFromDefine } from 'fhir-elements/define.js';
import { FhirAllergyBanner } from 'fhir-elements/allergy-banner.js';
import { FhirMedicationList } from 'fhir-elements/medication-list.js';
import { FhirPatientSummary } from 'fhir-elements/patient-summary.js';
import { FhirLabTrend as Trend } from 'fhir-elements/lab-trend.js';
import { FhirContext as Context } from 'fhir-elements/context.js';
import * as oneFile from 'fhir-elements/fhir-elements.js';
import type { CustomElements } from 'fhir-elements/jsx';

const tags: string[] = defineElements({ prefix: 'acme' });
const tag: Promise<string> = defineElement('allergy-banner');
const context: FhirContext = document.createElement('fhir-context');
context.resources = [];
const trend: FhirLabTrend = document.createElement('fhir-lab-trend');
trend.range = '5y';
const state: WidgetState = trend.state;
document.addEventListener('fhir-select', (event) => {
  const detail: FhirSelectDetail = event.detail;
  console.log(detail.resource);
});
document.addEventListener('fhir-load', (event) => {
  const detail: FhirLoadDetail = event.detail;
  console.log(detail);
});
document.addEventListener('fhir-error', (event) => {
  const detail: FhirErrorDetail = event.detail;
  console.log(detail.status, detail.message);
});
const props: CustomElements['fhir-lab-trend'] = { range: 'all' };
console.log(tags, tag, state, props, defineFromDefine, FhirAllergyBanner, FhirMedicationList, FhirPatientSummary, Trend, Context, oneFile.defineElements);
