// The fhirclient transport (src/fhir/client-transport.ts) loads only when a context has a Client (a
// host's, or a SMART launch's): a context on an open server never fetches it; a context given a
// Client fetches it inside its first load, and the widget shows the record through that Client
// (read from the browser's own request log). One page per file, so nothing here was fetched by
// another test first.
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import type { FhirClientLike } from '../../src/fhir/transport.js';
import { settledBanner } from '../helpers/probe-widget.js';
import { parts } from '../helpers/widget-dom.js';

defineElements();

type Widget = HTMLElement & { state: string; updateComplete: Promise<unknown> };

/** Whether the page has requested the client transport module so far. */
function clientTransportFetched(): boolean {
  return performance
    .getEntriesByType('resource')
    .some((entry) => /\/client-transport(-[\w-]+)?\.[jt]s$/.test(new URL(entry.name).pathname));
}

const banner = (context: FhirContext) => settledBanner<Widget>(context);

describe('the fhirclient transport, loaded lazily', () => {
  it('an open server: the widget is ready and the client transport was never fetched', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-child"></fhir-context>`);
    const el = await banner(context);
    expect(el.state).to.equal('ready');
    expect(parts(el, 'allergen').length).to.be.greaterThan(0);
    expect(clientTransportFetched()).to.equal(false);
  });

  it('a host-supplied Client: the transport is fetched inside the load and the record is shown through it', async () => {
    const fhir = (await import('fhirclient')) as unknown as { default: { client(state: unknown): FhirClientLike } };
    const client = fhir.default.client({ serverUrl: new URL('/fhir', location.href).href, tokenResponse: { patient: 'pat-child' } });
    const context = await fixture<FhirContext>(html`<fhir-context .client=${client}></fhir-context>`);
    const el = await banner(context);
    expect(el.state).to.equal('ready');
    expect(parts(el, 'allergen').length).to.be.greaterThan(0);
    expect(clientTransportFetched()).to.equal(true);
  });
});
