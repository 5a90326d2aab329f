// Observations → the trend view model, in one pass over the results into typed arrays. What
// results share — interpretation, reference range, unit, status — is read once per distinct shape
// (see shape-cache.ts), not once per result. The build is resumable: `read(count)` goes on where
// it stopped, so a caller can slice a long record and let the page breathe between slices; the
// model itself never schedules anything.
//
// Rules kept here: entered-in-error and cancelled hidden and counted (DESIGN §3 rule 3); another
// patient's results dropped and counted (rule 4); final / amended / corrected plotted as they are,
// other statuses plotted and marked; quantities plotted, comparators kept; a value without a date
// and non-numeric values listed in the table only.
import { conceptText } from '../codes.js';
import type { AnyResource } from '../fhir-types.js';
import { patientIdOf, resourcePatient } from '../resources.js';
import { sourcesOf } from '../source-merge.js';
import type { UnitConverter } from '../unit-conversion.js';
import { interpretationOf, sameInterpretation, withCriticalRange, type LabInterpretation } from './interpretation.js';
import { readObservationDate, reportDatesOf, textValueOf, type DateReading } from './observation-reading.js';
import {
  BP_PANEL_CODES,
  codeMatcher,
  DIASTOLIC_CODE,
  isLoinc,
  SYSTOLIC_CODE,
  trendQuery,
  type Measure,
} from './query.js';
import { numberOf, referenceRangeOf, sameReferenceRange, type RangeReading } from './reference-range.js';
import { DIRECTION_CODE, SEVERITY_CODE, type LabPanel, type LabSeries, type LabTextResult, type LabTrendModel } from './series.js';
import { ShapeCache } from './shape-cache.js';
import { sortByTime } from './time-sort.js';
import { harmonise, type RawKind, type RawPoints } from './units.js';
import { unitDisplayOf, unitKeyOf } from '../unit-conversion.js';

/** Statuses plotted as they are; anything else that is shown is marked. */
const FINAL_STATUSES = new Set(['final', 'amended', 'corrected']);
const MEASURES: readonly Measure[] = ['result', 'systolic', 'diastolic'];

export interface LabTrendInput {
  /** The searched Observations (any others are ignored by code). */
  observations: readonly AnyResource[];
  /** Other resources available (DiagnosticReports give undated results their date). */
  included?: readonly AnyResource[];
  /** The `code` attribute. */
  code: string | null | undefined;
  patientId?: string;
  /** Other references that name the same patient (`Patient/<id>`, full URLs): see `PatientScope`. */
  aliases?: readonly string[];
  truncated?: boolean;
  total?: number;
  /**
   * Read the newest results first, so that `preview` after the first `read` shows the newest: the
   * results are read from the last when they look oldest first (the last dated later than the
   * first, as a search sorted by date gives them). The finished trend is the same either way.
   */
  newestFirst?: boolean;
}

/** The results read so far, drawn while the rest are read (never the finished trend). */
export interface LabTrendPreview {
  /** A trend of the results read so far alone: its series only (no table results, no counts). */
  model: LabTrendModel;
  /** Results plotted in it. */
  shown: number;
  /** Records read so far, and in all. */
  read: number;
  total: number;
}

/** A trend being built: read the results in as many steps as wanted, then finish. */
export interface LabTrendBuild {
  /** Reads up to `count` more results; true when every result has been read. */
  read(count: number): boolean;
  /**
   * The series of the results read so far, for a first drawing while the rest are read; undefined
   * when nothing is plotted yet or when their units differ (converting or splitting them could
   * show what the finished trend does not).
   */
  preview(): LabTrendPreview | undefined;
  /**
   * Sorts the results read by time, a step at a time (a run of results, or one merge of two);
   * true when done. Optional: `finish` sorts what is left.
   */
  sort(): boolean;
  /** True when the series mix units, so `finish` needs the UCUM converter (known once every result is read). */
  needsConverter(): boolean;
  finish(converter?: UnitConverter): LabTrendModel;
}

interface UnitReading {
  id: number;
  unitKey: string;
  unit: string;
}

const NO_UNIT: UnitReading = { id: -1, unitKey: '', unit: '' };

