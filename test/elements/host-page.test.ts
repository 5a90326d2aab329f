// What a host page cannot change: inherited text styles stop at each widget (tall-man lettering
// survives `text-transform: uppercase` on the body), and one number rule reads the same value the
// same way in the summary, the trend (latest value, table, axis) and a medication dose.
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import { untilState } from '../helpers/probe-widget.js';

defineElements();

const subject = { reference: 'Patient/p1' };
const weight = (id: string, date: string, value: number) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body weight' }] },
  subject,
  effectiveDateTime: date,
  valueQuantity: { value, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
});
const troponin = (id: string, date: string, value: number) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '6598-7', display: 'Troponin T' }] },
  subject,
  effectiveDateTime: date,
  valueQuantity: { value, unit: 'ug/L', system: 'http://unitsofmeasure.org', code: 'ug/L' },
});
const RESOURCES = [
  { resourceType: 'Patient', id: 'p1', name: [{ family: 'Okafor', given: ['Ada'] }], gender: 'female', birthDate: '1950-02-03' },
  weight('w1', '2025-01-01', 70.845649),
  weight('w2', '2024-01-01', 72.123456),
  troponin('t1', '2025-01-02', 0.004),
  troponin('t2', '2025-01-03', 0.012),
  {
    resourceType: 'MedicationRequest',
    id: 'm1',
    status: 'active',
    intent: 'order',
    subject,
    authoredOn: '2025-01-01',
    medicationCodeableConcept: { text: 'diphenhydrAMINE 25 mg capsule' },
    dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: 0.0625, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }] }],
  },
];

type Widget = HTMLElement & { state: string; resources?: unknown };

/** Rendered text (innerText applies text-transform) of a widget's shadow tree. */
const rendered = (el: Element) => (el.shadowRoot!.querySelector('*:not(style)') as HTMLElement | null)?.innerText ?? '';
const allRendered = (el: Element) =>
  [...el.shadowRoot!.children].filter((c) => c.localName !== 'style').map((c) => (c as HTMLElement).innerText).join('\n');

describe('host page styles and the one number rule', () => {
  const style = document.createElement('style');
  before(() => {
    style.textContent = 'body { text-transform: uppercase; letter-spacing: 0.3em; text-align: center; word-spacing: 1em; }';
    document.head.append(style);
  });
  after(() => style.remove());

  it('keeps tall-man lettering under text-transform: uppercase on the body', async () => {
    const el = await fixture<Widget>(html`<fhir-medication-list .resources=${RESOURCES}></fhir-medication-list>`);
    await untilState(el, ['ready']);
    expect(rendered(el)).to.contain('diphenhydrAMINE');
    expect(rendered(el)).to.not.contain('DIPHENHYDRAMINE');
    const host = getComputedStyle(el);
    expect([host.textTransform, host.letterSpacing, host.textAlign, host.wordSpacing]).to.deep.equal(['none', 'normal', 'start', '0px']);
  });

  it('shows the same weight the same way in the summary and the trend', async () => {
    const summary = await fixture<Widget>(html`<fhir-patient-summary .resources=${RESOURCES}></fhir-patient-summary>`);
    await untilState(summary, ['ready']);
    expect(allRendered(summary)).to.contain('70.85');
    expect(allRendered(summary)).to.not.contain('70.8456');

    const trend = await fixture<Widget>(html`<fhir-lab-trend code="http://loinc.org|29463-7" range="all" .resources=${RESOURCES}></fhir-lab-trend>`);
    await untilState(trend, ['ready']);
    const toggle = [...trend.shadowRoot!.querySelectorAll<HTMLElement>('button, input, [role="switch"]')].find((b) =>
      /table/i.test(b.textContent ?? b.closest('label')?.textContent ?? ''),
    );
    expect(toggle, 'the Table toggle').to.not.equal(undefined);
    toggle!.click();
    await (trend as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const text = trend.shadowRoot!.textContent ?? '';
    expect(text).to.contain('70.85');
    expect(text).to.contain('72.12');
    expect(text).to.not.contain('70.8456');
    expect(text).to.not.contain('72.1234');
  });

  it('keeps the significant digit of a small value in the trend and on its axis', async () => {
    const trend = await fixture<Widget>(html`<fhir-lab-trend code="http://loinc.org|6598-7" range="all" .resources=${RESOURCES}></fhir-lab-trend>`);
    await untilState(trend, ['ready']);
    expect(trend.shadowRoot!.textContent).to.contain('0.004');
    const axis = [...trend.shadowRoot!.querySelectorAll('svg text')].map((t) => t.textContent?.trim() ?? '').filter((t) => /^[\d.,]+$/.test(t));
    expect(axis.length, 'numeric axis labels').to.be.greaterThan(1);
    for (const label of axis) expect(label, 'axis label').to.match(/^0(\.\d{1,4})?$|^0\.0\d{1,4}$/);
  });

  it('shows a dose by the same rule', async () => {
    const el = await fixture<Widget>(html`<fhir-medication-list .resources=${RESOURCES}></fhir-medication-list>`);
    await untilState(el, ['ready']);
    expect(el.shadowRoot!.textContent).to.contain('0.0625 mg');
  });
});
