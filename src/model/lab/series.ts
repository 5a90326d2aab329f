// The trend's view model. A series is columns (typed arrays of times, values, bands and severities)
// that the chart, the table and the keyboard cursor all read; a result's full record (`LabPoint`)
// is made only when something shows it — the tooltip, a table row, a marker.
import type { LabInterpretation } from './interpretation.js';
import type { Measure } from './query.js';
import type { TextValueKind } from './observation-reading.js';

export interface LabPoint {
  /** Observation id. */
  id?: string;
  /** Several sources: the labels of the sources this result came from (a duplicate lists each). */
  sources?: readonly string[];
  /** UTC ms, for plotting. */
  time: number;
  /** The FHIR date as recorded (for `<time datetime>` and display). */
  date: string;
  /** In the series unit (converted when `original` is set). */
  value: number;
  comparator?: string;
  status: string;
  /** Not final: preliminary, registered, unknown or no status. */
  provisional: boolean;
  /** Reference range in the series unit. */
  low?: number;
  high?: number;
  rangeText?: string;
  interpretation: LabInterpretation;
  /** The value and unit as recorded, when it was converted. */
  original?: { value: number; unit: string };
  /** Where the date came from when it is not the effective time. */
  dateSource?: 'issued' | 'report';
}

export interface UnitConversionNote {
  /** The unit as recorded. */
  from: string;
  count: number;
  /** Set when a mass ↔ molar conversion used the analyte's molar mass. */
  molarMass?: number;
  analyte?: string;
}

/** Severity as a number, in `LabSeries.severities`. */
export const SEVERITY_CODE = { none: 0, normal: 1, abnormal: 2, critical: 3 } as const;

/** A point's `interpretation.direction` as a number, in `LabSeries.directions` (0: none). */
export const DIRECTION_CODE = { high: 1, low: 2 } as const;

export interface LabSeries {
  measure: Measure;
  /** The result's name from the data (code text or display). */
  name?: string;
  unit: string;
  unitKey: string;
  conversions: UnitConversionNote[];
  /** Number of points. */
  readonly length: number;
  /** UTC ms, ascending. */
  readonly times: Float64Array;
  /** In the series unit. */
  readonly values: Float64Array;
  /** Reference range in the series unit; NaN where there is none. */
  readonly lows: Float64Array;
  readonly highs: Float64Array;
  /** `SEVERITY_CODE` of each point. */
  readonly severities: Uint8Array;
  /** `DIRECTION_CODE` of each point's interpretation (0: none): what a marker's shape needs without the point in full. */
  readonly directions: Uint8Array;
  /** Point `index` in full (made on demand, then kept). */
  point(index: number): LabPoint;
  /** Every point in full (made on first use: prefer `point(i)` and the columns for long series). */
  readonly points: readonly LabPoint[];
}

/** What points of a series share: decided once per distinct shape of result. */
export interface PointKind {
  status: string;
  provisional: boolean;
  comparator?: string;
  rangeText?: string;
  dateSource?: 'issued' | 'report';
  /** Reference range in the series unit. */
  low?: number;
  high?: number;
  /** The recorded unit, when the points of this kind were converted. */
  originalUnit?: string;
}

/** What a point shows beyond its columns, read from its result when it is shown. */
export interface PointDetail {
  id?: string;
  sources?: readonly string[];
  date: string;
  interpretation: LabInterpretation;
}

export interface SeriesColumns {
  times: Float64Array;
  values: Float64Array;
  lows: Float64Array;
  highs: Float64Array;
  severities: Uint8Array;
  directions: Uint8Array;
  /** Per point: its kind and the value as recorded (NaN when not converted). */
  kinds: Uint32Array;
  kindList: readonly PointKind[];
  /** Point `i`'s row among the results as read (`detail(rows[i])`); `i` itself when absent. */
  rows?: Uint32Array;
  /** A row's id, sources, date and interpretation (read when a point is shown, not per point). */
  detail: (row: number) => PointDetail;
  recorded: Float64Array;
}

/** A series over its columns. */
export class ColumnSeries implements LabSeries {
  readonly length: number;
  readonly times: Float64Array;
  readonly values: Float64Array;
  readonly lows: Float64Array;
  readonly highs: Float64Array;
  readonly severities: Uint8Array;
  readonly directions: Uint8Array;
  private readonly made: (LabPoint | undefined)[] = [];
  private all?: LabPoint[];

  constructor(
    readonly measure: Measure,
    readonly name: string | undefined,
    readonly unit: string,
    readonly unitKey: string,
    readonly conversions: UnitConversionNote[],
    private readonly columns: SeriesColumns,
  ) {
    this.length = columns.times.length;
    this.times = columns.times;
    this.values = columns.values;
    this.lows = columns.lows;
    this.highs = columns.highs;
    this.severities = columns.severities;
    this.directions = columns.directions;
  }

  point(index: number): LabPoint {
    let made = this.made[index];
    if (!made) {
      const c = this.columns;
      const kind = c.kindList[c.kinds[index]];
      const recorded = c.recorded[index];
      const row = c.rows ? c.rows[index] : index;
      const detail = c.detail(row);
      made = {
        id: detail.id,
        sources: detail.sources,
        time: c.times[index],
        date: detail.date,
        value: c.values[index],
        comparator: kind.comparator,
        status: kind.status,
        provisional: kind.provisional,
        low: kind.low,
        high: kind.high,
        rangeText: kind.rangeText,
        interpretation: detail.interpretation,
        original: Number.isNaN(recorded) ? undefined : { value: recorded, unit: kind.originalUnit ?? '' },
        dateSource: kind.dateSource,
      };
      this.made[index] = made;
    }
    return made;
  }

  get points(): readonly LabPoint[] {
    if (!this.all) {
      this.all = [];
      for (let i = 0; i < this.length; i += 1) this.all.push(this.point(i));
    }
    return this.all;
  }
}

/** A result listed in the table but not plotted. */
export interface LabTextResult {
  id?: string;
  /** Several sources: the labels of the sources this result came from. */
  sources?: readonly string[];
  measure: Measure;
  name?: string;
  time?: number;
  date?: string;
  dateSource?: 'issued' | 'report';
  why: 'non-numeric' | 'no-value' | 'undated';
  /** Server text for string / coded values; formatted numbers for ranges and ratios. */
  text?: string;
  /** What the value is, when it has no text of its own (the element words it). */
  valueKind?: TextValueKind;
  /** A number that could not be plotted (no date). */
  value?: number;
  comparator?: string;
  unit?: string;
  booleanValue?: boolean;
  /** dataAbsentReason text, for results without a value. */
  absentReason?: string;
  status: string;
  provisional: boolean;
  low?: number;
  high?: number;
  rangeText?: string;
  interpretation: LabInterpretation;
}

/** Series that share a unit share an axis; series in other units get their own chart. */
export interface LabPanel {
  unit: string;
  unitKey: string;
  series: LabSeries[];
}

export interface LabTrendModel {
  /** The result's name from the newest matching Observation. */
  title?: string;
  /** True when blood pressure components were asked for. */
  bloodPressure: boolean;
  panels: LabPanel[];
  textResults: LabTextResult[];
  hidden: { enteredInError: number; cancelled: number; otherPatient: number };
  /** Per measure, the units that could not be put on one axis (one chart each). */
  unitSplits: { measure: Measure; units: string[] }[];
  /** When a search limit stopped paging. */
  truncated?: { shown: number; total?: number };
  /** Time of the newest plotted point (ms), for `range`. */
  newest?: number;
  /** Number of plotted points over all series. */
  pointCount: number;
}
