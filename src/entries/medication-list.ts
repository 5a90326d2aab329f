// Entry `dist/medication-list.js`: <fhir-medication-list> (and <fhir-context>, <fhir-source>) alone, for pages that need one widget.
import { FhirContext, FhirSource, registerContextTags } from './context-tags.js';
import { FhirMedicationList } from '../elements/medication-list/medication-list.js';
import { registerElement } from '../registry.js';

registerContextTags();
registerElement('medication-list', FhirMedicationList);

export { FhirContext, FhirSource, FhirMedicationList };
