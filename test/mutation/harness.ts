// Feeding a batch to every widget the ways a host can: an array or a Bundle of each type, on the
// widget or on a <fhir-context> (with or without its patient attribute, or split between the context
// and a second <fhir-source>), set before or after the element is connected. Then the oracles, and
// on a failure a smaller batch that still fails.
import type { Json } from './mutate.js';
import { checkWidget, settle, shadowRoots, type BatchFacts, type Violation } from './oracles.js';

export const WIDGET_TAGS = [
  'fhir-patient-summary',
  'fhir-allergy-banner',
  'fhir-medication-list',
  'fhir-lab-trend',
  'fhir-results',
  'fhir-cds-cards',
] as const;
export type WidgetTag = (typeof WIDGET_TAGS)[number];

export const SHAPES = ['array', 'searchset', 'collection', 'transaction', 'document', 'batch-response'] as const;
export type Shape = (typeof SHAPES)[number];
/** `context-and-source`: half the batch on the context, half on a second `<fhir-source>` (both naming the patient). */
export const CONTEXTS = ['none', 'context-with-patient', 'context-inferred', 'context-and-source'] as const;
export type ContextMode = (typeof CONTEXTS)[number];
export const TIMINGS = ['before-connect', 'after-connect'] as const;
export type Timing = (typeof TIMINGS)[number];

export interface Delivery {
  shape: Shape;
  context: ContextMode;
  timing: Timing;
  /** The medication list's `status`. */
  medicationStatus: 'active' | 'all';
  /** The results' first `view` (the suite then switches it to the other and checks again). */
  resultsView: ResultsView;
}

export const RESULTS_VIEWS = ['reports', 'flowsheet'] as const;
export type ResultsView = (typeof RESULTS_VIEWS)[number];

/** The CDS Hooks service the cards call: the test server's demo service, which reads the prefetch it is sent. */
export const CDS_SERVICE = '/cds-services';

const entryOf = (resource: Json, i: number) => ({
  fullUrl: resource?.id ? `urn:uuid:${String(resource.id).slice(0, 80)}` : `urn:uuid:entry-${i}`,
  resource,
});

/** The batch in the given shape. */
export function wrap(resources: Json[], shape: Shape, patientId: string): Json {
  switch (shape) {
    case 'array':
      return resources;
    case 'searchset':
      return {
        resourceType: 'Bundle',
        type: 'searchset',
        total: resources.length,
        entry: resources.map((r, i) => ({ ...entryOf(r, i), search: { mode: r?.resourceType === 'Patient' ? 'include' : 'match' } })),
      };
    case 'collection':
      return { resourceType: 'Bundle', type: 'collection', entry: resources.map(entryOf) };
    case 'transaction':
      return {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: resources.map((r, i) => ({ ...entryOf(r, i), request: { method: 'POST', url: String(r?.resourceType ?? 'Basic') } })),
      };
    case 'document':
      return {
        resourceType: 'Bundle',
        type: 'document',
        timestamp: '2026-10-31T00:00:00Z',
        entry: [
          {
            fullUrl: 'urn:uuid:composition',
            resource: {
              resourceType: 'Composition',
              id: 'composition',
              status: 'final',
              type: { text: 'Patient summary' },
              subject: { reference: `Patient/${patientId}` },
              date: '2026-10-31',
              title: 'Patient summary',
              author: [{ display: 'mutation suite' }],
            },
          },
          ...resources.map(entryOf),
        ],
      };
    case 'batch-response': {
      // Nested searchset Bundles, one per resource type, as a batch of searches returns them.
      const byType = new Map<string, Json[]>();
      for (const r of resources) {
        const type = String(r?.resourceType);
        byType.set(type, [...(byType.get(type) ?? []), r]);
      }
      return {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: [...byType.values()].map((list) => ({
          resource: { resourceType: 'Bundle', type: 'searchset', total: list.length, entry: list.map(entryOf) },
          response: { status: '200 OK' },
        })),
      };
    }
  }
}

export interface Rendered {
  host: HTMLElement;
  widgets: HTMLElement[];
}

