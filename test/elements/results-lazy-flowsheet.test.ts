// <fhir-results view="flowsheet"> on a demo chart fetches only what the flowsheet shows (read from the
// browser's own request log): its own module and model, the value readers and their words — never
// the list of reports, what only the list and its detail read of a report (report-details: people,
// notes, conclusion codes; report-people), the result rows (result-rows) or the report detail; the
// flowsheet still hides and counts entered-in-error and marks what is not final. Switched to the
// reports view, the list comes with its readers, still no rows or detail until a report is opened.
// The list's reader that cannot be loaded fails the reports view's load with a retry, never a blank
// ready; once it can load, Retry shows the list. Its own file: a fresh page, nothing loaded before.
import { expect, fixture, html } from '@open-wc/testing';
import { RESULTS_PATIENT } from '../../demo/data/generator.js';
import { defineElements } from '../../src/define.js';
import type { FhirResults } from '../../src/elements/results/results.js';
import { clearFailedModules, failModule, moduleRequests } from '../helpers/lazy-parts.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, parts, squash } from '../helpers/widget-dom.js';

defineElements();

const FLOWSHEET = ['elements/results/flowsheet-view', 'model/flowsheet', 'elements/results/result-text', 'model/result-value'];
const LIST = ['elements/results/report-list', 'model/report-details', 'model/report-people'];
const DETAIL = ['elements/results/report-detail', 'model/result-rows', 'model/report-attachments', 'model/attachment'];
const DETAILS = '/src/model/report-details.ts';

/** Which of these kit modules the page has requested so far. */
function requested(names: readonly string[]): string[] {
  const urls = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
  return names.filter((name) => urls.some((url) => url.includes(`/src/${name}.`)));
}

describe('<fhir-results> flowsheet on a demo chart loads what it shows', function () {
  this.timeout(90_000);
  after(async () => {
    expect(await clearFailedModules()).to.deep.equal([]);
  });

  it('the flowsheet fetches its module, model and value readers, nothing of the list, its readers, the rows or the detail; then the reports view', async () => {
    const context = await fixture(html`<fhir-context server="/fhir" patient=${RESULTS_PATIENT}>
      <fhir-results view="flowsheet" category="lab"></fhir-results>
    </fhir-context>`);
    const el = context.querySelector('fhir-results') as FhirResults;
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    await el.updateComplete;
    expect(requested(FLOWSHEET)).to.deep.equal(FLOWSHEET);
    expect(requested([...LIST, ...DETAIL])).to.deep.equal([]);
    // The rules the flowsheet keeps without them: entered in error hidden and counted, not-final marked.
    expect(squash(part(el, 'notice')?.textContent)).to.contain('1 entry hidden: entered in error');
    expect(parts(el, 'cell').length).to.be.greaterThan(0);
    expect(parts(el, 'status').map((s) => squash(s.textContent))).to.include('Preliminary — Not final');

    // The reports view, when its reader of the list's parts cannot be loaded: an error with Retry, never a blank ready.
    expect((await failModule(DETAILS)).ok).to.equal(true);
    el.view = 'reports';
    expect(await untilState(el, ['error'], 30_000)).to.equal('error');
    expect(moduleRequests(DETAILS)).to.be.greaterThan(0);
    expect(part(el, 'retry')).to.not.equal(null);
    expect(part(el, 'report')).to.equal(null);
    expect(squash(el.shadowRoot!.textContent)).to.contain('Results unavailable');
    await expect(el).to.be.accessible();

    // Once it can load, Retry shows the list with its people; still no rows or detail until a report is opened.
    expect(await clearFailedModules()).to.deep.equal([]);
    part(el, 'retry')!.click();
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    await el.updateComplete;
    expect(requested(LIST)).to.deep.equal(LIST);
    expect(requested(DETAIL)).to.deep.equal([]);
    expect(parts(el, 'report').length).to.be.greaterThan(1);
    expect(parts(el, 'meta').some((meta) => squash(meta.textContent).includes('Performed by:'))).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
