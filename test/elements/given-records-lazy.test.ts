// Resources given directly load their code only when given: the loader's given-records half
// (src/fhir/given-records.ts, src/model/given-record.ts: flattening given records, whose record it is,
// searches and reads answered from them) is never fetched by a page whose widgets read a server; a
// widget or context given resources fetches it inside its load, before it is ready, and shows the
// record (read from the browser's own request log). One page per file, so nothing here was fetched
// by another test first.
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import { requested } from '../helpers/lazy-parts.js';
import { untilState } from '../helpers/probe-widget.js';
import { parts, squash } from '../helpers/widget-dom.js';

defineElements();

type Widget = HTMLElement & { state: string; updateComplete: Promise<unknown> };

const GIVEN_MODULES = ['/src/fhir/given-records.ts', '/src/model/given-record.ts'];
const givenFetched = () => GIVEN_MODULES.map(requested);

describe('given resources, their code loaded lazily', () => {
  it('the four widgets of the bench page (a demo patient on a server): every one ready, the given-records code never fetched', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-elderly">
      <fhir-patient-summary></fhir-patient-summary>
      <fhir-allergy-banner></fhir-allergy-banner>
      <fhir-medication-list></fhir-medication-list>
      <fhir-lab-trend code="http://loinc.org|85354-9,http://loinc.org|55284-4" range="all"></fhir-lab-trend>
    </fhir-context>`);
    const widgets = [...context.children] as Widget[];
    for (const widget of widgets) expect(await untilState(widget, ['ready', 'empty', 'error'], 30_000), widget.localName).to.equal('ready');
    expect(givenFetched()).to.deep.equal([false, false]);
    // Nor the other parts only rarer paths need: a SMART launch, a server's 429.
    expect(['/src/elements/context/smart-launch.ts', '/src/fhir/smart.ts', '/src/fhir/rate-limit.ts'].map(requested)).to.deep.equal([false, false, false]);
  });

  it('a widget given resources: the code is fetched inside its load, and the first shown state is the record', async () => {
    const el = await fixture<Widget>(html`<fhir-allergy-banner
      .resources=${[
        { resourceType: 'Patient', id: 'p1' },
        { resourceType: 'AllergyIntolerance', id: 'a1', patient: { reference: 'Patient/p1' }, code: { text: 'Peanut' } },
        { resourceType: 'AllergyIntolerance', id: 'a2', patient: { reference: 'Patient/p2' }, code: { text: 'Latex' } },
      ]}
    ></fhir-allergy-banner>`);
    const states: string[] = [];
    const watch = new MutationObserver(() => states.push(el.state));
    watch.observe(el, { attributes: true, attributeFilter: ['state'] });
    expect(await untilState(el, ['ready', 'empty', 'error'])).to.equal('ready');
    watch.disconnect();
    expect(states.filter((state) => state !== 'loading')).to.deep.equal(['ready']);
    expect(givenFetched()).to.deep.equal([true, true]);
    expect(parts(el, 'allergen').map((a) => squash(a.textContent))).to.deep.equal(['Peanut']);
    expect(squash(el.shadowRoot!.textContent)).to.contain('1 record for another patient not shown');
  });

  it('a context given resources: its widgets search and read them (a referenced Medication included)', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context
      .resources=${{
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { fullUrl: 'urn:uuid:p1', resource: { resourceType: 'Patient', id: 'p1' } },
          { resource: { resourceType: 'Medication', id: 'med1', code: { text: 'Metformin 500 mg tablet' } } },
          {
            resource: {
              resourceType: 'MedicationRequest',
              id: 'm1',
              status: 'active',
              intent: 'order',
              subject: { reference: 'urn:uuid:p1' },
              medicationReference: { reference: 'Medication/med1' },
            },
          },
        ],
      }}
      ><fhir-medication-list></fhir-medication-list
    ></fhir-context>`);
    const list = context.querySelector('fhir-medication-list') as unknown as Widget;
    expect(await untilState(list, ['ready', 'empty', 'error'])).to.equal('ready');
    expect(squash(list.shadowRoot!.textContent)).to.contain('Metformin 500 mg tablet');
  });
});
