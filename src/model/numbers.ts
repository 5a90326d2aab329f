// The one rule for showing a number, used by every widget and the trend chart's axis:
//   - never exponent notation; a leading zero (0.5 mg); no trailing zeros (5 mg, not 5.00 mg);
//     thousands separators (1,000 mg);
//   - at most SIGNIFICANT_DIGITS significant digits, but never fewer than the integer part has:
//     70.845649 kg → 70.85 kg, 164.057514 mg/dL → 164.1 mg/dL, 12,500 units stays 12,500;
//   - a small value keeps its leading significant digits: troponin 0.004 → 0.004, 0.01234 → 0.01234.
// The same recorded value reads the same in the summary, the trend's table, its axis and a dose.

/** Significant digits shown when a value has more (the integer part is never rounded). */
export const SIGNIFICANT_DIGITS = 4;

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.NumberFormat(locale, options); // grouping as the language groups (es: 1234, en: 1,234)
    formatters.set(key, found);
  }
  return found;
}

/** A number as clinicians read it (see the rule above); undefined when `value` is not a finite number. */
export function formatNumber(value: unknown, locale = 'en-GB'): string | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return undefined;
  const magnitude = Math.abs(number);
  if (magnitude < 1) {
    // 0.004 keeps its one significant digit; 0.0123456 shows 0.01235.
    return formatter(locale, { maximumSignificantDigits: SIGNIFICANT_DIGITS }).format(number);
  }
  const integerDigits = Math.floor(Math.log10(magnitude)) + 1;
  return formatter(locale, { maximumFractionDigits: Math.max(0, SIGNIFICANT_DIGITS - integerDigits) }).format(number);
}
