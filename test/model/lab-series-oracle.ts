// The lab-series model as it was before the columnar fast path (commit da3707c), kept unchanged as
// the oracle of test/model/lab-fast-path.test.ts: the fast path must give exactly what this gives.
// Observations → the view model of a lab or vital-sign trend (<fhir-lab-trend>).
//
// - One series from one or more codes; blood pressure panels (85354-9, 55284-4) become a systolic
//   (8480-6) and a diastolic (8462-4) series, also when a component code is asked for.
// - Statuses: final / amended / corrected plotted; preliminary (and registered / unknown) plotted
//   and marked; entered-in-error and cancelled hidden and counted (DESIGN.md §3 rule 3).
// - Another patient's Observations are dropped and counted (rule 4).
// - Quantities are plotted; comparators (`<5`) kept and marked; strings, codes and other
//   non-numeric values go to the table only; a value without any date is listed, not plotted.
// - Units: a series with several units is converted to its most recent unit where UCUM allows
//   (lazily loading ucum-lhc), else split into one series per unit (rule 5).
// - Reference range per point (low / high, text), interpretation as critical / abnormal / normal
//   (rule 7), whatever the FHIR version (STU3 / DSTU2 interpretation is a single concept).
import { codingsOf, conceptText, parseCodeList, SYSTEMS } from '../../src/model/codes.js';
import { fhirDateToTime } from '../../src/model/dates.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { formatNumber } from '../../src/model/numbers.js';
import { partitionByPatient } from '../../src/model/resources.js';
import {
  analyteOf,
  loadUnitConverter,
  unitDisplayOf,
  unitKeyOf,
  type UnitConverter,
} from '../../src/model/unit-conversion.js';

export const TREND_RANGES = ['1y', '5y', 'all'] as const;
export type TrendRange = (typeof TREND_RANGES)[number];

/** What a series measures: the asked-for result, or one side of a blood pressure. */
export type Measure = 'result' | 'systolic' | 'diastolic';

export const BP_PANEL_CODES = ['85354-9', '55284-4'] as const;
export const SYSTOLIC_CODE = '8480-6';
export const DIASTOLIC_CODE = '8462-4';

export type Severity = 'critical' | 'abnormal' | 'normal';
export type Direction = 'high' | 'low';

export interface LabInterpretation {
  severity?: Severity;
  direction?: Direction;
  /** The interpretation code (`HH`, `H`, `N`, `NEG` …) when there is one. */
  code?: string;
  /** The server's own words (concept text or display). */
  text?: string;
  /** True when criticality comes from a critical reference range, not from a code. */
  fromCriticalRange?: boolean;
}

/** Statuses plotted as they are; anything else that is shown is marked. */
const FINAL_STATUSES = new Set(['final', 'amended', 'corrected']);

