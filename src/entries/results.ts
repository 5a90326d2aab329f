// Entry `dist/results.js`: <fhir-results> (and <fhir-context>) alone, for pages that need one widget.
import { FhirContext } from '../elements/context/fhir-context.js';
import { FhirResults } from '../elements/results/results.js';
import { registerElement } from '../registry.js';

registerElement('context', FhirContext);
registerElement('results', FhirResults);

export { FhirContext, FhirResults };
