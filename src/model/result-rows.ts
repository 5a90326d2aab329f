// The rows of a report's results (value, ranges, interpretation, components, notes, nested
// members), read from what `buildResults` found. Its own module: loaded by what shows rows (the
// report detail), which hands `readResult` to the model (`setRowReader`), so a list of closed
// reports loads none of it (nor does the flowsheet, which reads only what its cells show).
import { codingsOf, conceptText } from './codes.js';
import { codeRefOf, Found, NONE, notesOf, observationOf, resultDateOf, statusKindOf, type FoundResult, type ResultRow, type SharedCodes } from './diagnostic-report.js';
import type { AnyResource } from './fhir-types.js';
import { referenceRangesOf, resultInterpretation, resultValueOf, type ComponentView } from './result-value.js';

/** The components of an Observation (e.g. systolic and diastolic of a blood pressure). */
export function componentsOf(observation: AnyResource): ComponentView[] {
  if (!Array.isArray(observation.component)) return [];
  return (observation.component as unknown[])
    .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object')
    .map((component) => {
      const value = resultValueOf(component);
      const ranges = referenceRangesOf(component.referenceRange);
      const code = codingsOf(component.code).find((c) => typeof c.code === 'string')?.code;
      return {
        name: conceptText(component.code) ?? '',
        ...(code ? { code } : {}),
        value,
        ranges,
        interpretation: resultInterpretation(component, value, ranges),
      };
    });
}

/** The row of a found result (and its members): value, ranges, interpretation, components, notes. */
export function readResult(found: FoundResult, codes: SharedCodes): ResultRow {
  const observation = observationOf(found);
  const value = resultValueOf(observation);
  const ranges = observation.referenceRange === undefined ? NONE : referenceRangesOf(observation.referenceRange);
  const status = typeof observation.status === 'string' ? observation.status : 'unknown';
  const date = resultDateOf(observation);
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
