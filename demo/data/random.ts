// Seeded pseudo-random numbers for the demo data: mulberry32, arithmetic only (no Math.random,
// no transcendental functions), so a seed gives byte-identical output in every JS engine.

/** Mixes a numeric seed with a label (e.g. a patient id) into an independent 32-bit stream seed. */
export function streamSeed(seed: number, label: string): number {
  // FNV-1a over the label, folded with the seed.
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let index = 0; index < label.length; index++) {
    hash ^= label.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A small seeded generator (mulberry32) with the draws the archetypes need. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Approximately normal (Irwin–Hall sum of three uniforms), mean 0 and the given spread. */
  noise(standardDeviation: number): number {
    // The sum of three U(0,1) has variance 1/4; scale by 2 for unit variance.
    return (this.next() + this.next() + this.next() - 1.5) * 2 * standardDeviation;
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** Rounds to a number of decimals without binary-float artefacts in the JSON (0.1 + 0.2 style). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