/** Starts building the trend of `input` (nothing is read until `read`). */
export function startLabTrend(input: LabTrendInput): LabTrendBuild {
  const query = trendQuery(input.code);
  const matchesQuery = codeMatcher(query.codes);
  const aliases = input.aliases ?? [];
  const kept = input.observations;
  const asked = (r: AnyResource | undefined): r is AnyResource => r?.resourceType === 'Observation' && matchesQuery(r.code);
  // The code test and the patient test are made in the read loop itself: one walk over the
  // results. With no patient named (nor aliases), it is the one partitionByPatient infers from the
  // results of the asked-for codes (their most common); with none to infer, every result is kept.
  const patientId = input.patientId ?? (aliases.length ? undefined : mostCommonPatient(kept.filter(asked)));
  const ownPatient = patientId === undefined && !aliases.length ? () => true : patientTest(patientId, aliases);
  const reportDates = reportDatesOf(input.included ?? []);
  const hidden = { enteredInError: 0, cancelled: 0, otherPatient: 0 };
  const textResults: LabTextResult[] = [];
  let titleConcept: unknown;
  let titleTime = -Infinity;
  // Newest first: read from the last result when they look oldest first. Reading order decides
  // ties (equal times, the title among equally new results, table order), so the points and the
  // table results are put back in the order of the results once all are read, and the title
  // prefers the earlier result as forward reading does.
  const dateOf = (result: AnyResource | undefined): number => {
    const date: DateReading = { date: '', time: Number.NaN };
    if (result) readObservationDate(result, reportDates, date);
    return date.time;
  };
  // They look oldest first when the last one is dated later than the first (a search sorted by date).
  const reverse = input.newestFirst === true && dateOf(kept[kept.length - 1]) > dateOf(kept[0]);
  /** For each table result, its result's place in `kept` (the table's order among equal times). */
  const textAt: number[] = [];
  let fallbackConcept: unknown;
  /** Where the result being read is in `kept`. */
  let at = 0;
  let restored = !reverse;

  const bp = query.systolic || query.diastolic;
  /** Measures there can be points of: the result, or systolic and diastolic too. */
  const measureCount = bp ? 3 : 1;
  const bpCodes: string[] = [...BP_PANEL_CODES, SYSTOLIC_CODE, DIASTOLIC_CODE];
  const matchesOther = codeMatcher(query.codes.filter((t) => !(isLoinc(t) && bpCodes.includes(t.code))));
  const isPanel = codeMatcher(BP_PANEL_CODES.map((code) => ({ code })));
  const isSystolic = codeMatcher([{ code: SYSTOLIC_CODE }]);
  const isDiastolic = codeMatcher([{ code: DIASTOLIC_CODE }]);

  // Plotted points, as read (a blood pressure panel gives up to two per result).
  const capacity = Math.max(16, bp ? kept.length * 2 : kept.length);
  // Per point: its result's place in `kept`, and its component (-1: the result itself).
  let resultAt = new Uint32Array(capacity);
  let componentAt = new Int32Array(capacity);
  const kindList: RawKind[] = [];
  /**
   * A point's id, sources, date, interpretation and code, read again from its result when it is
   * shown (the same readings the build made; its interpretation from the build's shapes, so a
   * chart's thousand critical markers do not each read their codes again), over the columns given
   * (a preview keeps its own).
   */
  const accessorsOver = (results: Uint32Array, components: Int32Array, values: Float64Array, kinds: Uint32Array): Pick<RawPoints, 'detail' | 'code'> => {
    const holderOf = (k: number): { observation: AnyResource; holder: Record<string, unknown> } => {
      const observation = kept[results[k]];
      const c = components[k];
      return { observation, holder: c < 0 ? observation : (observation.component as Record<string, unknown>[])[c] };
    };
    return {
      detail: (k) => {
        const { observation, holder } = holderOf(k);
        const date: DateReading = { date: '', time: 0 };
        readObservationDate(observation, reportDates, date);
        const kind = kindList[kinds[k]];
        const interpretation = withCriticalRange(interpretations.get(holder.interpretation), values[k], kind.unitKey, kind.range);
        return { id: observation.id as string | undefined, sources: sourceLabels(observation), date: date.date, interpretation };
      },
      code: (k) => holderOf(k).holder.code,
    };
  };
  const firstValues = new Float64Array(capacity);
  const firstKinds = new Uint32Array(capacity);
  const raw: RawPoints = {
    count: 0,
    times: new Float64Array(capacity),
    values: firstValues,
    severities: new Uint8Array(capacity),
    directions: new Uint8Array(capacity),
    measures: new Uint8Array(capacity),
    kinds: firstKinds,
    kindList,
    ...accessorsOver(resultAt, componentAt, firstValues, firstKinds),
  } as RawPoints & { measures: Uint8Array };
  let measures = (raw as RawPoints & { measures: Uint8Array }).measures;

  // Readings per distinct shape.
  const ranges = new ShapeCache<RangeReading>(referenceRangeOf, sameReferenceRange);
  const interpretations = new ShapeCache<LabInterpretation>(interpretationOf, sameInterpretation);
  const units: UnitReading[] = [];
  let lastUnitSource: unknown;
  let lastUnit: UnitReading | undefined;
  const unitOf = (quantity: Record<string, unknown>): UnitReading => {
    if (lastUnit && (quantity === lastUnitSource || sameUnitFields(quantity, lastUnitSource as Record<string, unknown>))) return lastUnit;
    const unitKey = unitKeyOf(quantity);
    const unit = unitDisplayOf(quantity);
    let found = units.find((u) => u.unitKey === unitKey && u.unit === unit);
    if (!found) {
      found = { id: units.length, unitKey, unit };
      units.push(found);
    }
    lastUnitSource = quantity;
    lastUnit = found;
    return found;
  };
  // Kinds by their parts; the kind of the result before is tried first (results in a row mostly share it).
  const kindIds = new Map<string, number>();
  let lastKindId = -1;
  let lastKindUnit = NO_UNIT;
  const kindOf = (status: string, comparator: string | undefined, dateSource: DateReading['source'], range: RangeReading, rangeId: number, unit: UnitReading): number => {
    const last = raw.kindList[lastKindId];
    if (last && last.status === status && last.comparator === comparator && last.dateSource === dateSource && last.range === range && lastKindUnit === unit) {
      return lastKindId;
    }
    const key = JSON.stringify([status, comparator, dateSource, rangeId, unit.id]);
    let id = kindIds.get(key);
    if (id === undefined) {
      kindIds.set(key, (id = raw.kindList.length));
      raw.kindList.push({ status, provisional: !FINAL_STATUSES.has(status), comparator, dateSource, range, unitKey: unit.unitKey, unit: unit.unit });
    }
    lastKindId = id;
    lastKindUnit = unit;
    return id;
  };

  // Per measure, the unit key of its first point, and whether any other point has another: the
  // series mix units (`needsConverter`) without a pass over the points.
  const measureUnits: (string | undefined)[] = [undefined, undefined, undefined];
  let mixedUnits = false;
  const read = (observation: AnyResource, holder: Record<string, unknown>, component: number, measure: Measure, code: unknown, date: DateReading | undefined) => {
    const status = typeof observation.status === 'string' ? observation.status : 'unknown';
    const range = ranges.get(holder.referenceRange);
    const rangeId = ranges.lastId;
    const base = interpretations.get(holder.interpretation);
    const valueQuantity = holder.valueQuantity as Record<string, unknown> | undefined;
    let value: number | undefined;
    let unit = NO_UNIT;
    if (valueQuantity && typeof valueQuantity === 'object') {
      const v = valueQuantity.value;
      value = typeof v === 'number' ? (Number.isFinite(v) ? v : undefined) : numberOf(v);
      if (value !== undefined) unit = unitOf(valueQuantity);
    }
    if (value === undefined && holder.valueInteger !== undefined) value = numberOf(holder.valueInteger);
    const rawComparator = valueQuantity ? valueQuantity.comparator : undefined;
    const comparator = typeof rawComparator === 'string' && rawComparator.trim() ? rawComparator.trim() : undefined;
    if (value !== undefined && date) {
      const k = raw.count;
      const interpretation = withCriticalRange(base, value, unit.unitKey, range);
      raw.times[k] = date.time;
      raw.values[k] = value;
      const m = measure === 'result' ? 0 : MEASURES.indexOf(measure);
      measures[k] = m;
      const first = measureUnits[m];
      if (first === undefined) measureUnits[m] = unit.unitKey;
      else if (first !== unit.unitKey) mixedUnits = true;
      raw.severities[k] = interpretation.severity ? SEVERITY_CODE[interpretation.severity] : 0;
      raw.directions[k] = interpretation.direction ? DIRECTION_CODE[interpretation.direction] : 0;
      raw.kinds[k] = kindOf(status, comparator, date.source, range, rangeId, unit);
      resultAt[k] = at;
      componentAt[k] = component;
      raw.count = k + 1;
      return;
    }
    const provisional = !FINAL_STATUSES.has(status);
    const listed = {
      id: observation.id,
      sources: sourceLabels(observation),
      measure,
      name: conceptText(code),
      status,
      provisional,
      rangeText: range.text,
      low: range.low?.value,
      high: range.high?.value,
      interpretation: base,
      ...(date ? { time: date.time, date: date.date, dateSource: date.source } : {}),
    };
    if (value !== undefined) {
      // The unit read with the value (none for an integer value).
      textResults.push({ ...listed, why: 'undated', value, comparator, unit: unit.unit });
      textAt.push(at);
      return;
    }
    const text = textValueOf(holder);
    const absent = holder.dataAbsentReason ? conceptText(holder.dataAbsentReason) : undefined;
    textResults.push({ ...listed, why: text ? 'non-numeric' : 'no-value', ...(text ?? {}), ...(absent ? { absentReason: absent } : {}) });
    textAt.push(at);
  };

  const scratch: DateReading = { date: '', time: 0 }; // read() copies what it needs
  let next = 0;
  const readOne = (observation: AnyResource) => {
    const status = observation.status;
    if (status === 'entered-in-error') {
      hidden.enteredInError += 1;
      return;
    }
    if (status === 'cancelled') {
      hidden.cancelled += 1;
      return;
    }
    const date = readObservationDate(observation, reportDates, scratch) ? scratch : undefined;
    const code = observation.code;
    // The newest result names the trend (the first of equally new ones, in the results' order);
    // without any date, the first result.
    if (date && (date.time > titleTime || (reverse && date.time === titleTime))) {
      titleTime = date.time;
      titleConcept = code;
    }
    if (reverse) fallbackConcept = code;
    else fallbackConcept ??= code;
    if (bp && !matchesOther(code)) {
      if (isPanel(code)) {
        const components = Array.isArray(observation.component) ? (observation.component as unknown[]) : [];
        let found = false;
        for (let i = 0; i < components.length; i += 1) {
          const component = components[i];
          if (!component || typeof component !== 'object') continue;
          const c = component as Record<string, unknown>;
          const measure: Measure | undefined =
            query.systolic && isSystolic(c.code) ? 'systolic' : query.diastolic && isDiastolic(c.code) ? 'diastolic' : undefined;
          if (!measure) continue;
          found = true;
          read(observation, c, i, measure, c.code, date);
        }
        if (!found) read(observation, observation, -1, query.systolic ? 'systolic' : 'diastolic', code, date);
        return;
      }
      if (isSystolic(code)) {
        if (query.systolic) read(observation, observation, -1, 'systolic', code, date);
        return;
      }
      if (isDiastolic(code)) {
        if (query.diastolic) read(observation, observation, -1, 'diastolic', code, date);
        return;
      }
    }
    read(observation, observation, -1, 'result', code, date);
  };

  /**
   * Indices of one measure's points in reading order (or in `order`, a permutation of the points),
   * and whether their times already ascend.
   */
  const indicesOf = (measure: number, order?: Uint32Array): { indices: Uint32Array; ascending: boolean } => {
    const indices = new Uint32Array(raw.count);
    let ascending = true;
    let j = 0;
    for (let i = 0; i < raw.count; i += 1) {
      const k = order ? order[i] : i;
      if (measures[k] !== measure) continue;
      if (j > 0 && raw.times[k] < raw.times[indices[j - 1]]) ascending = false;
      indices[j++] = k;
    }
    // One walk: a view of what was filled (the whole of it when the record has one measure).
    return { indices: indices.subarray(0, j), ascending };
  };

  /**
   * Reverse reading, once every result is read: the points in the results' order (the points of
   * one result, read together, keep their order), as if the results had been read first to last.
   */
  const resultsOrder = (): Uint32Array => {
    const n = raw.count;
    const order = new Uint32Array(n);
    let o = 0;
    for (let end = n; end > 0; ) {
      let start = end - 1;
      while (start > 0 && resultAt[start - 1] === resultAt[end - 1]) start -= 1;
      for (let k = start; k < end; k += 1) order[o++] = k;
      end = start;
    }
    return order;
  };

  /** The point columns rearranged in `order` (new columns: a preview made earlier keeps its own). */
  const permute = (order: Uint32Array): void => {
    const n = raw.count;
    const times = new Float64Array(n);
    const values = new Float64Array(n);
    const severities = new Uint8Array(n);
    const directions = new Uint8Array(n);
    const kinds = new Uint32Array(n);
    const measured = new Uint8Array(n);
    const results = new Uint32Array(n);
    const components = new Int32Array(n);
    for (let k = 0; k < n; k += 1) {
      const from = order[k];
      times[k] = raw.times[from];
      values[k] = raw.values[from];
      severities[k] = raw.severities[from];
      directions[k] = raw.directions[from];
      kinds[k] = raw.kinds[from];
      measured[k] = measures[from];
      results[k] = resultAt[from];
      components[k] = componentAt[from];
    }
    Object.assign(raw, { times, values, severities, directions, kinds, measures: measured, ...accessorsOver(results, components, values, kinds) });
    measures = measured;
    resultAt = results;
    componentAt = components;
  };

  /** Each measure's indices ascending by time (the results' order among equal times), a step at a time. */
  function* sortSteps(): Generator<undefined, Uint32Array[], undefined> {
    if (!restored) {
      restored = true;
      const order = resultsOrder();
      // Results read newest first mostly ascend in the results' order: then nothing moves. One
      // pass tells (per measure, each point against the one before of its measure); a record of
      // one measure then has `order` itself as its indices.
      const lastTime = [-Infinity, -Infinity, -Infinity];
      let ascending = true;
      for (let i = 0; i < order.length && ascending; i += 1) {
        const k = order[i];
        ascending = raw.times[k] >= lastTime[measures[k]];
        lastTime[measures[k]] = raw.times[k];
      }
      if (ascending) return measureCount === 1 ? [order] : MEASURES.map((_, m) => indicesOf(m, order).indices);
      permute(order);
    }
    const out: Uint32Array[] = [];
    for (let m = 0; m < measureCount; m += 1) {
      const { indices, ascending } = indicesOf(m);
      out.push(indices);
      if (!ascending) yield* sortByTime(raw.times, indices);
    }
    return out;
  }

  let sorted: Uint32Array[] | undefined;
  let sorting: Generator<undefined, Uint32Array[], undefined> | undefined;
  /** Takes one sorting step; true when every measure is sorted. */
  const sortStep = (): boolean => {
    if (sorted) return true;
    sorting ??= sortSteps();
    const step = sorting.next();
    if (step.done) sorted = step.value;
    return step.done === true;
  };
  const byMeasure = (): Uint32Array[] => {
    while (!sortStep());
    return sorted!;
  };

  /** The trend of these series (the preview's or the finished one), with what else it says. */
  const modelOf = (series: LabSeries[], rest: Pick<LabTrendModel, 'textResults' | 'hidden' | 'unitSplits' | 'truncated'>): LabTrendModel => {
    const pointCount = series.reduce((n, s) => n + s.length, 0);
    const newest = series.reduce((t, s) => Math.max(t, s.length ? s.times[s.length - 1] : -Infinity), -Infinity);
    return {
      title: conceptText(titleConcept ?? fallbackConcept),
      bloodPressure: bp,
      panels: panelsOf(series),
      ...rest,
      ...(Number.isFinite(newest) ? { newest } : {}),
      pointCount,
    };
  };

  return {
    read(count: number): boolean {
      const end = Math.min(kept.length, next + count);
      // Reverse reading: the results from the last.
      const last = reverse ? kept.length - 1 : -1;
      for (; next < end; next += 1) {
        at = reverse ? last - next : next;
        const observation = kept[at];
        if (!asked(observation)) continue;
        if (ownPatient(observation)) readOne(observation);
        else hidden.otherPatient += 1;
      }
      return next >= kept.length;
    },
    preview(): LabTrendPreview | undefined {
      if (!raw.count) return undefined;
      const series: LabSeries[] = [];
      for (let m = 0; m < measureCount; m += 1) {
        const { indices } = indicesOf(m);
        if (!indices.length) continue;
        const unitKey = raw.kindList[raw.kinds[indices[0]]].unitKey;
        for (let k = 1; k < indices.length; k += 1) if (raw.kindList[raw.kinds[indices[k]]].unitKey !== unitKey) return undefined;
        byTime(indices, raw.times);
        series.push(...harmonise(MEASURES[m], raw, indices, undefined));
      }
      const model = modelOf(series, { textResults: [], hidden: { enteredInError: 0, cancelled: 0, otherPatient: 0 }, unitSplits: [] });
      return { model, shown: model.pointCount, read: next, total: kept.length };
    },
    sort(): boolean {
      return sortStep();
    },
    needsConverter(): boolean {
      return mixedUnits;
    },
    finish(converter?: UnitConverter): LabTrendModel {
      const series: LabSeries[] = [];
      const unitSplits: LabTrendModel['unitSplits'] = [];
      byMeasure().forEach((indices, m) => {
        if (!indices.length) return;
        const made = harmonise(MEASURES[m], raw, indices, converter);
        if (made.length > 1) unitSplits.push({ measure: MEASURES[m], units: made.map((s) => s.unit || '—') });
        series.push(...made);
      });
      // Newest first; among equal times (or none), in the results' order, then as read from one result.
      const timeOf = (i: number) => textResults[i].time ?? -Infinity;
      const texts = textResults.map((_, i) => i).sort((i, j) => timeOf(j) - timeOf(i) || textAt[i] - textAt[j] || i - j);
      return modelOf(series, {
        textResults: texts.map((i) => textResults[i]),
        hidden,
        unitSplits,
        ...(input.truncated ? { truncated: { shown: input.observations.length, total: input.total } } : {}),
      });
    },
  };
}