function makeWidget(tag: WidgetTag, trendCode: string, delivery: Delivery): HTMLElement {
  const el = document.createElement(tag);
  if (tag === 'fhir-lab-trend') el.setAttribute('code', `http://loinc.org|${trendCode}`);
  if (tag === 'fhir-medication-list') el.setAttribute('status', delivery.medicationStatus);
  if (tag === 'fhir-results') el.setAttribute('view', delivery.resultsView);
  if (tag === 'fhir-cds-cards') el.setAttribute('service', CDS_SERVICE);
  return el;
}

/** Mounts `tags` with `resources` delivered as `delivery` says; resolves when every widget settled. */
export async function render(
  resources: Json[],
  patientId: string,
  trendCode: string,
  delivery: Delivery,
  tags: readonly WidgetTag[] = WIDGET_TAGS,
): Promise<Rendered> {
  const host = document.createElement('div');
  host.style.width = '720px';
  const widgets = tags.map((tag) => makeWidget(tag, trendCode, delivery));
  // What each receiver gets: the whole batch, or (context and source) alternate records, the Patient on both.
  const deliveries = new Map<HTMLElement, Json>();
  if (delivery.context === 'none') {
    const data = wrap(resources, delivery.shape, patientId);
    widgets.forEach((w) => {
      host.append(w);
      deliveries.set(w, data);
    });
  } else {
    const context = document.createElement('fhir-context');
    if (delivery.context !== 'context-inferred') context.setAttribute('patient', patientId);
    widgets.forEach((w) => context.append(w));
    host.append(context);
    if (delivery.context === 'context-and-source') {
      const isPatient = (r: Json) => r?.resourceType === 'Patient' && r?.id === patientId;
      const halves: [Json[], Json[]] = [[], []];
      resources.forEach((r, i) => (isPatient(r) ? halves.forEach((half) => half.push(r)) : halves[i % 2]!.push(r)));
      const source = document.createElement('fhir-source');
      source.setAttribute('patient', patientId);
      source.setAttribute('label', 'Second source');
      context.prepend(source);
      deliveries.set(context, wrap(halves[0], delivery.shape, patientId));
      deliveries.set(source, wrap(halves[1], delivery.shape, patientId));
    } else deliveries.set(context, wrap(resources, delivery.shape, patientId));
  }
  const give = () => deliveries.forEach((data, target) => ((target as HTMLElement & { resources?: unknown }).resources = data));
  if (delivery.timing === 'before-connect') {
    give();
    document.body.append(host);
  } else {
    document.body.append(host);
    await new Promise((resolve) => setTimeout(resolve, 0));
    give();
  }
  await settle(widgets);
  return { host, widgets };
}

/** The server path: `tags` in `<fhir-context server="/fhir" patient=…>` (no resources property); resolves when settled. */
export async function renderFromServer(
  patientId: string,
  trendCode: string,
  delivery: Delivery,
  tags: readonly WidgetTag[] = WIDGET_TAGS,
): Promise<Rendered> {
  const host = document.createElement('div');
  host.style.width = '720px';
  const context = document.createElement('fhir-context');
  context.setAttribute('server', '/fhir');
  context.setAttribute('patient', patientId);
  context.setAttribute('timeout', '30000');
  const widgets = tags.map((tag) => makeWidget(tag, trendCode, delivery));
  context.append(...widgets);
  host.append(context);
  document.body.append(host);
  await settle(widgets, 30_000);
  return { host, widgets };
}

