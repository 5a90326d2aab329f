// Unit harmonisation (DESIGN §3 rule 5): one measure's points become one series in the unit of the
// newest result, converting what UCUM allows (mass ↔ molar by the analyte's molar mass); points in
// units that cannot be converted form further series, each in its own newest unit. Conversions are
// looked up once per unit, reference ranges once per kind of point; only values are per point.
import { conceptText } from '../codes.js';
import { analyteOf, type UnitConverter } from '../unit-conversion.js';
import { loincCodesOf, type Measure } from './query.js';
import { NO_RANGE, type RangeReading, type RawQuantity } from './reference-range.js';
import { ShapeCache } from './shape-cache.js';
import { ColumnSeries, type LabSeries, type PointDetail, type PointKind, type UnitConversionNote } from './series.js';

/** What a point was read as, before harmonisation: shared by every point of the same shape. */
export interface RawKind {
  status: string;
  provisional: boolean;
  comparator?: string;
  dateSource?: 'issued' | 'report';
  range: RangeReading;
  unitKey: string;
  unit: string;
}

/**
 * Plotted points as read (values as recorded), in reading order: columns of numbers only. What a
 * point shows beyond them (id, sources, date as recorded, interpretation, code) is read again from
 * its result when something shows it (`detail`), not kept per point.
 */
export interface RawPoints {
  count: number;
  times: Float64Array;
  values: Float64Array;
  severities: Uint8Array;
  /** `DIRECTION_CODE` of each point's interpretation (0: none). */
  directions: Uint8Array;
  kinds: Uint32Array;
  kindList: RawKind[];
  /** Point `k` in full beyond the columns. */
  detail: (k: number) => PointDetail;
  /** The coded concept naming point `k`'s result. */
  code: (k: number) => unknown;
}

/** Significant digits of a number as recorded (1 → 1, 1.25 → 3, 0.04 → 1). */
function significantDigits(value: number): number {
  const mantissa = Math.abs(value).toExponential().split('e')[0].replace('.', '').replace(/^0+/, '');
  return mantissa.length || 1;
}

/**
 * A converted value rounded to the precision of the recorded one (at least 3 significant digits),
 * so that 1 mg/dL of creatinine reads 88.4 µmol/L, not 88.401697…; the chart and the table show
 * this same number.
 */
function roundConverted(recorded: number, value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(Math.min(15, Math.max(3, significantDigits(recorded)))));
}

/** The molar mass shared by every point's analyte, if they all name the same one. */
function molarMassOf(raw: RawPoints, indices: ArrayLike<number>): { molarMass: number; analyte: string } | undefined {
  let found: ReturnType<typeof analyteOf>;
  const analytes = new ShapeCache((code) => loincCodesOf(code).map(analyteOf).find(Boolean));
  for (let k = 0; k < indices.length; k += 1) {
    const analyte = analytes.get(raw.code(indices[k]));
    if (!analyte || (found && found !== analyte)) return undefined;
    found = analyte;
  }
  return found ? { molarMass: found.molarMass, analyte: found.name } : undefined;
}

type Conversion = (value: number) => number;

