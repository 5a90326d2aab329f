// A host-supplied fhirclient Client (the real library, not a stand-in) as the context's transport.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import type { FhirClientLike } from '../../src/fhir/transport.js';
import { requestsTo, type ProbeWidget } from '../helpers/probe-widget.js';

defineElements();

async function realClient(serverUrl: string, patientId: string): Promise<FhirClientLike> {
  const module = (await import('fhirclient')) as unknown as { default: { client(state: unknown): FhirClientLike } };
  return module.default.client({ serverUrl, tokenResponse: { patient: patientId } });
}

describe('<fhir-context> with a fhirclient Client', () => {
  it('loads through the client, for the client’s patient', async () => {
    const client = await realClient(new URL('/fhir', location.href).href, 'pat-child');
    const context = await fixture<FhirContext>(html`<fhir-context .client=${client}>
      <probe-widget resource-type="AllergyIntolerance"></probe-widget>
    </fhir-context>`);
    const widget = context.querySelector('probe-widget') as ProbeWidget;
    const { detail } = await oneEvent(widget, 'fhir-load');
    expect(detail.shown).to.be.greaterThan(0);
    expect(requestsTo('/fhir/AllergyIntolerance?patient=pat-child').length).to.be.greaterThan(0);
  });

  it('shows a rejected token as an error naming the status, not as an empty list', async () => {
    const client = await realClient(new URL('/token-required/fhir', location.href).href, 'pat-child');
    const context = await fixture<FhirContext>(html`<fhir-context .client=${client}>
      <probe-widget resource-type="AllergyIntolerance"></probe-widget>
    </fhir-context>`);
    const widget = context.querySelector('probe-widget') as ProbeWidget;
    const { detail } = await oneEvent(widget, 'fhir-error');
    expect(widget.state).to.equal('error');
    expect(detail.status).to.equal(401);
    expect(detail.message).to.match(/authorization \(401\)/);
  });
});
