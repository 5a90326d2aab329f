// The one catalogue helper for everything a widget shows that is not a word: numbers, dates, month
// names, lists and plural forms, for one language. Every number goes through `Intl.NumberFormat`,
// every plural through `Intl.PluralRules`, every list through `Intl.ListFormat`.
//
// Two presets, never mixed (DESIGN.md §3 rule 8):
// - `nhs-cui` (the default `en`): dates as the NHS Common User Interface shows them, `14-Jul-1945`,
//   `14-Jul-1945 09:30`, axis ticks `Jul-1945`; numbers in en-GB (`1,000`, `0.5`).
// - `intl`: dates, axis ticks and numbers all from `Intl` in the locale's language (`14 jul 1945`,
//   `14. Juli 1945`, `١٤ يوليو ١٩٤٥` as the browser's CLDR data has them).
// FHIR dates are formatted from their literal parts (in UTC), so a date never shifts with the
// viewer's time zone.
import { formatNumber } from '../model/numbers.js';
import { cuiAge, formatDate, formatDateTime, MONTHS_EN, parseFhirDate, type AgeParts, type FhirDateParts } from '../model/dates.js';

export const FORMAT_PRESETS = ['nhs-cui', 'intl'] as const;
export type FormatPreset = (typeof FORMAT_PRESETS)[number];

/** The unit of a chart's time axis ticks (see `timeTicks` in src/model/chart-scale.ts). */
export type AxisUnit = 'hour' | 'day' | 'month' | 'year';

/** Plural forms by CLDR category; `other` is required. `#` stands for the formatted count. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface Format {
  /** The BCP 47 tag handed to `Intl` (e.g. `en-GB`, `es`, `ar`). */
  readonly tag: string;
  readonly preset: FormatPreset;
  /** Short month names, January first (for axes and anything listing months). */
  readonly months: readonly string[];
  /** A finite number, no trailing zeros, a leading zero, grouping; undefined for anything else. */
  number(value: unknown): string | undefined;
  /** A FHIR date / dateTime / instant as a date (partial dates stay partial); undefined if unreadable. */
  date(value: unknown): string | undefined;
  /** As `date`, with the time of day when the value has one. */
  dateTime(value: unknown): string | undefined;
  /** A label for a time-axis tick at `time` (UTC ms). */
  axisLabel(time: number, unit: AxisUnit): string;
  /** `a, b and c` (conjunction) or `a, b, c` (unit), with the language's own separators. */
  list(items: readonly string[], type?: 'conjunction' | 'disjunction' | 'unit'): string;
  /** The plural form for `count` (`#` replaced by the formatted count). */
  plural(count: number, forms: PluralForms): string;
  /** An age: the CUI's `80y`, `7y 4m` (nhs-cui), or the language's own narrow units from Intl. */
  age(parts: AgeParts): string;
}

const cache = new Map<string, Format>();

/** The formatter of a language and preset (made once, then shared). */
export function formatFor(tag: string, preset: FormatPreset = 'intl'): Format {
  const key = `${preset}|${tag}`;
  let found = cache.get(key);
  if (!found) {
    found = preset === 'nhs-cui' ? nhsCuiFormat(tag) : intlFormat(tag);
    cache.set(key, found);
  }
  return found;
}

/** `count` in its plural form for `tag`: the shared helper a message map calls. */
export function plural(tag: string, count: number, forms: PluralForms): string {
  return formatFor(tag).plural(count, forms);
}

function numberOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** Number, list and plural behaviour every preset shares (only the Intl tag differs). */
function baseFormat(tag: string) {
  // Grouping as the language groups (`1,000` in en-GB; Spanish leaves four digits ungrouped: `1000`).
  const numbers = new Intl.NumberFormat(tag, { maximumFractionDigits: 6 });
  const rules = new Intl.PluralRules(tag);
  const lists = new Map<string, Intl.ListFormat>();
  return {
    tag,
    // The kit's one display-precision rule (src/model/numbers.ts), in this language's digits and grouping.
    number: (value: unknown): string | undefined => formatNumber(numberOf(value), tag),
    list: (items: readonly string[], type: 'conjunction' | 'disjunction' | 'unit' = 'conjunction'): string => {
      let lister = lists.get(type);
      if (!lister) {
        lister = new Intl.ListFormat(tag, { type, style: type === 'unit' ? 'narrow' : 'long' });
        lists.set(type, lister);
      }
      return lister.format(items);
    },
    plural: (count: number, forms: PluralForms): string => {
      const form = (Number.isInteger(count) && forms[rules.select(count)]) || forms.other;
      return form.replace(/#/g, numbers.format(count));
    },
  };
}

function nhsCuiFormat(tag: string): Format {
  const pad2 = (n: number): string => String(n).padStart(2, '0');
  return {
    ...baseFormat(tag),
    preset: 'nhs-cui',
    months: MONTHS_EN,
    age: cuiAge,
    date: (value) => formatDate(value, MONTHS_EN),
    dateTime: (value) => formatDateTime(value, MONTHS_EN),
    axisLabel: (time, unit) => {
      const d = new Date(time);
      const month = MONTHS_EN[d.getUTCMonth()];
      if (unit === 'year') return String(d.getUTCFullYear());
      if (unit === 'month') return `${month}-${d.getUTCFullYear()}`;
      if (unit === 'day') return `${pad2(d.getUTCDate())}-${month}-${d.getUTCFullYear()}`;
      return `${pad2(d.getUTCDate())}-${month} ${pad2(d.getUTCHours())}:00`;
    },
  };
}

function intlFormat(tag: string): Format {
  const make = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(tag, { timeZone: 'UTC', ...options });
  const day = make({ day: 'numeric', month: 'short', year: 'numeric' });
  const dayTime = make({ day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const month = make({ month: 'short', year: 'numeric' });
  const year = make({ year: 'numeric' });
  const dayHour = make({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const monthName = make({ month: 'short' });
  const utc = (p: FhirDateParts) => Date.UTC(p.year, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0);
  const date = (value: unknown): string | undefined => {
    const parts = parseFhirDate(value);
    if (!parts) return undefined;
    if (parts.month === undefined) return year.format(utc(parts));
    if (parts.day === undefined) return month.format(utc(parts));
    return day.format(utc(parts));
  };
  return {
    ...baseFormat(tag),
    preset: 'intl',
    months: Array.from({ length: 12 }, (_, i) => monthName.format(Date.UTC(2001, i, 1))),
    age: (parts) => intlAge(tag, parts),
    date,
    dateTime: (value) => {
      const parts = parseFhirDate(value);
      if (!parts || parts.hour === undefined || parts.day === undefined) return date(value);
      return dayTime.format(utc(parts));
    },
    axisLabel: (time, unit) => {
      if (unit === 'year') return year.format(time);
      if (unit === 'month') return month.format(time);
      if (unit === 'day') return day.format(time);
      return dayHour.format(time);
    },
  };
}

const AGE_UNITS = [
  ['years', 'year'],
  ['months', 'month'],
  ['weeks', 'week'],
  ['days', 'day'],
] as const;

/** An age in the language's own narrow units (`80 a`, `7 J. 4 M.`, `٨٠ سنة`), largest first. */
function intlAge(tag: string, parts: AgeParts): string {
  return AGE_UNITS.flatMap(([key, unit]) => {
    const value = parts[key];
    return value === undefined ? [] : [new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'narrow' }).format(value)];
  }).join(' ');
}
