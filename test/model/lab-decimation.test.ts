// Per-pixel-column decimation for drawing large series.
import { expect } from '@open-wc/testing';
import { decimateByColumn } from '../../src/model/decimation.js';

function series(n: number, value: (i: number) => number) {
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    xs[i] = i * 1000;
    ys[i] = value(i);
  }
  return { xs, ys };
}

describe('decimateByColumn', () => {
  it('returns every point when there are few', () => {
    const { xs, ys } = series(50, (i) => i);
    expect(decimateByColumn(xs, ys, 0, 50, 0, 49_000, 100)).to.have.length(50);
  });

  it('reduces 100,000 points to at most four (plus kept) per pixel column', () => {
    const { xs, ys } = series(100_000, (i) => Math.sin(i / 50) * 10 + (i % 7));
    const drawn = decimateByColumn(xs, ys, 0, 100_000, 0, 99_999_000, 600);
    expect(drawn.length).to.be.at.most(600 * 4);
    expect(drawn.length).to.be.greaterThan(600);
    for (let i = 1; i < drawn.length; i += 1) expect(drawn[i]).to.be.above(drawn[i - 1]);
  });

  it('keeps the extremes, the first and the last point', () => {
    const { xs, ys } = series(100_000, (i) => (i === 31_337 ? 999 : i === 77_777 ? -999 : i % 10));
    const drawn = decimateByColumn(xs, ys, 0, 100_000, 0, 99_999_000, 300);
    expect(drawn).to.include(31_337);
    expect(drawn).to.include(77_777);
    expect(drawn[0]).to.equal(0);
    expect(drawn[drawn.length - 1]).to.equal(99_999);
    // Every column's min and max survive: the drawn range equals the full range.
    const values = drawn.map((i) => ys[i]);
    expect(Math.max(...values)).to.equal(999);
    expect(Math.min(...values)).to.equal(-999);
  });

  it('keeps points marked as must-show (critical values) that are not extremes', () => {
    const { xs, ys } = series(100_000, (i) => i % 10);
    const critical = new Set([12_345, 54_321]);
    const drawn = decimateByColumn(xs, ys, 0, 100_000, 0, 99_999_000, 200, (i) => critical.has(i));
    expect(drawn).to.include(12_345);
    expect(drawn).to.include(54_321);
  });

  it('decimates only the requested slice', () => {
    const { xs, ys } = series(10_000, (i) => i);
    const drawn = decimateByColumn(xs, ys, 5_000, 10_000, 5_000_000, 9_999_000, 100);
    expect(drawn[0]).to.equal(5_000);
    expect(drawn[drawn.length - 1]).to.equal(9_999);
    expect(drawn.every((i) => i >= 5_000 && i < 10_000)).to.equal(true);
  });
});
