// A <fhir-source> whose tag is defined after its context has rendered (a page that defines it later,
// or under another prefix) upgrades in place: the widgets then reload with it instead of keeping the
// primary source's data as if it were the whole record (the context sees the source's first render
// inside it). And every widget entry defines <fhir-source> with <fhir-context>: a page importing one
// widget's entry (or the autoloader, whose widget chunk may run before the context's) gets a working
// source, not an unknown element whose data never arrives. Its own file: the `late-` prefix is
// defined here, step by step, and nothing but one widget's entry is imported.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { HIE_PATIENTS } from '../../demo/data/hie.js';
import { FhirAllergyBanner } from '../../src/elements/allergy-banner/allergy-banner.js';
import { FhirContext } from '../../src/elements/context/fhir-context.js';
import { FhirSource } from '../../src/elements/context/fhir-source.js';
import { registerElement } from '../../src/registry.js';
import '../../src/entries/allergy-banner.js';
import { untilState } from '../helpers/probe-widget.js';
import { parts, squash } from '../helpers/widget-dom.js';

type Banner = HTMLElement & { state: string; partial: boolean };

describe('<fhir-source> defined after its context rendered', () => {
  it('the widgets reload with the source once it is defined (its allergy shown, labelled)', async () => {
    registerElement('context', FhirContext, { prefix: 'late' });
    registerElement('allergy-banner', FhirAllergyBanner, { prefix: 'late' });
    const context = await fixture<HTMLElement>(html`<late-context server="/fhir" patient="pat-child" label="Riverside EMR"
      ><late-source server="/hie/fhir" patient=${HIE_PATIENTS['pat-child']} label="Regional HIE"></late-source
      ><late-allergy-banner></late-allergy-banner
    ></late-context>`);
    const banner = context.querySelector('late-allergy-banner') as Banner;
    expect(await untilState(banner, ['ready', 'empty', 'error'])).to.equal('ready');
    const allergens = () => parts(banner, 'allergen').map((a) => squash(a.textContent));
    // Only the EMR so far: the source is an unknown element.
    expect(allergens().some((a) => /ibuprofen/i.test(a)), allergens().join(' | ')).to.equal(false);

    registerElement('source', FhirSource, { prefix: 'late' });
    await waitUntil(() => allergens().some((a) => /ibuprofen/i.test(a)), 'the HIE-only allergy never arrived', { timeout: 10_000 });
    expect(banner.state).to.equal('ready');
    expect(allergens().find((a) => /ibuprofen/i.test(a))).to.contain('Regional HIE');
  });

  it('a widget entry alone defines <fhir-source> with <fhir-context>', () => {
    // Compared as booleans: a failed comparison of two classes hangs the test runner's error report.
    expect(customElements.get('fhir-context') === FhirContext, 'fhir-context').to.equal(true);
    expect(customElements.get('fhir-source') === FhirSource, 'fhir-source').to.equal(true);
  });
});
