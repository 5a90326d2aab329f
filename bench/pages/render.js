/* global console, Element, requestAnimationFrame, performance, MessageChannel, MutationObserver, PerformanceObserver, setTimeout, clearTimeout, customElements, fetch */
// Render benchmark, in the page. bench/render.ts drives it through `window.bench`:
//   await bench.load(key)           fetch /data/<key>.json once, as text (outside any timing)
//   await bench.prepare({ tag, attributes, key })   then   await bench.go()
//     prepare: a fresh element is put in the page and left to settle (no data: state idle); the
//       data set is parsed afresh (nothing cached on the objects from a previous run, and no object
//       shared between resources, as after a real fetch); a frame passes. (The driver reads the
//       main thread's CPU counters between the two calls, and again after go.)
//     go → { ms, readyMs, paintMs, firstDrawMs, state, elements }: right after the next frame the clock starts,
//       `resources` is assigned, and
//         readyMs = until `state` becomes ready (or empty / error): the script work, not frame-bound;
//         ms      = until the frame after that has been produced (the number): a
//                   requestAnimationFrame callback, then a message posted from it, which runs once
//                   that frame's style, layout and paint are done — so it counts in whole frames;
//         paintMs = that last part, from the rAF callback to the message (style + layout + paint).
//       readyMs + paintMs is the work that must fit in one frame (16 ms) for "within one frame".
//       longestTaskMs = the longest task (PerformanceObserver `longtask`, ≥ 50 ms) between the
//       assignment and ready: how long the page was frozen at most (undefined: none that long).
//       firstDrawMs = until the first frame produced while the widget shows a drawing: the lab
//       trend's preview of the newest results (`[data-kind="preview"]`, still loading) or the
//       settled widget (ready, empty or error) — checked in every requestAnimationFrame callback from the assignment on, so
//       a preview drawn but never painted (no frame before the finished trend) does not count.
//   await bench.bare({ key, repeat })
//     → { ms }: the floor for the lab trend, timed in the same page on data parsed afresh the same
//       way: one plain pass over the Observations (parse the date, read the value, fill typed
//       arrays) and a sort by time — what any drawable series costs at least.
// A data set with `repeat: n` is its JSON parsed n times, each copy's Observations given new ids
// and dates moved back by the copy's span (1,000,000 results do not fit in one JSON string).
const stage = document.getElementById('stage');

// Each run's element settles with no data first, so the kit warns "no data source" with the element
// as an argument. With DevTools attached (CDP: this bench) the console keeps every argument it was
// given, so each warned element — and the resources later assigned to it — stayed alive for the
// rest of the page: 100,000 points cost ≈ 133 MB per run, and the 1,000,000-point case (≈ 1.4 GB a
// copy) ran out of memory ("Target crashed") on its second copy. Elements are logged by name here,
// as a page without DevTools open would keep nothing.
for (const level of ['warn', 'error', 'info', 'log']) {
  const original = console[level].bind(console);
  console[level] = (...args) => original(...args.map((arg) => (arg instanceof Element ? `<${arg.localName}>` : arg)));
}
const datasets = new Map();
/** The element and its freshly parsed data between bench.prepare() and bench.go(). */
let prepared;
const TIMEOUT_MS = 120_000;

/** Resolves after the next frame has been produced: { frameStart (rAF callback), ended }. */
function afterNextFrame() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const frameStart = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ frameStart, ended: performance.now() });
      channel.port2.postMessage(undefined);
    });
  });
}

/**
 * Resolves with the time the first frame was produced in which `element` shows a drawing (a
 * preview, or any state but loading): each frame's requestAnimationFrame callback looks; when it
 * finds one, a message posted from it runs once that frame is painted.
 */
function firstDrawing(element) {
  return new Promise((resolve) => {
    const look = () => {
      const settledState = ['ready', 'empty', 'error'].includes(element.getAttribute('state'));
      const drawn = settledState || element.shadowRoot?.querySelector('[data-kind="preview"]');
      if (!drawn) return requestAnimationFrame(look);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(undefined);
    };
    requestAnimationFrame(look);
  });
}

