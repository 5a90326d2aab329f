// A neutral state before there is a source: widgets whose <fhir-context> gets its server and
// patient (or resources) only after they upgrade — the normal case in every framework — wait in
// `idle` ("No patient selected"), fire no fhir-error and are never in `error`, then load.
import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import { SCOPE_SCENARIOS } from '../helpers/patient-scope-scenarios.js';
import { squash } from '../helpers/widget-dom.js';

defineElements();

const TAGS = ['fhir-patient-summary', 'fhir-allergy-banner', 'fhir-medication-list', 'fhir-lab-trend'] as const;
type Widget = HTMLElement & { state: string; updateComplete: Promise<boolean> };

/** Mounts a context with every widget, recording every state and fhir-error from the first paint on. */
async function recordedChart() {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const states: string[] = [];
  const errors: CustomEvent[] = [];
  host.addEventListener('fhir-error', (event) => errors.push(event));
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const value = (record.target as Element).getAttribute('state');
      if (value) states.push(`${(record.target as Element).localName}:${value}`);
    }
  });
  observer.observe(host, { subtree: true, attributes: true, attributeFilter: ['state'] });
  const context = document.createElement('fhir-context') as FhirContext;
  const widgets = TAGS.map((tag) => {
    const el = document.createElement(tag) as Widget;
    if (tag === 'fhir-lab-trend') el.setAttribute('code', 'http://loinc.org|4548-4');
    context.append(el);
    return el;
  });
  host.append(context);
  const settled = (wanted: string[]) =>
    waitUntil(() => widgets.every((w) => wanted.includes(w.state) && !(w as unknown as { isUpdatePending: boolean }).isUpdatePending), `states: ${widgets.map((w) => w.state).join(', ')}`, { timeout: 20_000 });
  return { context, widgets, states, errors, settled, stop: () => observer.disconnect() };
}

function expectNeutral(widget: Widget): void {
  const root = widget.shadowRoot!;
  expect(widget.state, widget.localName).to.equal('idle');
  expect(squash(root.textContent)).to.contain('No patient selected');
  expect(root.querySelector('[role="alert"]'), `${widget.localName} shows no alert`).to.equal(null);
  expect(squash(root.textContent)).not.to.match(/unavailable/i);
}

describe('idle: a neutral state before there is a source', () => {
  it('server and patient arriving late: idle, no fhir-error and never error, then ready', async () => {
    const chart = await recordedChart();
    await chart.settled(['idle']);
    chart.widgets.forEach(expectNeutral);
    await nextFrame();
    chart.context.server = '/fhir';
    await chart.context.updateComplete;
    await nextFrame();
    // A server but still no patient: still neutral.
    await chart.settled(['idle']);
    chart.widgets.forEach(expectNeutral);
    chart.context.patient = 'pat-diabetes';
    await chart.settled(['ready', 'empty']);
    chart.stop();
    expect(chart.errors).to.have.length(0);
    expect(chart.states.filter((s) => s.endsWith(':error'))).to.deep.equal([]);
    expect(chart.widgets.map((w) => w.state)).to.include('ready');
  });

  it('resources arriving late: idle, then ready, with no fhir-error', async () => {
    const chart = await recordedChart();
    await chart.settled(['idle']);
    chart.context.resources = SCOPE_SCENARIOS[0].resources;
    await chart.settled(['ready', 'empty']);
    chart.stop();
    expect(chart.errors).to.have.length(0);
    expect(chart.states.filter((s) => s.endsWith(':error'))).to.deep.equal([]);
  });

  it('a patient cleared: back to idle, not to error', async () => {
    const chart = await recordedChart();
    chart.context.server = '/fhir';
    chart.context.patient = 'pat-child';
    await chart.settled(['ready', 'empty']);
    chart.context.patient = undefined;
    await chart.settled(['idle']);
    chart.widgets.forEach(expectNeutral);
    chart.stop();
    expect(chart.errors).to.have.length(0);
  });
});
