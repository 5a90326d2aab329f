// Laboratory results → the cumulative flowsheet of <fhir-results view="flowsheet">.
//
// - Rows are tests, grouped by the panel (DiagnosticReport) that reported them — the newest report
//   naming the test decides — else under "other results". Nested panel members are rows of their
//   report's panel.
// - Columns are result times, NEWEST FIRST (the left-most column is the latest, as cumulative
//   reports in most EHRs show it, so the current value is read first). Results of one test at two
//   times the same day are two columns; two results of one test at the very same time are two
//   values in one cell, never averaged.
// - One row per test and unit family (DESIGN.md §3 rule 5): a unit change is converted to the
//   newest unit where UCUM allows (ucum-lhc, loaded lazily, as the lab trend does, with the
//   analyte's molar mass for mass ↔ molar), and the row says so; otherwise the test is split into
//   one row per unit, and each row says so. That placing is its own module (flowsheet-units.ts),
//   loaded only for a record with such a test.
// - entered-in-error is never a cell (the reports model already hid and counted it; the laboratory
//   Observations no report lists are found here, by the same rules: `findStandalone`).
// - A long record is read only as far as the sheet needs: each result's date, code and value; its
//   reference ranges only for a row's newest result, and its interpretation (flags, critical
//   ranges) the first time its cell is drawn — the same reading, done when it is looked at.
import { codingsOf, conceptText } from './codes.js';
import { fhirDateToTime } from './dates.js';
import type { AnyResource } from './fhir-types.js';
import type { LabInterpretation } from './lab-series.js';
import { formatNumber } from './numbers.js';
import {
  numberOf,
  referenceRangesOf,
  resultInterpretation,
  resultValueOf,
  type ReferenceRangeView,
  type ResultValue,
  type ValueQuantity,
} from './result-value.js';
import { unitDisplayOf, unitKeyOf, type UnitConverter } from './unit-conversion.js';
import {
  codeRefOf,
  findResult,
  Found,
  foundResultsOf,
  membersOf,
  NONE,
  observationOf,
  resultDateOf,
  setStandaloneFinder,
  statusKindOf,
  type CodeRef,
  type FoundResult,
  type ReportCore,
  type SharedCodes,
  type StandaloneFinder,
  type StatusKind,
} from './diagnostic-report.js';

/** An Observation in the laboratory category (any version's category shape). */
function isLaboratory(observation: AnyResource): boolean {
  const categories = observation.category;
  return (Array.isArray(categories) ? categories : [categories]).some((c) => codingsOf(c).some((coding) => coding.code === 'laboratory'));
}

/**
 * The laboratory Observations no report lists, as found results (their members followed):
 * entered-in-error and other patients' counted, never kept. Handed to the reports model, which
 * counts with the same reading (`setStandaloneFinder`).
 */
export const findStandalone: StandaloneFinder = (observations, views, reading, partition) => {
  const { index, hidden } = reading;
  const standalone: FoundResult[] = [];
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
    if (found) standalone.push(found);
  }
  hidden.resultsEnteredInError += counter.hidden;
  return standalone;
};

setStandaloneFinder(findStandalone);

export interface FlowsheetColumn {
  /** The result time as recorded (for `<time datetime>`). */
  date: string;
  time: number;
}

export interface FlowsheetCell {
  id?: string;
  resource: AnyResource;
  value: ResultValue;
  interpretation: LabInterpretation;
  status: string;
  statusKind: StatusKind;
  /** The value as recorded, when it was converted to the row's unit. */
  original?: ValueQuantity;
}

export interface FlowsheetRow {
  name: string;
  code?: CodeRef;
  unit: string;
  unitKey: string;
  /** The newest result's reference ranges. */
  ranges: ReferenceRangeView[];
  /** Cells by column index; a missing entry is no result at that time. */
  cells: Map<number, FlowsheetCell[]>;
  /** Units converted into this row's unit, with how many results each. */
  converted: { from: string; count: number }[];
  /** Set when the test's other units could not be converted: the units of its other rows. */
  splitFrom: string[];
  /** The newest result of the row (for `fhir-select`). */
  latest: AnyResource;
}

export interface FlowsheetGroup {
  /** The panel's name (a report name), or undefined for results no report groups. */
  name?: string;
  code?: CodeRef;
  rows: FlowsheetRow[];
}

export interface FlowsheetModel {
  /** Newest first. */
  columns: FlowsheetColumn[];
  groups: FlowsheetGroup[];
  /** Results placed in cells. */
  resultCount: number;
  /** Results with no date at all: listed in no column, counted. */
  undated: number;
}

