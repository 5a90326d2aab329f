// Entry `dist/results.js`: <fhir-results> (and <fhir-context>, <fhir-source>) alone, for pages that need one widget.
import { FhirContext, FhirSource, registerContextTags } from './context-tags.js';
import { FhirResults } from '../elements/results/results.js';
import { registerElement } from '../registry.js';

registerContextTags();
registerElement('results', FhirResults);

export { FhirContext, FhirSource, FhirResults };
