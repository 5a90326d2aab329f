// The built host bundle (dist/fhir-elements.js, production lit, minified) against the local FHIR
// server: what an EMR page gets from one <script type="module">. CI builds before testing; on a
// machine where `npm run build` has not run, this suite is skipped and says so.
import { expect, fixture, html } from '@open-wc/testing';

const bundleUrl = '/dist/fhir-elements.js';
const built = (await fetch(bundleUrl, { method: 'HEAD' }).catch(() => undefined))?.ok === true;
if (!built) console.warn('SKIPPING the production bundle suite: run `npm run build` first (CI does).');

type Widget = HTMLElement & { state: string };

function settled(el: Widget, ms = 20000): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (el.state && el.state !== 'loading') resolve(el.state);
      else if (Date.now() - started > ms) reject(new Error(`${el.localName} stayed ${el.state}`));
      else setTimeout(check, 25);
    };
    check();
  });
}

// Skipped only where dist/ has not been built (see the warning above).
(built ? describe : describe.skip)('dist/fhir-elements.js (production bundle)', () => {
  before(async () => {
    await import(/* @vite-ignore */ bundleUrl);
  });

  it('defines every tag', () => {
    for (const tag of ['fhir-context', 'fhir-patient-summary', 'fhir-allergy-banner', 'fhir-medication-list', 'fhir-lab-trend']) {
      expect(customElements.get(tag), tag).to.not.equal(undefined);
    }
  });

  it('renders the chart page from the local FHIR server', async () => {
    const context = await fixture(html`<fhir-context server="/fhir" patient="pat-elderly">
      <fhir-patient-summary></fhir-patient-summary>
      <fhir-allergy-banner></fhir-allergy-banner>
      <fhir-medication-list></fhir-medication-list>
      <fhir-lab-trend code="http://loinc.org|1988-5"></fhir-lab-trend>
    </fhir-context>`);
    const widgets = [...context.children] as Widget[];
    const states = await Promise.all(widgets.map((w) => settled(w)));
    expect(states).to.deep.equal(['ready', 'ready', 'ready', 'ready']);
    const banner = widgets[1].shadowRoot!.textContent ?? '';
    expect(banner).to.contain('Known allergies');
    expect(banner.toLowerCase()).to.contain('penicillin');
    const meds = widgets[2].shadowRoot!.textContent ?? '';
    expect(meds.toLowerCase()).to.contain('amoxicillin');
    expect(meds.toLowerCase()).to.contain('allergy');
  });

  it('shows a server failure as an error in every widget', async () => {
    const context = await fixture(html`<fhir-context server="/faults/500/fhir" patient="pat-elderly">
      <fhir-allergy-banner></fhir-allergy-banner>
      <fhir-medication-list></fhir-medication-list>
    </fhir-context>`);
    const widgets = [...context.children] as Widget[];
    expect(await Promise.all(widgets.map((w) => settled(w)))).to.deep.equal(['error', 'error']);
    expect(widgets[0].shadowRoot!.textContent).to.contain('Allergies unavailable');
  });
});

/** The static `import … from "…"` statements of a built file (not the `import(…)` calls). */
const staticImports = (code: string) => [...code.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{][^;]*?from\s*)?["'`]([^"'`]+)["'`]/g)].map((match) => match[1]);

(built ? describe : describe.skip)('dist/fhir-elements-autoloader.js (the first file a page loads)', () => {
  it('imports nothing before it runs: its dynamic-import helper is inlined, not a chunk of its own', async () => {
    const code = await (await fetch('/dist/fhir-elements-autoloader.js')).text();
    expect(code).to.match(/import\(/);
    expect(staticImports(code)).to.deep.equal([]);
    expect(staticImports('import{t as e}from"./autoload/preload-helper-x.js";var t=1'), 'the check itself').to.deep.equal(['./autoload/preload-helper-x.js']);
  });

  it('leaves no chunk importing a preload helper file', async () => {
    const loader = await (await fetch('/dist/fhir-elements-autoloader.js')).text();
    const chunks = [...loader.matchAll(/import\((['"`])\.\/(autoload\/[^'"`]+\.js)\1\)/g)].map((match) => match[2]);
    expect(chunks.length).to.be.greaterThan(6);
    for (const chunk of new Set(chunks)) {
      const code = await (await fetch(`/dist/${chunk}`)).text();
      expect(staticImports(code).filter((file) => file.includes('preload-helper')), chunk).to.deep.equal([]);
    }
  });
});