export interface Placed {
  observation: AnyResource;
  /** The value as recorded, once read (see valueOf). */
  value: ResultValue | undefined;
  /** The unit key of its quantity ('' for a number without a unit); undefined when the value is no quantity. */
  unitKey: string | undefined;
  code: CodeRef | undefined;
  time: number;
  date: string;
  panel: { name: string; code?: CodeRef; time: number } | undefined;
}

/** The Quantity `resultValueOf` would read its value from (one with a number), else undefined. */
function quantityOf(observation: AnyResource): object | undefined {
  const q = observation.valueQuantity as { value?: unknown } | undefined;
  return q && typeof q === 'object' && numberOf(q.value) !== undefined ? q : undefined;
}

/**
 * The unit key of the quantity `resultValueOf` would read (a Quantity with a number, else an
 * integer: ''), without reading the value; undefined when the value is no quantity.
 */
function quantityUnitKeyOf(observation: AnyResource): string | undefined {
  const q = quantityOf(observation);
  if (q) return unitKeyOf(q);
  return numberOf(observation.valueInteger) === undefined ? undefined : '';
}

const nameOf = (p: Placed): string => conceptText(p.observation.code) ?? '';

/** The value as recorded, read when first needed (a drawn cell, a conversion). */
const valueOf = (p: Placed): ResultValue => (p.value ??= resultValueOf(p.observation));

/** The unit of the result's quantity as a person reads it ('' when none). */
function unitDisplay(p: Placed): string {
  const q = quantityOf(p.observation);
  return q ? unitDisplayOf(q) : '';
}

function rangesOf(p: Placed): ReferenceRangeView[] {
  return p.observation.referenceRange === undefined ? [] : referenceRangesOf(p.observation.referenceRange);
}

/** A cell: its interpretation (flags, critical ranges) is read the first time it is asked for (drawn). */
class Cell implements FlowsheetCell {
  readonly id?: string;
  readonly resource: AnyResource;
  readonly status: string;
  readonly statusKind: StatusKind;
  readonly original?: ValueQuantity;
  #interpretation?: LabInterpretation;
  #value?: ResultValue;
  readonly #placed: Placed;

  /** `value`: the converted value, when the row's unit is another; else the value as recorded, read when first drawn. */
  constructor(placed: Placed, value: ResultValue | undefined, original: ValueQuantity | undefined) {
    const { observation } = placed;
    if (observation.id) this.id = observation.id;
    this.resource = observation;
    this.status = typeof observation.status === 'string' ? observation.status : 'unknown';
    this.statusKind = statusKindOf(this.status);
    if (original) this.original = original;
    if (value) this.#value = value;
    this.#placed = placed;
  }

