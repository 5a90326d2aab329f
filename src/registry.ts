// Registering one element class under `<prefix>-<name>`, safely: idempotent, and a class that is
// already registered under another prefix gets a subclass (a constructor can be defined only once).

export interface DefineOptions {
  /** Tag prefix, default `fhir` (`fhir-context`, `fhir-lab-trend` …). */
  prefix?: string;
}

/** Registers `element` as `<prefix>-<name>` unless that tag exists; returns the tag. */
export function registerElement(name: string, element: CustomElementConstructor, options: DefineOptions = {}): string {
  const prefix = options.prefix ?? 'fhir';
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(prefix)) {
    throw new Error(`defineElements: "${prefix}" is not a valid custom element prefix.`);
  }
  const tag = `${prefix}-${name}`;
  // Imported on a server (SSR) with no registry: nothing to register; the browser does it.
  if (typeof customElements === 'undefined') return tag;
  if (!customElements.get(tag)) {
    const alreadyUsed = customElements.getName?.(element) != null;
    customElements.define(tag, alreadyUsed ? class extends (element as typeof HTMLElement) {} : element);
  }
  return tag;
}
