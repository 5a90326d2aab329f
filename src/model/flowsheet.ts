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
//   one row per unit, and each row says so.
// - entered-in-error is never a cell (the reports model already hid and counted it).
import { fhirDateToTime } from './dates.js';
import type { AnyResource } from './fhir-types.js';
import type { LabInterpretation } from './lab-series.js';
import { formatNumber } from './numbers.js';
import type { ReferenceRangeView, ResultValue, ValueQuantity } from './result-value.js';
import { analyteOf, loadUnitConverter, type UnitConverter } from './unit-conversion.js';
import type { CodeRef, ReportView, ResultRow, StatusKind } from './diagnostic-report.js';

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
  /** Stable key: test code (or name) and unit. */
  key: string;
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

interface Placed {
  row: ResultRow;
  time: number;
  date: string;
  panel?: { name: string; code?: CodeRef; time: number };
}

/** A test's key, made once per distinct code (the reports model shares one CodeRef per code) or name. */
function testKeys(): (row: ResultRow) => string {
  const byCode = new Map<CodeRef, string>();
  const byName = new Map<string, string>();
  return (row) => {
    if (row.code) {
      let key = byCode.get(row.code);
      if (key === undefined) byCode.set(row.code, (key = `${row.code.system ?? ''}|${row.code.code}`));
      return key;
    }
    let key = byName.get(row.name);
    if (key === undefined) byName.set(row.name, (key = `name:${row.name.toLowerCase()}`));
    return key;
  };
}

function unitOf(value: ResultValue): { unit: string; unitKey: string } {
  return value.kind === 'quantity' ? { unit: value.quantity.unit, unitKey: value.quantity.unitKey } : { unit: '', unitKey: '' };
}

const unitKeyOf = (value: ResultValue): string => (value.kind === 'quantity' ? value.quantity.unitKey : '');

/** True when the results of one test carry more than one unit. */
function hasSeveralUnits(list: readonly Placed[]): boolean {
  let first = '';
  for (const p of list) {
    const key = unitKeyOf(p.row.value);
    if (key === '') continue;
    if (first === '') first = key;
    else if (key !== first) return true;
  }
  return false;
}

/** The lab results of the shown reports (members included), and lab Observations no report lists. */
function collect(reports: readonly ReportView[], standalone: readonly ResultRow[]): { placed: Placed[]; undated: number } {
  const placed: Placed[] = [];
  let undated = 0;
  const seen = new Set<AnyResource>();
  // A report's results share its date: each distinct date string parsed once.
  const times = new Map<string, number | undefined>();
  const timeOf = (date: string | undefined): number | undefined => {
    if (date === undefined) return undefined;
    if (!times.has(date)) times.set(date, fhirDateToTime(date));
    return times.get(date);
  };
  const add = (row: ResultRow, panel: Placed['panel'], fallbackDate?: string) => {
    if (seen.has(row.resource)) return;
    seen.add(row.resource);
    // A panel row with no value of its own (hasMember only) is a heading, not a result.
    if (!(row.members.length && (row.value.kind === 'none'))) {
      const date = row.date ?? fallbackDate;
      const time = timeOf(date);
      if (date === undefined || time === undefined) undated += 1;
      else {
        const p: Placed = { row, time, date };
        if (panel) p.panel = panel;
        placed.push(p);
      }
    }
    for (const member of row.members) add(member, panel, row.date ?? fallbackDate);
  };
  for (const report of reports) {
    const panel = { name: report.name, ...(report.code ? { code: report.code } : {}), time: report.time ?? -Infinity };
    for (const row of report.results) add(row, panel, report.effective ?? report.issued);
  }
  for (const row of standalone) add(row, undefined);
  return { placed, undated };
}

export interface FlowsheetInput {
  /** Laboratory reports, as the reports model read them. */
  reports: readonly ReportView[];
  /** Laboratory Observations no report lists (already partitioned and read). */
  standalone?: readonly ResultRow[];
  /** How ucum-lhc is loaded when a test has several units (default: lazy import). */
  loadConverter?: () => Promise<UnitConverter | undefined>;
}

