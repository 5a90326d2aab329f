import { expect } from '@open-wc/testing';
import { formatNumber, SIGNIFICANT_DIGITS } from '../../src/model/numbers.js';

describe('formatNumber: the one display rule', () => {
  it('caps significant digits but never rounds the integer part', () => {
    expect(SIGNIFICANT_DIGITS).to.equal(4);
    expect(formatNumber(70.845649)).to.equal('70.85');
    expect(formatNumber(164.057514)).to.equal('164.1');
    expect(formatNumber(12500)).to.equal('12,500');
    expect(formatNumber(123456.789)).to.equal('123,457');
    expect(formatNumber(-3.14159)).to.equal('-3.142');
  });

  it('keeps the significant digits of small values (troponin)', () => {
    expect(formatNumber(0.004)).to.equal('0.004');
    expect(formatNumber(0.0123456)).to.equal('0.01235');
    expect(formatNumber(0.5)).to.equal('0.5');
    expect(formatNumber(0.0000012)).to.equal('0.0000012');
  });

  it('shows no trailing zeros, no exponent, and nothing for non-numbers', () => {
    expect(formatNumber(5)).to.equal('5');
    expect(formatNumber(2.5)).to.equal('2.5');
    expect(formatNumber('7.40')).to.equal('7.4');
    expect(formatNumber(1e21)).to.not.contain('e');
    expect(formatNumber(Number.NaN)).to.equal(undefined);
    expect(formatNumber('')).to.equal(undefined);
    expect(formatNumber(undefined)).to.equal(undefined);
  });

  it('follows the locale', () => {
    expect(formatNumber(1234.5, 'de-DE')).to.equal('1.235');
    expect(formatNumber(70.845649, 'de-DE')).to.equal('70,85');
  });

  it('formats each number once per locale, and a remembered number reads as a fresh one would', () => {
    const values = [0, -0, 0.004, 0.5, 1, 5.25, 70.845649, 164.057514, 1234.5, 12500, -3.14159, 123456.789];
    const fresh = (value: number, locale: string) => {
      const magnitude = Math.abs(value);
      const options = magnitude < 1 ? { maximumSignificantDigits: 4 } : { maximumFractionDigits: Math.max(0, 4 - (Math.floor(Math.log10(magnitude)) + 1)) };
      return new Intl.NumberFormat(locale, options).format(value);
    };
    for (let round = 0; round < 3; round += 1) {
      for (const locale of ['en-GB', 'de-DE', 'ar-EG', 'es']) {
        for (const value of values) expect(formatNumber(value, locale), `${value} in ${locale}, round ${round}`).to.equal(fresh(value, locale));
        expect(formatNumber(String(1234.5), locale)).to.equal(fresh(1234.5, locale));
      }
    }
    // the same number in two languages is two entries, not one
    expect(formatNumber(1234.5, 'en-GB')).to.equal('1,235');
    expect(formatNumber(1234.5, 'de-DE')).to.equal('1.235');
    // past the cache's bound it starts afresh and stays right
    for (let i = 0; i < 25_000; i += 1) formatNumber(i + 0.5);
    expect(formatNumber(70.845649)).to.equal('70.85');
    expect(formatNumber(20_000.5)).to.equal('20,001');
  });
});
