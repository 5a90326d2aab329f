// <fhir-context> and the shared widget behaviour (states, events, retry), driven through the
// public API against the local FHIR server.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import { requestsTo, untilState, type ProbeWidget } from '../helpers/probe-widget.js';
import { captureWarnings } from '../helpers/console-warnings.js';

defineElements();

const HBA1C = 'code=http://loinc.org|4548-4';

/** Requests the page sent to the FHIR server (not the kit's own modules, e.g. /src/fhir/batch.ts, loaded with `batch`). */
function fhirServerRequests(): PerformanceResourceTiming[] {
  return requestsTo('/fhir').filter((entry) => new URL(entry.name).pathname.startsWith('/fhir/'));
}

function probeIn(context: Element): ProbeWidget {
  return context.querySelector('probe-widget') as ProbeWidget;
}

function listed(widget: ProbeWidget): string[] {
  return [...widget.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent ?? '');
}

describe('<fhir-context>', () => {
  it('serves a widget from an open server for one patient', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-ckd">
      <probe-widget resource-type="Condition"></probe-widget>
    </fhir-context>`);
    const widget = probeIn(context);
    const { detail } = await oneEvent(widget, 'fhir-load');
    expect(widget.state).to.equal('ready');
    expect(widget.getAttribute('state')).to.equal('ready');
    expect(detail.shown).to.be.greaterThan(0);
    expect(listed(widget).every((id) => id.startsWith('Condition/'))).to.equal(true);
    await expect(widget).to.be.accessible();
  });

  it('reloads every widget when the patient changes, never showing the old patient', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-ckd">
      <probe-widget params=${HBA1C}></probe-widget>
    </fhir-context>`);
    const widget = probeIn(context);
    await untilState(widget, ['ready', 'empty']);
    expect(widget.state).to.equal('empty'); // pat-ckd has no HbA1c
    const loaded = oneEvent(widget, 'fhir-load');
    context.patient = 'pat-diabetes';
    await loaded;
    expect(widget.state).to.equal('ready');
    const ids = listed(widget);
    expect(ids.length).to.be.greaterThan(10);
    expect(ids.every((id) => id.startsWith('Observation/pat-diabetes'))).to.equal(true);
  });

  it('drops the response of a request for a previous patient still in flight', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/faults/timeout/fhir" patient="pat-ckd">
      <probe-widget resource-type="Condition"></probe-widget>
    </fhir-context>`);
    const widget = probeIn(context);
    await widget.updateComplete;
    expect(widget.state).to.equal('loading');
    const loaded = oneEvent(widget, 'fhir-load');
    context.server = '/fhir';
    context.patient = 'pat-elderly';
    await loaded;
    const ids = listed(widget);
    expect(ids.length).to.be.greaterThan(0);
    const conditions = await (await fetch('/fhir/Condition?patient=pat-elderly&_count=100')).json();
    expect(ids.sort()).to.deep.equal(conditions.entry.map((e: { resource: { id: string } }) => `Condition/${e.resource.id}`).sort());
  });

  it('renders resources given as a property with no network at all', async () => {
    const before = requestsTo('/fhir').length;
    const resources = [
      { resourceType: 'Patient', id: 'p1' },
      { resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p1' } },
      { resourceType: 'Condition', id: 'c2', subject: { reference: 'Patient/someone-else' } },
    ];
    const context = await fixture<FhirContext>(html`<fhir-context patient="p1" .resources=${resources}>
      <probe-widget resource-type="Condition"></probe-widget>
    </fhir-context>`);
    const widget = probeIn(context);
    const { detail } = await oneEvent(widget, 'fhir-load');
    expect(listed(widget)).to.deep.equal(['Condition/c1']);
    expect(detail).to.deep.equal({ shown: 1, otherPatient: 1 });
    expect(requestsTo('/fhir').length).to.equal(before);
  });

  it('with batch, sends the first requests of all widgets as one batch POST', async () => {
    const before = fhirServerRequests().length;
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-child" batch>
      <probe-widget resource-type="AllergyIntolerance"></probe-widget>
      <probe-widget resource-type="Condition"></probe-widget>
      <probe-widget resource-type="Observation" params="code=http://loinc.org|29463-7"></probe-widget>
    </fhir-context>`);
    const widgets = [...context.querySelectorAll('probe-widget')] as ProbeWidget[];
    await Promise.all(widgets.map((w) => untilState(w, ['ready', 'empty', 'error'])));
    expect(widgets.map((w) => w.state)).to.deep.equal(['ready', 'ready', 'ready']);
    expect(fhirServerRequests().length - before).to.equal(1);
  });

  it('shows a failed load as an error with the status, and Retry asks again', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/faults/500/fhir" patient="pat-ckd">
      <probe-widget resource-type="Condition"></probe-widget>
    </fhir-context>`);
    const widget = probeIn(context);
    const { detail } = await oneEvent(widget, 'fhir-error');
    expect(widget.state).to.equal('error');
    expect(detail.status).to.equal(500);
    expect(detail.message).to.match(/internal error/);
    const alert = widget.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Probe data unavailable');
    expect(alert.textContent).not.to.match(/no |none|empty/i);
    await expect(widget).to.be.accessible();
    const before = requestsTo('/faults/500/fhir/Condition').length;
    const again = oneEvent(widget, 'fhir-error');
    (alert.querySelector('button') as HTMLButtonElement).click();
    await again;
    expect(requestsTo('/faults/500/fhir/Condition').length).to.equal(before + 1);
  });

  it('renders server text in errors as text, never as markup', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/faults/oo-400/fhir" patient="pat-ckd">
      <probe-widget resource-type="Condition"></probe-widget>
    </fhir-context>`);
    const widget = probeIn(context);
    await oneEvent(widget, 'fhir-error');
    expect(widget.shadowRoot!.querySelector('img')).to.equal(null);
    expect(widget.shadowRoot!.textContent).to.contain('<img src=x onerror=alert(1)>');
  });

  it('waits idle when a widget has no data source, and tells the developer once', async () => {
    const warnings = captureWarnings();
    try {
      const widget = await fixture<ProbeWidget>(html`<probe-widget></probe-widget>`);
      await untilState(widget, ['idle']);
      await waitUntil(() => warnings.some((w) => w.includes('has no data source')), 'a console warning names the missing source');
      expect(widget.shadowRoot!.textContent).to.contain('No patient selected');
      expect(widget.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
      widget.requestUpdate();
      await widget.updateComplete;
      expect(warnings.filter((w) => w.includes('has no data source'))).to.have.length(1);
    } finally {
      warnings.restore();
    }
  });

  it('waits idle, not in error, in a context with no source yet', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context><probe-widget></probe-widget></fhir-context>`);
    const widget = probeIn(context);
    await untilState(widget, ['idle', 'error', 'empty', 'ready']);
    expect(widget.state).to.equal('idle');
    expect(widget.shadowRoot!.textContent).to.contain('No patient selected');
    expect(widget.shadowRoot!.textContent).not.to.contain('unavailable');
  });

  it('warns with the fix when resources is given as an attribute (React 18)', async () => {
    const warnings = captureWarnings();
    try {
      const widget = await fixture<ProbeWidget>(html`<probe-widget resources="[object Object]"></probe-widget>`);
      await untilState(widget, ['idle']);
      await waitUntil(() => warnings.some((w) => /resources.*attribute.*property/s.test(w)), 'a console warning says how to fix it');
    } finally {
      warnings.restore();
    }
  });

  it('registers the same elements under another prefix', async () => {
    const tags = defineElements({ prefix: 'acme' });
    expect(tags).to.include('acme-context');
    expect(tags).to.include('acme-lab-trend');
    expect(customElements.get('acme-context')).to.not.equal(undefined);
    expect(defineElements({ prefix: 'acme' })).to.deep.equal(tags); // idempotent
    const context = await fixture(html`<acme-context server="/fhir" patient="pat-child">
      <probe-widget resource-type="AllergyIntolerance"></probe-widget>
    </acme-context>`);
    const widget = probeIn(context);
    await untilState(widget, ['ready']);
    expect(listed(widget).length).to.be.greaterThan(0);
  });
});
