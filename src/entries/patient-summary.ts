// Entry `dist/patient-summary.js`: <fhir-patient-summary> (and <fhir-context>, <fhir-source>) alone, for pages that need one widget.
import { FhirContext, FhirSource, registerContextTags } from './context-tags.js';
import { FhirPatientSummary } from '../elements/patient-summary/patient-summary.js';
import { registerElement } from '../registry.js';

registerContextTags();
registerElement('patient-summary', FhirPatientSummary);

export { FhirContext, FhirSource, FhirPatientSummary };
