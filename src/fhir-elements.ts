// The single-file entry for host pages: `<script type="module" src=".../fhir-elements.js">`
// defines every tag. Everything else is exported for hosts that import the kit as a module.
import { defineElements, ELEMENTS, type DefineOptions, type ElementName } from './define.js';
import { registerElement } from './registry.js';

defineElements();

export * from './index.js';

/**
 * As `defineElement` of the module API, but every element is already in this file: no lazy
 * per-element import (which would split the one file into chunks).
 */
export async function defineElement(name: ElementName, options: DefineOptions = {}): Promise<string> {
  registerElement('source', ELEMENTS.source, options); // more sources for the same patient (<fhir-source>)
  registerElement('context', ELEMENTS.context, options);
  return registerElement(name, ELEMENTS[name], options);
}
