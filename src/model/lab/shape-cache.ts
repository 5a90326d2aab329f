// Readings decided once per distinct shape, not once per result: a long record repeats a handful
// of interpretations, reference ranges and units thousands of times, each as its own parsed JSON
// object. A cache entry is found by structural equality with a recently seen value (no key string
// is built, nothing is allocated on a hit), so two results with equal JSON share one reading.

/**
 * Equal lists (arrays of equal length, each pair `same`), or two non-arrays that are `same`: the
 * readings of lab fields that are a list in R4 and one value in STU3 (interpretation).
 */
export function sameList(a: unknown, b: unknown, same: (a: unknown, b: unknown) => boolean): boolean {
  if (a === b) return true;
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (!aArray) return same(a, b);
  const x = a as unknown[];
  const y = b as unknown[];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i += 1) if (!same(x[i], y[i])) return false;
  return true;
}

type Fields = Record<string, unknown>;

function bothObjects(a: unknown, b: unknown): boolean {
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null;
}

/** Same code, system and display (all a Coding's reading uses). */
export function sameCoding(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!bothObjects(a, b)) return false;
  const x = a as Fields;
  const y = b as Fields;
  return x.code === y.code && x.system === y.system && x.display === y.display;
}

/**
 * A listed Coding as `conceptText` and the code tests read it: code and display (never its system,
 * so a long system URI is not compared for every result).
 */
function sameListedCoding(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!bothObjects(a, b)) return false;
  const x = a as Fields;
  const y = b as Fields;
  return x.code === y.code && x.display === y.display;
}

/**
 * Same text and codings, as a CodeableConcept or a bare Coding is read (`conceptText`,
 * `codingsOf`: text, then each listed coding's code and display; a bare Coding's system too, whose
 * presence decides whether it counts): two concepts this calls the same read the same. Used for
 * readings that never look at a listed coding's system (interpretation, reference range type).
 */
export function sameConcept(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!bothObjects(a, b)) return false;
  const x = a as Fields;
  const y = b as Fields;
  if (x.text !== y.text || !sameCoding(x, y)) return false;
  const cx = x.coding;
  const cy = y.coding;
  const listed = Array.isArray(cx);
  if (listed !== Array.isArray(cy)) return false;
  // A `coding` that is not a list is not read (the concept is then read as a bare Coding).
  if (!listed || cx === cy) return true;
  // The loop of sameList, written out: one known callee per call site, cheap for every result.
  const lx = cx as unknown[];
  const ly = cy as unknown[];
  if (lx.length !== ly.length) return false;
  for (let i = 0; i < lx.length; i += 1) if (!sameListedCoding(lx[i], ly[i])) return false;
  return true;
}

/** `sameList(a, b, sameConcept)`, written out for the per-result path (one known callee). */
export function sameConceptList(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (!aArray) return sameConcept(a, b);
  const x = a as unknown[];
  const y = b as unknown[];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i += 1) if (!sameConcept(x[i], y[i])) return false;
  return true;
}

/** Same value, code, system and unit (all a Quantity's reading uses). */
export function sameQuantity(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!bothObjects(a, b)) return false;
  const x = a as Fields;
  const y = b as Fields;
  return x.value === y.value && x.code === y.code && x.system === y.system && x.unit === y.unit;
}

/** Deep equality of two JSON values (objects compared by their own enumerable keys). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i += 1) if (!sameJson(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  // Plain JSON objects: no inherited enumerable keys, so for…in sees exactly their own.
  for (const key in x) {
    if (!sameJson(x[key], y[key])) return false;
    keys += 1;
  }
  for (const _key in y) keys -= 1;
  return keys === 0;
}

/** How many distinct shapes are remembered; a record with more still reads correctly, only slower. */
const CAPACITY = 24;

/** A reading of a JSON value, computed once per distinct value among the recent ones. */
export class ShapeCache<T> {
  private readonly entries: { source: unknown; reading: T; id: number }[] = [];
  private nextId = 0;
  /** Where the last value looked up is remembered. */
  private lastIndex = 0;
  /** The id of the last value looked up: equal values have equal ids while both are remembered. */
  lastId = -1;

  /**
   * `same` decides when a value's reading can be reused: `sameJson` by default, or a test of just
   * the fields `read` reads (true only when those are equal, so the readings are).
   */
  constructor(
    private readonly read: (value: unknown) => T,
    private readonly same: (a: unknown, b: unknown) => boolean = sameJson,
  ) {}

  get(value: unknown): T {
    const { entries, same } = this;
    // Results in a row mostly share their shape: the last one found is tried first. A hit keeps
    // the value just met in place of the older one (equal in every field read, and fresher in memory).
    for (let i = this.lastIndex, tried = 0; tried < entries.length; tried += 1, i = i > 0 ? i - 1 : entries.length - 1) {
      const entry = entries[i];
      if (same(entry.source, value)) {
        entry.source = value;
        this.lastId = entry.id;
        this.lastIndex = i;
        return entry.reading;
      }
    }
    const entry = { source: value, reading: this.read(value), id: this.nextId++ };
    if (entries.length === CAPACITY) entries.shift();
    this.lastIndex = entries.push(entry) - 1;
    this.lastId = entry.id;
    return entry.reading;
  }
}
