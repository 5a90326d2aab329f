// <fhir-cds-cards> with several sources (issue 14), over HTTP: the EMR at /fhir, the regional HIE at
// /hie/fhir (and /hie/faults/<kind>/fhir), the demo CDS Hooks service at /cds-services. One hook
// call per service with the merged record: the HIE's ibuprofen allergy meets the EMR's ibuprofen
// order (pat-child / hie-5518, HIE_NOTABLE in demo/data/hie.ts).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { HIE_PATIENTS } from '../../demo/data/hie.js';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import type { FhirSource } from '../../src/elements/context/fhir-source.js';
import { FhirLoader } from '../../src/fhir/loader.js';
import { runMergedPrefetch } from '../../src/fhir/queries/cds-merged.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, parts, squash } from '../helpers/widget-dom.js';

defineElements();

type Widget = HTMLElement & { state: string; partial: boolean; updateComplete: Promise<unknown> };

const CDS = '/cds-services';

function text(el: Element): string {
  return squash(el.shadowRoot!.textContent);
}

/** The summaries of the cards shown. */
function summaries(el: Element): string[] {
  return parts(el, 'summary').map((s) => squash(s.textContent));
}

const ibuprofenAllergyCard = (list: string[]) => list.some((s) => /ibuprofen/i.test(s) && /allergy/i.test(s));

async function mount(
  patient: keyof typeof HIE_PATIENTS,
  hie: string | null = '/hie/fhir',
  timeout = 4000,
): Promise<{ context: FhirContext; el: Widget; events: CustomEvent[] }> {
  const events: CustomEvent[] = [];
  const context = await fixture<FhirContext>(
    hie === null
      ? html`<fhir-context server="/fhir" patient=${patient} label="Riverside EMR"></fhir-context>`
      : html`<fhir-context server="/fhir" patient=${patient} label="Riverside EMR"
          ><fhir-source server=${hie} patient=${HIE_PATIENTS[patient]} label="Regional HIE" timeout=${timeout}></fhir-source
        ></fhir-context>`,
  );
  const el = document.createElement('fhir-cds-cards') as Widget;
  el.setAttribute('service', CDS);
  el.addEventListener('fhir-load', (e) => events.push(e));
  el.addEventListener('fhir-error', (e) => events.push(e));
  context.append(el);
  await untilState(el, ['ready', 'empty', 'error'], 15000);
  await el.updateComplete;
  return { context, el, events };
}

