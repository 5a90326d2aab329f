// <fhir-lab-trend> pays for what a page shows: the results table and the chart's keyboard / pointer
// cursor (with its tooltip) are fetched only when they are used (read from the browser's own request
// log). Its own file: a fresh page, nothing loaded before. The record with nothing to draw, whose
// table comes inside the load, is in lab-trend-lazy-text.test.ts (a page of its own as well).
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineElements } from '../../src/define.js';
import type { FhirLabTrend } from '../../src/elements/lab-trend/lab-trend.js';
import { ordinaryTrend } from '../helpers/lazy-parts.js';
import { part as maybePart, squash } from '../helpers/widget-dom.js';

defineElements();

const LAZY = ['elements/lab-trend/trend-table', 'elements/lab-trend/chart-cursor', 'elements/lab-trend/source-marks'];

/** The lazy lab trend modules the page has requested so far. */
function requested(): string[] {
  const urls = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
  return LAZY.filter((name) => urls.some((url) => url.includes(`/src/${name}.`)));
}

function part(el: Element, name: string): HTMLElement {
  const found = maybePart(el, name);
  if (!found) throw new Error(`no part ${name}`);
  return found;
}

/** Every value `attribute` of `target` takes from now on (rendered ones included). */
function watchAttribute(target: Element, attribute: string): { seen: (string | null)[]; stop: () => void } {
  const seen: (string | null)[] = [];
  const observer = new MutationObserver(() => seen.push(target.getAttribute(attribute)));
  observer.observe(target, { attributes: true, attributeFilter: [attribute] });
  return { seen, stop: () => observer.disconnect() };
}


const live = (el: FhirLabTrend) => squash(part(el, 'live').textContent);

describe('<fhir-lab-trend> loads the table and the chart cursor when they are used', () => {
  it('draws the chart, latest value and key without fetching the table or the cursor', async () => {
    const el = await ordinaryTrend();
    expect(el.shadowRoot!.querySelector('[part="chart-svg"] .series .marker')).to.not.equal(null);
    expect(squash(part(el, 'latest').textContent)).to.match(/^Latest [\d.]+ %/);
    expect(squash(part(el, 'legend').textContent)).to.contain('Reference range');
    expect(requested()).to.deep.equal([]);
  });

  it('the table toggle fetches the table, says it is busy meanwhile, then shows every result', async () => {
    const el = await ordinaryTrend();
    const summary = squash(el.shadowRoot!.querySelector('[id^="summary-"]')?.textContent); // "32 results from …"
    const toggle = part(el, 'table-toggle');
    const busy = watchAttribute(toggle, 'aria-busy');
    toggle.click();
    await el.updateComplete; // waits for the table's module as well
    busy.stop();
    expect(requested()).to.include('elements/lab-trend/trend-table');
    expect(busy.seen).to.deep.equal(['true', 'false']);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    const rows = el.shadowRoot!.querySelectorAll('[part="table"] tbody tr');
    expect(rows.length).to.be.greaterThan(1);
    expect(summary).to.match(new RegExp(`^${rows.length} results`));
    expect(squash(el.shadowRoot!.querySelector('caption')?.textContent)).to.match(/^HbA1c.*: every result$/);
    expect(el.shadowRoot!.querySelector('[part="chart-svg"]')).to.equal(null);
    // The table's own rules came with its module.
    const sheets = el.shadowRoot!.adoptedStyleSheets.length;
    expect(getComputedStyle(part(el, 'table')).borderCollapse).to.equal('collapse');
    toggle.click();
    await el.updateComplete;
    toggle.click();
    await el.updateComplete;
    expect(el.shadowRoot!.adoptedStyleSheets.length, 'added once').to.equal(sheets);
    // Not fetched by the table: the cursor is still never used.
    expect(requested()).not.to.include('elements/lab-trend/chart-cursor');
    await expect(el).to.be.accessible();
  });

  it('the first key pressed after the focus moves the cursor, before and after its module is there', async () => {
    const el = await ordinaryTrend();
    expect(requested()).not.to.include('elements/lab-trend/chart-cursor');
    const chart = part(el, 'chart');
    const busy = watchAttribute(chart, 'aria-busy');
    chart.focus();
    if (!document.hasFocus()) chart.dispatchEvent(new FocusEvent('focus'));
    // At once, before the cursor's module can have arrived: the key is not lost and the page does not scroll.
    const key = new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, cancelable: true });
    chart.dispatchEvent(key);
    expect(key.defaultPrevented).to.equal(true);
    await el.updateComplete; // waits for the cursor's module as well
    busy.stop();
    expect(requested()).to.include('elements/lab-trend/chart-cursor');
    expect(busy.seen).to.deep.equal(['true', 'false']);
    const count = /(\d+) of (\d+)$/.exec(live(el));
    expect(count, live(el)).to.not.equal(null);
    expect(Number(count![1])).to.equal(Number(count![2]) - 1); // the latest, then one to the left
    expect(live(el)).to.match(/^HbA1c.*: [\d.]+ %, \d\d-\w{3}-\d{4}/);
    expect(el.shadowRoot!.querySelector('[part="chart-svg"] .cursor circle')).to.not.equal(null);
    const tooltip = part(el, 'tooltip');
    expect(squash(tooltip.textContent)).to.contain('%');
    expect(tooltip.style.insetInlineStart).to.match(/%$/); // placed through the CSSOM
    expect(getComputedStyle(tooltip).position).to.equal('absolute'); // its rules came with the cursor's module
    // Once loaded: a real key press answers at once.
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(live(el)).to.match(/ 1 of \d+$/);
    // Keys the chart does not use keep their default.
    const other = new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true });
    chart.dispatchEvent(other);
    expect(other.defaultPrevented).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('a pointer on another chart shows its tooltip, and leaving hides it', async () => {
    const el = await ordinaryTrend();
    const chart = part(el, 'chart');
    const marker = el.shadowRoot!.querySelector('[part="chart-svg"] .series .marker path')!;
    const box = marker.getBoundingClientRect();
    chart.dispatchEvent(new PointerEvent('pointermove', { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true }));
    await el.updateComplete;
    expect(squash(part(el, 'tooltip').textContent)).to.contain('%');
    chart.dispatchEvent(new PointerEvent('pointerleave'));
    await el.updateComplete;
    expect(maybePart(el, 'tooltip')).to.equal(null);
  });
});
