// Views over a trend: the time window of `range`, where the line breaks, and the table's rows.
import type { LabSeries, LabTextResult, LabTrendModel } from './series.js';

export const TREND_RANGES = ['1y', '5y', 'all'] as const;
export type TrendRange = (typeof TREND_RANGES)[number];

/** Start of the visible window for `range`, counted back from the newest result. */
export function rangeStart(range: TrendRange, newest: number | undefined): number {
  if (newest === undefined || range === 'all') return -Infinity;
  const d = new Date(newest);
  const years = range === '1y' ? 1 : 5;
  return Date.UTC(d.getUTCFullYear() - years, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
}

/** Index of the first time at or after `time` (times ascending). */
export function firstIndexFrom(times: ArrayLike<number>, time: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where the line breaks: a gap longer than five times the usual (median) interval between
 * results, and at least a day, is not bridged by a line. `times` ascending.
 */
export function gapThresholdOf(times: ArrayLike<number>, from = 0, to = times.length): number {
  const n = to - from;
  if (n < 3) return Infinity;
  // The median of up to 1,001 evenly sampled intervals is plenty and keeps 100k points cheap.
  const stride = Math.max(1, Math.floor((n - 1) / 1001));
  const gaps: number[] = [];
  for (let i = from + 1; i < to; i += stride) gaps.push(times[i] - times[i - 1]);
  gaps.sort((a, b) => a - b);
  const median = gaps[gaps.length >> 1];
  return Math.max(median * 5, 86_400_000);
}

/** `gapThresholdOf` for points with a `time`. */
export function gapThreshold(points: readonly { time: number }[], from = 0, to = points.length): number {
  return gapThresholdOf(
    points.map((p) => p.time),
    from,
    to,
  );
}

/** A table row: point `index` of a plotted series, or a result listed only in the table. */
export type LabTableRow = { time: number; series: LabSeries; index: number; text?: undefined } | { time?: number; text: LabTextResult; series?: undefined };

/**
 * The table's rows from `start` on, newest first: a merge of the series (each ascending by time)
 * and the table-only results (descending, undated last); no sort of the whole record. A plotted
 * point and a table-only result at the same time: the table-only one first.
 */
export function labTableRows(model: LabTrendModel, start: number): LabTableRow[] {
  const cursors = model.panels.flatMap((panel) =>
    panel.series.map((series) => ({ series, i: series.length - 1, from: firstIndexFrom(series.times, start) })),
  );
  const texts = model.textResults.filter((t) => t.time === undefined || t.time >= start);
  const rows: LabTableRow[] = [];
  let t = 0;
  for (;;) {
    let best: (typeof cursors)[number] | undefined;
    for (const c of cursors) {
      if (c.i >= c.from && (!best || c.series.times[c.i] > best.series.times[best.i])) best = c;
    }
    const text = texts[t];
    const bestTime = best ? best.series.times[best.i] : undefined;
    if (text && text.time !== undefined && (bestTime === undefined || text.time >= bestTime)) {
      rows.push({ time: text.time, text });
      t += 1;
    } else if (best) {
      rows.push({ time: best.series.times[best.i], series: best.series, index: best.i });
      best.i -= 1;
    } else break;
  }
  for (; t < texts.length; t += 1) rows.push({ time: texts[t].time, text: texts[t] });
  return rows;
}
