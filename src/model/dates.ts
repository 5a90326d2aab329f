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

/**
 * An age in the parts the CUI shows (`ageParts` in ./age.ts works them out): each language words
 * them (`cuiAge` is the CUI's own `80y`, `7y 4m`).
 */
export interface AgeParts {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
}

/** The CUI's own words for an age (`12d`, `10w 3d`, `14m 5d`, `7y 4m`, `80y`). */
export function cuiAge(age: AgeParts): string {
  const units: [keyof AgeParts, string][] = [['years', 'y'], ['months', 'm'], ['weeks', 'w'], ['days', 'd']];
  return units.flatMap(([key, unit]) => (age[key] === undefined ? [] : [`${age[key]}${unit}`])).join(' ');
}

