// The single-file entry for host pages: `<script type="module" src=".../fhir-elements.js">`
// defines every tag. Everything else is exported for hosts that import the kit as a module.
import { defineElements } from './define.js';

defineElements();

export * from './index.js';
