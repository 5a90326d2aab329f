// Entry `dist/context.js`: <fhir-context> alone (widgets register themselves through their entries).
import { FhirContext } from '../elements/context/fhir-context.js';
import { FhirSource } from '../elements/context/fhir-source.js';
import { registerElement } from '../registry.js';

registerElement('context', FhirContext);
registerElement('source', FhirSource);

export { FhirContext, FhirSource };
