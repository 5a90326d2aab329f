// The parts only rarer paths need load only on those paths: a SMART launch (the context's launch
// module and the SMART client) and a server's 429 (the wait and retry). The four widgets of the
// bench's page, reading a demo patient from a server, never fetch them (read from the browser's own
// request log). One page per file, so nothing here was fetched by another test first.
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import { requested } from '../helpers/lazy-parts.js';
import { untilState } from '../helpers/probe-widget.js';

defineElements();

type Widget = HTMLElement & { state: string };

describe('rare paths, their code loaded lazily', () => {
  it('the four widgets of the bench page (a demo patient on a server): every one ready, no SMART launch or 429 code fetched', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-elderly">
      <fhir-patient-summary></fhir-patient-summary>
      <fhir-allergy-banner></fhir-allergy-banner>
      <fhir-medication-list></fhir-medication-list>
      <fhir-lab-trend code="http://loinc.org|85354-9,http://loinc.org|55284-4" range="all"></fhir-lab-trend>
    </fhir-context>`);
    const widgets = [...context.children] as Widget[];
    for (const widget of widgets) expect(await untilState(widget, ['ready', 'empty', 'error'], 30_000), widget.localName).to.equal('ready');
    expect(['/src/elements/context/smart-launch.ts', '/src/fhir/smart.ts', '/src/fhir/rate-limit.ts'].map(requested)).to.deep.equal([false, false, false]);
  });
});
