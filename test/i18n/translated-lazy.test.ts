// What only a translated language needs (src/i18n/translated.ts: the `intl` preset of formats, the
// data layer's failures in its words) loads with that language: a page in English never fetches
// it; a widget in German fetches it with the German messages and formats its dates through Intl
// (read from the browser's own request log). One page per file, so nothing here was fetched by
// another test first.
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import type { Format } from '../../src/i18n/format.js';
import { untilState } from '../helpers/probe-widget.js';

defineElements();

type Widget = HTMLElement & { state: string; updateComplete: Promise<unknown>; localize: { format: Format; ready: Promise<void> } };

/** Whether the page has requested the translated languages' module so far. */
function translatedFetched(): boolean {
  return performance.getEntriesByType('resource').some((entry) => /\/translated(-[\w-]+)?\.[jt]s$/.test(new URL(entry.name).pathname));
}

async function summary(lang: string): Promise<Widget> {
  const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-child"></fhir-context>`);
  const el = document.createElement('fhir-patient-summary') as unknown as Widget;
  el.lang = lang;
  context.append(el);
  await untilState(el, ['ready', 'empty', 'error']);
  await el.localize.ready;
  await el.updateComplete;
  return el;
}

describe('the intl preset, loaded with a translated language', () => {
  it('English: the summary is ready in the CUI preset and the translated module was never fetched', async () => {
    const el = await summary('en');
    expect(el.state).to.equal('ready');
    expect(el.localize.format.preset).to.equal('nhs-cui');
    expect(el.localize.format.date('1945-07-14')).to.equal('14-Jul-1945');
    expect(translatedFetched()).to.equal(false);
  });

  it('German: the module arrives with the language, and dates come from Intl', async () => {
    const el = await summary('de');
    expect(el.state).to.equal('ready');
    expect(translatedFetched()).to.equal(true);
    expect(el.localize.format.preset).to.equal('intl');
    const expected = new Intl.DateTimeFormat('de', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(Date.UTC(1945, 6, 14));
    expect(el.localize.format.date('1945-07-14')).to.equal(expected);
  });
});
