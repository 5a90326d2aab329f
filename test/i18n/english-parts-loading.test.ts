// English arrives in parts (each view's words with its module). A widget whose page language is
// still loading shows English meanwhile: the English of now, with the words registered since and a
// host's overrides of `en` — never a copy made before a view's words arrived (that view would then
// render without its words). The German chunk is refused here (the test server's /__fail-modules),
// so the language stays "loading" for the whole test. Its own file: a fresh page and module graph.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LocaleController } from '../../src/i18n/locale-controller.js';
import { overrideLocale, registerEnglish } from '../../src/i18n/registry.js';
import type { Locale } from '../../src/i18n/locale.js';
import { clearFailedModules, failModule } from '../helpers/lazy-parts.js';

const GERMAN = '/src/locales/de.ts';

class LocaleProbe extends LitElement {
  readonly localize = new LocaleController(this);
}
customElements.define('locale-probe', LocaleProbe);

describe('English shown while the page language loads', () => {
  before(async () => {
    expect((await failModule(GERMAN)).ok).to.equal(true);
  });
  after(async () => {
    expect(await clearFailedModules()).to.deep.equal([]);
    expect((await fetch(GERMAN)).status).to.equal(200);
  });

  it("holds a view's words registered after the language began loading, with the host's overrides", async () => {
    overrideLocale('en', { results: { testColumn: 'Analyte' } });
    const host = await fixture<HTMLDivElement>(html`<div lang="en"><locale-probe></locale-probe></div>`);
    const probe = host.querySelector('locale-probe') as LocaleProbe;
    expect(probe.localize.messages.results.testColumn).to.equal('Analyte');

    host.lang = 'de'; // German cannot load here: English stays in force
    await probe.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(probe.localize.messages.tag).to.equal('en-GB');

    // A view's module registers its words now (as the flowsheet's does when first shown).
    registerEnglish('results', { flowsheetCaption: 'Results over time' } as Partial<Locale['results']>);
    await probe.updateComplete;
    expect(probe.localize.messages.tag).to.equal('en-GB');
    expect(probe.localize.messages.results.flowsheetCaption).to.equal('Results over time');
    expect(probe.localize.messages.results.testColumn).to.equal('Analyte');
  });
});
