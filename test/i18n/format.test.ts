// The catalogue helper: numbers, dates, month names, lists and plurals from Intl, per preset.
import { expect } from '@open-wc/testing';
import { formatFor } from '../../src/i18n/api.js';
import { timeTicks } from '../../src/model/chart-scale.js';

const utcDate = (lang: string, options: Intl.DateTimeFormatOptions, time: number) =>
  new Intl.DateTimeFormat(lang, { timeZone: 'UTC', ...options }).format(time);

describe('formatFor (src/i18n/format.ts)', () => {
  it('nhs-cui keeps the NHS CUI formats exactly (dd-Mmm-yyyy, en-GB numbers)', () => {
    const f = formatFor('en-GB', 'nhs-cui');
    expect(f.date('1945-07-14')).to.equal('14-Jul-1945');
    expect(f.date('1945-07')).to.equal('Jul-1945');
    expect(f.date('1945')).to.equal('1945');
    expect(f.dateTime('2013-04-02T09:30:10+01:00')).to.equal('02-Apr-2013 09:30');
    // The kit's one precision rule (src/model/numbers.ts): 4 significant digits, the integer part never rounded.
    expect(f.number(1234.5)).to.equal('1,235');
    expect(f.number(12.25)).to.equal('12.25');
    expect(f.number(0.5)).to.equal('0.5');
    expect(f.age({ years: 7, months: 4 })).to.equal('7y 4m');
    expect(f.age({ weeks: 10, days: 3 })).to.equal('10w 3d');
    expect(f.number('x')).to.equal(undefined);
    expect(f.axisLabel(Date.UTC(2024, 2, 1), 'month')).to.equal('Mar-2024');
    // The chart's ticks labelled by it.
    expect(timeTicks(Date.UTC(2020, 0, 1), Date.UTC(2024, 0, 1), 5, f.axisLabel).map((t) => t.label)).to.deep.equal(['2020', '2021', '2022', '2023', '2024']);
    expect(timeTicks(Date.UTC(2023, 0, 15), Date.UTC(2023, 11, 20), 6, f.axisLabel).map((t) => t.label)).to.deep.equal(['Mar-2023', 'May-2023', 'Jul-2023', 'Sep-2023', 'Nov-2023']);
  });

  for (const lang of ['es', 'de', 'ar']) {
    it(`intl (${lang}): dates, partial dates, axis labels, month names and numbers all come from Intl`, () => {
      const f = formatFor(lang);
      const day = Date.UTC(1945, 6, 14);
      expect(f.date('1945-07-14')).to.equal(utcDate(lang, { day: 'numeric', month: 'short', year: 'numeric' }, day));
      expect(f.date('1945-07')).to.equal(utcDate(lang, { month: 'short', year: 'numeric' }, day));
      expect(f.date('1945')).to.equal(utcDate(lang, { year: 'numeric' }, day));
      expect(f.date('1945-07-14')).not.to.equal('14-Jul-1945');
      // The literal time of the record, never shifted by the viewer's zone.
      expect(f.dateTime('2013-04-02T09:30:10+01:00')).to.equal(
        utcDate(lang, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, Date.UTC(2013, 3, 2, 9, 30)),
      );
      expect(f.number(1234.5)).to.equal(new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(1234.5));
      expect(f.number(12.25)).to.equal(new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(12.25));
      expect(f.months).to.have.length(12);
      const unit = (value: number, u: string) => new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'narrow' }).format(value);
      expect(f.age({ years: 7, months: 4 })).to.equal(`${unit(7, 'year')} ${unit(4, 'month')}`);
      expect(f.months[6]).to.equal(utcDate(lang, { month: 'short' }, day));
      expect(f.axisLabel(Date.UTC(2024, 2, 1), 'month')).to.equal(utcDate(lang, { month: 'short', year: 'numeric' }, Date.UTC(2024, 2, 1)));
      expect(f.list(['a', 'b', 'c'])).to.equal(new Intl.ListFormat(lang).format(['a', 'b', 'c']));
    });
  }

  it('plurals come from Intl.PluralRules, with every Arabic category', () => {
    const ar = formatFor('ar');
    const forms = { zero: 'z', one: 'o', two: 't', few: 'f#', many: 'm#', other: 'x#' };
    expect([0, 1, 2, 3, 11, 100].map((n) => ar.plural(n, forms))).to.deep.equal([
      'z',
      'o',
      't',
      `f${ar.number(3)}`,
      `m${ar.number(11)}`,
      `x${ar.number(100)}`,
    ]);
    const en = formatFor('en-GB', 'nhs-cui');
    expect(en.plural(1, { one: '# entry', other: '# entries' })).to.equal('1 entry');
    expect(en.plural(1000, { one: '# entry', other: '# entries' })).to.equal('1,000 entries');
    expect(formatFor('de').plural(1.5, { one: '# Tag', other: '# Tage' })).to.equal('1,5 Tage');
  });
});
