// Numbers as clinicians read them: no trailing zeros (5 mg), a leading zero (0.5 mg),
// thousands separators (1,000 mg). Never exponent notation.

const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: unknown, locale = 'en-GB'): string | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return undefined;
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: 6, useGrouping: true });
    formatters.set(locale, formatter);
  }
  return formatter.format(number);
}
