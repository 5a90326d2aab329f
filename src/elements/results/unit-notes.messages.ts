// The English words of <fhir-results>' flowsheet for a test recorded in several units: they come with
// unit-notes.ts, loaded only for such a record.
import { formatFor, type PluralForms } from '../../i18n/format.js';
import type { ResultsUnitWords } from './results.messages.js';

const en = formatFor('en-GB', 'nhs-cui');
const p = (count: number, forms: PluralForms): string => en.plural(count, forms);

export const resultsUnitsEn: ResultsUnitWords = {
  unitsConverted: (from, count, to) =>
    p(count, { one: `# result converted from ${from} to ${to}`, other: `# results converted from ${from} to ${to}` }),
  unitsSplit: (others) => `Also reported in ${others}: shown on a separate row`,
  convertedFrom: (value) => `recorded as ${value}`,
};
