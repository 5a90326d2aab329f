// Dates for the demo data, all computed from a fixed anchor ("now") in UTC milliseconds so output
// never depends on the machine's clock or time zone.

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
export const YEAR_DAYS = 365.25;

/** Parses the `now` anchor: a date (`2026-11-01`) or a dateTime with zone; throws RangeError otherwise. */
export function parseAnchor(now: string): number {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(now) ? `${now}T00:00:00Z` : now;
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(now) || Number.isNaN(ms)) {
    throw new RangeError(`demo data: "now" must be a FHIR date or dateTime, got ${JSON.stringify(now)}`);
  }
  return ms;
}

/** Midnight UTC of the day `ms` falls on. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** FHIR `date` (yyyy-mm-dd) of a UTC instant. */
export function fhirDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * FHIR `dateTime` / `instant` with seconds and an explicit zone offset, e.g.
 * `2024-03-05T08:42:00-05:00`. `localMs` is the wall-clock time expressed as if it were UTC.
 */
export function fhirDateTime(localMs: number, offsetMinutes: number): string {
  const wall = new Date(localMs).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${wall}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  const minutes = String(abs % 60).padStart(2, '0');
  return `${wall}${sign}${hours}:${minutes}`;
}

/** UTC milliseconds of a calendar date given as `yyyy-mm-dd`. */
export function dateMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/**
 * Days-ago of `count` regular visits from `firstDaysAgo` to `lastDaysAgo` (oldest first), each
 * moved by up to ±`jitterDays` from its slot. Always strictly decreasing and ≥ `lastDaysAgo`.
 */
export function regularVisits(
  random: { int(min: number, max: number): number },
  count: number,
  firstDaysAgo: number,
  lastDaysAgo: number,
  jitterDays: number,
): number[] {
  const interval = count > 1 ? (firstDaysAgo - lastDaysAgo) / (count - 1) : 0;
  const jitter = Math.min(jitterDays, Math.floor(interval / 3));
  const days: number[] = [];
  for (let index = 0; index < count; index++) {
    const slot = Math.round(firstDaysAgo - index * interval);
    const moved = index === 0 || index === count - 1 ? slot : slot + random.int(-jitter, jitter);
    days.push(Math.max(lastDaysAgo, moved));
  }
  return days;
}
