// The built bundle's templates (squeezed by the build: vite.config.ts `squeezeTemplates` drops
// their indentation) render the same DOM as the source's: each widget of dist/fhir-elements.js and
// the same widget from src/ (registered as `src-*`) show one patient from the local FHIR server, and
// their shadow DOM must match once Lit's per-render marker numbers are taken out and each run of
// white space counts as one space. A squeeze that dropped a space between two words or broke
// markup shows here. Skipped where dist/ has not been built, like bundle.test.ts.
import { expect, fixture } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import { defineElements } from '../../src/define.js';

const bundleUrl = '/dist/fhir-elements.js';
const built = (await fetch(bundleUrl, { method: 'HEAD' }).catch(() => undefined))?.ok === true;
if (!built) console.warn('SKIPPING the production templates suite: run `npm run build` first (CI does).');

type Widget = HTMLElement & { state: string; updateComplete: Promise<unknown> };

function settled(el: Widget, ms = 20000): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (el.state && el.state !== 'loading' && el.state !== 'idle') resolve(el.state);
      else if (Date.now() - started > ms) reject(new Error(`${el.localName} stayed ${el.state}`));
      else setTimeout(check, 25);
    };
    check();
  });
}

/** The widget's shadow DOM with Lit's marker numbers out and white space runs as one space. */
function dom(el: Widget, prefix: string): string {
  return el
    .shadowRoot!.innerHTML.replace(/<!--\?lit\$\d+\$-->/g, '<!---->')
    .replaceAll(`${prefix}-`, 'PREFIX-')
    .replace(/\s+/g, ' ');
}

async function render(prefix: string, [widget, patient, attributes]: Case): Promise<string> {
  const context = await fixture(
    staticHtml`<${unsafeStatic(`${prefix}-context`)} server="/fhir" patient=${patient} style="display:block;inline-size:720px">
      <${unsafeStatic(`${prefix}-${widget}`)} ${unsafeStatic(attributes)}></${unsafeStatic(`${prefix}-${widget}`)}>
    </${unsafeStatic(`${prefix}-context`)}>`,
  );
  const el = context.firstElementChild as Widget;
  expect(await settled(el), `${prefix}-${widget}`).to.equal('ready');
  await el.updateComplete;
  return dom(el, prefix);
}

/** A widget, the demo patient it shows, and its attributes. */
type Case = [string, string, string];
const CASES: Case[] = [
  ['patient-summary', 'pat-elderly', ''],
  ['allergy-banner', 'pat-elderly', ''],
  ['medication-list', 'pat-elderly', 'status="all"'],
  ['lab-trend', 'pat-elderly', 'code="http://loinc.org|1988-5"'],
  ['results', 'pat-diabetes', ''],
];

(built ? describe : describe.skip)('dist/fhir-elements.js templates', () => {
  before(async () => {
    await import(/* @vite-ignore */ bundleUrl);
    defineElements({ prefix: 'src' });
  });

  for (const entry of CASES) {
    it(`<fhir-${entry[0]}> renders the same DOM as its source`, async () => {
      const shipped = await render('fhir', entry);
      const source = await render('src', entry);
      expect(shipped.length, 'something rendered').to.be.greaterThan(200);
      expect(shipped).to.equal(source);
    });
  }
});
