// Each oracle of the mutation suite can fail: one planted violation per oracle, in a rendered
// widget's shadow root or in a fake widget, and the oracle reports it (and passes the clean case).
import { expect } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import { exercise, minimize, render } from './harness.js';
import {
  FREEZE_MS,
  LONG_TASK_MS,
  LongTasks,
  busyFor,
  confirmLongTasks,
  cpuShare,
  overLimit,
  PageErrors,
  checkFreeze,
  checkMarkers,
  checkNoActiveContent,
  checkNoKnown,
  checkNotBlank,
  checkState,
  checkText,
  checkWidget,
  readWidget,
  settle,
} from './oracles.js';

defineElements();

/** A stand-in widget whose shadow root a test writes directly. */
class FakeWidget extends HTMLElement {
  state = 'ready';
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }
}
customElements.define('mutation-fake-widget', FakeWidget);

function fake(markup: string, state = 'ready'): FakeWidget {
  const el = document.createElement('mutation-fake-widget') as FakeWidget;
  el.state = state;
  el.setAttribute('state', state);
  // Planted on purpose: the oracle under test must see this markup.
  el.shadowRoot!.innerHTML = markup;
  document.body.append(el);
  return el;
}

const facts = { markers: ['MKOTHERplanted', 'MKEIEplanted'], hasNoKnownAssertion: false };
const oracles = (el: HTMLElement) => checkWidget(el, facts).map((v) => v.oracle);

/** A real widget, rendered from clean data, to plant violations into. */
async function realWidget() {
  const resources = [
    { resourceType: 'Patient', id: 'p1', name: [{ family: 'Planted', given: ['Oracle'] }] },
    {
      resourceType: 'AllergyIntolerance',
      id: 'a1',
      patient: { reference: 'Patient/p1' },
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
      code: { text: 'Penicillin' },
    },
  ];
  const delivery = { shape: 'array', context: 'none', timing: 'before-connect', medicationStatus: 'active', resultsView: 'reports' } as const;
  const rendered = await render(resources, 'p1', '1234-5', delivery, ['fhir-allergy-banner']);
  return { el: rendered.widgets[0]!, host: rendered.host };
}

