// The rarer kinds of an Observation's (or component's) value[x] — ratio, range, period, date-time,
// time, sampled data, attachment, absent — read for <fhir-results> by their own module: loaded with a
// record that has one (`needsRareValues`), before it is shown; the report detail brings it with it.
// It imports no value of result-value.ts (whose chunk loads it): it is handed the quantity reader.
import { conceptText } from './codes.js';
import type { RareReader, ResultValue } from './result-value.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

/** The value of a holder whose value is of a rarer kind (see `needsRareValues`); `none` when it is malformed. */
export const rareValueOf: RareReader = (holder, quantityView): ResultValue => {
  if (holder.valueRatio && typeof holder.valueRatio === 'object') {
    const ratio = holder.valueRatio as { numerator?: unknown; denominator?: unknown };
    const numerator = quantityView(ratio.numerator);
    const denominator = quantityView(ratio.denominator);
    return { kind: 'ratio', ...(numerator ? { numerator } : {}), ...(denominator ? { denominator } : {}) };
  }
  if (holder.valueRange && typeof holder.valueRange === 'object') {
    const range = holder.valueRange as { low?: unknown; high?: unknown };
    const low = quantityView(range.low);
    const high = quantityView(range.high);
    return { kind: 'range', ...(low ? { low } : {}), ...(high ? { high } : {}) };
  }
  if (holder.valuePeriod && typeof holder.valuePeriod === 'object') {
    const period = holder.valuePeriod as { start?: unknown; end?: unknown };
    return { kind: 'period', ...(text(period.start) ? { start: period.start as string } : {}), ...(text(period.end) ? { end: period.end as string } : {}) };
  }
  if (text(holder.valueDateTime)) return { kind: 'datetime', value: holder.valueDateTime as string };
  if (text(holder.valueTime)) return { kind: 'time', value: holder.valueTime as string };
  if (holder.valueSampledData) return { kind: 'sampled' };
  if (holder.valueAttachment && typeof holder.valueAttachment === 'object') {
    const title = text((holder.valueAttachment as { title?: unknown }).title);
    return { kind: 'attachment', ...(title ? { title } : {}) };
  }
  if (holder.dataAbsentReason) {
    const reason = conceptText(holder.dataAbsentReason);
    return { kind: 'absent', ...(reason ? { reason } : {}) };
  }
  return { kind: 'none' };
};
