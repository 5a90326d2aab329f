// The rows of a report's results (value, ranges, interpretation, components, notes, nested
// members), read from what `buildResults` found, and the laboratory results no report lists (the
// flowsheet's). Its own module, with the value readers: loaded by what shows rows (the report
// detail, the flowsheet), which hand `ROW_READERS` to the model (`setRowReaders`), so a list of
// closed reports loads none of it.
import { codingsOf, conceptText } from './codes.js';
import {
  codeRefOf,
  dateOf,
  findResult,
  Found,
  foundResultsOf,
  NONE,
  notesOf,
  observationOf,
  statusKindOf,
  type FoundResult,
  type Partition,
  type Reading,
  type ReportView,
  type ResultRow,
  type RowReaders,
  type SharedCodes,
} from './diagnostic-report.js';
import type { AnyResource } from './fhir-types.js';
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

/** An Observation in the laboratory category (any version's category shape). */
export function isLaboratory(observation: AnyResource): boolean {
  const categories = observation.category;
  return (Array.isArray(categories) ? categories : [categories]).some((c) => codingsOf(c).some((coding) => coding.code === 'laboratory'));
}

/** The laboratory Observations no report lists, as rows: entered-in-error and other patients' counted, never shown. */
function readStandalone(observations: readonly AnyResource[], views: readonly ReportView[], reading: Reading, partition: Partition): ResultRow[] {
  const { index, hidden } = reading;
  const standalone: ResultRow[] = [];
  const listed = new Set<AnyResource>();
  const mark = (list: readonly FoundResult[]) => {
    for (const found of list) {
      listed.add(observationOf(found));
      if (found instanceof Found) mark(found.members);
    }
  };
  views.forEach((v) => mark(foundResultsOf(v) ?? NONE));
  // Those a report lists are this patient's (their report's reading accepted them): only the rest are sorted by patient.
  // An entered-in-error result a report listed was counted there: not counted again here.
  const known = (resource: AnyResource) => listed.has(resource) || reading.enteredInError.has(resource);
  const unlisted = observations.filter((observation) => {
    if (known(observation)) return false;
    const twin = observation?.id === undefined ? undefined : index.get('Observation', observation.id);
    return !(twin && known(twin));
  });
  const own = partition(unlisted);
  hidden.otherPatient += own.otherPatient;
  const counter = { hidden: 0 };
  for (const observation of own.kept) {
    if (observation.resourceType !== 'Observation' || !isLaboratory(observation)) continue;
    const found = findResult(observation, observation, reading, undefined, counter);
    if (found) standalone.push(readResult(found, reading.codes));
  }
  hidden.resultsEnteredInError += counter.hidden;
  return standalone;
}

/** What the modules that show rows hand the model (`setRowReaders`). */
export const ROW_READERS: RowReaders = { row: readResult, standalone: readStandalone };
