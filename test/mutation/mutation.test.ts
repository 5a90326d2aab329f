// The seeded mutation suite (issue 16): over 10,000 mutated records from the shared fixtures and
// the demo generator, fed to every widget (the six: summary, allergy banner, medication list, lab
// trend, results in both views, CDS cards calling the test server's CDS service with a prefetch of
// the mutated records) through `resources` (an array and every Bundle type, on the widget, on a
// <fhir-context>, or split between the context and a second <fhir-source>, before and after
// connection) and through the local FHIR server.
// Oracles (oracles.ts): settled, never blank, no garbage text, no active content, planted
// entered-in-error and other-patient records never shown, "No known allergies" only when asserted,
// no uncaught error, no render, layout or click that blocks the page: after settling, every control
// of every widget is clicked (exercise in harness.ts) and checked again; a task over FREEZE_MS fails
// at once, one over LONG_TASK_MS (200 ms) re-runs each widget's case alone (and again once) and fails
// a case whose longest task, counted at the CPU share the page had, is over 200 ms in both re-runs
// (confirmLongTasks in oracles.ts).
// A failure prints the seed, the batch, the delivery and a minimal reproducer.
import { expect } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import { ABSENT_KINDS, buildBatch, loadCorpus, type Batch, type Corpus } from './corpus.js';
import {
  CONTEXTS,
  RESULTS_VIEWS,
  SHAPES,
  TIMINGS,
  WIDGET_TAGS,
  check,
  exercise,
  minimize,
  printable,
  render,
  renderFromServer,
  switchResultsView,
  type Delivery,
  type Rendered,
  type WidgetTag,
} from './harness.js';
import type { Json } from './mutate.js';
import { checkFreeze, checkWidget, confirmLongTasks, LONG_TASK_MS, LongTasks, overLimit, PageErrors, rerun, type BatchFacts, type Violation } from './oracles.js';
import { createRng } from './prng.js';

defineElements();

/** Change to explore; a failure names the seed and batch that made it. */
export const SEED = 20260416;
const BATCH_SIZE = 290;
const SERVER_BATCHES = 3;
const SERVER_BATCH_SIZE = 120;
const RUN_TAG = SEED.toString(36);

/** Each batch has its own stream, so one batch can be made again alone. */
const rngFor = (index: number) => createRng((SEED + Math.imul(index + 1, 0x9e3779b9)) >>> 0);

const totals = {
  mutated: 0,
  resourcesRendered: 0,
  batches: 0,
  serverSent: 0,
  serverAccepted: 0,
  kinds: new Map<string, number>(),
  longTasks: [] as string[],
  /** Controls activated after widgets settled (buttons, toggles, keys). */
  clicks: 0,
  clickMs: 0,
  started: 0,
  /** Settled states seen, by widget: the suite is only worth something if widgets render data. */
  states: new Map<string, Map<string, number>>(),
  /** Error messages widgets showed for data given directly (printed: each is worth a look). */
  errorMessages: [] as string[],
  /** The local server failing on records it accepted. */
  serverFindings: [] as string[],
  /** Violations matched by KNOWN_FINDINGS (printed, not failed). */
  known: [] as string[],
};

/** The suite's own lines go to the real console, uncut. */
const report = (...lines: string[]) => originalConsole.get('log')!.call(console, lines.join('\n'));

function tally(widgets: HTMLElement[]): void {
  for (const w of widgets) {
    const byState = totals.states.get(w.localName) ?? new Map<string, number>();
    const state = w.getAttribute('state') ?? '?';
    byState.set(state, (byState.get(state) ?? 0) + 1);
    if (state === 'error') {
      const message = w.shadowRoot?.querySelector('[part~="error-message"]')?.textContent ?? '';
      totals.errorMessages.push(`<${w.localName}> ${message.slice(0, 200)}`);
    }
    totals.states.set(w.localName, byState);
  }
}

/**
 * Faults the suite found that are not fixed yet: each printed on every run (never silently
 * passed), each with the issue to fix it in. Remove an entry when its fault is fixed.
 */
/**
 * Findings not fixed yet: printed, not failed (none now). The CDS cards' "stays loading" with a
 * second source was the suite reading a widget that was still `idle` right after data arrived
 * (see `settle` in oracles.ts), then `loading` a moment later — not a hang.
 */
const KNOWN_FINDINGS: { what: string; matches: (v: Violation, delivery: Delivery) => boolean }[] = [];

let corpus: Corpus;
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const originalConsole = new Map(consoleMethods.map((name) => [name, console[name]]));
/** Console lines that quoted mutated data (a library logging a server string): counted, printed short. */
let consoleLinesWithData = 0;

