// Entry `dist/context.js`: <fhir-context> and <fhir-source> alone (widgets register themselves through their entries).
import { FhirContext, FhirSource, registerContextTags } from './context-tags.js';

registerContextTags();

export { FhirContext, FhirSource };
