// The one rule for showing a number, used by every widget and the trend chart's axis:
//   - never exponent notation; a leading zero (0.5 mg); no trailing zeros (5 mg, not 5.00 mg);
//     thousands separators (1,000 mg);
//   - at most SIGNIFICANT_DIGITS significant digits, but never fewer than the integer part has:
//     70.845649 kg → 70.85 kg, 164.057514 mg/dL → 164.1 mg/dL, 12,500 units stays 12,500;
//   - a small value keeps its leading significant digits: troponin 0.004 → 0.004, 0.01234 → 0.01234.
// The same recorded value reads the same in the summary, the trend's table, its axis and a dose.

/** Significant digits shown when a value has more (the integer part is never rounded). */
export const SIGNIFICANT_DIGITS = 4;

/** One formatter per locale and rule (0–4 fraction digits, or -1: significant digits for |x| < 1). */
const formatters = new Map<string, Intl.NumberFormat[]>();

function formatter(locale: string, fractionDigits: number): Intl.NumberFormat {
  let byRule = formatters.get(locale);
  if (!byRule) formatters.set(locale, (byRule = []));
  const slot = fractionDigits + 1;
  return (byRule[slot] ??= new Intl.NumberFormat(
    locale, // grouping as the language groups (es: 1234, en: 1,234)
    fractionDigits < 0 ? { maximumSignificantDigits: SIGNIFICANT_DIGITS } : { maximumFractionDigits: fractionDigits },
  ));
}

/**
 * Each distinct number is formatted once per locale: a long list repeats the same doses, results
 * and range limits thousands of times, and Intl formatting is the costly part. Bounded: the cache
 * starts afresh past this many numbers.
 */
const FORMATTED_LIMIT = 20_000;
const formatted = new Map<string, Map<number, string>>();

/** A number as clinicians read it (see the rule above); undefined when `value` is not a finite number. */
export function formatNumber(value: unknown, locale = 'en-GB'): string | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return undefined;
  let cache = formatted.get(locale);
  if (!cache) formatted.set(locale, (cache = new Map()));
  const known = cache.get(number);
  if (known !== undefined) return known;
  const magnitude = Math.abs(number);
  // 0.004 keeps its one significant digit; 0.0123456 shows 0.01235.
  const fractionDigits = magnitude < 1 ? -1 : Math.max(0, SIGNIFICANT_DIGITS - (Math.floor(Math.log10(magnitude)) + 1));
  const text = formatter(locale, fractionDigits).format(number);
  if (cache.size >= FORMATTED_LIMIT) cache.clear();
  if (number !== 0) cache.set(number, text); // a Map holds 0 and -0 as one key
  return text;
}