describe('mutation oracles: each catches one planted violation', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('mutation-fake-widget')) el.remove();
  });

  it('a clean rendered widget passes every oracle', async () => {
    const { el, host } = await realWidget();
    expect(el.getAttribute('state')).to.equal('ready');
    expect(checkWidget(el, facts)).to.deep.equal([]);
    host.remove();
  });

  it('settle waits past a brief idle: a load that starts after data arrives is read when it ends', async () => {
    const el = fake('<p>x</p>', 'idle');
    setTimeout(() => ((el.state = 'loading'), el.setAttribute('state', 'loading')), 100);
    setTimeout(() => ((el.state = 'ready'), el.setAttribute('state', 'ready')), 250);
    await settle([el], 5000);
    expect(el.state).to.equal('ready');
    expect(checkState(readWidget(el))).to.deep.equal([]);
    el.remove();
  });

  it('settled: a widget still loading is caught', async () => {
    const el = fake('<p>Loading allergies…</p>', 'loading');
    await settle([el], 50);
    expect(checkState(readWidget(el)).map((v) => v.oracle)).to.deep.equal(['settled']);
  });

  it('not blank: an empty shadow root is caught, so is a zero-size box', () => {
    expect(checkNotBlank(readWidget(fake('')), fake('')).map((v) => v.oracle)).to.deep.equal(['not-blank']);
    const hidden = fake('<p style="display:none">text</p>');
    hidden.style.display = 'none';
    expect(oracles(hidden)).to.include('not-blank');
  });

  it('garbage text: "undefined", "NaN", "[object Object]", "Invalid Date" in text or an accessible name', async () => {
    for (const word of ['undefined', 'NaN', '[object Object]', 'Invalid Date']) {
      expect(checkText(readWidget(fake(`<p>Dose ${word} mg</p>`))).length, word).to.equal(1);
      expect(checkText(readWidget(fake(`<button aria-label="Open ${word}">x</button>`))).length, word).to.equal(1);
    }
    const { el, host } = await realWidget();
    el.shadowRoot!.querySelector('[part]')!.setAttribute('title', 'recorded Invalid Date');
    expect(checkWidget(el, facts).map((v) => v.oracle)).to.deep.equal(['no-garbage-text']);
    host.remove();
  });

  it('active content: script, iframe, handler attribute, javascript: URL (also with whitespace tricks), srcdoc', async () => {
    const cases = [
      '<p>x</p><script>1</script>',
      '<p>x</p><iframe></iframe>',
      '<p onclick="1">x</p>',
      '<a href="javascript:alert(1)">x</a>',
      '<a href=" java\tscript:alert(1)">x</a>',
      '<svg><a href="JAVASCRIPT:1"><text>x</text></a></svg>',
      '<p>x</p><object></object>',
    ];
    for (const markup of cases) expect(checkNoActiveContent(readWidget(fake(markup))).length, markup).to.be.greaterThan(0);
    expect(checkNoActiveContent(readWidget(fake('<a href="https://example.org/">ok</a><p>&lt;script&gt; as text</p>')))).to.deep.equal([]);
    const { el, host } = await realWidget();
    const img = document.createElement('img');
    img.setAttribute('onerror', 'void 0');
    el.shadowRoot!.append(img);
    expect(checkWidget(el, facts).map((v) => v.oracle)).to.include('no-active-content');
    host.remove();
  });

  it('hidden records: a planted entered-in-error or other-patient marker in text or an attribute', async () => {
    expect(checkMarkers(readWidget(fake('<li>MKOTHERplanted</li>')), facts.markers)[0]?.message).to.match(/other-patient/);
    expect(checkMarkers(readWidget(fake('<li data-x="MKEIEplanted">x</li>')), facts.markers)[0]?.message).to.match(/entered-in-error/);
    const { el, host } = await realWidget();
    const li = document.createElement('li');
    li.textContent = 'MKOTHERplanted 8,675.309';
    el.shadowRoot!.append(li);
    expect(checkWidget(el, facts).map((v) => v.oracle)).to.deep.equal(['hidden-records']);
    host.remove();
  });

  it('the oracles read <fhir-results> (each view) and <fhir-cds-cards> as they read the first four', async () => {
    const resources = [
      { resourceType: 'Patient', id: 'p1', name: [{ family: 'Planted' }] },
      {
        resourceType: 'DiagnosticReport',
        id: 'r1',
        status: 'final',
        subject: { reference: 'Patient/p1' },
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
        code: { text: 'Basic panel' },
        effectiveDateTime: '2026-01-02',
        result: [{ reference: 'Observation/o1' }],
      },
      {
        resourceType: 'Observation',
        id: 'o1',
        status: 'final',
        subject: { reference: 'Patient/p1' },
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
        code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }], text: 'Glucose' },
        effectiveDateTime: '2026-01-02',
        valueQuantity: { value: 5.4, unit: 'mmol/L' },
      },
    ];
    for (const view of ['reports', 'flowsheet'] as const) {
      const delivery = { shape: 'array', context: 'none', timing: 'before-connect', medicationStatus: 'active', resultsView: view } as const;
      const rendered = await render(resources, 'p1', '2345-7', delivery, ['fhir-results', 'fhir-cds-cards']);
      const [results, cards] = rendered.widgets as [HTMLElement, HTMLElement];
      expect(results.getAttribute('state'), view).to.equal('ready');
      expect(['ready', 'empty']).to.include(cards.getAttribute('state'));
      expect(checkWidget(results, facts), view).to.deep.equal([]);
      expect(checkWidget(cards, facts)).to.deep.equal([]);
      for (const el of [results, cards]) {
        const li = document.createElement('li');
        li.textContent = 'MKEIEplanted';
        li.setAttribute('title', 'NaN');
        el.shadowRoot!.append(li);
        expect(checkWidget(el, facts).map((v) => v.oracle).sort(), `${el.localName} ${view}`).to.deep.equal(['hidden-records', 'no-garbage-text']);
      }
      rendered.host.remove();
    }
  });

  it('"No known allergies" without an assertion in the data is caught; with one it passes', () => {
    const el = fake('<span part="status" data-status="no-known">No known drug allergies</span>');
    expect(checkNoKnown(readWidget(el), false).map((v) => v.oracle)).to.deep.equal(['no-known-needs-assertion']);
    expect(checkNoKnown(readWidget(el), true)).to.deep.equal([]);
    // An allergen recorded with that free text (no NKA code) is the record's words, under a known status.
    const recorded = fake('<span part="status" data-status="known">Known allergies</span><li part="allergen">No known allergies</li>');
    expect(checkNoKnown(readWidget(recorded), false)).to.deep.equal([]);
  });

  it('uncaught exceptions, unhandled rejections and a payload that ran are caught', async () => {
    // A target of its own: the same events the page gets, unseen by the test framework's handlers.
    const page = new EventTarget();
    const errors = new PageErrors(page);
    try {
      page.dispatchEvent(new ErrorEvent('error', { message: 'planted uncaught', error: new Error('planted uncaught') }));
      const rejected = Promise.reject(new Error('planted rejection'));
      rejected.catch(() => undefined);
      page.dispatchEvent(new PromiseRejectionEvent('unhandledrejection', { promise: rejected, reason: new Error('planted rejection') }));
      (window as unknown as { __mutationPwned?: number }).__mutationPwned = 1;
      const found = errors.take();
      expect(found.map((v) => v.oracle)).to.deep.equal(['no-uncaught-errors', 'no-uncaught-errors', 'no-active-content']);
      expect(found.map((v) => v.message).join(' ')).to.include('planted uncaught').and.include('planted rejection');
      expect(errors.take()).to.deep.equal([]);
    } finally {
      errors.dispose();
    }
  });

  it('long tasks over 200 ms are recorded', async () => {
    const longTasks = new LongTasks();
    const until = performance.now() + 260;
    while (performance.now() < until) {
      // Busy on purpose: one task longer than 200 ms.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    const seen = longTasks.take();
    longTasks.dispose();
    expect(seen.length).to.be.greaterThan(0);
    expect(seen[0]).to.be.greaterThan(200);
  });

  it('no-freeze: a task longer than FREEZE_MS fails the batch', async () => {
    const longTasks = new LongTasks();
    const until = performance.now() + FREEZE_MS + 100;
    while (performance.now() < until) {
      // Busy on purpose: the page frozen for longer than the limit.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    const seen = longTasks.take();
    longTasks.dispose();
    expect(checkFreeze(seen).map((v) => v.oracle)).to.deep.equal(['no-freeze']);
    expect(checkFreeze([250, 840])).to.deep.equal([]);
  });

  it('no-long-task: a case that blocks 300 ms every time fails through both re-runs; one that blocked once is excused', async () => {
    const longTasks = new LongTasks();
    try {
      const plantedCase = (blockMs: () => number) => async () => {
        longTasks.take();
        // Busy on purpose: one task of more than LONG_TASK_MS of work (of the thread's own running time).
        busyFor(blockMs());
        await new Promise((resolve) => setTimeout(resolve, 50));
        return longTasks.take();
      };
      let runs = 0;
      const verdict = await confirmLongTasks([
        { widget: 'planted-repeatable', run: plantedCase(() => LONG_TASK_MS + 100) },
        { widget: 'planted-once', run: plantedCase(() => (runs++ === 0 ? LONG_TASK_MS + 100 : 0)) },
      ]);
      console.log(`[planted] ${verdict.violations.map((v) => v.message).join('; ')} | ${verdict.notes.join('; ')}`);
      // (On a machine so starved that 300 ms of work takes over FREEZE_MS, it is caught as a freeze.)
      expect(verdict.violations.map((v) => v.widget)).to.deep.equal(['planted-repeatable']);
      expect(['no-long-task', 'no-freeze']).to.include(verdict.violations[0]!.oracle);
      expect(runs, 'the case that blocked once was run again').to.equal(2);
      expect(verdict.notes.join('\n')).to.match(/planted-once.*excused/);
      // Over FREEZE_MS fails by itself (no re-run needed), and is not counted twice as a long task.
      expect(overLimit([150, 250, FREEZE_MS + 1])).to.deep.equal([250]);
    } finally {
      longTasks.dispose();
    }
  });

  it('clicks: every control of a settled widget is activated, and a click that blocks 300 ms fails the long-task oracle', async () => {
    const longTasks = new LongTasks();
    const clicked: string[] = [];
    try {
      // A real widget with a planted control whose handler blocks, and a planted details toggle.
      const plantedCase = async () => {
        const { el, host } = await realWidget();
        const button = document.createElement('button');
        button.textContent = 'planted';
        button.addEventListener('click', () => {
          clicked.push('button');
          // Busy on purpose: a click handler that blocks the page.
          busyFor(LONG_TASK_MS + 100);
        });
        const details = document.createElement('details');
        details.innerHTML = '<summary>Show all</summary><p>more</p>';
        details.addEventListener('toggle', () => clicked.push(`details ${details.open ? 'open' : 'closed'}`));
        const retry = document.createElement('button');
        retry.setAttribute('part', 'retry');
        retry.addEventListener('click', () => clicked.push('retry'));
        el.shadowRoot!.append(button, details, retry);
        longTasks.take();
        await exercise([el]);
        await new Promise((resolve) => setTimeout(resolve, 50));
        host.remove();
        return longTasks.take();
      };
      const verdict = await confirmLongTasks([{ widget: 'fhir-allergy-banner', run: plantedCase }]);
      expect(verdict.violations.map((v) => v.widget)).to.deep.equal(['fhir-allergy-banner']);
      expect(['no-long-task', 'no-freeze']).to.include(verdict.violations[0]!.oracle);
      // Run twice (the first re-run and once more); "Retry" never clicked (it starts a new load).
      expect(clicked).to.deep.equal(['button', 'details open', 'button', 'details open']);
    } finally {
      longTasks.dispose();
    }
  });

  it('cpuShare: the share of the CPU the page had (1 when alone, less when the OS ran others)', () => {
    const share = cpuShare();
    expect(share).to.be.within(0.05, 1);
  });

  it('minimize: shrinks a failing list to the resources that make it fail', async () => {
    const list = Array.from({ length: 40 }, (_, i) => ({ id: i }));
    const minimal = await minimize(list, async (subset) => subset.some((r) => r.id === 7) && subset.some((r) => r.id === 31));
    expect(minimal.map((r) => r.id)).to.deep.equal([7, 31]);
  });
});
