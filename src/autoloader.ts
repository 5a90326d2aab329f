// The autoloader entry (`dist/fhir-elements-autoloader.js`): a few kB that watch the page and load a
// tag's code the first time that tag appears, so a page pays only for the widgets it shows. The
// element modules share one chunk for Lit, the data layer and the common model code.
//
//   <script type="module" src=".../fhir-elements-autoloader.js"></script>
//   <fhir-context …><fhir-allergy-banner></fhir-allergy-banner></fhir-context>
//
// It watches `document` (and any open shadow root it is given with `autoloadRoot(root)`), so tags
// that a framework adds after load are found too. A tag that never appears is never fetched.
// Only `fhir-*` tags load this way; `defineElements({ prefix })` needs the module API instead.

/**
 * Each tag and the module that defines it (a self-registering entry); each resolves, with nothing,
 * once its tag is defined. (The modules' exports are not passed on: an entry whose chunk the tag's
 * lazy parts share would otherwise need a namespace object built for it, and the bundler's runtime
 * helper fetched as one more file.)
 */
export const AUTOLOAD_MODULES: Readonly<Record<string, () => Promise<unknown>>> = {
  'fhir-context': () => import('./entries/context.js').then(() => undefined),
  'fhir-source': () => import('./entries/context.js').then(() => undefined),
  'fhir-patient-summary': () => import('./entries/patient-summary.js').then(() => undefined),
  'fhir-allergy-banner': () => import('./entries/allergy-banner.js').then(() => undefined),
  'fhir-medication-list': () => import('./entries/medication-list.js').then(() => undefined),
  'fhir-lab-trend': () => import('./entries/lab-trend.js').then(() => undefined),
  'fhir-results': () => import('./entries/results.js').then(() => undefined),
  'fhir-cds-cards': () => import('./entries/cds-cards.js').then(() => undefined),
};

const requested = new Map<string, Promise<unknown>>();
const watched = new WeakSet<Node>();

/** Loads the code of `tag` once; resolves when the tag is defined. Unknown tags are ignored. */
export function loadTag(tag: string): Promise<unknown> | undefined {
  const load = AUTOLOAD_MODULES[tag];
  if (!load) return undefined;
  let pending = requested.get(tag);
  if (!pending) {
    pending = load().catch((error: unknown) => {
      requested.delete(tag); // let a later appearance try again
      console.error(`fhir-elements: could not load <${tag}>.`, error);
    });
    requested.set(tag, pending);
  }
  return pending;
}

function visit(node: Node): Promise<unknown>[] {
  const pending: Promise<unknown>[] = [];
  if (!(node instanceof Element || node instanceof Document || node instanceof DocumentFragment)) return pending;
  const found = node instanceof Element && node.localName.startsWith('fhir-') ? [node] : [];
  for (const element of found.concat([...node.querySelectorAll(':not(:defined)')])) {
    if (!customElements.get(element.localName)) {
      const load = loadTag(element.localName);
      if (load) pending.push(load);
    }
  }
  return pending;
}

/** Loads every undefined kit tag under `root` now; resolves when their modules are in. */
export async function discover(root: Document | ShadowRoot | Element = document): Promise<void> {
  await Promise.all(visit(root));
}

/**
 * Watches `root` (the document, or an open shadow root the host tells us about) for kit tags
 * added later, and loads the ones already there.
 */
export function autoloadRoot(root: Document | ShadowRoot | Element): Promise<void> {
  if (!watched.has(root)) {
    watched.add(root);
    new MutationObserver((records) => {
      for (const record of records) record.addedNodes.forEach((node) => void visit(node));
    }).observe(root, { childList: true, subtree: true });
  }
  return discover(root);
}

if (typeof document !== 'undefined' && typeof MutationObserver !== 'undefined') {
  void autoloadRoot(document);
}