  get value(): ResultValue {
    return (this.#value ??= valueOf(this.#placed));
  }

  /** Read on the value as recorded (before any conversion), as the reports view reads it. */
  get interpretation(): LabInterpretation {
    const p = this.#placed;
    return (this.#interpretation ??= resultInterpretation(p.observation, valueOf(p), rangesOf(p)));
  }
}

/** The lab results of the shown reports (members included), and lab Observations no report lists. */
function collect(reports: readonly ReportCore[], standalone: readonly FoundResult[]): { placed: Placed[]; undated: number } {
  const placed: Placed[] = [];
  let undated = 0;
  const seen = new Set<AnyResource>();
  const codes: SharedCodes = new Map();
  // A report's results share its date: each distinct date string parsed once.
  const times = new Map<string, number | undefined>();
  const timeOf = (date: string | undefined): number | undefined => {
    if (date === undefined) return undefined;
    if (!times.has(date)) times.set(date, fhirDateToTime(date));
    return times.get(date);
  };
  // A result as its first reading found it: only the date, code and value are read here.
  const add = (found: FoundResult, panel: Placed['panel'], fallbackDate?: string) => {
    const observation = observationOf(found);
    if (seen.has(observation)) return;
    seen.add(observation);
    const members = membersOf(found);
    const date = resultDateOf(observation) ?? fallbackDate;
    // A panel row with no value of its own (hasMember only) is a heading, not a result.
    const value = members.length ? resultValueOf(observation) : undefined;
    if (!(value && value.kind === 'none')) {
      const time = timeOf(date);
      if (date === undefined || time === undefined) undated += 1;
      else placed.push({ observation, value, unitKey: quantityUnitKeyOf(observation), code: codeRefOf(observation.code, codes), time, date, panel });
    }
    for (const member of members) add(member, panel, date);
  };
  for (const report of reports) {
    const found = foundResultsOf(report);
    if (!found) throw new Error('buildFlowsheet: reports as buildResults read them');
    const panel = { name: report.name, ...(report.code ? { code: report.code } : {}), time: report.time ?? -Infinity };
    for (const result of found) add(result, panel, report.effective ?? report.issued);
  }
  for (const found of standalone) add(found, undefined);
  return { placed, undated };
}

export interface FlowsheetInput {
  /** Laboratory reports, as the reports model read them. */
  reports: readonly ReportCore[];
  /** Laboratory Observations no report lists, as `buildResults` found them (`findStandalone`). */
  standalone?: readonly FoundResult[];
  /** How ucum-lhc is loaded when a test has several units (default: lazy import). */
  loadConverter?: () => Promise<UnitConverter | undefined>;
}

/** Builds the flowsheet. Async only because a unit change loads the UCUM library. */
export async function buildFlowsheet(input: FlowsheetInput): Promise<FlowsheetModel> {
  const { placed, undated } = collect(input.reports, input.standalone ?? []);
  // Columns: every distinct time, newest first.
  const times = new Map<number, string>();
  for (const p of placed) if (!times.has(p.time)) times.set(p.time, p.date);
  const columns = [...times.entries()].sort((a, b) => b[0] - a[0]).map(([time, date]) => ({ time, date }));
  const columnOf = new Map(columns.map((c, i) => [c.time, i]));

  // Tests, newest result first.
  // A test is its code (one CodeRef per distinct code over the sheet), else its name.
  const byTest = new Map<CodeRef | string, Placed[]>();
  placed.sort((a, b) => b.time - a.time); // stable: results of one time keep their order
  for (const p of placed) {
    const key = p.code ?? nameOf(p).toLowerCase();
    const list = byTest.get(key);
    if (list) list.push(p);
    else byTest.set(key, [p]);
  }
  // A test recorded in more than one unit (rare): placed by the units module, loaded for such records only.
  const primaryOf = (list: readonly Placed[]) => {
    const quantity = list.find((p) => p.unitKey !== undefined);
    return quantity ? { unit: unitDisplay(quantity), unitKey: quantity.unitKey ?? '' } : { unit: '', unitKey: '' };
  };
  const oneUnit = (list: readonly Placed[], primary: { unitKey: string }) => list.every((p) => !p.unitKey || p.unitKey === primary.unitKey);
  const units = [...byTest.values()].some((list) => !oneUnit(list, primaryOf(list)))
    ? await import('./flowsheet-units.js').then((module) => module.unitPlacer([...byTest.values()], input.loadConverter))
    : undefined;

  const groups = new Map<string, FlowsheetGroup & { time: number }>();
  let resultCount = 0;
  for (const list of byTest.values()) {
    const panel = list.find((p) => p.panel)?.panel;
    const groupKey = panel ? panel.code?.code ?? panel.name : '';
    let group = groups.get(groupKey);
    if (!group) {
      group = { ...(panel ? { name: panel.name, ...(panel.code ? { code: panel.code } : {}) } : {}), rows: [], time: panel?.time ?? -Infinity };
      groups.set(groupKey, group);
    }
    // The row's unit is the newest quantity's unit; other units convert into it or split off.
    const primary = primaryOf(list);
    const rows = new Map<string, FlowsheetRow>();
    const rowFor = (unit: string, unitKey: string, first: Placed): FlowsheetRow => {
      let row = rows.get(unitKey);
      if (!row) {
        row = {
          name: nameOf(first),
          ...(first.code ? { code: first.code } : {}),
          unit,
          unitKey,
          ranges: rangesOf(first),
          cells: new Map(),
          converted: [],
          splitFrom: [],
          latest: first.observation,
        };
        rows.set(unitKey, row);
      }
      return row;
    };
    const place = (row: FlowsheetRow, p: Placed, value?: ResultValue, original?: ValueQuantity) => {
      const column = columnOf.get(p.time)!;
      const cell = new Cell(p, value, original);
      const cells = row.cells.get(column);
      if (cells) cells.push(cell);
      else row.cells.set(column, [cell]);
      resultCount += 1;
    };
    if (units && !oneUnit(list, primary)) units(list, primary, { rowFor, place, unitDisplay, valueOf, formatNumber });
    else for (const p of list) place(rowFor(primary.unit, primary.unitKey, p), p);
    group.rows.push(...rows.values());
  }
  const ordered = [...groups.values()].sort((a, b) => {
    if (!a.name !== !b.name) return a.name ? -1 : 1; // results no report groups come last
    return b.time - a.time;
  });
  return { columns, groups: ordered.map(({ time: _time, ...group }) => group), resultCount, undated };
}