/** Keeps the CI log readable: a library that logs a 60,000-character server string gets it cut. */
function shortenConsole(): void {
  for (const name of consoleMethods) {
    const original = originalConsole.get(name)!;
    console[name] = (...args: unknown[]) => {
      const text = args.map(String).join(' ');
      if (/lorem ipsum lorem|WWWWWWWW|__mutationPwned|MKEIE|MKOTHER/.test(text)) consoleLinesWithData += 1;
      original.apply(console, args.map((a) => (typeof a === 'string' && a.length > 300 ? `${a.slice(0, 300)}…(${a.length} chars)` : a)));
    };
  }
}
let errors: PageErrors;
let longTasks: LongTasks;

function count(batch: Batch, mutatedShown = batch.mutated): void {
  for (const m of mutatedShown) {
    if (m.mutations.length) totals.mutated += 1;
    for (const done of m.mutations) {
      const kind = done.split(' ')[0]!;
      totals.kinds.set(kind, (totals.kinds.get(kind) ?? 0) + 1);
    }
  }
  totals.batches += 1;
}

function distinct<V extends Violation>(violations: V[]): V[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.oracle} ${v.widget}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type Found = Violation & { view?: Delivery['resultsView'] };

interface CaseResult {
  violations: Found[];
  /** Long tasks (ms, over LONG_TASK_MS) seen from the first render to the last click. */
  long: number[];
}

/**
 * One case: `tags` mounted (by `mount`), checked; the results switched to their other view, checked;
 * every control of every widget clicked (exercise), checked again. `onSettled` sees the widgets
 * after the first render and after the switch (the run's tallies).
 */
async function runCase(mount: () => Promise<Rendered>, facts: BatchFacts, delivery: Delivery, onSettled?: (widgets: HTMLElement[]) => void): Promise<CaseResult> {
  errors.take();
  longTasks.take();
  const rendered = await mount();
  const violations: Found[] = [...check(rendered, facts), ...errors.take()];
  onSettled?.(rendered.widgets);
  // The results' other view, on the same data: checked too (a reproducer renders that view first).
  const switched = await switchResultsView(rendered);
  const otherView = RESULTS_VIEWS.find((v) => v !== delivery.resultsView)!;
  const afterSwitch = [...switched.flatMap((w) => checkWidget(w, facts)), ...errors.take()];
  for (const v of afterSwitch) violations.push({ ...v, message: `${v.message} (after switching to the ${otherView} view)`, view: otherView });
  onSettled?.(switched);
  // Then a user: every button, "Show all", details toggle, view and range switch, the chart's and
  // the flowsheet's keys. Checked after (an exception in a handler, text a panel shows).
  const clicking = performance.now();
  totals.clicks += await exercise(rendered.widgets);
  totals.clickMs += performance.now() - clicking;
  const afterClicks = [...check(rendered, facts), ...errors.take()];
  for (const v of afterClicks) violations.push({ ...v, message: `${v.message} (after clicking every control)`, view: otherView });
  const long = longTasks.take();
  rendered.host.remove();
  return { violations, long };
}

/**
 * The long-task oracle for a batch (oracles.ts): over FREEZE_MS fails at once; over LONG_TASK_MS
 * re-runs each widget's case alone (and a case that blocks again, once more) and fails a case that
 * blocks in both re-runs.
 */
async function longTaskViolations(label: string, long: readonly number[], caseFor: (tag: WidgetTag) => () => Promise<readonly number[]>): Promise<Found[]> {
  const violations: Found[] = checkFreeze(long);
  if (!long.length) return violations;
  totals.longTasks.push(`${label}: ${long.join(', ')} ms`);
  if (!overLimit(long).length) return violations;
  const verdict = await confirmLongTasks(WIDGET_TAGS.map((tag) => ({ widget: tag, run: caseFor(tag) })));
  totals.longTasks.push(...verdict.notes.map((n) => `  ${n}`));
  if (!verdict.violations.length && !verdict.notes.length) totals.longTasks.push('  no widget alone blocked (excused: a pause or a spike, not a cost)');
  return [...violations, ...verdict.violations];
}