/** One measure's points (indices into `raw`, ascending by time) → its series. */
export function harmonise(measure: Measure, raw: RawPoints, sorted: Uint32Array, converter: UnitConverter | undefined): LabSeries[] {
  let mass: ReturnType<typeof molarMassOf> | null = null; // null: not looked up yet
  const out: LabSeries[] = [];
  let remaining: Uint32Array = sorted;
  while (remaining.length) {
    const newest = remaining[remaining.length - 1];
    const newestKind = raw.kindList[raw.kinds[newest]];
    const target = newestKind.unitKey;
    const conversions = new Map<string, Conversion | undefined>();
    const notes = new Map<string, UnitConversionNote>();
    const conversionFor = (key: string): Conversion | undefined => {
      if (key === target) return undefined;
      if (!conversions.has(key)) {
        let conversion = converter?.conversion(key, target);
        if (!conversion && converter) {
          if (mass === null) mass = molarMassOf(raw, sorted);
          if (mass) {
            conversion = converter.conversion(key, target, mass.molarMass);
            if (conversion) notes.set(key, { from: key, count: 0, molarMass: mass.molarMass, analyte: mass.analyte });
          }
        }
        conversions.set(key, conversion);
      }
      return conversions.get(key);
    };
    const bound = (q: RawQuantity | undefined, pointUnit: string): number | undefined => {
      if (!q) return undefined;
      const unit = q.unitKey || pointUnit;
      if (unit === target) return q.value;
      const convert = conversionFor(unit);
      const value = convert ? roundConverted(q.value, convert(q.value)) : undefined;
      return value !== undefined && Number.isFinite(value) ? value : undefined;
    };
    // Kinds of this series, made from the raw kinds on first use (bands converted once per kind).
    const kindIds = new Int32Array(raw.kindList.length).fill(-1); // raw kind → this series' kind
    const kindList: PointKind[] = [];
    const n = remaining.length;
    const mine = new Uint32Array(n);
    const values = new Float64Array(n);
    const recorded = new Float64Array(n).fill(Number.NaN);
    const kinds = new Uint32Array(n);
    const times = new Float64Array(n);
    const lows = new Float64Array(n);
    const highs = new Float64Array(n);
    const severities = new Uint8Array(n);
    const directions = new Uint8Array(n);
    // Bands per kind, not per point (NaN: none).
    const kindLows: number[] = [];
    const kindHighs: number[] = [];
    const rest: number[] = [];
    const rawValues = raw.values;
    const converts = new Uint8Array(raw.kindList.length); // raw kind → 1 when its points are converted
    let count = 0;
    for (let k = 0; k < n; k += 1) {
      const index = remaining[k];
      const rawKindId = raw.kinds[index];
      let value = rawValues[index];
      let kindId = kindIds[rawKindId];
      // A point of a kind already met in the series' own unit has nothing but its columns to fill.
      if (kindId < 0 || converts[rawKindId]) {
        const rawKind = raw.kindList[rawKindId];
        if (rawKind.unitKey !== target) {
          const convert = conversionFor(rawKind.unitKey);
          const converted = convert ? roundConverted(value, convert(value)) : Number.NaN;
          if (!Number.isFinite(converted)) {
            rest.push(index);
            continue;
          }
          recorded[count] = value;
          value = converted;
          const note = notes.get(rawKind.unitKey) ?? { from: rawKind.unitKey, count: 0 };
          note.from = rawKind.unit || rawKind.unitKey;
          note.count += 1;
          notes.set(rawKind.unitKey, note);
        }
        if (kindId < 0) {
          converts[rawKindId] = rawKind.unitKey !== target ? 1 : 0;
          const hasRange = rawKind.range !== NO_RANGE;
          kindId = kindList.length;
          kindList.push({
            status: rawKind.status,
            provisional: rawKind.provisional,
            comparator: rawKind.comparator,
            rangeText: rawKind.range.text,
            dateSource: rawKind.dateSource,
            low: hasRange ? bound(rawKind.range.low, rawKind.unitKey) : undefined,
            high: hasRange ? bound(rawKind.range.high, rawKind.unitKey) : undefined,
            originalUnit: rawKind.unitKey !== target ? rawKind.unit || rawKind.unitKey : undefined,
          });
          kindIds[rawKindId] = kindId;
          kindLows.push(kindList[kindId].low ?? Number.NaN);
          kindHighs.push(kindList[kindId].high ?? Number.NaN);
        }
      }
      mine[count] = index;
      values[count] = value;
      kinds[count] = kindId;
      times[count] = raw.times[index];
      lows[count] = kindLows[kindId];
      highs[count] = kindHighs[kindId];
      severities[count] = raw.severities[index];
      directions[count] = raw.directions[index];
      count += 1;
    }
    out.push(
      new ColumnSeries(measure, conceptText(raw.code(newest)), newestKind.unit || target, target, [...notes.values()].filter((note) => note.count > 0), {
        times: times.subarray(0, count),
        values: values.subarray(0, count),
        lows: lows.subarray(0, count),
        highs: highs.subarray(0, count),
        severities: severities.subarray(0, count),
        directions: directions.subarray(0, count),
        kinds: kinds.subarray(0, count),
        kindList,
        // Ids, sources, dates and interpretations are read from the results when shown: `rows` says where.
        rows: mine.subarray(0, count),
        detail: raw.detail,
        recorded: recorded.subarray(0, count),
      }),
    );
    remaining = Uint32Array.from(rest);
  }
  return out;
}
