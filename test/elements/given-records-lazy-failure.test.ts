// The given-records code (src/fhir/given-records.ts, loaded only for resources given directly) that
// cannot be loaded: a widget given resources fails its load, saying so, with a retry — never a
// blank or "not recorded" banner, never a throw out of the element. Its own file: a fresh page on
// which that module has not been loaded before.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import { clearFailedModules, failModule, requested } from '../helpers/lazy-parts.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, squash } from '../helpers/widget-dom.js';

defineElements();

type Widget = HTMLElement & { state: string; updateComplete: Promise<unknown> };

const GIVEN_RECORDS = '/src/fhir/given-records.ts';

describe('the given-records code that cannot be loaded', () => {
  before(async () => {
    expect((await failModule(GIVEN_RECORDS)).ok).to.equal(true);
  });
  after(async () => {
    expect(await clearFailedModules()).to.deep.equal([]);
    expect((await fetch(GIVEN_RECORDS)).status).to.equal(200);
  });

  it('a banner given resources: error with the reason and a retry, and a fhir-error event', async () => {
    const el = document.createElement('fhir-allergy-banner') as unknown as Widget & { resources: unknown };
    el.resources = [
      { resourceType: 'Patient', id: 'p1' },
      { resourceType: 'AllergyIntolerance', id: 'a1', patient: { reference: 'Patient/p1' }, code: { text: 'Peanut' } },
    ];
    const failed = oneEvent(el, 'fhir-error') as Promise<CustomEvent<{ message: string }>>;
    await fixture(html`<div>${el}</div>`);
    expect(await untilState(el, ['ready', 'empty', 'error'])).to.equal('error');
    expect(requested(GIVEN_RECORDS)).to.equal(true);
    expect((await failed).detail.message).to.contain('could not be loaded');
    const alert = el.shadowRoot!.querySelector('[role="alert"]');
    expect(squash(alert?.textContent)).to.contain('Allergies unavailable').and.to.contain('could not be loaded');
    expect(part(el, 'retry')).to.not.equal(null);
    expect(squash(el.shadowRoot!.textContent)).not.to.contain('not recorded');
    expect(squash(el.shadowRoot!.textContent)).not.to.contain('Peanut');
    await expect(el).to.be.accessible();
  });
});
