// The one catalogue helper for everything a widget shows that is not a word: numbers, dates, month
// names, lists and plural forms, for one language. Every number goes through `Intl.NumberFormat`,
// every plural through `Intl.PluralRules`, every list through `Intl.ListFormat`.
//
// Two presets, never mixed (DESIGN.md §3 rule 8):
// - `nhs-cui` (the default `en`): dates as the NHS Common User Interface shows them, `14-Jul-1945`,
//   `14-Jul-1945 09:30`, axis ticks `Jul-1945`; numbers in en-GB (`1,000`, `0.5`).
// - `intl`: dates, axis ticks and numbers all from `Intl` in the locale's language (`14 jul 1945`,
//   `14. Juli 1945`, `١٤ يوليو ١٩٤٥` as the browser's CLDR data has them): ./translated.ts.
// FHIR dates are formatted from their literal parts (in UTC), so a date never shifts with the
// viewer's time zone.
import { formatNumber } from '../model/numbers.js';
import { cuiAge, formatDate, formatDateTime, MONTHS_EN, type AgeParts } from '../model/dates.js';

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

/**
 * The maker of the `intl` preset (./translated.ts): installed by what brings an `intl` language —
 * a shipped language's module, and `registerLocale`, `overrideLocale` and `formatFor` of the module
 * API — so that a page in English never loads it.
 */
let intlMaker: ((tag: string) => Format) | undefined;

export function installIntlFormat(make: (tag: string) => Format): void {
  intlMaker = make;
}

/**
 * The formatter of a language and preset (made once, then shared). Here `intl` needs its maker
 * installed (see above; the module API's `formatFor` does it): without it, the CUI preset, not kept.
 */
export function formatFor(tag: string, preset: FormatPreset = 'intl'): Format {
  const key = `${preset}|${tag}`;
  let found = cache.get(key);
  if (!found) {
    const make = preset === 'intl' ? intlMaker : nhsCuiFormat;
    if (!make) return nhsCuiFormat(tag);
    found = make(tag);
    cache.set(key, found);
  }
  return found;
}

/** `count` in its plural form for `tag`: the shared helper a message map calls (plurals are the same in both presets). */
export function plural(tag: string, count: number, forms: PluralForms): string {
  return formatFor(tag, 'nhs-cui').plural(count, forms);
}

/** Number, list and plural behaviour every preset shares (only the Intl tag differs). */
export function baseFormat(tag: string) {
  // Grouping as the language groups (`1,000` in en-GB; Spanish leaves four digits ungrouped: `1000`).
  const numbers = new Intl.NumberFormat(tag, { maximumFractionDigits: 6 });
  const rules = new Intl.PluralRules(tag);
  const lists = new Map<string, Intl.ListFormat>();
  return {
    tag,
    // The kit's one display-precision rule (src/model/numbers.ts, which reads numeric strings too), in
    // this language's digits and grouping.
    number: (value: unknown): string | undefined => formatNumber(value, tag),
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