/** A converted quantity, to four significant figures (the precision a converted laboratory value can claim). */
function convertQuantity(q: ValueQuantity, convert: (n: number) => number, unit: string, unitKey: string): ValueQuantity {
  const value = Number(convert(q.value).toPrecision(4));
  return { ...q, value, text: formatNumber(value) ?? String(value), unit, unitKey };
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
  const byTest = new Map<string, Placed[]>();
  const testKey = testKeys();
  placed.sort((a, b) => b.time - a.time); // stable: results of one time keep their order
  for (const p of placed) {
    const key = testKey(p.row);
    const list = byTest.get(key);
    if (list) list.push(p);
    else byTest.set(key, [p]);
  }
  let needsConverter = false;
  for (const list of byTest.values()) if ((needsConverter = hasSeveralUnits(list))) break;
  const converter = needsConverter ? await (input.loadConverter ?? loadUnitConverter)() : undefined;

  const groups = new Map<string, FlowsheetGroup & { time: number }>();
  let resultCount = 0;
  for (const [key, list] of byTest) {
    const newest = list[0];
    const panel = list.find((p) => p.panel)?.panel;
    const groupKey = panel ? panel.code?.code ?? panel.name : '';
    let group = groups.get(groupKey);
    if (!group) {
      group = { ...(panel ? { name: panel.name, ...(panel.code ? { code: panel.code } : {}) } : {}), rows: [], time: panel?.time ?? -Infinity };
      groups.set(groupKey, group);
    }
    // The row's unit is the newest quantity's unit; other units convert into it or split off.
    const primary = unitOf(list.find((p) => p.row.value.kind === 'quantity')?.row.value ?? newest.row.value);
    const rows = new Map<string, FlowsheetRow>();
    const rowFor = (unit: string, unitKey: string, first: Placed): FlowsheetRow => {
      let row = rows.get(unitKey);
      if (!row) {
        row = {
          key: `${key}#${unitKey}`,
          name: first.row.name,
          ...(first.row.code ? { code: first.row.code } : {}),
          unit,
          unitKey,
          ranges: first.row.ranges,
          cells: new Map(),
          converted: [],
          splitFrom: [],
          latest: first.row.resource,
        };
        rows.set(unitKey, row);
      }
      return row;
    };
    const loinc = newest.row.code?.code;
    const molarMass = loinc ? analyteOf(loinc)?.molarMass : undefined;
    for (const p of list) {
      const unitKey = unitKeyOf(p.row.value);
      const unit = p.row.value.kind === 'quantity' ? p.row.value.quantity.unit : '';
      let target = unitKey === '' || unitKey === primary.unitKey ? rowFor(primary.unit, primary.unitKey, p) : undefined;
      let value = p.row.value;
      let original: ValueQuantity | undefined;
      if (!target && value.kind === 'quantity') {
        const convert = converter?.conversion(unitKey, primary.unitKey, molarMass);
        if (convert) {
          target = rowFor(primary.unit, primary.unitKey, p);
          original = value.quantity;
          value = { kind: 'quantity', quantity: convertQuantity(value.quantity, convert, primary.unit, primary.unitKey) };
          const note = target.converted.find((c) => c.from === unit);
          if (note) note.count += 1;
          else target.converted.push({ from: unit, count: 1 });
        }
      }
      target ??= rowFor(unit, unitKey, p);
      const column = columnOf.get(p.time)!;
      // Built field by field (one per result), keys in the same order as ever.
      const cell = {} as FlowsheetCell;
      if (p.row.id) cell.id = p.row.id;
      cell.resource = p.row.resource;
      cell.value = value;
      cell.interpretation = p.row.interpretation;
      cell.status = p.row.status;
      cell.statusKind = p.row.statusKind;
      if (original) cell.original = original;
      const cells = target.cells.get(column);
      if (cells) cells.push(cell);
      else target.cells.set(column, [cell]);
      resultCount += 1;
    }
    const testRows = [...rows.values()];
    if (testRows.length > 1) for (const row of testRows) row.splitFrom = testRows.filter((r) => r !== row).map((r) => r.unit || r.unitKey);
    group.rows.push(...testRows);
  }
  const ordered = [...groups.values()].sort((a, b) => {
    if (!a.name !== !b.name) return a.name ? -1 : 1; // results no report groups come last
    return b.time - a.time;
  });
  return { columns, groups: ordered.map(({ time: _time, ...group }) => group), resultCount, undated };
}
