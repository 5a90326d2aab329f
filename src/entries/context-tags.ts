// What every element entry registers beside its widget: <fhir-context> and <fhir-source> (a widget
// needs its context, and a context's `<fhir-source>` children must be sources, not unknown elements
// whose data silently never arrives). The source first: a context that upgrades finds its sources
// already upgraded. Both classes are in the context's module already. A function, called by each
// entry: package.json's `sideEffects` names the entries only, so a registration made here at the top
// level would be dropped by a host's bundler.
import { FhirContext } from '../elements/context/fhir-context.js';
import { FhirSource } from '../elements/context/fhir-source.js';
import { registerElement } from '../registry.js';

export function registerContextTags(): void {
  registerElement('source', FhirSource);
  registerElement('context', FhirContext);
}

export { FhirContext, FhirSource };
