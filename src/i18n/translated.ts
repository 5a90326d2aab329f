// What a translated language needs beyond English: the `intl` preset of formats (dates, axis ticks
// and numbers from `Intl` in the language) and the data layer's failures in its words. Imported by
// the shipped languages (es, de, ar) and the module API (./api.ts): a page in English never loads it.
import type { FhirErrorKind } from '../fhir/errors.js';
import { parseFhirDate, type AgeParts, type FhirDateParts } from '../model/dates.js';
import { baseFormat, formatFor, installIntlFormat, type Format } from './format.js';
import type { CommonMessages } from './messages.js';

/** Makes the `intl` preset available to `formatFor` (and so to every widget). */
export function installIntl(): void {
  installIntlFormat(intlFormat);
}

/** The `intl` formatter of `tag`, the preset installed first: what a shipped language formats with. */
export function intlFormatFor(tag: string): Format {
  installIntl();
  return formatFor(tag, 'intl');
}

/**
 * Builds `fhirError` for a locale from its words per kind (no final full stop): those words, the HTTP status when the
 * server answered, then the server's own explanation.
 */
export function fhirErrorMessages(
  kinds: Record<FhirErrorKind, string>,
  withDetail: (message: string, detail: string) => string,
): CommonMessages['fhirError'] {
  return (kind, status, detail) => {
    const message = `${kinds[kind]}${status === undefined ? '' : ` (HTTP ${status})`}.`;
    return detail ? withDetail(message, detail) : message;
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
