// What the flowsheet of <fhir-results> says about a test recorded in several units (DESIGN.md §3 rule 5):
// the results converted into a row's unit and the units split off to rows of their own (in its row
// header), and each converted value as recorded (in its cell). Its own module, with its words, loaded
// with the flowsheet's model only when a row has such a note (src/model/flowsheet-units.ts made it):
// a flowsheet whose every test keeps one unit does not load it. It imports no value of the flowsheet's
// module (which loads it): the flowsheet hands it what it needs (a value's words), so that module's
// chunk exports nothing but its own API.
import { html, type TemplateResult } from 'lit';
import type { Format } from '../../i18n/format.js';
import type { FlowsheetCell, FlowsheetRow } from '../../model/flowsheet.js';
import type { ResultsMessages } from './results.messages.js';
import type { quantityText, Separators } from './result-text.js';
import { resultsUnitsEn } from './unit-notes.messages.js';
import { registerEnglish } from '../../i18n/registry.js';

// This part's English words come with it.
registerEnglish('results', resultsUnitsEn);

/** A row header's notes: how many results were converted from which unit, and the units split off. */
export function rowNotes(row: FlowsheetRow, t: ResultsMessages, separator: Separators): TemplateResult[] {
  const notes = [
    ...row.converted.map((c) => t.unitsConverted(c.from, c.count, row.unit)),
    ...(row.splitFrom.length ? [t.unitsSplit(row.splitFrom.join(separator.list))] : []),
  ];
  return notes.map((n) => html`<span class="unit-note">${n}</span>`);
}

/**
 * A converted cell value as recorded, after the value: ` (recorded as 1.2 mg/dL)`; '' for a value as
 * recorded. `words`: the flowsheet's `quantityText`.
 */
export function recordedAs(cell: FlowsheetCell, t: ResultsMessages, format: Format, words: typeof quantityText): TemplateResult | '' {
  return cell.original ? html` <span class="original">(${t.convertedFrom(words(cell.original, format))})</span>` : '';
}
