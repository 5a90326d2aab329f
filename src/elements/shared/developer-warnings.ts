// Console warnings for the developer wiring a page (never shown to the user, never an error
// state): a widget with no data source at all, and `resources` given as an attribute. The checks
// run here, at once; the words (./developer-warning-text.ts) load only when a warning is due, so a
// page wired right never fetches them. If they cannot be loaded, a shorter warning still names the
// element and the problem.
import type * as WarningText from './developer-warning-text.js';

const warned = new WeakMap<Element, Set<string>>();

function once(element: Element, kind: keyof typeof WarningText, value = ''): void {
  const kinds = warned.get(element) ?? new Set<string>();
  if (kinds.has(kind)) return;
  kinds.add(kind);
  warned.set(element, kinds);
  const tag = element.localName;
  import('./developer-warning-text.js').then(
    (text) => console.warn(text[kind](tag, value), element),
    () => console.warn(`<${tag}>: ${kind === 'noSource' ? 'no data source' : '"resources" set as an attribute'} (fhir-elements)`, element),
  );
}

/** True when `element` sits inside a `*-context` element (upgraded or not), across shadow roots. */
export function insideContext(element: Element): boolean {
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element && node.localName.endsWith('-context')) return true;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return false;
}

/**
 * A `resources` attribute is a string (React 18 sets unknown props as attributes:
 * `resources="[object Object]"`): the data never reaches the element. Says how to fix it.
 */
export function warnResourcesAttribute(element: Element): void {
  if (element.hasAttribute('resources')) once(element, 'resourcesAttribute', element.getAttribute('resources') ?? '');
}

/** No `<fhir-context>` around the widget and no `resources`: it waits, idle, and says why once. */
export function warnMissingSource(element: Element): void {
  if (insideContext(element)) return;
  if (element.hasAttribute('resources')) warnResourcesAttribute(element);
  else once(element, 'noSource');
}
