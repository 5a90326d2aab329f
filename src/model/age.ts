// How old a patient is, in the parts the NHS CUI shows (`cuiAge` in ./dates.ts words them): the
// patient identity's one calculation, its own module so that only the patient summary loads it.
import { cuiAge, parseFhirDate, type AgeParts } from './dates.js';

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

/** Age as the CUI displays it: `cuiAge(ageParts(…))`. */
export function formatAge(birthDate: unknown, until: Date | string = new Date()): string | undefined {
  const age = ageParts(birthDate, until);
  return age ? cuiAge(age) : undefined;
}
