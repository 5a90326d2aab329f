// The developer warnings' words load only when a warning is due (src/elements/shared/
// developer-warning-text.ts): a page wired right never fetches them (read from the browser's own
// request log); a widget with no source still warns, in full, once they are in. Its own file: a
// fresh page on which nothing has warned before. (The words failing to load: lazy-failures.test.ts.)
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import { untilState } from '../helpers/probe-widget.js';
import { captureWarnings } from '../helpers/console-warnings.js';

defineElements();

const WARNING_TEXT = '/src/elements/shared/developer-warning-text.ts';
const requested = () => performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname === WARNING_TEXT);

type Widget = HTMLElement & { state: string };

describe('developer warnings, their words loaded lazily', () => {
  it('a widget inside a context: ready, nothing to warn about, the words never fetched', async () => {
    const context = await fixture(html`<fhir-context server="/fhir" patient="pat-child"><fhir-allergy-banner></fhir-allergy-banner></fhir-context>`);
    const el = context.querySelector('fhir-allergy-banner') as Widget;
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    await new Promise((resolve) => setTimeout(resolve, 50)); // past the widget's check for a missing source
    expect(requested()).to.equal(false);
  });

  it('a widget with no source: idle, and the full warning once its words are in', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture<Widget>(html`<fhir-allergy-banner></fhir-allergy-banner>`);
      expect(await untilState(el, ['idle'])).to.equal('idle');
      await waitUntil(() => warnings.length > 0, 'a console warning');
      expect(requested()).to.equal(true);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('<fhir-allergy-banner> has no data source: place it inside <fhir-context>');
    } finally {
      warnings.restore();
    }
  });
});
