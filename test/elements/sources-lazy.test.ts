// Several sources load their code only when needed: a context with one source never fetches the
// merging rules (src/elements/base/several-sources.ts, src/model/merge-sources.ts); the first
// context with a <fhir-source> fetches them inside its load, and the widget shows the merged record
// at once (read from the browser's own request log). One page per file, so nothing here was
// fetched by another test first.
import { expect, fixture, html } from '@open-wc/testing';
import { HIE_PATIENTS } from '../../demo/data/hie.js';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import { settledBanner } from '../helpers/probe-widget.js';
import { parts, squash } from '../helpers/widget-dom.js';

defineElements();

type Widget = HTMLElement & { state: string; partial: boolean; updateComplete: Promise<unknown> };

/** The several-sources modules the page has requested so far. */
function requestedMergeModules(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => /\/(several-sources|merge-sources|source-merging)\.[jt]s$/.test(path))
    .map((path) => path.replace(/^.*\//, '').replace(/\.[jt]s$/, ''));
}

const banner = (context: FhirContext) => settledBanner<Widget>(context);

describe('several sources, loaded lazily', () => {
  it('one source: the widget is ready and the merging code was never fetched', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-child"></fhir-context>`);
    const el = await banner(context);
    expect(el.state).to.equal('ready');
    expect(parts(el, 'allergen').length).to.be.greaterThan(0);
    expect(parts(el, 'allergen').map((a) => squash(a.textContent)).join(' ')).not.to.contain('Riverside EMR');
    expect(requestedMergeModules()).to.deep.equal([]);
  });

  it('a <fhir-source>: the merging code is fetched inside the load, and the first shown state is merged', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-child" label="Riverside EMR"
      ><fhir-source server="/hie/fhir" patient=${HIE_PATIENTS['pat-child']} label="Regional HIE"></fhir-source
    ></fhir-context>`);
    const el = await banner(context);
    expect(el.state).to.equal('ready');
    expect(requestedMergeModules()).to.include.members(['several-sources', 'merge-sources']);
    const allergens = parts(el, 'allergen').map((a) => squash(a.textContent));
    const peanut = allergens.filter((a) => /peanut/i.test(a));
    expect(peanut, allergens.join(' | ')).to.have.length(1);
    expect(peanut[0]).to.contain('Riverside EMR').and.to.contain('Regional HIE');
  });
});
