// Ticks and scales of the trend chart.
import { expect } from '@open-wc/testing';
import { formatFor } from '../../src/i18n/format.js';
import { linearScale, niceTicks, timeTicks } from '../../src/model/chart-scale.js';

const day = 86_400_000;
const utc = (y: number, m = 1, d = 1, h = 0) => Date.UTC(y, m - 1, d, h);
/** The English labeller the widget gives (NHS CUI dates). */
const cui = formatFor('en-GB', 'nhs-cui').axisLabel;

describe('niceTicks', () => {
  it('covers the data with steps of 1, 2, 2.5 or 5 × 10ⁿ', () => {
    const { ticks, min, max, step } = niceTicks(4.3, 9.1, 5);
    expect(step).to.equal(1);
    expect(ticks).to.deep.equal([4, 5, 6, 7, 8, 9, 10]);
    expect(min).to.be.at.most(4.3);
    expect(max).to.be.at.least(9.1);
  });

  it('prints decimals without floating-point noise', () => {
    const { ticks, decimals } = niceTicks(0.1, 0.7, 6);
    expect(decimals).to.equal(1);
    expect(ticks).to.deep.equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('handles large values and a single value', () => {
    expect(niceTicks(0, 100_000, 4).ticks).to.deep.equal([0, 25_000, 50_000, 75_000, 100_000]);
    const single = niceTicks(6.3, 6.3, 5);
    expect(single.min).to.be.below(6.3);
    expect(single.max).to.be.above(6.3);
    expect(single.ticks.length).to.be.greaterThan(1);
    const zero = niceTicks(0, 0, 5);
    expect(zero.min).to.be.below(0);
    expect(zero.max).to.be.above(0);
  });

  it('survives non-finite input', () => {
    expect(niceTicks(Number.NaN, Infinity).ticks.length).to.be.greaterThan(1);
  });
});

describe('linearScale', () => {
  it('maps and inverts', () => {
    const y = linearScale([0, 10], [200, 0]);
    expect(y(0)).to.equal(200);
    expect(y(5)).to.equal(100);
    expect(y.invert(50)).to.equal(7.5);
  });
});

describe('timeTicks', () => {
  it('uses hours within a day', () => {
    const ticks = timeTicks(utc(2024, 3, 1, 1), utc(2024, 3, 1, 22), 6, cui);
    expect(ticks.length).to.be.within(2, 6);
    expect(ticks[0].label).to.match(/^01-Mar \d\d:00$/);
  });

  it('uses days within a week, labelled dd-Mmm-yyyy', () => {
    const ticks = timeTicks(utc(2024, 3, 1), utc(2024, 3, 5), 8, cui);
    expect(ticks.map((t) => t.label)).to.deep.equal(['01-Mar-2024', '02-Mar-2024', '03-Mar-2024', '04-Mar-2024', '05-Mar-2024']);
  });

  it('puts weekly ticks on Mondays', () => {
    const ticks = timeTicks(utc(2024, 3, 1), utc(2024, 4, 15), 8, cui);
    expect(ticks.length).to.be.within(3, 8);
    for (const tick of ticks) expect(new Date(tick.time).getUTCDay()).to.equal(1);
  });

  it('uses months for a year, labelled Mmm-yyyy', () => {
    const ticks = timeTicks(utc(2023, 1, 15), utc(2023, 12, 20), 6, cui);
    expect(ticks.map((t) => t.label)).to.deep.equal(['Mar-2023', 'May-2023', 'Jul-2023', 'Sep-2023', 'Nov-2023']);
  });

  it('uses years for a decade and decades for a lifetime', () => {
    const decade = timeTicks(utc(2010, 6, 1), utc(2021, 3, 1), 6, cui);
    expect(decade.map((t) => t.label)).to.deep.equal(['2012', '2014', '2016', '2018', '2020']);
    const life = timeTicks(utc(1945, 7, 14), utc(2025, 7, 14), 5, cui);
    expect(life.map((t) => t.label)).to.deep.equal(['1960', '1980', '2000', '2020']);
  });

  it('never returns more ticks than asked, for any span from an hour to a century', () => {
    for (const span of [3_600_000, day, 10 * day, 100 * day, 1000 * day, 40_000 * day]) {
      for (const max of [2, 4, 7, 10]) {
        const ticks = timeTicks(utc(2000, 5, 17, 13), utc(2000, 5, 17, 13) + span, max, cui);
        expect(ticks.length, `span ${span} max ${max}`).to.be.at.most(max);
        expect(ticks.length, `span ${span} max ${max}`).to.be.at.least(1);
        for (let i = 1; i < ticks.length; i += 1) expect(ticks[i].time).to.be.above(ticks[i - 1].time);
      }
    }
  });

  it('returns nothing for an empty or reversed span', () => {
    expect(timeTicks(10, 5, 4, cui)).to.deep.equal([]);
    expect(timeTicks(Number.NaN, 5, 4, cui)).to.deep.equal([]);
  });
});
