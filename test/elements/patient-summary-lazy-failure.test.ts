// The summary's identity warning styles cannot be loaded (the test server answers 503 for their
// module): the summary is still ready and the warning still says, as an alert, that another source's
// Patient differs, only without its frame. Its own file: a fresh page on which the module was never loaded.
import { expect, fixture, html } from '@open-wc/testing';
import { HIE_PATIENTS } from '../../demo/data/hie.js';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import type { FhirPatientSummary } from '../../src/elements/patient-summary/patient-summary.js';
import { clearFailedModules, failModule, requested } from '../helpers/lazy-parts.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, squash } from '../helpers/widget-dom.js';

defineElements();

const STYLES = '/src/elements/patient-summary/identity-mismatch.ts';

describe('<fhir-patient-summary> without the identity warning styles', () => {
  before(async () => {
    expect((await failModule(STYLES)).ok).to.equal(true);
  });
  after(async () => {
    expect(await clearFailedModules()).to.deep.equal([]);
    expect((await fetch(STYLES)).status).to.equal(200);
  });

  it('pat-ckd and hie-2264: ready, the warning said in words as an alert', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-ckd" label="Riverside EMR"
      ><fhir-source server="/hie/fhir" patient=${HIE_PATIENTS['pat-ckd']} label="Regional HIE"></fhir-source
      ><fhir-patient-summary></fhir-patient-summary
    ></fhir-context>`);
    const el = context.querySelector('fhir-patient-summary') as FhirPatientSummary;
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    await el.updateComplete;
    expect(requested(STYLES)).to.equal(true);
    const alert = part(el, 'identity-mismatch')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(squash(alert.textContent)).to.equal('Identity differs in Regional HIE: birth date 21-Sep-1952 vs 12-Sep-1952');
    expect(getComputedStyle(alert).borderInlineStartWidth).to.equal('0px'); // unframed, not unsaid
    expect(squash(part(el, 'identity')!.textContent)).to.contain('21-Sep-1952');
  });
});
