// Memory across patient switches (issue 15): after a <fhir-context> has been switched through the
// demo patients, nothing of an earlier patient stays reachable — no earlier loader (and so none of
// the responses it cached for its patient: the cache lives in the loader, one per patient) and no
// widget taken out of the page. Chromium runs with --js-flags=--expose-gc
// (web-test-runner.config.mjs): gc() forces full collections, WeakRefs tell what was collected.
// What is counted is objects, not bytes or times (the bench measures the heap: npm run bench).
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import type { FhirLoader } from '../../src/fhir/loader.js';
import { DEMO_PATIENTS } from '../../demo/data/generator.js';

defineElements();

const WIDGETS = ['fhir-patient-summary', 'fhir-allergy-banner', 'fhir-medication-list', 'fhir-lab-trend'];
const SWITCHES = 12;

type Widget = HTMLElement & { state: string; updateComplete: Promise<unknown> };

function loaderOf(context: FhirContext): FhirLoader {
  return (context as unknown as { loader: FhirLoader }).loader;
}

/** Resolves when every widget has sent `fhir-load` (or `fhir-error`) once from now. */
function allLoaded(widgets: Widget[]): Promise<unknown> {
  return Promise.all(
    widgets.map(
      (widget) =>
        new Promise<void>((resolve) => {
          const done = () => {
            widget.removeEventListener('fhir-load', done);
            widget.removeEventListener('fhir-error', done);
            resolve();
          };
          widget.addEventListener('fhir-load', done);
          widget.addEventListener('fhir-error', done);
        }),
    ),
  );
}

/** Full collections, each in a task of its own (a WeakRef read in a task keeps its target until the task ends). */
async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('gc() is not exposed: start Chromium with --js-flags=--expose-gc (web-test-runner.config.mjs)');
  for (let round = 0; round < 4; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
  }
}

async function chart(patient: string): Promise<{ context: FhirContext; widgets: Widget[] }> {
  const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient=${patient}>
    <fhir-patient-summary></fhir-patient-summary>
    <fhir-allergy-banner></fhir-allergy-banner>
    <fhir-medication-list></fhir-medication-list>
    <fhir-lab-trend code="http://loinc.org|4548-4" range="all"></fhir-lab-trend>
  </fhir-context>`);
  const widgets = WIDGETS.map((tag) => context.querySelector(tag) as Widget);
  return { context, widgets };
}

describe('memory across patient switches', () => {
  it('keeps no earlier patient’s loader (nor its cached responses) reachable', async () => {
    const patients = DEMO_PATIENTS.map((patient) => patient.id);
    const { context, widgets } = await chart(patients[0]);
    await allLoaded(widgets);
    const earlier: WeakRef<FhirLoader>[] = [];
    for (let index = 1; index <= SWITCHES; index += 1) {
      earlier.push(new WeakRef(loaderOf(context)));
      const loaded = allLoaded(widgets);
      context.patient = patients[index % patients.length];
      await loaded;
      // each switch loaded the new patient's record, not nothing
      expect(widgets.map((widget) => widget.state).filter((state) => state !== 'ready' && state !== 'empty')).to.deep.equal([]);
    }
    const current = new WeakRef(loaderOf(context));
    await collectGarbage();
    expect(current.deref(), 'the current loader is alive').to.not.equal(undefined);
    expect(earlier.every((ref) => ref.deref()?.disposed !== false), 'every earlier loader was disposed').to.equal(true);
    expect(earlier.filter((ref) => ref.deref() !== undefined).length, 'earlier loaders still reachable').to.equal(0);
  });

  it('keeps no widget reachable once it is out of the page', async () => {
    const { context, widgets } = await chart(DEMO_PATIENTS[0].id);
    await allLoaded(widgets);
    widgets.length = 0;
    const removed: WeakRef<Widget>[] = [];
    for (let round = 1; round <= 3; round += 1) await replaceWidgets(context, DEMO_PATIENTS[round % DEMO_PATIENTS.length].id, removed);
    await collectGarbage();
    expect(removed.length).to.equal(12);
    expect(removed.filter((ref) => ref.deref() !== undefined).length, 'removed widgets still reachable').to.equal(0);
    // the widgets now in the page are alive (the WeakRefs do see a live widget)
    const inPage = new WeakRef(context.querySelector('fhir-lab-trend')!);
    await collectGarbage();
    expect(inPage.deref()).to.not.equal(undefined);
  });
});

/**
 * Takes every widget out of the context, puts new ones in and switches the patient while they load.
 * A function of its own: a suspended async function keeps its locals, and the test's must not hold
 * the widgets it took out.
 */
async function replaceWidgets(context: FhirContext, patient: string, removed: WeakRef<Widget>[]): Promise<void> {
  const fresh = WIDGETS.map((tag) => document.createElement(tag) as Widget);
  fresh[3].setAttribute('code', 'http://loinc.org|4548-4');
  for (const child of [...context.children]) {
    if (!WIDGETS.includes(child.localName)) continue;
    removed.push(new WeakRef(child as Widget));
    child.remove();
  }
  const loaded = allLoaded(fresh);
  context.append(...fresh);
  context.patient = patient;
  await loaded;
  expect(fresh.map((widget) => widget.state).filter((state) => state !== 'ready' && state !== 'empty')).to.deep.equal([]);
}
