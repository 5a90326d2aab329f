// Scales and ticks for the trend chart, hand-written on purpose: the whole of it is well under
// 1 kB gzip, where d3-scale with its time scale costs about 15 kB (the kit's budget is 30 kB).
// Times are UTC milliseconds (as `fhirDateToTime` gives them); tick labels come from the widget's
// `Format.axisLabel` (src/i18n/format.ts: the NHS CUI date style `14-Jul-2019`, `Jul-2019`, `2019` in
// English, Intl's in other languages).

/** A linear map from a domain onto a range (pixels), and back. */
export interface LinearScale {
  (value: number): number;
  invert(pixel: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = ((value: number) => r0 + ((value - d0) / span) * (r1 - r0)) as LinearScale;
  scale.invert = (pixel: number) => d0 + ((pixel - r0) / (r1 - r0 || 1)) * span;
  scale.domain = [d0, d1];
  scale.range = [r0, r1];
  return scale;
}

export interface ValueTicks {
  /** Tick values, ascending, covering [min, max]. */
  ticks: number[];
  /** The domain widened to the outer ticks. */
  min: number;
  max: number;
  step: number;
  /** Decimals needed to print every tick exactly. */
  decimals: number;
}

/** 1, 2, 2.5, 5 or 10 times a power of ten, close to `rough`. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

function decimalsOf(step: number): number {
  for (let decimals = 0; decimals < 12; decimals += 1) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return decimals;
  }
  return 12;
}

/**
 * About `count` evenly spaced "nice" ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ) covering min..max.
 * A zero-width domain is widened around its value so one value still gets a readable axis.
 */
export function niceTicks(min: number, max: number, count = 5): ValueTicks {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi - lo < Math.abs(hi) * 1e-9 || hi === lo) {
    const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep((hi - lo) / Math.max(1, count));
  const decimals = decimalsOf(step);
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i += 1) ticks.push(Number((i * step).toFixed(decimals)));
  return { ticks, min: ticks[0], max: ticks[ticks.length - 1], step, decimals };
}

export interface TimeTick {
  time: number;
  label: string;
}

export type TimeUnit = 'hour' | 'day' | 'month' | 'year';

/** About how long one of each unit lasts (months and years on average): a first guess at a tick count. */
const UNIT_LENGTH: Record<TimeUnit, number> = { hour: 3_600_000, day: 86_400_000, month: 30.44 * 86_400_000, year: 365.25 * 86_400_000 };
const STEPS: Record<TimeUnit, readonly number[]> = { hour: [1, 3, 6, 12], day: [1, 2, 7, 14], month: [1, 2, 3, 6], year: [1, 2, 5, 10, 20, 50, 100] };

/** Candidate tick intervals, smallest first: hours to a century. */
const TIME_INTERVALS: readonly { unit: TimeUnit; step: number; approx: number }[] = (Object.keys(STEPS) as TimeUnit[]).flatMap((unit) =>
  STEPS[unit].map((step) => ({ unit, step, approx: step * UNIT_LENGTH[unit] })),
);

/** The first tick at or after `start` for an interval, aligned to calendar boundaries (UTC). */
function firstTick(start: number, unit: TimeUnit, step: number): number {
  const d = new Date(start);
  switch (unit) {
    case 'hour': {
      // Aligned to the UTC day, so 6-hourly ticks fall at 00, 06, 12 and 18.
      const dayStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      const every = step * 3_600_000;
      return dayStart + Math.ceil((start - dayStart) / every) * every;
    }
    case 'day': {
      const day = Math.ceil(start / 86_400_000);
      // Weekly ticks fall on Mondays (1 Jan 1970 was a Thursday).
      const offset = step === 7 || step === 14 ? (((day + 3) % step) + step) % step : ((day % step) + step) % step;
      return (offset === 0 ? day : day + (step - offset)) * 86_400_000;
    }
    default: {
      // Months and years alike, in months since year 0 (a year is 12): the first of a month
      // (of January, for years) that is a whole number of steps from then.
      const every = unit === 'year' ? step * 12 : step;
      let month = d.getUTCFullYear() * 12 + d.getUTCMonth();
      if (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) < start) month += 1;
      month = Math.ceil(month / every) * every;
      return Date.UTC(Math.floor(month / 12), month % 12, 1);
    }
  }
}

function advance(time: number, unit: TimeUnit, step: number): number {
  if (unit === 'hour' || unit === 'day') return time + step * UNIT_LENGTH[unit];
  const d = new Date(time);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (unit === 'year' ? step * 12 : step), 1);
}

/**
 * Calendar-aligned ticks between `start` and `end` (UTC ms), at most `maxTicks` of them: hours,
 * days, weeks (Mondays), months, quarters, years, decades… whichever is the finest that fits.
 */
export function timeTicks(
  start: number,
  end: number,
  maxTicks: number,
  /** The widget's labeller: its `Format.axisLabel` (src/i18n/format.ts; NHS CUI `Mar-2024` in English). */
  label: (time: number, unit: TimeUnit) => string,
): TimeTick[] {
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return [];
  const limit = Math.max(1, Math.floor(maxTicks));
  const span = Math.max(end - start, 1);
  const interval =
    TIME_INTERVALS.find(({ unit, step, approx }) => {
      if (span / approx > limit + 1) return false;
      // Count exactly: calendar intervals are uneven.
      let count = 0;
      for (let t = firstTick(start, unit, step); t <= end; t = advance(t, unit, step)) {
        count += 1;
        if (count > limit) return false;
      }
      return true;
    }) ?? TIME_INTERVALS[TIME_INTERVALS.length - 1];
  const ticks: TimeTick[] = [];
  for (let t = firstTick(start, interval.unit, interval.step); t <= end && ticks.length <= limit; t = advance(t, interval.unit, interval.step)) {
    ticks.push({ time: t, label: label(t, interval.unit) });
  }
  return ticks;
}
