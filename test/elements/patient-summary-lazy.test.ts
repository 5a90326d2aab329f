// <fhir-patient-summary> pays for the "Identity differs in …" warning's styles only where it shows
// one: a summary with one source, or with several that agree on the Patient, never fetches them; a
// summary whose other source's Patient differs fetches them in its load, before `ready`, and the
// warning is framed (read from the browser's own request log). Its own file: a fresh page.
import { expect, fixture, html } from '@open-wc/testing';
import { HIE_PATIENTS } from '../../demo/data/hie.js';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import type { FhirPatientSummary } from '../../src/elements/patient-summary/patient-summary.js';
import { requested } from '../helpers/lazy-parts.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, squash } from '../helpers/widget-dom.js';

defineElements();

const STYLES = '/src/elements/patient-summary/identity-mismatch.ts';

/** A summary of `patient` on the test server, with the HIE as a second source when `hie`. */
async function summary(patient: keyof typeof HIE_PATIENTS, hie: boolean): Promise<FhirPatientSummary> {
  const context = await fixture<FhirContext>(
    hie
      ? html`<fhir-context server="/fhir" patient=${patient} label="Riverside EMR"
          ><fhir-source server="/hie/fhir" patient=${HIE_PATIENTS[patient]} label="Regional HIE"></fhir-source
          ><fhir-patient-summary></fhir-patient-summary
        ></fhir-context>`
      : html`<fhir-context server="/fhir" patient=${patient}><fhir-patient-summary></fhir-patient-summary></fhir-context>`,
  );
  const el = context.querySelector('fhir-patient-summary') as FhirPatientSummary;
  expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
  await el.updateComplete;
  return el;
}

describe('<fhir-patient-summary> loads the identity warning styles when it shows the warning', () => {
  it('one source (pat-ckd): identity shown, the styles never fetched', async () => {
    const el = await summary('pat-ckd', false);
    expect(squash(part(el, 'identity')!.textContent)).to.contain('21-Sep-1952');
    expect(part(el, 'identity-mismatch')).to.equal(null);
    expect(requested(STYLES)).to.equal(false);
  });

  it('several sources that agree on the Patient (pat-diabetes and hie-7301): still not fetched', async () => {
    const el = await summary('pat-diabetes', true);
    expect(part(el, 'identity-mismatch')).to.equal(null);
    expect(requested(STYLES)).to.equal(false);
  });

  it('several sources whose Patients differ (pat-ckd and hie-2264): fetched before ready, the warning framed', async () => {
    const el = await summary('pat-ckd', true);
    expect(requested(STYLES)).to.equal(true);
    const alert = part(el, 'identity-mismatch')!;
    expect(squash(alert.textContent)).to.equal('Identity differs in Regional HIE: birth date 21-Sep-1952 vs 12-Sep-1952');
    const style = getComputedStyle(alert);
    expect(style.borderInlineStartWidth).to.equal('6px');
    expect(style.borderTopStyle).to.equal('solid');
    expect(getComputedStyle(alert.querySelector('p')!).marginBlockStart).to.equal('0px');
    await expect(el).to.be.accessible();
  });
});