export interface LabPoint {
  /** Observation id. */
  id?: string;
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

export interface LabSeries {
  measure: Measure;
  /** The result's name from the data (code text or display). */
  name?: string;
  unit: string;
  unitKey: string;
  /** Ascending by time. */
  points: LabPoint[];
  conversions: UnitConversionNote[];
}

/** A result listed in the table but not plotted. */
export interface LabTextResult {
  id?: string;
  measure: Measure;
  name?: string;
  time?: number;
  date?: string;
  dateSource?: 'issued' | 'report';
  why: 'non-numeric' | 'no-value' | 'undated';
  /** Server text for string / coded values; formatted numbers for ranges and ratios. */
  text?: string;
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

export interface CodeToken {
  system?: string;
  code: string;
}

/** What a `code` attribute asks for, expanded into the codes to search and how to read them. */
export interface TrendQuery {
  /** The codes to search for (asked-for codes, blood pressure panels, analyte siblings). */
  codes: CodeToken[];
  systolic: boolean;
  diastolic: boolean;
}

const isLoinc = (token: CodeToken) => token.system === undefined || token.system === SYSTEMS.loinc;

function addCode(list: CodeToken[], token: CodeToken): void {
  if (!list.some((t) => t.code === token.code && t.system === token.system)) list.push(token);
}

/**
 * Expands `system|code[,…]`: blood pressure codes bring in both panels and the asked-for
 * components; a LOINC code of an analyte in the molar-mass table brings in its siblings.
 */
export function trendQuery(code: string | null | undefined): TrendQuery {
  const asked = parseCodeList(code);
  const codes: CodeToken[] = [];
  let systolic = false;
  let diastolic = false;
  const loinc = (c: string): CodeToken => ({ system: SYSTEMS.loinc, code: c });
  for (const token of asked) {
    addCode(codes, token);
    if (!isLoinc(token)) continue;
    const panel = (BP_PANEL_CODES as readonly string[]).includes(token.code);
    if (panel || token.code === SYSTOLIC_CODE) systolic = true;
    if (panel || token.code === DIASTOLIC_CODE) diastolic = true;
    for (const sibling of analyteOf(token.code)?.codes ?? []) addCode(codes, loinc(sibling));
  }
  if (systolic || diastolic) {
    for (const panel of BP_PANEL_CODES) addCode(codes, loinc(panel));
    if (systolic) addCode(codes, loinc(SYSTOLIC_CODE));
    if (diastolic) addCode(codes, loinc(DIASTOLIC_CODE));
  }
  return { codes, systolic, diastolic };
}

/** The `code` search parameter for a query: `system|code,system|code…`. */
export function trendSearchCode(query: TrendQuery): string {
  return query.codes.map((t) => (t.system ? `${t.system}|${t.code}` : t.code)).join(',');
}

// ---------------------------------------------------------------------------------------------
// Reading one Observation

const CRITICAL_CODES: Record<string, Direction | undefined> = { HH: 'high', LL: 'low', AA: undefined };
const ABNORMAL_CODES: Record<string, Direction | undefined> = {
  H: 'high',
  L: 'low',
  A: undefined,
  HU: 'high',
  LU: 'low',
  '>': 'high',
  '<': 'low',
};
const RANK: Record<Severity, number> = { critical: 3, abnormal: 2, normal: 1 };

/** Interpretation from an R4 array, or an STU3 / DSTU2 single concept; the most severe code wins. */
export function interpretationOf(value: unknown): LabInterpretation {
  const concepts = Array.isArray(value) ? value : value ? [value] : [];
  let best: LabInterpretation = {};
  for (const concept of concepts) {
    const text = conceptText(concept);
    const codings = codingsOf(concept);
    let found: LabInterpretation | undefined;
    for (const coding of codings) {
      const code = typeof coding.code === 'string' ? coding.code.trim() : '';
      if (!code) continue;
      const upper = code.toUpperCase();
      if (upper in CRITICAL_CODES) found = { severity: 'critical', direction: CRITICAL_CODES[upper], code, text };
      else if (code in ABNORMAL_CODES || upper in ABNORMAL_CODES) {
        found = { severity: 'abnormal', direction: ABNORMAL_CODES[code] ?? ABNORMAL_CODES[upper], code, text };
      } else if (upper === 'N') found = { severity: 'normal', code, text };
      else found ??= { code, text };
      if (found.severity) break;
    }
    found ??= text ? { text } : undefined;
    if (!found) continue;
    const rank = found.severity ? RANK[found.severity] : 0;
    const bestRank = best.severity ? RANK[best.severity] : best.code || best.text ? 0.5 : -1;
    if (rank > bestRank) best = found;
  }
  return best;
}

interface RawQuantity {
  value: number;
  unitKey: string;
  unit: string;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function quantityOf(value: unknown): RawQuantity | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const number = numberOf((value as { value?: unknown }).value);
  if (number === undefined) return undefined;
  return { value: number, unitKey: unitKeyOf(value), unit: unitDisplayOf(value) };
}

interface RangeReading {
  low?: RawQuantity;
  high?: RawQuantity;
  text?: string;
  criticalLow?: RawQuantity;
  criticalHigh?: RawQuantity;
}

function isCriticalRange(range: Record<string, unknown>): boolean {
  const type = range.type;
  if (!type) return false;
  const words = [conceptText(type), ...codingsOf(type).map((c) => c.code)].filter(Boolean).join(' ');
  return /critical|panic|alert/i.test(words);
}

function isNormalRange(range: Record<string, unknown>): boolean {
  if (!range.type) return true;
  return codingsOf(range.type).some((c) => c.code === 'normal') || /normal/i.test(conceptText(range.type) ?? '');
}

const NO_RANGE: RangeReading = {};
// Readings are cached by the identity of what they read: data that shares one referenceRange or
// interpretation object between results (generators, some servers' caches) is read once.
const rangeReadings = new WeakMap<object, RangeReading>();
const interpretationReadings = new WeakMap<object, LabInterpretation>();

/** The normal range (first one with low or high), its text, and any critical range. */
function referenceRangeOf(value: unknown): RangeReading {
  if (!Array.isArray(value) || value.length === 0) return NO_RANGE;
  const cached = rangeReadings.get(value);
  if (cached) return cached;
  const reading: RangeReading = {};
  const texts: string[] = [];
  for (const range of value as Record<string, unknown>[]) {
    if (!range || typeof range !== 'object') continue;
    const low = quantityOf(range.low);
    const high = quantityOf(range.high);
    const text = typeof range.text === 'string' && range.text.trim() ? range.text.trim() : undefined;
    if (isCriticalRange(range)) {
      reading.criticalLow ??= low;
      reading.criticalHigh ??= high;
      continue;
    }
    if (text) texts.push(text);
    if ((low || high) && !reading.low && !reading.high && isNormalRange(range)) {
      reading.low = low;
      reading.high = high;
    }
  }
  if (texts.length) reading.text = texts.join('; ');
  rangeReadings.set(value, reading);
  return reading;
}

function cachedInterpretation(value: unknown): LabInterpretation {
  if (!value || typeof value !== 'object') return interpretationOf(value);
  let reading = interpretationReadings.get(value);
  if (!reading) {
    reading = interpretationOf(value);
    interpretationReadings.set(value, reading);
  }
  return reading;
}

interface DateReading {
  date: string;
  time: number;
  source?: 'issued' | 'report';
}

/** Reads a FHIR date into `into`; false when it is not one. */
function readDate(value: unknown, into: DateReading, source?: DateReading['source']): boolean {
  if (typeof value !== 'string') return false;
  const time = fhirDateToTime(value);
  if (time === undefined) return false;
  into.date = value.trim();
  into.time = time;
  into.source = source;
  return true;
}

function readEffective(resource: AnyResource, into: DateReading): boolean {
  if (readDate(resource.effectiveDateTime, into) || readDate(resource.effectiveInstant, into)) return true;
  const period = resource.effectivePeriod as { start?: unknown; end?: unknown } | undefined;
  if (period && (readDate(period.start, into) || readDate(period.end, into))) return true;
  const timing = resource.effectiveTiming as { event?: unknown[] } | undefined;
  return Array.isArray(timing?.event) && readDate(timing.event[0], into);
}

/** The result's date: effective, else issued, else the date of a report listing it. */
function readObservationDate(observation: AnyResource, reportDates: Map<string, string>, into: DateReading): boolean {
  if (readEffective(observation, into)) return true;
  if (readDate(observation.issued, into, 'issued')) return true;
  const reported = observation.id ? reportDates.get(observation.id) : undefined;
  return readDate(reported, into, 'report');
}

/** Dates of DiagnosticReports, by the ids of the Observations they list as results. */
function reportDatesOf(pool: readonly AnyResource[]): Map<string, string> {
  const dates = new Map<string, string>();
  const scratch: DateReading = { date: '', time: 0 };
  for (const report of pool) {
    if (report?.resourceType !== 'DiagnosticReport' || !Array.isArray(report.result)) continue;
    if (!readEffective(report, scratch) && !readDate(report.issued, scratch)) continue;
    for (const result of report.result as { reference?: unknown }[]) {
      const match = typeof result?.reference === 'string' ? /(?:^|\/)Observation\/([^/]+)$/.exec(result.reference) : null;
      if (match && !dates.has(match[1])) dates.set(match[1], scratch.date);
    }
  }
  return dates;
}

/** A plotted point before unit harmonisation: the point (value as recorded) and what converting it needs. */
interface RawPoint {
  point: LabPoint;
  measure: Measure;
  unitKey: string;
  unit: string;
  range: RangeReading;
  /** The coded concept naming the result (its name is read only for the newest). */
  code: unknown;
}

function textValueOf(holder: Record<string, unknown>): Pick<LabTextResult, 'text' | 'booleanValue' | 'unit'> | undefined {
  const v = holder;
  if (typeof v.valueString === 'string') return { text: v.valueString };
  if (v.valueCodeableConcept) return { text: conceptText(v.valueCodeableConcept) ?? '' };
  if (typeof v.valueBoolean === 'boolean') return { booleanValue: v.valueBoolean };
  if (typeof v.valueTime === 'string') return { text: v.valueTime };
  if (typeof v.valueDateTime === 'string') return { text: v.valueDateTime };
  if (v.valueRange && typeof v.valueRange === 'object') {
    const range = v.valueRange as { low?: unknown; high?: unknown };
    const low = quantityOf(range.low);
    const high = quantityOf(range.high);
    const side = (q?: RawQuantity) => (q ? formatNumber(q.value) ?? '' : '');
    return { text: `${side(low)}–${side(high)}`, unit: (low ?? high)?.unit };
  }
  if (v.valueRatio && typeof v.valueRatio === 'object') {
    const ratio = v.valueRatio as { numerator?: unknown; denominator?: unknown };
    const n = quantityOf(ratio.numerator);
    const d = quantityOf(ratio.denominator);
    const side = (q?: RawQuantity) => (q ? `${formatNumber(q.value)}${q.unit ? ` ${q.unit}` : ''}` : '?');
    return { text: `${side(n)} / ${side(d)}` };
  }
  if (v.valuePeriod && typeof v.valuePeriod === 'object') {
    const period = v.valuePeriod as { start?: unknown; end?: unknown };
    return { text: `${typeof period.start === 'string' ? period.start : ''}–${typeof period.end === 'string' ? period.end : ''}` };
  }
  if (v.valueSampledData) return { text: 'SampledData' };
  if (v.valueAttachment) {
    const attachment = v.valueAttachment as { title?: unknown };
    return { text: typeof attachment.title === 'string' ? attachment.title : 'Attachment' };
  }
  return undefined;
}

/** Critical by a critical reference range, when no code already says critical. */
function withCriticalRange(interpretation: LabInterpretation, value: number, unitKey: string, range: RangeReading): LabInterpretation {
  if (interpretation.severity === 'critical' || (!range.criticalHigh && !range.criticalLow)) return interpretation;
  const sameUnit = (q?: RawQuantity) => q && (q.unitKey === '' || q.unitKey === unitKey);
  if (sameUnit(range.criticalHigh) && value >= range.criticalHigh!.value) {
    return { ...interpretation, severity: 'critical', direction: 'high', fromCriticalRange: true };
  }
  if (sameUnit(range.criticalLow) && value <= range.criticalLow!.value) {
    return { ...interpretation, severity: 'critical', direction: 'low', fromCriticalRange: true };
  }
  return interpretation;
}

function loincCodesOf(concept: unknown): string[] {
  return codingsOf(concept)
    .filter((c) => (c.system === undefined || c.system === SYSTEMS.loinc) && typeof c.code === 'string')
    .map((c) => c.code as string);
}

/** A fast test of "does this concept carry one of these codes" (no allocation per call). */
function codeMatcher(tokens: readonly CodeToken[]): (concept: unknown) => boolean {
  const systems = new Map<string, Set<string | undefined>>();
  for (const token of tokens) {
    const set = systems.get(token.code) ?? new Set<string | undefined>();
    set.add(token.system);
    systems.set(token.code, set);
  }
  const matches = (coding: unknown): boolean => {
    if (!coding || typeof coding !== 'object') return false;
    const { code, system } = coding as { code?: unknown; system?: unknown };
    if (typeof code !== 'string') return false;
    const allowed = systems.get(code);
    return !!allowed && (allowed.has(undefined) || allowed.has(system as string));
  };
  return (concept) => {
    const codings = (concept as { coding?: unknown } | null | undefined)?.coding;
    if (Array.isArray(codings)) {
      for (const coding of codings) if (matches(coding)) return true;
      return false;
    }
    return matches(concept); // a bare Coding
  };
}

export interface LabTrendInput {
  /** The searched Observations (any others are ignored by code). */
  observations: readonly AnyResource[];
  /** Other resources available (DiagnosticReports give undated results their date). */
  included?: readonly AnyResource[];
  /** The `code` attribute. */
  code: string | null | undefined;
  patientId?: string;
  aliases?: readonly string[];
  truncated?: boolean;
  total?: number;
  /** How ucum-lhc is loaded when a series has several units (default: lazy import). */
  loadConverter?: () => Promise<UnitConverter | undefined>;
  /** Stops the work (between slices of a long record) when aborted. */
  signal?: AbortSignal;
}

/** Observations read between two yields to the page. */
const READ_SLICE = 5_000;

/**
 * Lets the page handle input and paint: scheduler.yield where the browser has it, else a message
 * task (unlike setTimeout, not throttled to once a second in a background tab).
 */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/** Builds the trend view model. Async only because a unit change loads the UCUM library. */
export async function buildLabTrend(input: LabTrendInput): Promise<LabTrendModel> {
  const query = trendQuery(input.code);
  const matchesQuery = codeMatcher(query.codes);
  const observations = input.observations.filter((r) => r?.resourceType === 'Observation' && matchesQuery(r.code));
  const { kept, otherPatient } = partitionByPatient(observations, input.patientId, input.aliases);
  const reportDates = reportDatesOf(input.included ?? []);
  const hidden = { enteredInError: 0, cancelled: 0, otherPatient };
  const raw: RawPoint[] = [];
  const textResults: LabTextResult[] = [];
  let titleConcept: unknown;
  let titleTime = -Infinity;

  const bp = query.systolic || query.diastolic;
  const bpCodes: string[] = [...BP_PANEL_CODES, SYSTOLIC_CODE, DIASTOLIC_CODE];
  const matchesOther = codeMatcher(query.codes.filter((t) => !(isLoinc(t) && bpCodes.includes(t.code))));
  const isPanel = codeMatcher(BP_PANEL_CODES.map((code) => ({ code })));
  const isSystolic = codeMatcher([{ code: SYSTOLIC_CODE }]);
  const isDiastolic = codeMatcher([{ code: DIASTOLIC_CODE }]);

  const read = (observation: AnyResource, holder: Record<string, unknown>, measure: Measure, code: unknown, date: DateReading | undefined) => {
    const status = typeof observation.status === 'string' ? observation.status : 'unknown';
    const provisional = !FINAL_STATUSES.has(status);
    const range = referenceRangeOf(holder.referenceRange);
    const interpretation = cachedInterpretation(holder.interpretation);
    const integer = holder.valueInteger === undefined ? undefined : numberOf(holder.valueInteger);
    const quantity = quantityOf(holder.valueQuantity) ?? (integer === undefined ? undefined : { value: integer, unitKey: '', unit: '' });
    if (quantity && date) {
      const comparator = (holder.valueQuantity as { comparator?: unknown } | undefined)?.comparator;
      raw.push({
        point: {
          id: observation.id,
          time: date.time,
          date: date.date,
          value: quantity.value,
          comparator: typeof comparator === 'string' && comparator.trim() ? comparator.trim() : undefined,
          status,
          provisional,
          low: undefined,
          high: undefined,
          rangeText: range.text,
          interpretation: withCriticalRange(interpretation, quantity.value, quantity.unitKey, range),
          original: undefined,
          dateSource: date.source,
        },
        measure,
        unitKey: quantity.unitKey,
        unit: quantity.unit,
        range,
        code,
      });
      return;
    }
    const base = {
      id: observation.id,
      measure,
      name: conceptText(code),
      status,
      provisional,
      rangeText: range.text,
      low: range.low?.value,
      high: range.high?.value,
      interpretation,
      ...(date ? { time: date.time, date: date.date, dateSource: date.source } : {}),
    };
    if (quantity) {
      const comparator = (holder.valueQuantity as { comparator?: unknown } | undefined)?.comparator;
      textResults.push({
        ...base,
        why: 'undated',
        value: quantity.value,
        comparator: typeof comparator === 'string' && comparator.trim() ? comparator.trim() : undefined,
        unit: quantity.unit,
      });
      return;
    }
    const text = textValueOf(holder);
    const absent = holder.dataAbsentReason ? conceptText(holder.dataAbsentReason) : undefined;
    textResults.push({ ...base, why: text ? 'non-numeric' : 'no-value', ...(text ?? {}), ...(absent ? { absentReason: absent } : {}) });
  };

  const scratch: DateReading = { date: '', time: 0 }; // read() copies what it needs
  for (let index = 0; index < kept.length; index += 1) {
    if (index > 0 && index % READ_SLICE === 0) {
      // A long record is read in slices, so the page stays responsive while it is modelled.
      await yieldToPage();
      input.signal?.throwIfAborted();
    }
    const observation = kept[index];
    const status = observation.status;
    if (status === 'entered-in-error') {
      hidden.enteredInError += 1;
      continue;
    }
    if (status === 'cancelled') {
      hidden.cancelled += 1;
      continue;
    }
    const date = readObservationDate(observation, reportDates, scratch) ? scratch : undefined;
    const code = observation.code;
    if (date && date.time > titleTime) {
      titleTime = date.time;
      titleConcept = code;
    }
    titleConcept ??= code;
    if (bp && !matchesOther(code)) {
      if (isPanel(code)) {
        const components = Array.isArray(observation.component) ? (observation.component as unknown[]) : [];
        let found = false;
        for (const component of components) {
          if (!component || typeof component !== 'object') continue;
          const c = component as Record<string, unknown>;
          const measure: Measure | undefined =
            query.systolic && isSystolic(c.code) ? 'systolic' : query.diastolic && isDiastolic(c.code) ? 'diastolic' : undefined;
          if (!measure) continue;
          found = true;
          read(observation, c, measure, c.code, date);
        }
        if (!found) read(observation, observation, query.systolic ? 'systolic' : 'diastolic', code, date);
        continue;
      }
      if (isSystolic(code)) {
        if (query.systolic) read(observation, observation, 'systolic', code, date);
        continue;
      }
      if (isDiastolic(code)) {
        if (query.diastolic) read(observation, observation, 'diastolic', code, date);
        continue;
      }
    }
    read(observation, observation, 'result', code, date);
  }

  const byMeasure = new Map<Measure, RawPoint[]>();
  for (const point of raw) {
    const list = byMeasure.get(point.measure);
    if (list) list.push(point);
    else byMeasure.set(point.measure, [point]);
  }
  const needsConverter = [...byMeasure.values()].some((points) => points.some((p) => p.unitKey !== points[0].unitKey));
  const converter = needsConverter ? await (input.loadConverter ?? loadUnitConverter)() : undefined;

  const series: LabSeries[] = [];
  const unitSplits: LabTrendModel['unitSplits'] = [];
  const order: Measure[] = ['result', 'systolic', 'diastolic'];
  for (const measure of order) {
    const points = byMeasure.get(measure);
    if (!points?.length) continue;
    const made = harmonise(points, converter);
    if (made.length > 1) unitSplits.push({ measure, units: made.map((s) => s.unit || '—') });
    series.push(...made);
  }

  const panels: LabPanel[] = [];
  for (const s of series) {
    const panel = panels.find((p) => p.unitKey === s.unitKey);
    if (panel) panel.series.push(s);
    else panels.push({ unit: s.unit, unitKey: s.unitKey, series: [s] });
  }
  textResults.sort((a, b) => (b.time ?? -Infinity) - (a.time ?? -Infinity));
  const pointCount = series.reduce((n, s) => n + s.points.length, 0);
  const newest = series.reduce((t, s) => Math.max(t, s.points[s.points.length - 1]?.time ?? -Infinity), -Infinity);
  return {
    title: conceptText(titleConcept),
    bloodPressure: bp,
    panels,
    textResults,
    hidden,
    unitSplits,
    ...(input.truncated ? { truncated: { shown: input.observations.length, total: input.total } } : {}),
    ...(Number.isFinite(newest) ? { newest } : {}),
    pointCount,
  };
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
function molarMassOf(points: readonly RawPoint[]): { molarMass: number; analyte: string } | undefined {
  let found: ReturnType<typeof analyteOf>;
  const seen = new Set<unknown>();
  for (const point of points) {
    if (seen.has(point.code)) continue;
    seen.add(point.code);
    const analyte = loincCodesOf(point.code).map(analyteOf).find(Boolean);
    if (!analyte || (found && found !== analyte)) return undefined;
    found = analyte;
  }
  return found ? { molarMass: found.molarMass, analyte: found.name } : undefined;
}

type Conversion = (value: number) => number;

/**
 * One measure's points → one series in the most recent unit, converting what UCUM allows; points
 * in units that cannot be converted form further series (each in its own most recent unit).
 * Points are converted in place (value, range) and keep what was recorded in `original`.
 */
function harmonise(points: RawPoint[], converter: UnitConverter | undefined): LabSeries[] {
  points.sort((a, b) => a.point.time - b.point.time);
  const measure = points[0].measure;
  let mass: ReturnType<typeof molarMassOf> | null = null; // null: not looked up yet
  const out: LabSeries[] = [];
  let remaining = points;
  while (remaining.length) {
    const newest = remaining[remaining.length - 1];
    const target = newest.unitKey;
    const conversions = new Map<string, Conversion | undefined>();
    const notes = new Map<string, UnitConversionNote>();
    const conversionFor = (key: string): Conversion | undefined => {
      if (key === target) return undefined;
      if (!conversions.has(key)) {
        let conversion = converter?.conversion(key, target);
        if (!conversion && converter) {
          if (mass === null) mass = molarMassOf(points);
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
    const mine: LabPoint[] = [];
    const rest: RawPoint[] = [];
    for (const raw of remaining) {
      const { point } = raw;
      if (raw.unitKey !== target) {
        const convert = conversionFor(raw.unitKey);
        const value = convert ? roundConverted(point.value, convert(point.value)) : Number.NaN;
        if (!Number.isFinite(value)) {
          rest.push(raw);
          continue;
        }
        point.original = { value: point.value, unit: raw.unit || raw.unitKey };
        point.value = value;
        const note = notes.get(raw.unitKey) ?? { from: raw.unitKey, count: 0 };
        note.from = raw.unit || raw.unitKey;
        note.count += 1;
        notes.set(raw.unitKey, note);
      }
      if (raw.range !== NO_RANGE) {
        point.low = bound(raw.range.low, raw.unitKey);
        point.high = bound(raw.range.high, raw.unitKey);
      }
      mine.push(point);
    }
    out.push({
      measure,
      name: conceptText(newest.code),
      unit: newest.unit || target,
      unitKey: target,
      points: mine,
      conversions: [...notes.values()].filter((n) => n.count > 0),
    });
    remaining = rest;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Views over the model used by the element

/** Start of the visible window for `range`, counted back from the newest result. */
export function rangeStart(range: TrendRange, newest: number | undefined): number {
  if (newest === undefined || range === 'all') return -Infinity;
  const d = new Date(newest);
  const years = range === '1y' ? 1 : 5;
  return Date.UTC(d.getUTCFullYear() - years, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
}

/** Index of the first point at or after `time` (points ascending by time). */
export function firstIndexFrom(points: readonly LabPoint[], time: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid].time < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where the line breaks: a gap longer than five times the usual (median) interval between
 * results, and at least a day, is not bridged by a line.
 */
export function gapThreshold(points: readonly LabPoint[], from = 0, to = points.length): number {
  const n = to - from;
  if (n < 3) return Infinity;
  // The median of up to 1,001 evenly sampled intervals is plenty and keeps 100k points cheap.
  const stride = Math.max(1, Math.floor((n - 1) / 1001));
  const gaps: number[] = [];
  for (let i = from + 1; i < to; i += stride) gaps.push(points[i].time - points[i - 1].time);
  gaps.sort((a, b) => a - b);
  const median = gaps[gaps.length >> 1];
  return Math.max(median * 5, 86_400_000);
}
