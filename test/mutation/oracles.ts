// The mutation suite's oracles: what must hold for every widget, whatever data it was given.
// Each returns violations (never throws), so a batch reports every broken rule at once.

export const SETTLED_STATES = ['ready', 'empty', 'error', 'idle'] as const;

export interface Violation {
  oracle: string;
  widget: string;
  message: string;
}

/** Text a user or assistive technology gets that means a widget printed a value it did not have. */
export const FORBIDDEN_TEXT = /\bundefined\b|\bNaN\b|\[object Object\]|Invalid Date/;

/** Attributes that name an element to assistive technology or show as tooltips. */
const NAME_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'aria-placeholder', 'title', 'alt', 'placeholder'];
const URL_ATTRIBUTES = ['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'poster', 'background', 'ping'];
const DANGEROUS_ELEMENTS = new Set(['SCRIPT', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'BASE', 'META', 'LINK']);

/** Every shadow root under (and including) `el`'s, depth first. */
export function shadowRoots(el: Element): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const visit = (root: ShadowRoot) => {
    out.push(root);
    for (const child of root.querySelectorAll('*')) if (child.shadowRoot) visit(child.shadowRoot);
  };
  if (el.shadowRoot) visit(el.shadowRoot);
  return out;
}

/** The visible-or-announced text of a root: text nodes outside <style>/<template>. */
export function textOf(root: ShadowRoot): string {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && (parent.tagName === 'STYLE' || parent.closest('template'))) continue;
    parts.push(node.nodeValue ?? '');
  }
  return parts.join(' ');
}

function elementsOf(root: ShadowRoot): Element[] {
  return [...root.querySelectorAll('*')];
}

const isJavascriptUrl = (value: string) =>
  // Browsers drop ASCII whitespace and control characters anywhere in the scheme.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /^javascript:/i.test(value.replace(/[\u0000-\u0020\u007f]/g, ''));

