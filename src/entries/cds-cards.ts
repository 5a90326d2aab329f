// Entry `dist/cds-cards.js`: <fhir-cds-cards> (and <fhir-context>) alone, for pages that need one widget.
import { FhirCdsCards } from '../elements/cds-cards/cds-cards.js';
import { FhirContext } from '../elements/context/fhir-context.js';
import { registerElement } from '../registry.js';

registerElement('context', FhirContext);
registerElement('cds-cards', FhirCdsCards);

export { FhirContext, FhirCdsCards };
