// Sorting a series' point indices by time a step at a time, so a million results never sort in
// one task: runs sorted one per step, then merged pairwise, one merge per step. The order is a
// total one (time, then index: reading order among equal times), so it is exactly the order one
// sort would give.

/** Points sorted in one step; longer series are sorted in runs this long, then merged. */
export const SORT_RUN = 1 << 17;

/** Merges the ascending runs `from[low, middle)` and `from[middle, high)` into `to[low, high)`. */
function mergeRuns(times: Float64Array, from: Uint32Array, to: Uint32Array, low: number, middle: number, high: number): void {
  let i = low;
  let j = middle;
  let k = low;
  while (i < middle && j < high) {
    const a = from[i];
    const b = from[j];
    if (times[a] < times[b] || (times[a] === times[b] && a < b)) {
      to[k] = a;
      i += 1;
    } else {
      to[k] = b;
      j += 1;
    }
    k += 1;
  }
  while (i < middle) to[k++] = from[i++];
  while (j < high) to[k++] = from[j++];
}

/**
 * Sorts `indices` in place, ascending by `times[index]`, then by index; yields after each step
 * when there is more than one run (a caller may let the page breathe there, or just go on).
 */
export function* sortByTime(times: Float64Array, indices: Uint32Array, run = SORT_RUN): Generator<undefined, void, undefined> {
  const compare = (a: number, b: number) => times[a] - times[b] || a - b;
  const n = indices.length;
  if (n <= run) {
    indices.sort(compare);
    return;
  }
  for (let start = 0; start < n; start += run) {
    indices.subarray(start, Math.min(n, start + run)).sort(compare);
    yield;
  }
  let from: Uint32Array = indices;
  let to: Uint32Array = new Uint32Array(n);
  for (let width = run; width < n; width *= 2) {
    for (let low = 0; low < n; low += 2 * width) {
      mergeRuns(times, from, to, low, Math.min(n, low + width), Math.min(n, low + 2 * width));
      yield;
    }
    [from, to] = [to, from];
  }
  if (from !== indices) indices.set(from);
}
