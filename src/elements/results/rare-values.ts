// The rarer kinds of a <fhir-results> value — ratio, range, period, date-time, time, sampled data,
// attachment, absent — read and put in words by their own module: the flowsheet loads it with a
// record that has one, before the sheet is ready; the report detail brings it with it. Server strings
// pass through as strings; the element renders them as text nodes. It imports no value of the modules
// that load it: they hand over their quantities' words and reader, and take its own (`useRareValues`).
import type { RareText } from './result-text.js';
import { resultsRareEn } from './rare-values.messages.js';
import { registerEnglish } from '../../i18n/registry.js';

export { rareValueOf } from '../../model/result-value-rare.js';

// This part's English words come with it.
registerEnglish('results', resultsRareEn);

/** A value of a rarer kind as words. */
export const rareValueText: RareText = (value, m, format, quantityText) => {
  const numberText = (q: { value: number; text: string }) => format.number(q.value) ?? q.text;
  switch (value.kind) {
    case 'ratio':
      return `${quantityText(value.numerator, format) || '?'} / ${quantityText(value.denominator, format) || '?'}`;
    case 'range': {
      const unit = value.low?.unit || value.high?.unit;
      const low = value.low ? `${value.low.comparator ?? ''}${numberText(value.low)}` : '';
      return `${low}–${value.high ? numberText(value.high) : ''}${unit ? ` ${unit}` : ''}`;
    }
    case 'period':
      return `${format.dateTime(value.start) ?? ''}–${format.dateTime(value.end) ?? ''}`;
    case 'datetime':
      return format.dateTime(value.value) ?? value.value;
    case 'time':
      return value.value;
    case 'sampled':
      return m.sampled;
    case 'attachment':
      return m.attachmentValue(value.title);
    case 'absent':
      return m.absent(value.reason);
    default:
      return m.noValue;
  }
};
