// A lazy part that cannot be loaded (a flaky network, a half-deployed CDN) never leaves a widget
// looking complete or blank: the test server answers 503 for the part's module
// (test/server/middleware.ts, /__fail-modules), and each widget says what it could not show, or fails
// its load with a retry when the part was the first thing to show; a failure whose words cannot be
// loaded still names its kind, status and the server's text. Its own file: a fresh page on which
// none of these modules has been loaded before.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { HIE_PATIENTS } from '../../demo/data/hie.js';
import { defineElements } from '../../src/define.js';
import type { FhirCdsCards } from '../../src/elements/cds-cards/cds-cards.js';
import type { FhirLabTrend } from '../../src/elements/lab-trend/lab-trend.js';
import type { FhirMedicationList } from '../../src/elements/medication-list/medication-list.js';
import { clearFailedModules, currentAndPastOrders, failModule, ordinaryTrend, patientP1, requested, urineObservation } from '../helpers/lazy-parts.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, squash } from '../helpers/widget-dom.js';
import { captureWarnings } from '../helpers/console-warnings.js';

defineElements();

const TABLE = '/src/elements/lab-trend/trend-table.ts';
const CURSOR = '/src/elements/lab-trend/chart-cursor.ts';
const PAST_GROUP = '/src/elements/medication-list/past-group.ts';
const ERROR_TEXT = '/src/fhir/error-text.ts';
const WARNING_TEXT = '/src/elements/shared/developer-warning-text.ts';
const MARKDOWN = '/src/elements/cds-cards/cds-markdown.ts';
const MERGED = '/src/fhir/queries/cds-merged.ts';
const FEEDBACK = '/src/fhir/queries/cds-feedback.ts';

const alerts = (el: Element) => [...el.shadowRoot!.querySelectorAll('[role="alert"]')].map((alert) => squash(alert.textContent));