/**
 * Indices (ascending) put in order of time, the earlier index first among equal times: left as they
 * are when they already ascend, reversed when they strictly descend (results read newest first),
 * else sorted.
 */
function byTime(indices: Uint32Array, times: Float64Array): void {
  let ascending = true;
  let descending = true;
  for (let k = 1; k < indices.length && (ascending || descending); k += 1) {
    const step = times[indices[k]] - times[indices[k - 1]];
    if (!(step >= 0)) ascending = false;
    if (!(step < 0)) descending = false;
  }
  if (descending && !ascending) indices.reverse();
  else if (!ascending) indices.sort((a, b) => times[a] - times[b] || a - b);
}

/** Series that share a unit share a panel (a chart), in the order of the series. */
function panelsOf(series: readonly LabSeries[]): LabPanel[] {
  const panels: LabPanel[] = [];
  for (const s of series) {
    const panel = panels.find((p) => p.unitKey === s.unitKey);
    if (panel) panel.series.push(s);
    else panels.push({ unit: s.unit, unitKey: s.unitKey, series: [s] });
  }
  return panels;
}

/** Several sources: the labels a merged result came from; undefined for a result never merged. */
function sourceLabels(observation: AnyResource): readonly string[] | undefined {
  const sources = sourcesOf(observation);
  return sources.length ? sources : undefined;
}

