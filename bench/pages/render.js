/* global requestAnimationFrame, performance, MessageChannel, MutationObserver, setTimeout, clearTimeout, customElements, fetch */
// Render benchmark, in the page. bench/render.ts drives it through `window.bench`:
//   await bench.load(key)           fetch /data/<key>.json once, as text (outside any timing)
//   await bench.render({ tag, attributes, key })
//     → { ms, readyMs, paintMs, state, elements }: a fresh element is put in the page and left to
//       settle (no data: state idle); the data set is parsed afresh (nothing cached on the objects
//       from a previous run, and no object shared between resources, as after a real fetch); right
//       after a frame the clock starts, `resources` is assigned, and
//         readyMs = until `state` becomes ready (or empty / error): the script work, not frame-bound;
//         ms      = until the frame after that has been produced (the number): a
//                   requestAnimationFrame callback, then a message posted from it, which runs once
//                   that frame's style, layout and paint are done — so it counts in whole frames;
//         paintMs = that last part, from the rAF callback to the message (style + layout + paint).
//       readyMs + paintMs is the work that must fit in one frame (16 ms) for "within one frame".
const stage = document.getElementById('stage');
const datasets = new Map();
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
    stage.replaceChildren();
    return true;
  },
  async render({ tag, attributes = {}, key }) {
    const source = datasets.get(key);
    if (!source) throw new Error(`data set ${key} is not loaded`);
    stage.replaceChildren();
    await customElements.whenDefined(tag);
    const element = document.createElement(tag);
    if (!('resources' in element)) return { skipped: `${tag} is not a widget yet (placeholder)` };
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    stage.append(element);
    await element.updateComplete;
    await afterNextFrame();
    await afterNextFrame();
    const data = JSON.parse(source);
    let started = 0;
    const { state, at } = await settled(element, () => {
      started = performance.now();
      element.resources = data;
    });
    const { frameStart, ended } = await afterNextFrame();
    return { ms: ended - started, readyMs: at - started, paintMs: ended - frameStart, state, elements: countElements(element) };
  },
};
