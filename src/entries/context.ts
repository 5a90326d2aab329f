// Entry `dist/context.js`: <fhir-context> and <fhir-source> alone (widgets register themselves through their entries).
export { FhirContext, FhirSource } from './context-tags.js';
