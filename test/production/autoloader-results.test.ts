// The autoloader build's <fhir-results> in both views on one page (dist/fhir-elements-autoloader.js):
// the flowsheet and an opened report each read and word their values, ranges and flags — in that build
// the value readers are a copy inside each view's chunk (vite.config.ts `detailCopyOfValues`), no
// chunk of their own — and the critical potassium is critical in both. Skipped where dist/ has not
// been built (CI builds before testing).
import { expect, fixture, html } from '@open-wc/testing';
import { DEMO_NOTABLE, demoResources, RESULTS_PATIENT } from '../../demo/data/generator.js';
import { part, parts, squash } from '../helpers/widget-dom.js';

const loaderUrl = '/dist/fhir-elements-autoloader.js';
const built = (await fetch(loaderUrl, { method: 'HEAD' }).catch(() => undefined))?.ok === true;
if (!built) console.warn('SKIPPING the autoloader results suite: run `npm run build` first (CI does).');

type Widget = HTMLElement & { state?: string; updateComplete?: Promise<unknown> };

async function settled(el: Widget): Promise<string> {
  for (let waited = 0; waited < 30_000; waited += 25) {
    if (el.state && el.state !== 'loading') return el.state;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${el.localName} stayed ${String(el.state)}`);
}

/** The autoloader chunks this page fetched, by name without their hash. */
const chunksFetched = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => /\/dist\/autoload\/([\w-]+?)-[\w-]{8}\.js$/.exec(new URL(entry.name).pathname)?.[1])
    .filter((name): name is string => !!name);

(built ? describe : describe.skip)('dist/fhir-elements-autoloader.js: <fhir-results> flowsheet and reports on one page', function () {
  this.timeout(60_000);
  before(async () => {
    await import(/* @vite-ignore */ loaderUrl);
  });

  it('the flowsheet and an opened report both show the critical potassium as critical, from their own chunks', async () => {
    const context = await fixture(html`<fhir-context server="/fhir" patient=${RESULTS_PATIENT}>
      <fhir-results view="flowsheet" category="lab"></fhir-results>
      <fhir-results category="lab"></fhir-results>
    </fhir-context>`);
    const [sheet, reports] = [...context.querySelectorAll('fhir-results')] as Widget[];
    expect(await settled(sheet)).to.equal('ready');
    expect(await settled(reports)).to.equal('ready');
    await sheet.updateComplete;
    const potassium = parts(sheet, 'row-header').find((h) => squash(h.querySelector('.test-name')?.textContent) === 'Potassium');
    expect(squash(potassium?.textContent)).to.match(/^Potassium mmol\/L Range \d/);
    const critical = sheet.shadowRoot!.querySelector('[part~="cell"][data-severity="critical"]');
    expect(squash(critical?.textContent)).to.match(/^6\.8 mmol\/L ?⇈ Critical high/);

    // The newest basic metabolic panel, opened.
    const bmp = (demoResources(RESULTS_PATIENT) as { id?: string; code?: { text?: string } }[]).find((r) => r.id === DEMO_NOTABLE[RESULTS_PATIENT].enteredInErrorBmpReport);
    const toggle = parts(reports, 'report-toggle').find((b) => squash(b.textContent).replace('▸', '') === bmp?.code?.text);
    expect(toggle, 'the panel is listed').to.not.equal(undefined);
    toggle!.click();
    await reports.updateComplete;
    const row = parts(reports, 'result-row').find((r) => /^Potassium/.test(squash(r.textContent)));
    expect(squash(row?.textContent)).to.match(/^Potassium 6\.8 mmol\/L .*⇈ Critical high/);
    expect(part(reports, 'flag')).to.not.equal(null);

    const fetched = chunksFetched();
    expect(fetched).to.include.members(['results', 'flowsheet-view', 'report-list', 'report-detail']);
    expect(fetched.filter((name) => /^result-(text|value)/.test(name))).to.deep.equal([]);
  });
});
