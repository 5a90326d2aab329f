// One patient scope in every widget: given `resources` (no patient attribute) holding one Patient's
// record and another patient's records — as a searchset, transaction or collection Bundle, or an
// array — each widget shows the Patient's records and drops and counts the others (DESIGN.md §3
// rule 4), on its own and inside a <fhir-context>.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import { bundle, HBA1C, OTHER, OWN, patient, records, SCOPE_SCENARIOS } from '../helpers/patient-scope-scenarios.js';
import { squash } from '../helpers/widget-dom.js';

defineElements();

type Widget = HTMLElement & { state: string; updateComplete: Promise<boolean>; resources?: unknown };

const WIDGETS = [
  { tag: 'fhir-allergy-banner', own: [OWN.allergy], other: [OTHER.allergy], otherPatient: 1 },
  { tag: 'fhir-medication-list', own: [OWN.medication], other: [OTHER.medication], otherPatient: 1 },
  {
    tag: 'fhir-patient-summary',
    own: [OWN.allergy, OWN.problem, OWN.medication, 'SCOPE, Sam'],
    other: [OTHER.allergy, OTHER.problem, OTHER.medication],
    otherPatient: 3,
  },
  { tag: 'fhir-lab-trend', own: ['6.2'], other: ['9.7', '9.8'], otherPatient: 2 },
  { tag: 'fhir-results', own: [OWN.report], other: [OTHER.report], otherPatient: 1 },
] as const;

function create(tag: string): Widget {
  const el = document.createElement(tag) as Widget;
  if (tag === 'fhir-lab-trend') el.setAttribute('code', HBA1C);
  return el;
}

async function expectScoped(el: Widget, widget: (typeof WIDGETS)[number], load: CustomEvent): Promise<void> {
  await el.updateComplete;
  expect(el.state, widget.tag).to.equal('ready');
  expect(load.detail.otherPatient, `${widget.tag} counts the other patient's records`).to.equal(widget.otherPatient);
  if (el.localName === 'fhir-lab-trend') {
    // The table lists every value: open it so the check covers them all, not just the latest.
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="table-toggle"]')?.click();
    await el.updateComplete;
  }
  const text = squash(el.shadowRoot!.textContent);
  for (const own of widget.own) expect(text, `${widget.tag} shows ${own}`).to.contain(own);
  for (const other of widget.other) expect(text, `${widget.tag} never shows ${other}`).not.to.contain(other);
}

describe('one patient scope in every widget', () => {
  for (const scenario of SCOPE_SCENARIOS) {
    describe(scenario.name, () => {
      for (const widget of WIDGETS) {
        it(`<${widget.tag} .resources>: the Patient's records only, the other's counted`, async () => {
          const host = await fixture<HTMLDivElement>(html`<div></div>`);
          const el = create(widget.tag);
          el.resources = scenario.resources;
          const loaded = oneEvent(el, 'fhir-load');
          host.append(el);
          await expectScoped(el, widget, await loaded);
        });
      }

      it('<fhir-context .resources> with every widget inside: the same scope for all', async () => {
        const context = await fixture<HTMLElement & { resources?: unknown }>(html`<fhir-context></fhir-context>`);
        const widgets = WIDGETS.map((widget) => ({ widget, el: create(widget.tag) }));
        const loads = widgets.map(({ el }) => oneEvent(el, 'fhir-load'));
        context.resources = scenario.resources;
        for (const { el } of widgets) context.append(el);
        const events = await Promise.all(loads);
        for (const [i, { widget, el }] of widgets.entries()) await expectScoped(el, widget, events[i]);
      });
    });
  }

  // The reported case: the Patient given, and records of another patient only. Nothing of the
  // other patient may show as this patient's (not as the "latest" value either).
  const onlyOther = [patient('p1'), ...records(OTHER, ['Patient/p2'], 'other')];
  const givenAs = {
    array: onlyOther,
    'searchset Bundle': bundle('searchset', onlyOther.map((resource) => ({ resource }))),
  };
  for (const [form, resources] of Object.entries(givenAs)) {
    for (const widget of WIDGETS) {
      it(`<${widget.tag}>: a Patient and only another patient's records (${form}): nothing shown, all counted`, async () => {
        const host = await fixture<HTMLDivElement>(html`<div></div>`);
        const el = create(widget.tag);
        el.resources = resources;
        const loaded = oneEvent(el, 'fhir-load');
        host.append(el);
        const { detail } = await loaded;
        await el.updateComplete;
        expect(el.state).to.equal(widget.tag === 'fhir-patient-summary' ? 'ready' : 'empty');
        expect(detail.otherPatient).to.equal(widget.otherPatient);
        const text = squash(el.shadowRoot!.textContent);
        for (const other of widget.other) expect(text).not.to.contain(other);
      });
    }
  }
});
