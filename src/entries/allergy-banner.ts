// Entry `dist/allergy-banner.js`: <fhir-allergy-banner> (and <fhir-context>, <fhir-source>) alone, for pages that need one widget.
import { FhirContext, FhirSource, registerContextTags } from './context-tags.js';
import { FhirAllergyBanner } from '../elements/allergy-banner/allergy-banner.js';
import { registerElement } from '../registry.js';

registerContextTags();
registerElement('allergy-banner', FhirAllergyBanner);

export { FhirContext, FhirSource, FhirAllergyBanner };
