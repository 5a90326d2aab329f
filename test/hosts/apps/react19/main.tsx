// React 19 host: one self-registering entry per element; the tags typed through fhir-elements/jsx-react.
import 'fhir-elements/context.js';
import 'fhir-elements/patient-summary.js';
import 'fhir-elements/allergy-banner.js';
import 'fhir-elements/medication-list.js';
import 'fhir-elements/lab-trend.js';
import type {} from 'fhir-elements/jsx-react';
import type { FhirErrorDetail, FhirLoadDetail, FhirSelectDetail } from 'fhir-elements';
import { useState, version } from 'react';
import { createRoot } from 'react-dom/client';
// @ts-expect-error shared.js is plain JavaScript without declarations
import { record, TREND_CODE } from '../shared.js';

interface Data {
  resources?: unknown[];
  patient?: string;
}
declare global {
  interface Window {
    hostApp: { setData(resources: unknown[], patient: string): void };
  }
}

const onLoad = (event: CustomEvent<FhirLoadDetail>) => (record as (t: string) => (e: Event) => void)('fhir-load')(event);
const onError = (event: CustomEvent<FhirErrorDetail>) => (record as (t: string) => (e: Event) => void)('fhir-error')(event);
const onSelect = (event: CustomEvent<FhirSelectDetail>) => {
  if (event.detail.resource) (record as (t: string) => (e: Event) => void)('fhir-select')(event);
};

function App() {
  const [data, setData] = useState<Data>({});
  window.hostApp = { setData: (resources, patient) => setData({ resources, patient }) };
  return (
    <fhir-context resources={data.resources} patient={data.patient}>
      <fhir-patient-summary onfhir-load={onLoad} onfhir-error={onError}></fhir-patient-summary>
      <fhir-allergy-banner onfhir-load={onLoad} onfhir-error={onError}></fhir-allergy-banner>
      <fhir-medication-list onfhir-load={onLoad} onfhir-error={onError} onfhir-select={onSelect}></fhir-medication-list>
      <fhir-lab-trend code={TREND_CODE as string} range="all" onfhir-load={onLoad} onfhir-error={onError}></fhir-lab-trend>
    </fhir-context>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
(window as unknown as { hostReactVersion: string }).hostReactVersion = version;