/**
 * Whose results these are when no patient is given: the most common patient among them (what
 * `partitionByPatient` infers for resources without a Patient), reading each distinct subject
 * reference once instead of once per result.
 */
function mostCommonPatient(observations: readonly AnyResource[]): string | undefined {
  const owners = new Map<string, string | null>();
  const counts = new Map<string, number>();
  for (const observation of observations) {
    const reference = (observation.subject as { reference?: unknown } | undefined)?.reference;
    let owner: string | undefined | null;
    if (typeof reference === 'string' && observation.subject && typeof observation.subject === 'object') {
      owner = owners.get(reference);
      if (owner === undefined) owners.set(reference, (owner = patientIdOf(reference) ?? null));
    } else owner = resourcePatient(observation);
    if (typeof owner === 'string') counts.set(owner, (counts.get(owner) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [id, count] of counts) {
    if (count > bestCount) [best, bestCount] = [id, count];
  }
  return best;
}

/**
 * `partitionByPatient`'s rule for one resource (its patient reference is the first of `subject`,
 * `patient`, `beneficiary` that is an object), for a named patient: kept when its patient
 * reference is `Patient/<id>` or an alias, or it names that patient (or none) some other way.
 */
function patientTest(patientId: string | undefined, aliases: readonly string[]): (resource: AnyResource) => boolean {
  const accepted = new Set(aliases);
  const fastMatch = patientId === undefined ? undefined : `Patient/${patientId}`;
  return (resource) => {
    let reference: string | undefined;
    // The first of subject, patient, beneficiary that holds an object, each read by its own name (no keyed load per result).
    let ref: unknown = resource.subject;
    if (!ref || typeof ref !== 'object') ref = resource.patient;
    if (!ref || typeof ref !== 'object') ref = resource.beneficiary;
    if (ref && typeof ref === 'object') {
      const value = (ref as { reference?: unknown }).reference;
      reference = typeof value === 'string' ? value : undefined;
    }
    if (reference !== undefined && (reference === fastMatch || accepted.has(reference))) return true;
    const owner = resourcePatient(resource);
    return owner === undefined || (owner !== null && (owner === patientId || accepted.has(owner)));
  };
}

/** Same unit fields (code, system, unit) as the last quantity read. */
function sameUnitFields(a: Record<string, unknown>, b: Record<string, unknown> | undefined): boolean {
  return !!b && a.code === b.code && a.system === b.system && a.unit === b.unit;
}
