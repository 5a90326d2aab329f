// Entry `dist/results.js`: <fhir-results> (and <fhir-context>, <fhir-source>) alone, for pages that need one widget.
import { FhirContext, FhirSource } from './context-tags.js';
import { FhirResults } from '../elements/results/results.js';
import { registerElement } from '../registry.js';

registerElement('results', FhirResults);

export { FhirContext, FhirSource, FhirResults };
