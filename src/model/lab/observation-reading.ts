// Reading one Observation (or one component of a panel): its date, its value as a number or as
// something only the table can show. Server text is kept as text.
import { conceptText } from '../codes.js';
import { fhirDateToTime } from '../dates.js';
import type { AnyResource } from '../fhir-types.js';
import { formatNumber } from '../numbers.js';
import { quantityOf, type RawQuantity } from './reference-range.js';

export interface DateReading {
  date: string;
  time: number;
  source?: 'issued' | 'report';
}

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
};
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/** Days in a month of the proleptic Gregorian calendar (the one `Date` uses). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The common instant shape `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)` read without a regular
 * expression; undefined for anything else (then `fhirDateToTime` decides). Days a month does not
 * have, years before 1000 and other rarities are left to the general reader, so both agree exactly.
 */
export function instantToTime(s: string): number | undefined {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) return undefined;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59)) {
    return undefined;
  }
  let p = 19;
  let ms = 0;
  if (s.charCodeAt(p) === 46) {
    ms = digit(s, 20) * 100 + two(s, 21);
    if (!(ms >= 0)) return undefined;
    p = 23;
  }
  const zone = s.charCodeAt(p);
  let offset = 0;
  if (zone === 90 && n === p + 1) offset = 0;
  else if ((zone === 43 || zone === 45) && n === p + 6 && s.charCodeAt(p + 3) === 58) {
    const hours = two(s, p + 1);
    const minutes = two(s, p + 4);
    if (!(hours <= 23 && minutes <= 59)) return undefined;
    offset = (zone === 43 ? 1 : -1) * (hours * 60 + minutes) * 60_000;
  } else return undefined;
  return ((daysSinceEpoch(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms - offset;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (what `Date.UTC` counts), by
 * arithmetic alone (H. Hinnant's days_from_civil): no call per result.
 */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Reads a FHIR date into `into`; false when it is not one. */
export function readDate(value: unknown, into: DateReading, source?: DateReading['source']): boolean {
  if (typeof value !== 'string') return false;
  const fast = instantToTime(value);
  const time = fast ?? fhirDateToTime(value);
  if (time === undefined) return false;
  into.date = fast === undefined ? value.trim() : value;
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
export function readObservationDate(observation: AnyResource, reportDates: Map<string, string>, into: DateReading): boolean {
  if (readEffective(observation, into)) return true;
  if (readDate(observation.issued, into, 'issued')) return true;
  const reported = observation.id ? reportDates.get(observation.id) : undefined;
  return readDate(reported, into, 'report');
}

/** Dates of DiagnosticReports, by the ids of the Observations they list as results. */
export function reportDatesOf(pool: readonly AnyResource[]): Map<string, string> {
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

/** What a non-numeric value is, for the table (the element words the kinds that have no text). */
export type TextValueKind = 'sampled-data' | 'attachment';

export interface TextValue {
  text?: string;
  booleanValue?: boolean;
  unit?: string;
  /** Set for values shown by kind (sampled data; an attachment without a title). */
  valueKind?: TextValueKind;
}

/** A value the chart cannot plot, as the table shows it. */
export function textValueOf(holder: Record<string, unknown>): TextValue | undefined {
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
    const side = (q?: RawQuantity) => (q ? (formatNumber(q.value) ?? '') : '');
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
  if (v.valueSampledData) return { valueKind: 'sampled-data' };
  if (v.valueAttachment) {
    const attachment = v.valueAttachment as { title?: unknown };
    return typeof attachment.title === 'string' ? { text: attachment.title } : { valueKind: 'attachment' };
  }
  return undefined;
}