describe('<fhir-cds-cards> across sources: one call with the merged record', () => {
  it('the HIE-only ibuprofen allergy and the EMR ibuprofen order produce the drug–allergy card; both sources named; accessible', async () => {
    const { el, events } = await mount('pat-child');
    expect(el.state, text(el)).to.equal('ready');
    expect(el.partial).to.equal(false);
    expect(ibuprofenAllergyCard(summaries(el)), summaries(el).join(' | ') || text(el)).to.equal(true);
    const critical = parts(el, 'card').find((c) => /ibuprofen/i.test(c.textContent ?? ''));
    expect(critical?.dataset.indicator).to.equal('critical');
    expect(squash(part(el, 'based-on')?.textContent)).to.equal('Based on the records of Riverside EMR and Regional HIE');
    expect(part(el, 'source-failures')).to.equal(null);
    const load = events.find((e) => e.type === 'fhir-load')!;
    expect(load.detail.sources).to.equal(2);
    expect(load.detail['records@Riverside EMR']).to.be.greaterThan(0);
    expect(load.detail['records@Regional HIE']).to.be.greaterThan(0);
    expect(events.some((e) => e.type === 'fhir-error')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('control: the EMR alone has no such card (the conflict exists only across records), and no source line', async () => {
    const { el } = await mount('pat-child', null);
    expect(['ready', 'empty']).to.include(el.state);
    expect(ibuprofenAllergyCard(summaries(el)), summaries(el).join(' | ')).to.equal(false);
    expect(part(el, 'based-on')).to.equal(null);
  });

  for (const kind of ['500', '401', 'timeout']) {
    it(`the HIE failing (${kind}): partial, "Records from Regional HIE unavailable" in words, never plain "No alerts"; accessible`, async () => {
      const { el, events } = await mount('pat-child', `/hie/faults/${kind}/fhir`, kind === 'timeout' ? 1500 : 4000);
      expect(el.state, text(el)).to.equal('ready');
      expect(el.partial).to.equal(true);
      expect(el.hasAttribute('partial')).to.equal(true);
      const failures = part(el, 'source-failures');
      expect(failures, text(el)).to.exist;
      expect(failures!.getAttribute('role')).to.equal('alert');
      expect(squash(failures!.textContent)).to.contain('Records from Regional HIE unavailable: these alerts do not take them into account');
      // The HIE's allergy never arrived: no card invented, and none claimed complete.
      expect(ibuprofenAllergyCard(summaries(el))).to.equal(false);
      const empty = part(el, 'empty');
      if (empty) expect(squash(empty.textContent)).to.equal('No decision support alerts from the records of Riverside EMR; Regional HIE unavailable');
      expect(squash(part(el, 'based-on')?.textContent)).to.equal('Based on the records of Riverside EMR');
      const error = events.find((e) => e.type === 'fhir-error');
      expect(error?.detail.source).to.equal('Regional HIE');
      if (kind === '401') expect(error?.detail.status).to.equal(401);
      expect(events.find((e) => e.type === 'fhir-load')!.detail['failed@Regional HIE']).to.equal(1);
      await expect(el).to.be.accessible();
    });
  }

  it('removing the source calls the services again with the EMR only; adding it back brings the card back', async () => {
    const { context, el } = await mount('pat-child');
    expect(ibuprofenAllergyCard(summaries(el))).to.equal(true);
    const source = context.querySelector('fhir-source') as FhirSource;
    source.remove();
    await waitUntil(() => ['ready', 'empty'].includes(el.state) && !part(el, 'based-on'), 'the cards did not reload without the source', { timeout: 15000 });
    expect(ibuprofenAllergyCard(summaries(el)), summaries(el).join(' | ')).to.equal(false);
    expect(el.partial).to.equal(false);
    expect(part(el, 'based-on')).to.equal(null);
    context.append(source);
    await waitUntil(() => el.state === 'ready' && !!part(el, 'based-on'), 'the cards did not reload with the source back', { timeout: 15000 });
    expect(ibuprofenAllergyCard(summaries(el)), summaries(el).join(' | ')).to.equal(true);
  });
});

describe('runMergedPrefetch: each template at every source, merged', () => {
  const patient = (id: string) => ({ resourceType: 'Patient', id, name: [{ family: 'Merged' }] });
  const allergy = (id: string, patientId: string, code: string) => ({
    resourceType: 'AllergyIntolerance',
    id,
    patient: { reference: `Patient/${patientId}` },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    code: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code }] },
  });
  const given = (resources: unknown[], patientId: string) => FhirLoader.fromResources(resources, patientId);

  it('a duplicate once, each source\'s own records with its own patient id, another patient\'s dropped, reads from the primary only', async () => {
    const emr = given([patient('e1'), allergy('a1', 'e1', '7980'), allergy('x', 'someone-else', '1191')], 'e1');
    const hie = given([patient('h1'), allergy('b1', 'h1', '7980'), allergy('b2', 'h1', '5640')], 'h1');
    const { prefetch, failed, perSource } = await runMergedPrefetch(
      [
        { label: 'EMR', loader: emr, patientId: 'e1' },
        { label: 'HIE', loader: hie, patientId: 'h1' },
      ],
      { allergies: 'AllergyIntolerance?patient={{context.patientId}}', patient: 'Patient/{{context.patientId}}' },
      { patientId: 'e1' },
      new AbortController().signal,
    );
    expect(failed).to.deep.equal([]);
    const bundle = prefetch.allergies as { entry: { resource: { id: string; resourceType: string } }[] };
    const allergies = bundle.entry.filter((e) => e.resource.resourceType === 'AllergyIntolerance');
    expect(allergies.map((e) => e.resource.id).sort()).to.deep.equal(['a1', 'b2']);
    expect((prefetch.patient as { id: string }).id).to.equal('e1');
    expect(perSource.get('EMR')!.dropped.size).to.equal(1);
    expect(perSource.get('HIE')!.error).to.equal(undefined);
  });

  it('a failing source is reported and the others still sent; a template is null only when every source failed', async () => {
    const emr = given([patient('pat-x'), allergy('a1', 'pat-x', '7980')], 'pat-x');
    const failing = new FhirLoader(async () => {
      const { HttpTransport } = await import('../../src/fhir/transport.js');
      return { kind: 'server', transport: new HttpTransport(new URL('/hie/faults/500/fhir', location.href).href), patientId: 'hie-7301' };
    });
    const { prefetch, failed, perSource } = await runMergedPrefetch(
      [
        { label: 'EMR', loader: emr, patientId: 'pat-x' },
        { label: 'HIE', loader: failing, patientId: 'hie-7301' },
      ],
      { allergies: 'AllergyIntolerance?patient={{context.patientId}}' },
      { patientId: 'pat-x' },
      new AbortController().signal,
    );
    expect(failed).to.deep.equal([]);
    const entries = (prefetch.allergies as { entry: { resource: { resourceType: string } }[] }).entry;
    expect(entries.filter((e) => e.resource.resourceType === 'AllergyIntolerance')).to.have.length(1);
    expect(perSource.get('HIE')!.error).to.exist;
    expect(perSource.get('EMR')!.error).to.equal(undefined);
  });
});