/** Renders one batch, checks every oracle; returns failure reports with minimal reproducers. */
async function runBatch(batch: Batch, delivery: Delivery, resources: Json[] = batch.resources): Promise<string[]> {
  const facts = { markers: batch.planted.markers, hasNoKnownAssertion: batch.hasNoKnownAssertion };
  const mount = (tags: readonly WidgetTag[], subset = resources, view = delivery.resultsView) => () =>
    render(subset, batch.patientId, batch.trendCode, { ...delivery, resultsView: view }, tags);
  const first = await runCase(mount(WIDGET_TAGS), facts, delivery, tally);
  const violations: Found[] = [...first.violations];
  violations.push(
    ...(await longTaskViolations(`batch ${batch.index} ${delivery.shape}/${delivery.context}/${delivery.timing}`, first.long, (tag) => async () => (await runCase(mount([tag]), facts, delivery)).long)),
  );
  for (let i = violations.length - 1; i >= 0; i--) {
    const known = KNOWN_FINDINGS.find((k) => k.matches(violations[i]!, delivery));
    if (known) totals.known.push(`batch ${batch.index} ${JSON.stringify(delivery)}: ${known.what}: ${violations.splice(i, 1)[0]!.message}`);
  }
  totals.resourcesRendered += resources.length;
  if (violations.length === 0) return [];
  const where = `seed ${SEED} batch ${batch.index} (absent: ${batch.absent}) delivery ${JSON.stringify(delivery)} trend code ${batch.trendCode}`;
  const reports = [`${where}: ${violations.length} violation(s):\n  ${violations.slice(0, 20).map((v) => `${v.oracle} <${v.widget}> ${v.message}`).join('\n  ')}`];
  // A minimal reproducer for the first violation of each oracle (at most three per batch).
  for (const v of distinct(violations).slice(0, 3)) {
    const tags = (WIDGET_TAGS as readonly string[]).includes(v.widget) ? [v.widget as WidgetTag] : WIDGET_TAGS;
    // The target Patient stays in every subset: without it "another patient" has no meaning.
    const isAnchor = (r: Json) => r?.resourceType === 'Patient' && r?.id === batch.patientId;
    let anchor = resources.filter(isAnchor);
    // A bare Patient (type and id) when that is enough to show the fault.
    const bare = anchor.length ? [{ resourceType: 'Patient', id: batch.patientId }] : [];
    const rest = resources.filter((r) => !isAnchor(r));
    const timed = v.oracle === 'no-long-task' || v.oracle === 'no-freeze';
    const stillFails = async (subset: Json[]) => {
      const mounted = mount(tags, [...anchor, ...subset], v.view ?? delivery.resultsView);
      if (v.oracle === 'no-freeze') return checkFreeze((await runCase(mounted, facts, delivery)).long).length > 0;
      if (v.oracle === 'no-long-task') return (await rerun({ run: async () => (await runCase(mounted, facts, delivery)).long })).counted > LONG_TASK_MS;
      const again = await runCase(mounted, facts, delivery);
      return again.violations.some((x) => x.oracle === v.oracle && x.widget === v.widget);
    };
    const full = anchor;
    anchor = bare;
    if (!(await stillFails(rest))) anchor = full;
    // A timed oracle's reproducer: fewer tries (each is a render and the clicks; a shrink step that
    // happens to run fast is kept, so the list may be a little larger than needed).
    const minimal = [...anchor, ...(await minimize(rest, stillFails, timed ? 30 : 60))];
    reports.push(
      `${where}\n${v.oracle} on <${v.widget}>: ${v.message}\n` +
        `minimal reproducer (${minimal.length} of ${resources.length} resources, given as ${delivery.shape}; the target Patient always kept):\n${printable(minimal)}`,
    );
  }
  return reports;
}

