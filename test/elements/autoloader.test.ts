// The autoloader entry: a tag's code is fetched the first time the tag appears — in the document,
// inside an open shadow root the host hands over, or added by a framework after load — and a tag
// that never appears is never fetched (read from the browser's own request log).
// This file imports nothing else of the kit, so every definition below is the autoloader's doing.
import { expect, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { autoloadRoot, AUTOLOAD_MODULES } from '../../src/autoloader.js';

/** Entry modules the page has requested so far (the browser's resource timing log). */
function requestedEntries(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => url.includes('/src/entries/'))
    .map((url) => new URL(url).pathname.replace(/^.*\/src\/entries\//, '').replace(/\.[jt]s$/, ''));
}

const defined = (tag: string) => waitUntil(() => customElements.get(tag) !== undefined, `${tag} was never defined`, { timeout: 15000 });

describe('autoloader', () => {
  it('covers every tag the kit defines', () => {
    expect(Object.keys(AUTOLOAD_MODULES)).to.include.members([
      'fhir-context',
      'fhir-patient-summary',
      'fhir-allergy-banner',
      'fhir-medication-list',
      'fhir-lab-trend',
      'fhir-results',
      'fhir-cds-cards',
    ]);
  });

  it('fetches nothing while no kit tag is on the page', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requestedEntries()).to.deep.equal([]);
    expect(customElements.get('fhir-context')).to.equal(undefined);
  });

  it('defines a tag that appears in the document after load', async () => {
    const host = document.createElement('div');
    host.innerHTML = '<fhir-allergy-banner></fhir-allergy-banner>';
    document.body.append(host);
    await defined('fhir-allergy-banner');
    expect(requestedEntries()).to.include('allergy-banner');
    host.remove();
  });

  it('defines a tag inside an open shadow root it was given', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    await autoloadRoot(shadow);
    shadow.append(document.createElement('fhir-medication-list'));
    await defined('fhir-medication-list');
    expect(shadow.querySelector('fhir-medication-list')).to.be.instanceOf(customElements.get('fhir-medication-list')!);
    host.remove();
  });

  it('defines a tag a framework renders later, nested in other markup', async () => {
    const container = document.createElement('section');
    document.body.append(container);
    render(html`<div><fhir-context><p><fhir-patient-summary></fhir-patient-summary></p></fhir-context></div>`, container);
    await defined('fhir-patient-summary');
    await defined('fhir-context');
    container.remove();
  });

  it('never fetched the tag that never appeared', () => {
    const entries = requestedEntries();
    expect(entries).to.not.include('lab-trend');
    expect(customElements.get('fhir-lab-trend')).to.equal(undefined);
    // each appearing tag was fetched once, however often it appeared
    expect(entries.length).to.equal(new Set(entries).size);
  });
});
