// The rows of a report's results (value, ranges, interpretation, components, notes, nested
// members), read from what `buildResults` found. Its own module, with the value readers: loaded by
// what shows rows (the report detail, the flowsheet), which hand `readResult` to the model
// (`setRowReader`), so a list of closed reports loads none of it.
import { conceptText } from './codes.js';
import { codeRefOf, dateOf, Found, NONE, notesOf, observationOf, statusKindOf, type FoundResult, type ResultRow, type SharedCodes } from './diagnostic-report.js';
import { componentsOf, referenceRangesOf, resultInterpretation, resultValueOf } from './result-value.js';

/** The row of a found result (and its members): value, ranges, interpretation, components, notes. */
export function readResult(found: FoundResult, codes: SharedCodes): ResultRow {
  const observation = observationOf(found);
  const value = resultValueOf(observation);
  const ranges = observation.referenceRange === undefined ? NONE : referenceRangesOf(observation.referenceRange);
  const status = typeof observation.status === 'string' ? observation.status : 'unknown';
  const date = dateOf(observation).effective ?? (typeof observation.issued === 'string' ? observation.issued : undefined);
  const code = codeRefOf(observation.code, codes);
  // Built field by field (thousands of results in a long list), keys in the same order as ever.
  const row = {} as ResultRow;
  if (observation.id) row.id = observation.id;
  row.resource = observation;
  row.name = conceptText(observation.code) ?? '';
  if (code) row.code = code;
  row.status = status;
  row.statusKind = statusKindOf(status);
  if (date) row.date = date;
  row.value = value;
  row.ranges = ranges;
  row.interpretation = resultInterpretation(observation, value, ranges);
  row.components = observation.component === undefined ? NONE : componentsOf(observation);
  const notes = observation.note ?? observation.comment ?? observation.comments;
  row.notes = notes === undefined ? NONE : notesOf(notes);
  row.members = found instanceof Found && found.members.length ? found.members.map((member) => readResult(member, codes)) : NONE;
  row.missing = found instanceof Found ? found.missing : NONE;
  return row;
}