describe('a lazy part that cannot be loaded', () => {
  before(async () => {
    for (const path of [TABLE, CURSOR, PAST_GROUP, ERROR_TEXT, WARNING_TEXT, MARKDOWN, MERGED, FEEDBACK]) expect((await failModule(path)).ok).to.equal(true);
  });
  // Cleared for the test files after this one, and proven cleared (no answer of a refused module was cached).
  after(async () => {
    expect(await clearFailedModules()).to.deep.equal([]);
    for (const path of [TABLE, CURSOR, PAST_GROUP, ERROR_TEXT, WARNING_TEXT, MARKDOWN, MERGED, FEEDBACK]) expect((await fetch(path)).status, path).to.equal(200);
  });

  it('the check itself: the server refuses those modules', async () => {
    const refused = await fetch(TABLE);
    expect(refused.status).to.equal(503);
    expect(refused.headers.get('cache-control')).to.equal('no-store');
    expect((await fetch('/src/elements/lab-trend/trend-words.ts')).status).to.equal(200);
  });

  it('lab trend, nothing to draw, no table module: the load fails (error, with retry), never a blank ready', async () => {
    const el = await fixture<FhirLabTrend>(
      html`<fhir-lab-trend code="http://loinc.org|5778-6" .resources=${[patientP1, urineObservation('a', '2024-01-02', { valueString: 'Amber' }), urineObservation('b', '2024-03-04', { valueString: 'Straw' })]}></fhir-lab-trend>`,
    );
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('error');
    expect(requested(TABLE)).to.equal(true);
    expect(part(el, 'retry')).to.not.equal(null);
    expect(squash(el.shadowRoot!.textContent)).not.to.contain('Straw');
    await expect(el).to.be.accessible();
  });

  it('lab trend, the table toggle without its module: "Table unavailable" beside a chart that stays ready', async () => {
    const el = await ordinaryTrend();
    const toggle = part(el, 'table-toggle')!;
    toggle.click();
    await el.updateComplete; // waits for the table's module (here: its failure) as well
    expect(el.state).to.equal('ready');
    expect(alerts(el)).to.include('Table unavailable');
    expect(el.shadowRoot!.querySelector('[part="table"]')).to.equal(null);
    expect(toggle.getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('lab trend, a key on the chart without the cursor module: "Chart navigation unavailable", the chart still drawn', async () => {
    const el = await ordinaryTrend();
    const chart = part(el, 'chart')!;
    chart.focus();
    if (!document.hasFocus()) chart.dispatchEvent(new FocusEvent('focus'));
    chart.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, cancelable: true }));
    await el.updateComplete; // waits for the cursor's module (here: its failure) as well
    await el.updateComplete;
    expect(requested(CURSOR)).to.equal(true);
    expect(el.state).to.equal('ready');
    expect(alerts(el)).to.include('Chart navigation unavailable');
    expect(el.shadowRoot!.querySelector('[part="chart-svg"] .series .marker')).to.not.equal(null);
    expect(chart.getAttribute('aria-busy')).to.equal('false');
  });

  it('medication list, status="all" without the past group module: the current orders, and the past ones said unavailable', async () => {
    const el = await fixture<FhirMedicationList>(html`<fhir-medication-list status="all" .resources=${currentAndPastOrders}></fhir-medication-list>`);
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    expect(requested(PAST_GROUP)).to.equal(true);
    expect(squash(el.shadowRoot!.textContent)).to.contain('Metformin');
    expect(alerts(el)).to.include('Past medications (1) unavailable');
    expect(el.partial, 'partial: the past orders are not shown').to.equal(true);
    expect(el.shadowRoot!.querySelector("[part~='past-toggle']")).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a server failure without the failure texts module: still an error that names its kind and status', async () => {
    const context = await fixture(html`<fhir-context server="/faults/500/fhir" patient="pat-diabetes">
      <fhir-allergy-banner></fhir-allergy-banner>
    </fhir-context>`);
    const el = context.querySelector('fhir-allergy-banner') as HTMLElement & { state: string; updateComplete: Promise<unknown> };
    const reported = new Promise<string>((resolve) => el.addEventListener('fhir-error', (event) => resolve(String((event as CustomEvent<{ message: string }>).detail.message)), { once: true }));
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('error');
    expect(requested(ERROR_TEXT)).to.equal(true);
    const message = await reported;
    expect(message).to.equal('The FHIR request failed (server, HTTP 500): Internal error');
    const shown = squash(el.shadowRoot!.textContent);
    expect(shown).to.contain('Allergies unavailable').and.contain('(server, HTTP 500): Internal error');
    expect(part(el, 'retry')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a widget with no source, the words of its warning not loadable: still idle, and a shorter warning names it and the problem', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture<HTMLElement & { state: string }>(html`<fhir-allergy-banner></fhir-allergy-banner>`);
      expect(await untilState(el, ['idle'])).to.equal('idle');
      await waitUntil(() => warnings.some((w) => w.includes('<fhir-allergy-banner>')), 'a console warning');
      expect(requested(WARNING_TEXT)).to.equal(true);
      expect(warnings.filter((w) => w.includes('<fhir-allergy-banner>'))).to.deep.equal(['<fhir-allergy-banner>: no data source (fhir-elements) [object HTMLElement]']);
      expect(squash(el.shadowRoot!.textContent)).to.contain('No patient selected');
    } finally {
      warnings.restore();
    }
  });

  it('CDS cards without the Markdown parser: every card still shown, its detail as the service wrote it', async () => {
    const id = 'lazy-fail-ddi';
    const order = (key: string, text: string) => ({ resourceType: 'MedicationRequest', id: `${id}-${key}`, status: 'active', intent: 'order', subject: { reference: `Patient/${id}` }, medicationCodeableConcept: { text } });
    const el = await fixture<FhirCdsCards>(
      html`<fhir-cds-cards service="/cds-services" .resources=${[{ resourceType: 'Patient', id }, order('warf', 'Warfarin 5 mg tablet'), order('ibu', 'Ibuprofen 400 mg tablet')]}></fhir-cds-cards>`,
    );
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    expect(requested(MARKDOWN)).to.equal(true);
    expect(squash(part(el, 'summary')?.textContent)).to.equal('Interaction: warfarin with ibuprofen');
    const detail = part(el, 'detail')!;
    expect(detail.querySelector('strong')).to.equal(null);
    expect(squash(detail.textContent)).to.contain('**Management:**');
    await expect(el).to.be.accessible();
  });

  it('CDS cards over several sources without the merged prefetch: the load fails (error, with retry), never "no alerts"', async () => {
    const context = await fixture(html`<fhir-context server="/fhir" patient="pat-child" label="Riverside EMR"
      ><fhir-source server="/hie/fhir" patient=${HIE_PATIENTS['pat-child']} label="Regional HIE"></fhir-source
      ><fhir-cds-cards service="/cds-services"></fhir-cds-cards
    ></fhir-context>`);
    const el = context.querySelector('fhir-cds-cards') as FhirCdsCards;
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('error');
    expect(requested(MERGED)).to.equal(true);
    expect(part(el, 'retry')).to.not.equal(null);
    expect(part(el, 'empty')).to.equal(null);
    expect(squash(part(el, 'error-title')?.textContent)).to.equal('Decision support unavailable');
    await expect(el).to.be.accessible();
  });

  it('CDS cards, accepting a suggestion without the feedback module: the event fires and the card says Accepted (feedback is best effort)', async () => {
    const id = 'lazy-fail-dm';
    const condition = { resourceType: 'Condition', id: `${id}-dm`, subject: { reference: `Patient/${id}` }, code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006' }] } };
    const el = await fixture<FhirCdsCards>(html`<fhir-cds-cards service="/cds-services" .resources=${[{ resourceType: 'Patient', id }, condition]}></fhir-cds-cards>`);
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    const button = part(el, 'suggestion') as HTMLButtonElement;
    const accepted = oneEvent(el, 'fhir-cds-suggestion');
    button.click();
    expect((await accepted).detail.serviceId).to.equal('diabetes-monitoring');
    await waitUntil(() => requested(FEEDBACK), 'the feedback module was not asked for');
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(button.disabled).to.equal(true);
    expect(squash(button.textContent)).to.contain('Accepted');
    await expect(el).to.be.accessible();
  });
});
