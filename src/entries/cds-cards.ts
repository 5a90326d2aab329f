// Entry `dist/cds-cards.js`: <fhir-cds-cards> (and <fhir-context>, <fhir-source>) alone, for pages that need one widget.
import { FhirCdsCards } from '../elements/cds-cards/cds-cards.js';
import { FhirContext, FhirSource, registerContextTags } from './context-tags.js';
import { registerElement } from '../registry.js';

registerContextTags();
registerElement('cds-cards', FhirCdsCards);

export { FhirContext, FhirSource, FhirCdsCards };
