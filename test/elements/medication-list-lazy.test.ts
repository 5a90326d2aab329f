// <fhir-medication-list> pays for the past group only where a page shows it: with the default
// `status="active"` the list never fetches its module (past orders are only counted); with
// `status="all"` and past orders it is fetched in the load, before `ready`, and the group works
// (read from the browser's own request log). Its own file: a fresh page, nothing loaded before.
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirMedicationList } from '../../src/elements/medication-list/medication-list.js';
import { currentAndPastOrders } from '../helpers/lazy-parts.js';
import { untilState } from '../helpers/probe-widget.js';
import { squash } from '../helpers/widget-dom.js';

defineElements();

const PAST_GROUP = '/src/elements/medication-list/past-group.';

/** Whether the page has requested the past group's module so far. */
function pastGroupRequested(): boolean {
  return performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.startsWith(PAST_GROUP));
}

const records = currentAndPastOrders;

describe('<fhir-medication-list> loads the past group when it shows one', () => {
  it('status="active" (the default): past orders counted, the past group never fetched', async () => {
    const el = await fixture<FhirMedicationList>(html`<fhir-medication-list .resources=${records}></fhir-medication-list>`);
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    const root = el.shadowRoot!;
    expect(squash(root.textContent)).to.contain('Metformin').and.contain('1 past medication not shown');
    expect(root.querySelector("[part~='past-toggle']")).to.equal(null);
    expect(pastGroupRequested()).to.equal(false);
  });

  it('status="all" with only current orders: still not fetched', async () => {
    const el = await fixture<FhirMedicationList>(html`<fhir-medication-list status="all" .resources=${records.slice(0, 2)}></fhir-medication-list>`);
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    expect(pastGroupRequested()).to.equal(false);
  });

  it('status="all" with past orders: fetched before ready, the group opens and closes, styled', async () => {
    const el = await fixture<FhirMedicationList>(html`<fhir-medication-list status="all" .resources=${records}></fhir-medication-list>`);
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    expect(pastGroupRequested()).to.equal(true);
    expect(el.partial).to.equal(false);
    const root = el.shadowRoot!;
    const toggle = root.querySelector<HTMLButtonElement>("[part~='past-toggle']")!;
    expect(squash(toggle.textContent)).to.contain('Past medications (1)');
    const list = root.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(list.hidden).to.equal(true);
    expect(getComputedStyle(list).display).to.equal('none');
    expect(getComputedStyle(toggle).display).to.equal('inline-flex'); // the group's own styles are adopted
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(list.hidden).to.equal(false);
    expect(squash(list.textContent)).to.contain('Simvastatin');
    expect(list.querySelector("[part~='row']")!.getAttribute('data-group')).to.equal('past');
    await expect(el).to.be.accessible();
  });
});
