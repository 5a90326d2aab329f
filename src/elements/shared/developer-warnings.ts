// Console warnings for the developer wiring a page (never shown to the user, never an error
// state): a widget with no data source at all, and `resources` given as an attribute.

const warned = new WeakMap<Element, Set<string>>();

function once(element: Element, kind: string, message: string): void {
  const kinds = warned.get(element) ?? new Set<string>();
  if (kinds.has(kind)) return;
  kinds.add(kind);
  warned.set(element, kinds);
  console.warn(message, element);
}

/** True when `element` sits inside a `*-context` element (upgraded or not), across shadow roots. */
function insideContext(element: Element): boolean {
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
  if (!element.hasAttribute('resources')) return;
  once(
    element,
    'resources-attribute',
    `<${element.localName}>: "resources" was set as an attribute (${JSON.stringify(
      (element.getAttribute('resources') ?? '').slice(0, 40),
    )}), which cannot carry FHIR data and is ignored. Set it as a property instead: ` +
      `element.resources = bundle (in React 18, through a ref: ref={(el) => { if (el) el.resources = bundle; }}).`,
  );
}

/** No `<fhir-context>` around the widget and no `resources`: it waits, idle, and says why once. */
export function warnMissingSource(element: Element): void {
  if (insideContext(element)) return;
  if (element.hasAttribute('resources')) {
    warnResourcesAttribute(element);
    return;
  }
  once(
    element,
    'no-source',
    `<${element.localName}> has no data source: place it inside <fhir-context> (server and patient, smart, client ` +
      `or resources), or set its resources property. It stays idle until then.`,
  );
}
