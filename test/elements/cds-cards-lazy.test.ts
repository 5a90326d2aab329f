// <fhir-cds-cards> loads the Markdown parser (src/elements/cds-cards/cds-markdown.ts, `marked`)
// only for a card whose detail has Markdown in it: a detail of plain sentences is shown without it;
// the code for several sources (cds-cards-sources.ts, src/fhir/queries/cds-merged.ts) only inside a
// context with a <fhir-source>; feedback to the service (src/fhir/queries/cds-feedback.ts) on the
// first accept or dismiss (read from the browser's own request log). One page per file, so nothing here was
// fetched by another test first; their failing to load is in lazy-failures.test.ts.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { HIE_PATIENTS } from '../../demo/data/hie.js';
import { defineElements } from '../../src/define.js';
import type { FhirCdsCards } from '../../src/elements/cds-cards/cds-cards.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, parts, squash } from '../helpers/widget-dom.js';
import { requested } from '../helpers/lazy-parts.js';

defineElements();

const CDS = '/cds-services';
const MARKDOWN = '/src/elements/cds-cards/cds-markdown.ts';
const MERGED = '/src/fhir/queries/cds-merged.ts';
const SOURCES = '/src/elements/cds-cards/cds-cards-sources.ts';
const FEEDBACK = '/src/fhir/queries/cds-feedback.ts';

const diabetes = (id: string) => ({
  resourceType: 'Condition',
  id: `${id}-dm`,
  subject: { reference: `Patient/${id}` },
  code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Type 2 diabetes mellitus' }] },
});
const active = (id: string, key: string, text: string) => ({
  resourceType: 'MedicationRequest',
  id: `${id}-${key}`,
  status: 'active',
  intent: 'order',
  subject: { reference: `Patient/${id}` },
  medicationCodeableConcept: { text },
});

describe('<fhir-cds-cards>: the Markdown parser loads only for Markdown', () => {
  it('a card whose detail is plain sentences: shown as a paragraph, and the parser was never fetched', async () => {
    const id = 'lazy-dm';
    const el = await fixture<FhirCdsCards>(html`<fhir-cds-cards service=${CDS} .resources=${[{ resourceType: 'Patient', id }, diabetes(id)]}></fhir-cds-cards>`);
    expect(await untilState(el, ['ready', 'empty', 'error'])).to.equal('ready');
    expect(parts(el, 'card').map((card) => card.dataset.service)).to.deep.equal(['diabetes-monitoring']);
    const paragraphs = [...part(el, 'detail')!.children].map((p) => `${p.localName}:${squash(p.textContent)}`);
    expect(paragraphs).to.deep.equal(['p:No HbA1c is recorded. Guidelines advise HbA1c every 3–6 months in diabetes.']);
    expect(requested(MARKDOWN)).to.equal(false);
    expect([MERGED, SOURCES, FEEDBACK].filter(requested)).to.deep.equal([]);
    await expect(el).to.be.accessible();

    // Accepting the suggestion: the feedback code loads then, and the service gets the feedback.
    const accepted = oneEvent(el, 'fhir-cds-suggestion');
    part(el, 'suggestion')!.click();
    const { card } = (await accepted).detail;
    await waitUntil(() => requested(FEEDBACK), 'the feedback module was not fetched');
    const feedbackFor = async () => {
      const log = (await (await fetch(`${CDS}/_log`)).json()) as { feedback: { serviceId: string; body: { feedback: { card: string; outcome: string }[] } }[] };
      return log.feedback.flatMap((f) => f.body.feedback.map((item) => `${f.serviceId}:${item.card}:${item.outcome}`));
    };
    let sent: string[] = [];
    await waitUntil(async () => (sent = await feedbackFor()).length > 0, 'no feedback reached the service');
    expect(sent).to.include(`diabetes-monitoring:${card.uuid}:accepted`);
  });

  it('a card with Markdown: the parser is fetched inside the load, and the first shown detail is formatted', async () => {
    const id = 'lazy-ddi';
    const el = await fixture<FhirCdsCards>(
      html`<fhir-cds-cards
        service=${CDS}
        .resources=${[{ resourceType: 'Patient', id }, active(id, 'warf', 'Warfarin 5 mg tablet'), active(id, 'ibu', 'Ibuprofen 400 mg tablet')]}
      ></fhir-cds-cards>`,
    );
    expect(await untilState(el, ['ready', 'empty', 'error'])).to.equal('ready');
    expect(requested(MARKDOWN)).to.equal(true);
    const detail = part(el, 'detail')!;
    expect(squash(detail.querySelector('strong')?.textContent)).to.equal('Management:');
    expect(squash(detail.textContent)).not.to.contain('**');
  });

  it('a context with a <fhir-source>: the merged prefetch is fetched inside the load, and the card the merged record makes is shown', async () => {
    expect(requested(MERGED) || requested(SOURCES)).to.equal(false);
    const context = await fixture(html`<fhir-context server="/fhir" patient="pat-child" label="Riverside EMR"
      ><fhir-source server="/hie/fhir" patient=${HIE_PATIENTS['pat-child']} label="Regional HIE"></fhir-source
      ><fhir-cds-cards service=${CDS}></fhir-cds-cards
    ></fhir-context>`);
    const el = context.querySelector('fhir-cds-cards') as FhirCdsCards;
    expect(await untilState(el, ['ready', 'empty', 'error'], 15000)).to.equal('ready');
    expect(requested(MERGED) && requested(SOURCES)).to.equal(true);
    const summaries = parts(el, 'summary').map((s) => squash(s.textContent));
    expect(summaries.some((s) => /ibuprofen/i.test(s) && /allergy/i.test(s)), summaries.join(' | ')).to.equal(true);
    expect(squash(part(el, 'based-on')?.textContent)).to.equal('Based on the records of Riverside EMR and Regional HIE');
  });
});