describe('mutation suite (seeded)', function () {
  before(async function () {
    this.timeout(60_000);
    totals.started = performance.now();
    shortenConsole();
    corpus = await loadCorpus();
    errors = new PageErrors();
    longTasks = new LongTasks();
    report(
      `[mutation] seed ${SEED}; ${corpus.records.length} source records and ${corpus.patients.length} patients from ${corpus.sources.length} sources; ` +
        `${corpus.observationsByCode.size} trend codes`,
    );
  });

  after(() => {
    for (const [name, original] of originalConsole) console[name] = original;
    errors?.dispose();
    longTasks?.dispose();
  });

  let index = 0;
  for (const shape of SHAPES) {
    it(`resources as ${shape === 'array' ? 'an array' : `a ${shape} Bundle`}: on the widget, on <fhir-context> (with and without patient) and split with a second <fhir-source>, set before and after connection`, async function () {
      this.timeout(120_000);
      const failures: string[] = [];
      for (const context of CONTEXTS) {
        for (const timing of TIMINGS) {
          const batchIndex = index++;
          const rng = rngFor(batchIndex);
          // Each shape meets every kind of missing record once (rotated over context and timing).
          const absent = ABSENT_KINDS[(batchIndex + Math.floor(batchIndex / ABSENT_KINDS.length)) % ABSENT_KINDS.length];
          const batch = buildBatch(rng, corpus, batchIndex, BATCH_SIZE, RUN_TAG, absent);
          const delivery: Delivery = {
            shape,
            context,
            timing,
            medicationStatus: rng.pick(['active', 'all'] as const),
            resultsView: rng.pick(RESULTS_VIEWS),
          };
          count(batch);
          failures.push(...(await runBatch(batch, delivery)));
        }
      }
      expect(failures, `\n${failures.join('\n\n')}`).to.deep.equal([]);
    });
  }

  it('through the local FHIR server: the mutated records it accepts, read by every widget in a <fhir-context>', async function () {
    this.timeout(120_000);
    const failures: string[] = [];
    for (let k = 0; k < SERVER_BATCHES; k++) {
      const batchIndex = 1000 + k;
      const rng = rngFor(batchIndex);
      const batch = buildBatch(rng, corpus, batchIndex, SERVER_BATCH_SIZE, RUN_TAG);
      const other = `other-${RUN_TAG}-${batchIndex}`;
      // Server-safe ids (duplicated and payload ids cannot be stored); JSON turns Infinity into null.
      // Records too deeply nested for JSON.stringify cannot be sent at all: they stay out.
      // (Measured without recursion; JSON.stringify's own limit depends on which path V8 takes.)
      const serializable = (r: Json) => {
        const stack: [Json, number][] = [[r, 0]];
        while (stack.length) {
          const [node, depth] = stack.pop()!;
          if (depth > 300) return false;
          if (node && typeof node === 'object') for (const child of Object.values(node)) stack.push([child, depth + 1]);
        }
        return true;
      };
      const sendable = batch.mutated.filter((m) => serializable(m.resource));
      const patient = serializable(batch.patient) ? batch.patient : { resourceType: 'Patient', id: batch.patientId };
      const entries = [
        patient,
        { resourceType: 'Patient', id: other, name: [{ family: 'Other' }] },
        ...sendable.map((m, i) => {
          m.resource.id = `m${RUN_TAG}-${batchIndex}-${i}`;
          return m.resource;
        }),
        ...batch.planted.resources,
      ].map((resource: Json) => ({ resource, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` } }));
      const response = await fetch('/fhir', {
        method: 'POST',
        headers: { 'Content-Type': 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: entries }),
      });
      expect(response.status, 'the batch was processed').to.equal(200);
      const result = (await response.json()) as { entry?: { response?: { status?: string } }[] };
      const accepted = (i: number) => /^2/.test(result.entry?.[i]?.response?.status ?? '');
      expect(accepted(0), 'the (lightly mutated) Patient was stored').to.equal(true);
      const plantedFrom = 2 + sendable.length;
      const plantedRejected = batch.planted.resources.filter((_, i) => !accepted(plantedFrom + i)).map((r: Json) => r.id);
      expect(plantedRejected, 'every planted record was stored').to.deep.equal([]);
      const kept = sendable.filter((_, i) => accepted(2 + i));
      totals.serverSent += sendable.length;
      totals.serverAccepted += kept.length;
      count(batch, kept);
      // Through the server: the context names the patient; the widgets search.
      const delivery: Delivery = {
        shape: 'array',
        context: 'context-with-patient',
        timing: 'before-connect',
        medicationStatus: 'all',
        resultsView: k % 2 ? 'flowsheet' : 'reports',
      };
      failures.push(...(await runServerBatch(batch, delivery)));
    }
    report(`[mutation] server: ${totals.serverAccepted} of ${totals.serverSent} mutated records accepted`);
    expect(totals.serverAccepted, 'the server accepted some mutated records').to.be.greaterThan(0);
    expect(failures, `\n${failures.join('\n\n')}`).to.deep.equal([]);
  });

  it(`mutated at least 10,000 records and printed the run's numbers`, () => {
    const seconds = ((performance.now() - totals.started) / 1000).toFixed(1);
    report(
      `[mutation] seed ${SEED}: ${totals.mutated} mutated records in ${totals.batches} batches (${totals.resourcesRendered} resources given through resources), ${seconds} s in the browser\n` +
        `[mutation] settled states: ${[...totals.states].map(([tag, m]) => `${tag} ${[...m].map(([k, n]) => `${k} ${n}`).join('/')}`).join('; ')}\n` +
        `[mutation] error states: ${totals.errorMessages.length ? `\n  ${totals.errorMessages.join('\n  ')}` : 'none'}\n` +
        `[mutation] KNOWN FINDINGS (not fixed yet, not failed): ${totals.known.length ? `\n  ${totals.known.join('\n  ')}` : 'none'}\n` +
        `[mutation] local server findings: ${totals.serverFindings.length ? `\n  ${totals.serverFindings.join('\n  ')}` : 'none'}\n` +
        `[mutation] mutations by kind: ${[...totals.kinds].map(([k, n]) => `${k} ${n}`).join(', ')}\n` +
        `[mutation] console lines quoting mutated data (from the kit or a library it calls): ${consoleLinesWithData}\n` +
        `[mutation] controls clicked after settling: ${totals.clicks} (${(totals.clickMs / 1000).toFixed(1)} s)\n` +
        `[mutation] long tasks > ${LONG_TASK_MS} ms (over FREEZE_MS fails; over ${LONG_TASK_MS} ms re-run alone, twice, fails if it repeats): ${totals.longTasks.length ? `\n  ${totals.longTasks.join('\n  ')}` : 'none'}`,
    );
    expect(totals.mutated).to.be.at.least(10_000);
    // Not vacuous: every widget rendered data (ready) in some batches.
    // (The CDS cards: answered at least once, cards or none: the demo service's rules rarely fire on
    // random records. A record nested too deep to serialize is left out of the call and counted,
    // issue 16; any error state is printed above.)
    for (const tag of WIDGET_TAGS) {
      const seen = totals.states.get(tag);
      const answered = (seen?.get('ready') ?? 0) + (tag === 'fhir-cds-cards' ? (seen?.get('empty') ?? 0) : 0);
      expect(answered, `${tag} was ready at least once`).to.be.greaterThan(0);
    }
  });
});

/** The server path: widgets in `<fhir-context server="/fhir" patient=…>`; no resources property. */
async function runServerBatch(batch: Batch, delivery: Delivery): Promise<string[]> {
  const facts = { markers: batch.planted.markers, hasNoKnownAssertion: batch.hasNoKnownAssertion };
  const mount = (tags: readonly WidgetTag[]) => () => renderFromServer(batch.patientId, batch.trendCode, delivery, tags);
  let sawError = false;
  const first = await runCase(mount(WIDGET_TAGS), facts, delivery, (widgets) => {
    tally(widgets);
    sawError ||= widgets.some((w) => w.getAttribute('state') === 'error');
  });
  const violations = [
    ...first.violations,
    ...(await longTaskViolations(`server batch ${batch.index}`, first.long, (tag) => async () => (await runCase(mount([tag]), facts, delivery)).long)),
  ];
  if (sawError) await diagnoseServerError(batch);
  return violations.length
    ? [`seed ${SEED} server batch ${batch.index} (patient ${batch.patientId} on /fhir):\n  ${violations.map((v) => `${v.oracle} <${v.widget}> ${v.message}`).join('\n  ')}`]
    : [];
}

/**
 * A widget in `error` on the server path means the local server failed on data it had accepted:
 * print which stored record makes the widget's search fail (a server finding, not a widget one).
 */
async function diagnoseServerError(batch: Batch): Promise<void> {
  const search = `Observation?patient=${batch.patientId}&code=${encodeURIComponent(`http://loinc.org|${batch.trendCode}`)}`;
  const status = async (query: string) => (await fetch(`/fhir/${query}`)).status;
  const sorted = await status(`${search}&_sort=date`);
  const unsorted = await status(search);
  const outcome = (await (await fetch(`/fhir/${search}`)).text()).slice(0, 300);
  const culprits: string[] = [];
  const all = await fetch(`/fhir/Observation?patient=${batch.patientId}&_count=1000`);
  if (all.ok) {
    const bundle = (await all.json()) as { entry?: { resource: Json }[] };
    const code = encodeURIComponent(`http://loinc.org|${batch.trendCode}`);
    for (const { resource } of bundle.entry ?? []) {
      if ((await status(`Observation?_id=${resource.id}&code=${code}`)) >= 500) culprits.push(printable(resource));
      if (culprits.length >= 2) break;
    }
  }
  totals.serverFindings.push(
    `server batch ${batch.index}: GET /fhir/${search}&_sort=date -> ${sorted}; without _sort -> ${unsorted}: ${outcome}` +
      (culprits.length ? `\n  a stored record that alone makes the search fail (GET Observation?_id=<its id>&code=…):\n${culprits.join('\n')}` : ''),
  );
}
