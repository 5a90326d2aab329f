// Entry `dist/allergy-banner.js`: <fhir-allergy-banner> (and <fhir-context>) alone, for pages that need one widget.
import { FhirContext } from '../elements/context/fhir-context.js';
import { FhirAllergyBanner } from '../elements/allergy-banner/allergy-banner.js';
import { registerElement } from '../registry.js';

registerElement('context', FhirContext);
registerElement('allergy-banner', FhirAllergyBanner);

export { FhirContext, FhirAllergyBanner };