/** Resolves with the state once the widget, after `start()`, has changed state and is no longer loading. */
function settled(element, start) {
  return new Promise((resolve, reject) => {
    let changed = false; // the state attribute has changed since start(): the new load has run
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${element.localName} still "${element.getAttribute('state')}" after ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    const check = (records = []) => {
      if (records.length > 0) changed = true;
      const state = element.getAttribute('state');
      if (changed && (state === 'ready' || state === 'empty' || state === 'error')) {
        clearTimeout(timer);
        observer.disconnect();
        resolve({ state, at: performance.now() });
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(element, { attributes: true, attributeFilter: ['state'] });
    start();
    check();
  });
}

function countElements(node) {
  let count = 0;
  const walk = (root) => {
    for (const child of root.querySelectorAll('*')) {
      count += 1;
      if (child.shadowRoot) walk(child.shadowRoot);
    }
  };
  if (node.shadowRoot) walk(node.shadowRoot);
  return count;
}

/** The data set's resources, parsed afresh; `repeat` copies of its Observations, each earlier than the last. */
function parseData(source, repeat = 1) {
  const data = JSON.parse(source);
  if (repeat <= 1) return data;
  const observations = data.filter((r) => r.resourceType === 'Observation');
  const times = observations.map((o) => Date.parse(o.effectiveDateTime)).filter((t) => !Number.isNaN(t));
  const span = Math.max(...times) - Math.min(...times) + 86_400_000;
  for (let copy = 1; copy < repeat; copy += 1) {
    for (const o of JSON.parse(source)) {
      if (o.resourceType !== 'Observation') continue;
      o.id = `${o.id}-r${copy}`;
      const t = Date.parse(o.effectiveDateTime);
      if (!Number.isNaN(t)) o.effectiveDateTime = new Date(t - copy * span).toISOString();
      data.push(o);
    }
  }
  return data;
}

/** The bare pass: dates and values of the Observations into typed arrays, then sorted by time. */
function barePass(resources) {
  const n = resources.length;
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i += 1) {
    const r = resources[i];
    if (r.resourceType !== 'Observation') continue;
    const time = Date.parse(r.effectiveDateTime);
    const value = r.valueQuantity?.value;
    if (Number.isNaN(time) || typeof value !== 'number') continue;
    times[count] = time;
    values[count] = value;
    count += 1;
  }
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) order[i] = i;
  order.sort((a, b) => times[a] - times[b]);
  return { order, times, values };
}

window.bench = {
  async ready() {
    await customElements.whenDefined('fhir-context');
    return true;
  },
  async load(key) {
    if (!datasets.has(key)) {
      const response = await fetch(`/data/${key}.json`);
      if (!response.ok) throw new Error(`/data/${key}.json: ${response.status}`);
      datasets.set(key, await response.text());
    }
    return true;
  },
  drop(key) {
    datasets.delete(key);
    prepared = undefined;
    stage.replaceChildren();
    return true;
  },
  bare({ key, repeat = 1 }) {
    const source = datasets.get(key);
    if (!source) throw new Error(`data set ${key} is not loaded`);
    stage.replaceChildren();
    const data = parseData(source, repeat);
    const started = performance.now();
    const { order } = barePass(data);
    const ms = performance.now() - started;
    return { ms, count: order.length };
  },
  async prepare({ tag, attributes = {}, key, repeat = 1 }) {
    prepared = undefined;
    const source = datasets.get(key);
    if (!source) throw new Error(`data set ${key} is not loaded`);
    stage.replaceChildren();
    await customElements.whenDefined(tag);
    const element = document.createElement(tag);
    if (!('resources' in element)) return { skipped: `${tag} is not a widget yet (placeholder)` };
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    stage.append(element);
    await element.updateComplete;
    const data = parseData(source, repeat);
    await afterNextFrame();
    prepared = { element, data };
    return {};
  },
  /** Two frames and nothing else: what the measuring itself costs the main thread (the CPU floor). */
  async idle() {
    await afterNextFrame();
    await afterNextFrame();
    return {};
  },
  async go() {
    if (!prepared) throw new Error('bench.go() without bench.prepare()');
    const { element, data } = prepared;
    prepared = undefined;
    await afterNextFrame();
    let started = 0;
    const tasks = [];
    const longTasks = typeof PerformanceObserver !== 'undefined' ? new PerformanceObserver((list) => tasks.push(...list.getEntries())) : undefined;
    try {
      longTasks?.observe({ type: 'longtask' });
    } catch {
      // no longtask entries in this browser: longestTaskMs stays undefined
    }
    let drawn;
    const { state, at } = await settled(element, () => {
      started = performance.now();
      element.resources = data;
      drawn = firstDrawing(element);
    });
    const { frameStart, ended } = await afterNextFrame();
    const firstDrawMs = (await drawn) - started;
    tasks.push(...(longTasks?.takeRecords() ?? []));
    longTasks?.disconnect();
    const during = tasks.filter((task) => task.startTime + task.duration > started && task.startTime < at);
    const longestTaskMs = during.length ? Math.max(...during.map((task) => task.duration)) : undefined;
    return { ms: ended - started, readyMs: at - started, paintMs: ended - frameStart, firstDrawMs, longestTaskMs, state, elements: countElements(element) };
  },
};
