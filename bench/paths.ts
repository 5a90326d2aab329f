// Where things are, for every part of the benchmark.
import path from 'node:path';

export const root = path.dirname(import.meta.dirname);
export const benchDir = path.join(root, 'bench');
/** Scratch space (gitignored): per-entry bundles, the lit floor. */
export const tmpDir = path.join(benchDir, '.tmp');
export const resultsFile = path.join(benchDir, 'results.json');
/** The run before (gitignored): the comparison's baseline, so a regression is visible. */
export const previousResultsFile = path.join(benchDir, 'results.previous.json');
export const readmeFile = path.join(root, 'README.md');
/** The per-element entries of src/entries/, each measured as a self-contained bundle. */
export const ELEMENT_ENTRIES = ['context', 'patient-summary', 'allergy-banner', 'medication-list', 'lab-trend', 'results', 'cds-cards'] as const;
/** The four original widgets: the page whose total transfer through the autoloader has a goal. */
export const FOUR_WIDGET_TAGS = ['fhir-context', 'fhir-patient-summary', 'fhir-allergy-banner', 'fhir-medication-list', 'fhir-lab-trend'] as const;
