// Entry `dist/lab-trend.js`: <fhir-lab-trend> (and <fhir-context>, <fhir-source>) alone, for pages that need one widget.
import { FhirContext, FhirSource, registerContextTags } from './context-tags.js';
import { FhirLabTrend } from '../elements/lab-trend/lab-trend.js';
import { registerElement } from '../registry.js';

registerContextTags();
registerElement('lab-trend', FhirLabTrend);

export { FhirContext, FhirSource, FhirLabTrend };
