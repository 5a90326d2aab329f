// Where things are, for every part of the benchmark.
import path from 'node:path';

export const root = path.dirname(import.meta.dirname);
export const benchDir = path.join(root, 'bench');
/** Scratch space (gitignored): per-entry bundles, the lit floor. */
export const tmpDir = path.join(benchDir, '.tmp');
export const resultsFile = path.join(benchDir, 'results.json');
/** The per-element entries of src/entries/, each measured as a self-contained bundle. */
export const ELEMENT_ENTRIES = ['context', 'patient-summary', 'allergy-banner', 'medication-list', 'lab-trend', 'results', 'cds-cards'] as const;
