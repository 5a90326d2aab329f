// Entry `dist/lab-trend.js`: <fhir-lab-trend> (and <fhir-context>) alone, for pages that need one widget.
import { FhirContext } from '../elements/context/fhir-context.js';
import { FhirLabTrend } from '../elements/lab-trend/lab-trend.js';
import { registerElement } from '../registry.js';

registerElement('context', FhirContext);
registerElement('lab-trend', FhirLabTrend);

export { FhirContext, FhirLabTrend };
