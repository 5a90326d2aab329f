// Entry `dist/patient-summary.js`: <fhir-patient-summary> (and <fhir-context>) alone, for pages that need one widget.
import { FhirContext } from '../elements/context/fhir-context.js';
import { FhirPatientSummary } from '../elements/patient-summary/patient-summary.js';
import { registerElement } from '../registry.js';

registerElement('context', FhirContext);
registerElement('patient-summary', FhirPatientSummary);

export { FhirContext, FhirPatientSummary };
