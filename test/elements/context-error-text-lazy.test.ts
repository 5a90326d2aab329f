// The words of the data layer's failures (src/fhir/error-text.ts) load inside a load that failed: a
// page whose loads succeed never fetches them; a failing load fetches them before the widget shows
// its error, so the panel and the `fhir-error` event carry the full message (read from the
// browser's own request log). One page per file, so nothing here was fetched by another test first.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import { described } from '../../src/fhir/described.js';
import { failure, FhirError } from '../../src/fhir/errors.js';
import { untilState } from '../helpers/probe-widget.js';
import { parts, squash } from '../helpers/widget-dom.js';

defineElements();

type Widget = HTMLElement & { state: string; updateComplete: Promise<unknown> };

/** Whether the page has requested the error words so far. */
function errorTextFetched(): boolean {
  return performance.getEntriesByType('resource').some((entry) => /\/error-text(-[\w-]+)?\.[jt]s$/.test(new URL(entry.name).pathname));
}

describe('the words of data-layer failures, loaded lazily', () => {
  it('a load that succeeds: the widget is ready and the error words were never fetched', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-child"></fhir-context>`);
    const el = document.createElement('fhir-allergy-banner') as Widget;
    context.append(el);
    await untilState(el, ['ready', 'empty', 'error']);
    expect(el.state).to.equal('ready');
    expect(errorTextFetched()).to.equal(false);
  });

  it('a load that fails: the words are fetched inside it, and the panel and the event say what failed', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/faults/500/fhir" patient="pat-child"></fhir-context>`);
    const el = document.createElement('fhir-allergy-banner') as Widget;
    const event = oneEvent(context, 'fhir-error');
    context.append(el);
    const { detail } = await event;
    await untilState(el, ['error']);
    await el.updateComplete;
    expect(errorTextFetched()).to.equal(true);
    expect(detail.status).to.equal(500);
    expect(detail.message).to.match(/^The FHIR server had an internal error \(500\)/);
    expect(squash(parts(el, 'error-message')[0]?.textContent)).to.match(/^The FHIR server had an internal error \(500\)/);
  });

  it('before its words arrive (or if they cannot be loaded) a failure still says its kind, status and the server’s text', async () => {
    const error = failure('server', 'http', [503, 'Down for maintenance'], { status: 503, detail: 'Down for maintenance' });
    expect(error).to.be.instanceOf(FhirError);
    expect(error.kind).to.equal('server');
    expect(error.message).to.equal('The FHIR request failed (server, HTTP 503): Down for maintenance');
    expect((await described(error)).message).to.equal('The FHIR server is unavailable (503): Down for maintenance');
  });
});
