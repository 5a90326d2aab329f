// <fhir-lab-trend> with nothing to draw shows its table at once: the table's module comes inside the
// load, before `ready` (never a "Loading table" after it); so do the source marks of a trend with
// several sources. And a pointer moved over a chart before the cursor's module is there is not lost. Its own file: a fresh page, nothing loaded before
// (the other lazy parts: lab-trend-lazy.test.ts).
import { expect, fixture, html } from '@open-wc/testing';
import { HIE_PATIENTS } from '../../demo/data/hie.js';
import { defineElements } from '../../src/define.js';
import type { FhirLabTrend } from '../../src/elements/lab-trend/lab-trend.js';
import { urineObservation } from '../helpers/lazy-parts.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, squash } from '../helpers/widget-dom.js';

defineElements();

const requested = (name: string) =>
  performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.includes(`/src/elements/lab-trend/${name}.`));

const observation = urineObservation;

describe('<fhir-lab-trend> lazy parts on a fresh page', () => {
  it('a record with nothing to draw: the table is there when the widget is ready', async () => {
    expect(requested('trend-table')).to.equal(false);
    const shown: string[] = [];
    const el = document.createElement('fhir-lab-trend') as FhirLabTrend;
    // Everything the widget ever shows (a "Loading table…" after `ready` would be caught here).
    const observer = new MutationObserver(() => {
      if (el.state === 'ready') shown.push(squash(el.shadowRoot?.textContent));
    });
    el.setAttribute('code', 'http://loinc.org|5778-6');
    el.resources = [
      { resourceType: 'Patient', id: 'p1' },
      observation('a', '2024-01-02', { valueString: 'Amber' }),
      observation('b', '2024-03-04', { valueString: 'Straw' }),
    ];
    const ready = new Promise<void>((resolve) => el.addEventListener('fhir-load', () => resolve(), { once: true }));
    const host = await fixture(html`<div></div>`);
    host.append(el);
    observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    observer.observe(el, { attributes: true, attributeFilter: ['state'] });
    await ready;
    expect(await untilState(el, ['ready', 'empty', 'error'])).to.equal('ready');
    await el.updateComplete;
    observer.disconnect();
    expect(requested('trend-table')).to.equal(true);
    const rows = [...el.shadowRoot!.querySelectorAll('[part="table"] tbody tr')].map((row) => squash(row.textContent));
    expect(rows).to.have.length(2);
    expect(rows[0]).to.contain('Straw').and.contain('not plotted');
    expect(shown.length).to.be.greaterThan(0);
    expect(shown.filter((text) => /Loading|unavailable/.test(text))).to.deep.equal([]);
    expect(part(el, 'table-toggle')).to.equal(null); // nothing to switch to
    expect(requested('chart-cursor')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('a pointer over the chart before the cursor is there: its tooltip follows once it is', async () => {
    const el = await fixture<FhirLabTrend>(html`<fhir-lab-trend
      code="http://loinc.org|2345-7"
      .resources=${[
        observation('a', '2020-01-01', { code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] }, valueQuantity: { value: 90, unit: 'mg/dL' } }),
        observation('b', '2020-06-01', { code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] }, valueQuantity: { value: 140, unit: 'mg/dL' } }),
        observation('c', '2021-01-01', { code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] }, valueQuantity: { value: 100, unit: 'mg/dL' } }),
      ]}
    ></fhir-lab-trend>`);
    expect(await untilState(el, ['ready', 'empty', 'error'])).to.equal('ready');
    await el.updateComplete;
    expect(requested('chart-cursor')).to.equal(false);
    const marker = el.shadowRoot!.querySelectorAll('[part="chart-svg"] .series .marker path')[1];
    const box = marker.getBoundingClientRect();
    const chart = part(el, 'chart')!;
    chart.dispatchEvent(new PointerEvent('pointerenter'));
    chart.dispatchEvent(new PointerEvent('pointermove', { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true }));
    await el.updateComplete; // waits for the cursor's module as well
    expect(requested('chart-cursor')).to.equal(true);
    expect(squash(part(el, 'tooltip')?.textContent)).to.contain('140').and.contain('mg/dL').and.contain('01-Jun-2020');
    chart.dispatchEvent(new PointerEvent('pointerleave'));
    await el.updateComplete;
    expect(part(el, 'tooltip')).to.equal(null);
  });

  it('several sources: the marks of the results only the HIE has are there when the widget is ready', async () => {
    expect(requested('source-marks')).to.equal(false);
    const one = await fixture(html`<fhir-context server="/fhir" patient="pat-diabetes">
      <fhir-lab-trend code="http://loinc.org|4548-4"></fhir-lab-trend>
    </fhir-context>`);
    const single = one.querySelector('fhir-lab-trend') as FhirLabTrend;
    expect(await untilState(single, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    expect(requested('source-marks')).to.equal(false); // one source: never fetched
    const context = await fixture(html`<fhir-context server="/fhir" patient="pat-diabetes" label="Riverside EMR">
      <fhir-source server="/hie/fhir" patient=${HIE_PATIENTS['pat-diabetes']} label="Regional HIE"></fhir-source>
    </fhir-context>`);
    const el = document.createElement('fhir-lab-trend') as FhirLabTrend;
    el.setAttribute('code', 'http://loinc.org|4548-4');
    let marksAtReady = -1;
    el.addEventListener('fhir-load', () => void el.updateComplete.then(() => (marksAtReady = el.shadowRoot!.querySelectorAll('[data-source-mark="2"] path.source-mark').length)));
    context.append(el);
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    await el.updateComplete;
    expect(requested('source-marks')).to.equal(true);
    expect(marksAtReady).to.equal(2);
    expect(squash(el.shadowRoot!.querySelector('[part="legend"] li[data-source="Regional HIE"]')?.textContent)).to.equal('2 Only from Regional HIE');
    expect(getComputedStyle(el.shadowRoot!.querySelector('path.source-mark')!).fill).to.equal('none'); // its rules came with it
  });
});
