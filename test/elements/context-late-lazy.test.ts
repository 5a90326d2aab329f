// A widget whose <…-context> tag is defined after it (a page that defines the context later, or a
// host's own widget registered first) still gets the context's loader once the context upgrades:
// @lit/context's ContextRoot keeps its request (src/elements/base/late-context.ts). That module loads
// only then: a page whose context is defined first (every kit entry defines it before its widget)
// never fetches it (read from the browser's own request log). Its own file: a fresh page on which no
// widget has waited for a context before.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FhirAllergyBanner } from '../../src/elements/allergy-banner/allergy-banner.js';
import { FhirContext } from '../../src/elements/context/fhir-context.js';
import { defineElements } from '../../src/define.js';
import { registerElement } from '../../src/registry.js';
import { untilState } from '../helpers/probe-widget.js';
import { parts, squash } from '../helpers/widget-dom.js';

defineElements();

const LATE_CONTEXT = '/src/elements/base/late-context.ts';
const requested = () => performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname === LATE_CONTEXT);

type Banner = HTMLElement & { state: string };
const allergens = (banner: Banner) => parts(banner, 'allergen').map((a) => squash(a.textContent));

describe('a context defined after its widgets', () => {
  it('a context defined first: ready, and the late-context module never fetched', async () => {
    const context = await fixture(html`<fhir-context server="/fhir" patient="pat-child"><fhir-allergy-banner></fhir-allergy-banner></fhir-context>`);
    const banner = context.querySelector('fhir-allergy-banner') as Banner;
    expect(await untilState(banner, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    await new Promise((resolve) => setTimeout(resolve, 50)); // past the widget's check for a context that did not answer
    expect(requested()).to.equal(false);
  });

  it('a widget inside a context not yet defined waits, neutral, and loads once the context is defined', async () => {
    registerElement('allergy-banner', FhirAllergyBanner, { prefix: 'tardy' });
    const context = await fixture<HTMLElement>(html`<tardy-context server="/fhir" patient="pat-child"
      ><tardy-allergy-banner></tardy-allergy-banner
    ></tardy-context>`);
    const banner = context.querySelector('tardy-allergy-banner') as Banner;
    expect(await untilState(banner, ['idle', 'ready', 'empty', 'error'])).to.equal('idle');
    await waitUntil(requested, 'the late-context module was never fetched');
    await new Promise((resolve) => setTimeout(resolve, 50)); // its ContextRoot attached

    registerElement('context', FhirContext, { prefix: 'tardy' });
    expect(await untilState(banner, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    expect(allergens(banner).some((a) => /peanut/i.test(a)), allergens(banner).join(' | ')).to.equal(true);
  });

  it('a context defined before the widget noticed it had none: the widget asks again and loads', async () => {
    registerElement('allergy-banner', FhirAllergyBanner, { prefix: 'slow' });
    const context = await fixture<HTMLElement>(html`<slow-context server="/fhir" patient="pat-child"
      ><slow-allergy-banner></slow-allergy-banner
    ></slow-context>`);
    registerElement('context', FhirContext, { prefix: 'slow' }); // upgrades now: no widget is listening yet
    const banner = context.querySelector('slow-allergy-banner') as Banner;
    expect(await untilState(banner, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    expect(allergens(banner).some((a) => /peanut/i.test(a)), allergens(banner).join(' | ')).to.equal(true);
  });
});
