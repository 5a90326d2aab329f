/* global requestAnimationFrame, performance, MessageChannel, MutationObserver, setTimeout, clearTimeout, location, URLSearchParams */
// The four-widget chart page of the README against the local FHIR server at /fhir, for the
// network and memory benchmarks (bench/network.ts, bench/memory.ts). Query: ?patient=<id>&code=<system|code>[&batch]
// [&hie=<the patient's id at the HIE>]: a second source, <fhir-source server="/hie/fhir"> (batch too with &batch)
//   window.chart.done       resolves, in the frame after all four widgets have left `loading`, with
//                           { ms (since navigation start), states }
//   window.chart.connectedAt  when the <fhir-context> went into the page (ms since navigation start)
//   window.chart.switchTo(id)  sets the context's patient and resolves the same way for the new patient
const WIDGETS = ['fhir-patient-summary', 'fhir-allergy-banner', 'fhir-medication-list', 'fhir-lab-trend'];
const TIMEOUT_MS = 60_000;
const params = new URLSearchParams(location.search);

const context = document.createElement('fhir-context');
context.setAttribute('server', '/fhir');
context.setAttribute('patient', params.get('patient') ?? '');
if (params.has('batch')) context.setAttribute('batch', '');
if (params.get('hie')) {
  const source = document.createElement('fhir-source');
  source.setAttribute('server', '/hie/fhir');
  source.setAttribute('patient', params.get('hie'));
  source.setAttribute('label', 'Regional HIE');
  if (params.has('batch')) source.setAttribute('batch', '');
  context.append(source);
}
for (const tag of WIDGETS) {
  const widget = document.createElement(tag);
  if (tag === 'fhir-lab-trend') {
    widget.setAttribute('code', params.get('code') ?? 'http://loinc.org|4548-4');
    widget.setAttribute('range', 'all');
  }
  context.append(widget);
}

function afterNextFrame() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(undefined);
    });
  });
}

const TERMINAL = new Set(['ready', 'empty', 'error']);

/** Resolves when every widget's state has changed since now (or, with `initial`, is set) and is terminal. */
function allSettled(initial) {
  // The widgets only (not a <fhir-source>); placeholders (not defined yet) have no state.
  const widgets = [...context.children].filter((w) => WIDGETS.includes(w.localName) && 'resources' in w);
  const changed = new Set();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      const states = widgets.map((w) => `${w.localName}=${w.getAttribute('state')}`).join(', ');
      reject(new Error(`widgets not settled after ${TIMEOUT_MS} ms: ${states}`));
    }, TIMEOUT_MS);
    const check = (records = []) => {
      for (const record of records) changed.add(record.target);
      const done = widgets.every(
        (w) => (initial ? w.hasAttribute('state') : changed.has(w)) && TERMINAL.has(w.getAttribute('state')),
      );
      if (done) {
        clearTimeout(timer);
        observer.disconnect();
        afterNextFrame().then((ms) =>
          resolve({ ms, states: Object.fromEntries(widgets.map((w) => [w.localName, w.getAttribute('state')])) }),
        );
      }
    };
    const observer = new MutationObserver(check);
    for (const widget of widgets) observer.observe(widget, { attributes: true, attributeFilter: ['state'] });
    check();
  });
}

const placeholders = WIDGETS.filter((tag) => !('resources' in document.createElement(tag)));
window.chart = {
  placeholders,
  done: allSettled(true),
  async switchTo(patient) {
    const settled = allSettled(false);
    context.setAttribute('patient', patient);
    return settled;
  },
};
document.getElementById('chart').append(context);
window.chart.connectedAt = performance.now(); // the bundle has run and the chart markup is in the page
