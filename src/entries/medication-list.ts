// Entry `dist/medication-list.js`: <fhir-medication-list> (and <fhir-context>) alone, for pages that need one widget.
import { FhirContext } from '../elements/context/fhir-context.js';
import { FhirMedicationList } from '../elements/medication-list/medication-list.js';
import { registerElement } from '../registry.js';

registerElement('context', FhirContext);
registerElement('medication-list', FhirMedicationList);

export { FhirContext, FhirMedicationList };