/** Switches every `<fhir-results>` to its other view and waits until they settled; returns them. */
export async function switchResultsView(rendered: Rendered): Promise<HTMLElement[]> {
  const results = rendered.widgets.filter((w) => w.localName === 'fhir-results');
  for (const w of results) w.setAttribute('view', w.getAttribute('view') === 'flowsheet' ? 'reports' : 'flowsheet');
  // The view change starts a new load on the next update: wait for it, then for it to settle.
  await Promise.all(results.map((w) => (w as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
  await settle(results);
  return results;
}

/**
 * What a user does to a settled widget: every enabled button (except "Retry", which starts a new
 * load), every `<summary>` ("Show all", details) and every keyboard-focusable group (the chart, the
 * flowsheet's cursor cell) gets focus and the keys it handles. Controls that appear after a click
 * (a detail panel's own "Show all") are clicked on the next pass. At most PER_KIND controls of one
 * kind (same element, part and class) per widget, to keep a batch's clicks bounded. Returns how many
 * controls were activated. Links are not followed.
 */
export async function exercise(widgets: readonly HTMLElement[], passes = 2): Promise<number> {
  let activated = 0;
  for (const widget of widgets) {
    const done = new WeakSet<Element>();
    const perKind = new Map<string, number>();
    for (let pass = 0; pass < passes; pass++) {
      const controls = shadowRoots(widget).flatMap((root) => [...root.querySelectorAll<HTMLElement>(CONTROLS)]);
      let fresh = 0;
      for (const control of controls) {
        if (done.has(control) || !control.isConnected) continue;
        done.add(control);
        const kind = `${control.localName}|${control.getAttribute('part') ?? ''}|${control.className}`;
        const seen = perKind.get(kind) ?? 0;
        if (seen >= PER_KIND) continue;
        perKind.set(kind, seen + 1);
        fresh += 1;
        activated += 1;
        if (control.localName === 'button' || control.localName === 'summary') {
          control.click();
        } else {
          control.focus();
          for (const key of KEYS) {
            control.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
            await afterUpdate(widget);
          }
          control.blur();
        }
        await afterUpdate(widget);
      }
      if (fresh === 0) break;
    }
  }
  return activated;
}

const CONTROLS = 'button:not([disabled]):not([part~="retry"]), summary, [tabindex="0"]:not(a):not(button):not(input)';
const KEYS = ['ArrowLeft', 'Home', 'PageDown', 'ArrowDown', 'Enter'] as const;
const PER_KIND = 3;

/**
 * The widget's update done and settled again (a view or range switch starts a load), a frame drawn
 * and laid out: a click's render and layout cost lands in a task now, not in the next control's.
 */
async function afterUpdate(widget: HTMLElement): Promise<void> {
  await (widget as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  await settle([widget]);
  widget.getBoundingClientRect();
}

/** Every per-widget oracle on a rendered batch (removes nothing). */
export function check(rendered: Rendered, facts: BatchFacts): Violation[] {
  return rendered.widgets.flatMap((w) => checkWidget(w, facts));
}

/**
 * A smaller list of resources that still breaks `oracle` on `tag` (delta debugging: drop chunks
 * while the failure stays). At most `budget` renders.
 */
export async function minimize(
  resources: Json[],
  stillFails: (subset: Json[]) => Promise<boolean>,
  budget = 60,
): Promise<Json[]> {
  let current = resources;
  let chunks = 2;
  let renders = 0;
  while (current.length > 1 && renders < budget) {
    const size = Math.ceil(current.length / chunks);
    let reduced = false;
    for (let start = 0; start < current.length && renders < budget; start += size) {
      const complement = [...current.slice(0, start), ...current.slice(start + size)];
      renders += 1;
      if (complement.length > 0 && (await stillFails(complement))) {
        current = complement;
        chunks = Math.max(chunks - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (chunks >= current.length) break;
      chunks = Math.min(chunks * 2, current.length);
    }
  }
  return current;
}

/** JSON for a reproducer: long strings cut, deep nesting cut, -0 and Infinity spelled out. */
export function printable(value: Json): string {
  const seen = (v: Json, depth: number): Json => {
    if (typeof v === 'string') return v.length > 120 ? `${v.slice(0, 60)}…(${v.length} chars)` : v;
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : Number.isFinite(v) ? v : String(v);
    if (v === null || typeof v !== 'object') return v;
    if (depth > 12) return '…(nested deeper)';
    if (Array.isArray(v)) return v.map((x) => seen(x, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, seen(x, depth + 1)]));
  };
  return JSON.stringify(seen(value, 0), null, 1);
}
