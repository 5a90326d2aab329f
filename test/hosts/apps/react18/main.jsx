// React 18 host: the @lit/react wrappers from fhir-elements/react set properties (React 18 would
// set `resources` as an attribute) and map onFhirLoad / onFhirError / onFhirSelect.
import { useState, version } from 'react';
import { createRoot } from 'react-dom/client';
import {
  FhirAllergyBannerElement,
  FhirContextElement,
  FhirLabTrendElement,
  FhirMedicationListElement,
  FhirPatientSummaryElement,
} from 'fhir-elements/react';
import { record, TREND_CODE } from '../shared.js';

const handlers = { onFhirLoad: record('fhir-load'), onFhirError: record('fhir-error') };

function App() {
  const [data, setData] = useState({});
  window.hostApp = { setData: (resources, patient) => setData({ resources, patient }) };
  return (
    <FhirContextElement resources={data.resources} patient={data.patient}>
      <FhirPatientSummaryElement {...handlers} />
      <FhirAllergyBannerElement {...handlers} />
      <FhirMedicationListElement {...handlers} onFhirSelect={record('fhir-select')} />
      <FhirLabTrendElement {...handlers} code={TREND_CODE} range="all" />
    </FhirContextElement>
  );
}

createRoot(document.getElementById('root')).render(<App />);
window.hostReactVersion = version;
