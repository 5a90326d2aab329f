// Dates as the NHS Common User Interface shows them: `14-Jul-1945`, ages in y / m / w / d.
// FHIR dates are read from their literal parts, so a date never shifts with the viewer's time zone.

export const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export interface FhirDateParts {
  year: number;
  month?: number; // 1–12
  day?: number;
  hour?: number;
  minute?: number;
}

const DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** The literal parts of a FHIR date / dateTime / instant, or undefined when it is not one. */
export function parseFhirDate(value: unknown): FhirDateParts | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DATE_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const [, y, m, d, hh, mm] = match;
  const parts: FhirDateParts = { year: Number(y) };
  if (m) parts.month = Number(m);
  if (d) parts.day = Number(d);
  if (hh) parts.hour = Number(hh);
  if (mm) parts.minute = Number(mm);
  if ((parts.month ?? 1) < 1 || (parts.month ?? 1) > 12 || (parts.day ?? 1) < 1 || (parts.day ?? 1) > 31) return undefined;
  return parts;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `14-Jul-1945`; `Jul-1945` and `1945` for partial dates; undefined for anything unreadable. */
export function formatDate(value: unknown, months: readonly string[] = MONTHS_EN): string | undefined {
  const parts = parseFhirDate(value);
  if (!parts) return undefined;
  if (parts.month === undefined) return String(parts.year);
  const month = months[parts.month - 1];
  if (parts.day === undefined) return `${month}-${parts.year}`;
  return `${pad2(parts.day)}-${month}-${parts.year}`;
}

/** `14-Jul-1945 09:30` when a time is present, else as formatDate. */
export function formatDateTime(value: unknown, months: readonly string[] = MONTHS_EN): string | undefined {
  const parts = parseFhirDate(value);
  const date = formatDate(value, months);
  if (!parts || date === undefined || parts.hour === undefined) return date;
  return `${date} ${pad2(parts.hour)}:${pad2(parts.minute ?? 0)}`;
}

/** Milliseconds since the epoch for sorting and plotting (instants honour their offset). */
export function fhirDateToTime(value: unknown): number | undefined {
  const parts = parseFhirDate(value);
  if (!parts || typeof value !== 'string') return undefined;
  if (parts.hour !== undefined) {
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return time;
  }
  return Date.UTC(parts.year, (parts.month ?? 1) - 1, parts.day ?? 1);
}

/** The ISO value for `<time datetime>` (the literal FHIR value, which is valid HTML). */
export function isoDatetime(value: unknown): string | undefined {
  return parseFhirDate(value) ? String(value).trim() : undefined;
}

/** Whole calendar years, months and days between two calendar dates (UTC, date parts only). */
function calendarDiff(from: Date, to: Date): { years: number; months: number; days: number } {
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  let months = to.getUTCMonth() - from.getUTCMonth();
  let days = to.getUTCDate() - from.getUTCDate();
  if (days < 0) {
    months -= 1;
    days += new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), 0)).getUTCDate();
  }
  if (months < 0) {
    years -= 1;
    months += 12;
  }
  return { years, months, days };
}

/**
 * An age in the parts the CUI shows: under 4 weeks days; under 1 year weeks and days; under 2
 * years months and days; under 18 years years and months; adults years. Undefined for an
 * unreadable or future birth date. `until` is the comparison date: today, or the date of death.
 * Numbers only: each language words them (`formatAge` is the CUI's own `80y`, `7y 4m`).
 */
export interface AgeParts {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
}

export function ageParts(birthDate: unknown, until: Date | string = new Date()): AgeParts | undefined {
  const parts = parseFhirDate(birthDate);
  if (!parts) return undefined;
  const end = typeof until === 'string' ? parseFhirDate(until) : undefined;
  const to =
    typeof until === 'string'
      ? end
        ? new Date(Date.UTC(end.year, (end.month ?? 1) - 1, end.day ?? 1))
        : undefined
      : new Date(Date.UTC(until.getFullYear(), until.getMonth(), until.getDate()));
  if (!to) return undefined;
  const from = new Date(Date.UTC(parts.year, (parts.month ?? 1) - 1, parts.day ?? 1));
  const totalDays = Math.floor((to.getTime() - from.getTime()) / 86_400_000);
  if (totalDays < 0) return undefined;
  const { years, months, days } = calendarDiff(from, to);
  if (parts.month === undefined || parts.day === undefined) return { years };
  if (totalDays < 28) return { days: totalDays };
  if (years < 1) {
    const rest = totalDays % 7;
    return { weeks: Math.floor(totalDays / 7), ...(rest ? { days: rest } : {}) };
  }
  if (years < 2) return { months: years * 12 + months, ...(days ? { days } : {}) };
  if (years < 18) return { years, ...(months ? { months } : {}) };
  return { years };
}

/** The CUI's own words for an age (`12d`, `10w 3d`, `14m 5d`, `7y 4m`, `80y`). */
export function cuiAge(age: AgeParts): string {
  const units: [keyof AgeParts, string][] = [['years', 'y'], ['months', 'm'], ['weeks', 'w'], ['days', 'd']];
  return units.flatMap(([key, unit]) => (age[key] === undefined ? [] : [`${age[key]}${unit}`])).join(' ');
}

/** Age as the CUI displays it: `cuiAge(ageParts(…))`. */
export function formatAge(birthDate: unknown, until: Date | string = new Date()): string | undefined {
  const age = ageParts(birthDate, until);
  return age ? cuiAge(age) : undefined;
}
