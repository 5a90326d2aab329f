// Decimation for drawing: a series of any length becomes at most a few points per pixel column,
// chosen so that the drawn line is the same as if every point had been drawn (per column the
// first, the lowest, the highest and the last point: "M4"). Extremes are never lost, and points
// that must always be visible (critical results) are kept too. Only the drawing is decimated:
// the table and keyboard navigation keep every point.

/**
 * Indices (ascending) of the points to draw, for points `from..to-1` of a series sorted by time.
 * `xs` are times, `ys` values; `x0..x1` is the visible time domain, divided into `columns`
 * pixel columns. When there are no more points than `columns * 4`, every index is returned.
 * `keep(i)` marks points that must stay visible (e.g. critical values): the first such point of
 * each column is drawn, so no column that holds one loses its marker.
 */
export function decimateByColumn(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  from: number,
  to: number,
  x0: number,
  x1: number,
  columns: number,
  keep?: (index: number) => boolean,
): number[] {
  const count = to - from;
  const width = Math.max(1, Math.floor(columns));
  if (count <= width * 4 || !(x1 > x0)) {
    const all: number[] = [];
    for (let i = from; i < to; i += 1) all.push(i);
    return all;
  }
  const out: number[] = [];
  const perColumn = width / (x1 - x0);
  let column = Number.NaN;
  let first = -1;
  let last = -1;
  let min = -1;
  let max = -1;
  let kept = -1;
  const flush = () => {
    if (first < 0) return;
    // Ascending, each once (no kept point: -1, first after sorting, is skipped).
    for (const i of [first, min, max, last, kept].sort((a, b) => a - b)) if (i >= 0 && i !== out[out.length - 1]) out.push(i);
  };
  for (let i = from; i < to; i += 1) {
    const c = Math.min(width - 1, Math.max(0, Math.floor((xs[i] - x0) * perColumn)));
    if (c !== column) {
      flush();
      column = c;
      first = min = max = i;
      kept = -1;
    }
    last = i;
    if (ys[i] < ys[min]) min = i;
    if (ys[i] > ys[max]) max = i;
    if (kept < 0 && keep?.(i)) kept = i;
  }
  flush();
  return out;
}
