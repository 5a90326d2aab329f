// The lab model decides a result's interpretation and reference range once per distinct shape. Two
// values are one shape when the fields the reading reads are equal: these tests hold the shape
// tests to that — whenever they call two values the same, the readings are equal (a generated
// property over varied values), and plain JSON copies are always the same shape.
import { expect } from '@open-wc/testing';
import { interpretationOf, sameInterpretation } from '../../src/model/lab/interpretation.js';
import { referenceRangeOf, sameReferenceRange } from '../../src/model/lab/reference-range.js';
import { sameJson, ShapeCache } from '../../src/model/lab/shape-cache.js';
import { createRng } from '../mutation/prng.js';

/** A small seeded generator (the mutation suite's mulberry32). */
const random = (seed: number): (() => number) => createRng(seed).next;

const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const UCUM = 'http://unitsofmeasure.org';

function values(next: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const maybe = <T>(value: T): T | undefined => (next() < 0.7 ? value : undefined);
  const coding = () =>
    pick([
      { system: V3, code: pick(['H', 'HH', 'L', 'LL', 'N', 'A', 'h', 'hu', 'NEG', ' H ']), display: maybe(pick(['High', 'Low', 'Normal', ''])) },
      { code: pick(['H', 'N']) },
      { system: 'http://example.org', code: 'H' },
      'H',
      null,
    ]);
  const concept = () =>
    pick([
      { coding: [coding()], text: maybe(pick(['Above high normal', ' ', 'Critical'])) },
      { coding: [coding(), coding()] },
      { text: pick(['Odd', 'normal', 'Critical range']) },
      { coding: coding() },
      { code: pick(['H', 'N']), system: V3 },
      'H',
      {},
    ]);
  const quantity = () =>
    pick([
      { value: pick([70, 140, 3.5, '5.1', 0]), unit: maybe(pick(['mg/dL', 'mmol/L', ' mg/dL'])), system: maybe(UCUM), code: maybe(pick(['mg/dL', 'mmol/L', 'mg/dl'])) },
      { value: 70 },
      undefined,
    ]);
  const range = () => ({
    low: maybe(quantity()),
    high: maybe(quantity()),
    text: maybe(pick(['70-140', ' ', 'normal'])),
    type: maybe(pick([{ coding: [{ code: 'normal' }] }, { text: 'Critical range' }, { coding: [{ code: 'panic' }] }, { text: 'Therapeutic' }])),
  });
  return {
    interpretation: pick([[concept()], [concept(), concept()], concept(), undefined, []]),
    referenceRange: pick([[range()], [range(), range()], [], undefined, range()]),
  };
}

describe('lab shape tests', () => {
  it('call two values the same only when their readings are equal (generated values)', () => {
    const next = random(7);
    let sameInterpretations = 0;
    let sameRanges = 0;
    for (let i = 0; i < 4000; i += 1) {
      const a = values(next);
      const b = next() < 0.3 ? structuredClone(a) : values(next);
      if (sameInterpretation(a.interpretation, b.interpretation)) {
        sameInterpretations += 1;
        expect(interpretationOf(b.interpretation), JSON.stringify([a.interpretation, b.interpretation])).to.deep.equal(interpretationOf(a.interpretation));
      }
      if (sameReferenceRange(a.referenceRange, b.referenceRange)) {
        sameRanges += 1;
        expect(referenceRangeOf(b.referenceRange), JSON.stringify([a.referenceRange, b.referenceRange])).to.deep.equal(referenceRangeOf(a.referenceRange));
      }
      // Equal JSON is always one shape (so a long record reads each shape once).
      if (sameJson(a.interpretation, b.interpretation)) expect(sameInterpretation(a.interpretation, b.interpretation)).to.equal(true);
      if (sameJson(a.referenceRange, b.referenceRange)) expect(sameReferenceRange(a.referenceRange, b.referenceRange)).to.equal(true);
    }
    // The property was tested on many pairs, not vacuously.
    expect(sameInterpretations).to.be.above(1000);
    expect(sameRanges).to.be.above(1000);
  });

  it('tell different codes, units, values and types apart', () => {
    const base = [{ coding: [{ system: V3, code: 'H' }] }];
    expect(sameInterpretation(base, [{ coding: [{ system: V3, code: 'HH' }] }])).to.equal(false);
    expect(sameInterpretation(base, [{ coding: [{ system: V3, code: 'H', display: 'High' }] }])).to.equal(false);
    expect(sameInterpretation(base, [{ coding: [{ system: V3, code: 'H' }], text: 'High' }])).to.equal(false);
    expect(sameInterpretation(base, { coding: [{ system: V3, code: 'H' }] })).to.equal(false);
    expect(sameInterpretation(base, structuredClone(base))).to.equal(true);
    const range = [{ low: { value: 70, unit: 'mg/dL', system: UCUM, code: 'mg/dL' }, high: { value: 140, unit: 'mg/dL', system: UCUM, code: 'mg/dL' } }];
    const changed = (change: (r: (typeof range)[number]) => void) => {
      const copy = structuredClone(range);
      change(copy[0]);
      return copy;
    };
    expect(sameReferenceRange(range, structuredClone(range))).to.equal(true);
    expect(sameReferenceRange(range, changed((r) => (r.high.value = 141)))).to.equal(false);
    expect(sameReferenceRange(range, changed((r) => (r.low.code = 'mmol/L')))).to.equal(false);
    expect(sameReferenceRange(range, changed((r) => (r.low.unit = 'mmol/L')))).to.equal(false);
    expect(sameReferenceRange(range, changed((r) => Object.assign(r, { type: { text: 'Critical range' } })))).to.equal(false);
    expect(sameReferenceRange(range, changed((r) => Object.assign(r, { text: '70-140' })))).to.equal(false);
    expect(sameReferenceRange(range, [...structuredClone(range), ...structuredClone(range)])).to.equal(false);
  });

  it('a cache reads each shape once and gives equal shapes one id', () => {
    let reads = 0;
    const cache = new ShapeCache((value) => ((reads += 1), interpretationOf(value)), sameInterpretation);
    const high = () => [{ coding: [{ system: V3, code: 'H' }] }];
    const low = () => [{ coding: [{ system: V3, code: 'L' }] }];
    const ids: number[] = [];
    for (const value of [high(), high(), low(), high(), low(), low()]) {
      cache.get(value);
      ids.push(cache.lastId);
    }
    expect(reads).to.equal(2);
    expect(ids).to.deep.equal([0, 0, 1, 0, 1, 1]);
  });
});
