// A flowsheet test recorded in more than one unit (DESIGN.md §3 rule 5): each result converted to the
// row's unit (the newest quantity's) where UCUM allows (ucum-lhc, loaded lazily, as the lab trend does,
// with the analyte's molar mass for mass ↔ molar), and the row says so; otherwise one row per unit, and
// each row says so. Its own module, loaded by the flowsheet's model only for records with such a test:
// a flowsheet whose every test keeps one unit does not load it. It imports nothing of the kit's number
// formatting (the model hands it `formatNumber`): the one-file bundle keeps that module in itself
// only while no nested lazy chunk imports it.
import type { FlowsheetRow, Placed } from './flowsheet.js';
import type { ResultValue, ValueQuantity } from './result-value.js';
import { analyteOf, loadUnitConverter, type UnitConverter } from './unit-conversion.js';

/** What the model hands this module for one test: its rows (made once per unit), and where a result goes. */
export interface UnitKit {
  rowFor(unit: string, unitKey: string, first: Placed): FlowsheetRow;
  place(row: FlowsheetRow, p: Placed, value?: ResultValue, original?: ValueQuantity): void;
  unitDisplay(p: Placed): string;
  valueOf(p: Placed): ResultValue;
  /** The kit's number formatting (src/model/numbers.ts). */
  formatNumber(value: number): string | undefined;
}

/** True when the results of one test carry more than one unit. */
function hasSeveralUnits(list: readonly Placed[]): boolean {
  let first = '';
  for (const p of list) {
    const key = p.unitKey ?? '';
    if (key === '') continue;
    if (first === '') first = key;
    else if (key !== first) return true;
  }
  return false;
}

/**
 * Places the results of a test in several units (newest first), given the tests of the sheet (the
 * converter is loaded when one of them has two units of a quantity).
 */
export async function unitPlacer(
  tests: readonly (readonly Placed[])[],
  loadConverter: () => Promise<UnitConverter | undefined> = loadUnitConverter,
): Promise<(list: readonly Placed[], primary: { unit: string; unitKey: string }, kit: UnitKit) => void> {
  const converter = tests.some(hasSeveralUnits) ? await loadConverter() : undefined;
  return (list, primary, { rowFor, place, unitDisplay, valueOf, formatNumber }) => {
    const loinc = list[0].code?.code;
    const molarMass = loinc ? analyteOf(loinc)?.molarMass : undefined;
    const rows = new Set<FlowsheetRow>();
    for (const p of list) {
      const unitKey = p.unitKey ?? '';
      let target = unitKey === '' || unitKey === primary.unitKey ? rowFor(primary.unit, primary.unitKey, p) : undefined;
      const unit = target ? '' : unitDisplay(p);
      let value: ResultValue | undefined;
      let original: ValueQuantity | undefined;
      const recorded = target ? undefined : valueOf(p);
      if (!target && recorded?.kind === 'quantity') {
        value = recorded;
        const convert = converter?.conversion(unitKey, primary.unitKey, molarMass);
        if (convert) {
          target = rowFor(primary.unit, primary.unitKey, p);
          original = value.quantity;
          // To four significant figures (the precision a converted laboratory value can claim).
          const converted = Number(convert(value.quantity.value).toPrecision(4));
          value = {
            kind: 'quantity',
            quantity: { ...value.quantity, value: converted, text: formatNumber(converted) ?? String(converted), unit: primary.unit, unitKey: primary.unitKey },
          };
          const note = target.converted.find((c) => c.from === unit);
          if (note) note.count += 1;
          else target.converted.push({ from: unit, count: 1 });
        }
      }
      target ??= rowFor(unit, unitKey, p);
      rows.add(target);
      place(target, p, value, original);
    }
    const testRows = [...rows];
    if (testRows.length > 1) for (const row of testRows) row.splitFrom = testRows.filter((r) => r !== row).map((r) => r.unit || r.unitKey);
  };
}