const short = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}…(+${s.length - n} chars)` : s);

/** What a widget shows, looked at as a user and a screen reader would (all nested shadow roots). */
export interface WidgetReading {
  tag: string;
  state: string | null;
  text: string;
  names: string[];
  attributeValues: string[];
  roots: ShadowRoot[];
}

export function readWidget(el: HTMLElement): WidgetReading {
  const roots = shadowRoots(el);
  const names: string[] = [];
  const attributeValues: string[] = [];
  for (const root of roots) {
    for (const node of elementsOf(root)) {
      for (const attr of node.attributes) {
        attributeValues.push(attr.value);
        if (NAME_ATTRIBUTES.includes(attr.name)) names.push(attr.value);
      }
    }
  }
  return {
    tag: el.localName,
    state: el.getAttribute('state') ?? (el as unknown as { state?: string }).state ?? null,
    text: roots.map(textOf).join(' '),
    names,
    attributeValues,
    roots,
  };
}

/** State: settled to ready / empty / error / idle. */
export function checkState(r: WidgetReading): Violation[] {
  return SETTLED_STATES.includes(r.state as (typeof SETTLED_STATES)[number])
    ? []
    : [{ oracle: 'settled', widget: r.tag, message: `state is ${String(r.state)}` }];
}

/** Never blank: some text or an accessible name, and a box with height. */
export function checkNotBlank(r: WidgetReading, el: HTMLElement): Violation[] {
  const hasWords = r.text.trim().length > 0 || r.names.some((n) => n.trim().length > 0);
  const box = el.getBoundingClientRect();
  if (hasWords && box.height > 0 && box.width > 0) return [];
  return [{ oracle: 'not-blank', widget: r.tag, message: `state ${r.state}: ${hasWords ? 'zero-size box' : 'no text, no accessible name'}` }];
}

/** No "undefined", "NaN", "[object Object]", "Invalid Date" in text or accessible names. */
export function checkText(r: WidgetReading): Violation[] {
  const out: Violation[] = [];
  const inText = FORBIDDEN_TEXT.exec(r.text);
  if (inText) {
    const at = inText.index;
    out.push({ oracle: 'no-garbage-text', widget: r.tag, message: `text has "${inText[0]}": …${short(r.text.slice(Math.max(0, at - 80), at + 80))}…` });
  }
  for (const name of r.names) {
    const found = FORBIDDEN_TEXT.exec(name);
    if (found) out.push({ oracle: 'no-garbage-text', widget: r.tag, message: `accessible name has "${found[0]}": ${short(name)}` });
  }
  return out;
}

/** No script, iframe (or other active element), handler attribute or javascript: URL in any shadow root. */
export function checkNoActiveContent(r: WidgetReading): Violation[] {
  const out: Violation[] = [];
  for (const root of r.roots) {
    for (const node of elementsOf(root)) {
      if (DANGEROUS_ELEMENTS.has(node.tagName.toUpperCase())) {
        out.push({ oracle: 'no-active-content', widget: r.tag, message: `<${node.localName}> in a shadow root: ${short(node.outerHTML)}` });
      }
      for (const attr of node.attributes) {
        if (/^on/i.test(attr.name)) {
          out.push({ oracle: 'no-active-content', widget: r.tag, message: `handler attribute ${attr.name}="${short(attr.value)}" on <${node.localName}>` });
        } else if ((URL_ATTRIBUTES.includes(attr.name) || attr.name === 'srcdoc') && (attr.name === 'srcdoc' || isJavascriptUrl(attr.value))) {
          out.push({ oracle: 'no-active-content', widget: r.tag, message: `${attr.name}="${short(attr.value)}" on <${node.localName}>` });
        }
      }
    }
  }
  return out;
}

/** Planted entered-in-error and other-patient records: their markers never appear. */
export function checkMarkers(r: WidgetReading, markers: readonly string[]): Violation[] {
  const out: Violation[] = [];
  const haystacks = [r.text, ...r.attributeValues];
  for (const marker of markers) {
    if (haystacks.some((h) => h.includes(marker))) {
      const why = marker.startsWith('MKEIE') ? 'entered-in-error' : 'other-patient';
      out.push({ oracle: 'hidden-records', widget: r.tag, message: `${why} record shown: ${marker}` });
    }
  }
  return out;
}

/**
 * "No known allergies" only when the data asserts it: the widget's own status claim (the allergy
 * status element, `data-status="no-known"`, in the banner and the summary). A recorded allergen
 * whose free text happens to read "No known allergies" (no NKA code) is shown as recorded, under
 * its own status — that is the record's words, not the widget's claim.
 */
export function checkNoKnown(r: WidgetReading, dataAsserts: boolean): Violation[] {
  const claim = r.roots.flatMap((root) => [...root.querySelectorAll('[data-status="no-known"]')])[0];
  return claim && !dataAsserts
    ? [{ oracle: 'no-known-needs-assertion', widget: r.tag, message: `says "${(claim.textContent ?? '').trim()}" but no record asserts it` }]
    : [];
}

export interface BatchFacts {
  markers: readonly string[];
  hasNoKnownAssertion: boolean;
}

/** Every per-widget oracle on one settled widget. */
export function checkWidget(el: HTMLElement, facts: BatchFacts): Violation[] {
  const r = readWidget(el);
  return [
    ...checkState(r),
    ...checkNotBlank(r, el),
    ...checkText(r),
    ...checkNoActiveContent(r),
    ...checkMarkers(r, facts.markers),
    ...checkNoKnown(r, facts.hasNoKnownAssertion),
  ];
}

/** Waits until every widget is in a settled state with no update pending (or `ms` passed). */
export async function settle(widgets: HTMLElement[], ms = 15_000): Promise<void> {
  const started = performance.now();
  // `idle` counts as settled only once it has lasted IDLE_SETTLED_MS: right after data is given to
  // a connected context, a widget is still `idle` for a moment before its new load starts (reading
  // it then would catch it `loading` a moment later and call that a hang).
  const idleSince = new Map<HTMLElement, number>();
  const done = (el: HTMLElement) => {
    const w = el as HTMLElement & { state?: string; isUpdatePending?: boolean };
    if (!SETTLED_STATES.includes(w.state as (typeof SETTLED_STATES)[number]) || w.isUpdatePending) {
      idleSince.delete(el);
      return false;
    }
    if (w.state !== 'idle') return true;
    if (!idleSince.has(el)) idleSince.set(el, performance.now());
    return performance.now() - idleSince.get(el)! >= IDLE_SETTLED_MS;
  };
  while (!widgets.map(done).every(Boolean) && performance.now() - started < ms) {
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  // One frame for late renders (resize-driven redraws), then layout.
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** How long `idle` must last to count as settled (a load that is about to start is not "settled"). */
const IDLE_SETTLED_MS = 400;

/** Uncaught exceptions and unhandled rejections on the page, and whether a payload ran. */
export class PageErrors {
  readonly errors: string[] = [];
  private readonly onError = (event: Event) => {
    const e = event as ErrorEvent;
    this.errors.push(`uncaught: ${e.message || String(e.error)}`);
  };
  private readonly onRejection = (event: Event) => {
    const reason = (event as PromiseRejectionEvent).reason as { message?: string } | undefined;
    this.errors.push(`unhandled rejection: ${reason?.message ?? String(reason)}`);
  };

  /** `target`: the page (the planted positives use their own target, out of the test framework's sight). */
  constructor(private readonly target: EventTarget = window) {
    target.addEventListener('error', this.onError, true);
    target.addEventListener('unhandledrejection', this.onRejection, true);
  }

  /** Errors since the last call, plus a payload that ran. */
  take(): Violation[] {
    const out = this.errors.splice(0).map((message) => ({ oracle: 'no-uncaught-errors', widget: '(page)', message }));
    const w = window as unknown as { __mutationPwned?: unknown };
    if (w.__mutationPwned !== undefined) {
      out.push({ oracle: 'no-active-content', widget: '(page)', message: 'a markup payload ran (window.__mutationPwned set)' });
      delete w.__mutationPwned;
    }
    return out;
  }

  dispose(): void {
    this.target.removeEventListener('error', this.onError, true);
    this.target.removeEventListener('unhandledrejection', this.onRejection, true);
  }
}

/**
 * A render, layout or click that freezes the page: a long task over FREEZE_MS fails the batch at
 * once (the fault this guards against froze the page for 5–14 s; no machine load explains that).
 */
export const FREEZE_MS = 2000;

/**
 * The issue's figure: no render, layout or click blocks the page for longer. On a shared 2-core
 * machine a task that long also comes from a GC pause, a neighbour's CPU spike, or a machine so busy
 * that this page runs a fraction of the time. So a batch that shows one re-runs each of its cases
 * (one widget, the same data and delivery, the same clicks) alone, and a case that blocks again runs
 * once more; each re-run's longest task is counted at the share of the CPU the page had around it
 * (`cpuShare`: a task of 600 ms while the page ran half the time is 300 ms of work). A case whose
 * counted task is over LONG_TASK_MS in both re-runs fails: a real cost repeats, a pause or a spike
 * does not, and a starved machine does not make a 50 ms render fail.
 */
export const LONG_TASK_MS = 200;

export function checkFreeze(longTasks: readonly number[]): Violation[] {
  return longTasks
    .filter((ms) => ms > FREEZE_MS)
    .map((ms) => ({ oracle: 'no-freeze', widget: 'page', message: `a ${ms} ms task blocked the page (limit ${FREEZE_MS} ms)` }));
}

/** Tasks over LONG_TASK_MS (and not over FREEZE_MS, which fails by itself). */
export const overLimit = (longTasks: readonly number[]) => longTasks.filter((ms) => ms > LONG_TASK_MS && ms <= FREEZE_MS);

/** A pause between two readings of the clock longer than this is time the OS gave to someone else. */
const STOLEN_GAP_MS = 0.5;

/**
 * The share of the CPU this page's thread had over a short busy probe: wall time minus the pauses
 * between consecutive clock readings (descheduled: another process ran), over wall time. 1 on an
 * idle machine; 0.2 when ten processes share two cores. Never below 0.05.
 */
export function cpuShare(windowMs = 40): number {
  const start = performance.now();
  let last = start;
  let stolen = 0;
  for (let now = start; now - start < windowMs; now = performance.now()) {
    if (now - last > STOLEN_GAP_MS) stolen += now - last;
    last = now;
  }
  const wall = last - start;
  return Math.max(0.05, wall > 0 ? (wall - stolen) / wall : 1);
}

/**
 * Busy for `ms` of this thread's own running time (pauses while another process ran not counted):
 * a planted cost that a busy machine stretches as it stretches a real one.
 */
export function busyFor(ms: number): void {
  let last = performance.now();
  let ran = 0;
  while (ran < ms) {
    const now = performance.now();
    if (now - last <= STOLEN_GAP_MS) ran += now - last;
    last = now;
  }
}

/** One case of a batch, run alone: resolves to the long tasks (ms) seen while it ran. */
export interface LongTaskCase {
  /** The widget (tag) the case renders. */
  widget: string;
  run(): Promise<readonly number[]>;
}

export interface LongTaskVerdict {
  violations: Violation[];
  /** What the re-runs excused or saw, one line per case that blocked at least once (printed). */
  notes: string[];
}

export interface Rerun {
  long: readonly number[];
  share: number;
  /** The longest task over LONG_TASK_MS (not a freeze) at the CPU share the page had; 0 if none. */
  counted: number;
}

/** Runs `c` once: its long tasks, the CPU share around it, its longest task as counted. */
export async function rerun(c: Pick<LongTaskCase, 'run'>): Promise<Rerun> {
  const before = cpuShare();
  const long = await c.run();
  const share = Math.min(1, (before + cpuShare()) / 2);
  const longest = Math.max(0, ...overLimit(long));
  return { long, share, counted: Math.round(longest * share) };
}

const summary = (r: Rerun) => `${r.long.length ? `${r.long.join(', ')} ms` : 'no long task'} at ${Math.round(r.share * 100)} % CPU = ${r.counted} ms`;

/**
 * The long-task oracle, after a batch showed a task over LONG_TASK_MS: each case alone, and a case
 * that blocks again, once more. Counted over LONG_TASK_MS in both re-runs is a violation
 * (`no-long-task`), a task over FREEZE_MS in a re-run too (`no-freeze`); once is noted and excused.
 */
export async function confirmLongTasks(cases: readonly LongTaskCase[]): Promise<LongTaskVerdict> {
  const violations: Violation[] = [];
  const notes: string[] = [];
  const freezes = (c: LongTaskCase, r: Rerun) => checkFreeze(r.long).map((v) => ({ ...v, widget: c.widget, message: `${v.message}, rendered alone` }));
  for (const c of cases) {
    const first = await rerun(c);
    violations.push(...freezes(c, first));
    if (!overLimit(first.long).length) continue;
    if (first.counted <= LONG_TASK_MS) {
      notes.push(`<${c.widget}> alone: ${summary(first)} (excused: the machine was busy)`);
      continue;
    }
    const second = await rerun(c);
    violations.push(...freezes(c, second));
    const seen = `alone: ${summary(first)}; again: ${summary(second)}`;
    if (second.counted > LONG_TASK_MS) {
      violations.push({ oracle: 'no-long-task', widget: c.widget, message: `blocked the page longer than ${LONG_TASK_MS} ms in both re-runs (${seen})` });
    } else notes.push(`<${c.widget}> ${seen} (excused: did not repeat)`);
  }
  return { violations, notes };
}

export class LongTasks {
  readonly seen: number[] = [];
  private readonly observer = new PerformanceObserver((list) => this.record(list.getEntries()));

  constructor(private readonly threshold = LONG_TASK_MS) {
    this.observer.observe({ type: 'longtask' });
  }

  private record(entries: PerformanceEntryList): void {
    for (const entry of entries) if (entry.duration > this.threshold) this.seen.push(Math.round(entry.duration));
  }

  /** Long tasks since the last call. */
  take(): number[] {
    this.record(this.observer.takeRecords());
    return this.seen.splice(0);
  }

  dispose(): void {
    this.observer.disconnect();
  }
}
