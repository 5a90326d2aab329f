// The rarer kinds of a <fhir-results> value — ratio, range, period, date-time, time, sampled data,
// attachment, absent — read and put in words by their own module: the flowsheet loads it with a
// record that has one, before the sheet is ready; the report detail brings it with it. Server strings
// pass through as strings; the element renders them as text nodes.
import type { Format } from '../../i18n/format.js';
import '../../model/result-value-rare.js';
import type { ResultValue } from '../../model/result-value.js';
import type { ResultsMessages } from './results.messages.js';
import { numberText, quantityText, setRareText } from './result-text.js';
import { resultsRareEn } from './rare-values.messages.js';
import { registerEnglish } from '../../i18n/registry.js';

// This part's English words come with it.
registerEnglish('results', resultsRareEn);

/** A value of a rarer kind as words. */
export function rareValueText(value: ResultValue, m: ResultsMessages, format: Format): string {
  switch (value.kind) {
    case 'ratio':
      return `${quantityText(value.numerator, format) || '?'} / ${quantityText(value.denominator, format) || '?'}`;
    case 'range': {
      const unit = value.low?.unit || value.high?.unit;
      const low = value.low ? `${value.low.comparator ?? ''}${numberText(value.low, format)}` : '';
      return `${low}–${value.high ? numberText(value.high, format) : ''}${unit ? ` ${unit}` : ''}`;
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
}

setRareText(rareValueText);
