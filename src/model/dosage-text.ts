// Dosage text a clinician can read at a glance, generated from a structured FHIR `Dosage` when the
// record has no `text` (and offered beside `text` when it has both). Handles R4/R4B/R5 Dosage
// (`doseAndRate`), STU3 Dosage (`dose[x]`/`rate[x]` on the Dosage), DSTU2 MedicationOrder
// `dosageInstruction` (`additionalInstructions`, `periodUnits`) and DSTU2 MedicationStatement
// `dosage` (`quantity[x]`).
//
// Order follows the NHS CUI medication line after drug/strength/form:
//   dose, rate, duration, route, frequency, then course (count, bounds), as-needed, maximum dose,
//   additional instructions.
// e.g. `1 to 2 tablets, oral, up to four times a day, as needed for pain, max 8 tablets per 24 hours`.
//
// Never reads a field as something it is not: `timing.repeat.count` is how many times in total
// (`for 6 doses`), never how often; `repeat.duration` is how long one administration takes
// (`over 30 minutes`), `boundsDuration` how long the course lasts (`for 7 days`).
import { medicationConceptText } from './medication-name.js';
import { formatDate, MONTHS_EN } from './dates.js';
import { asList as list, asRecord as record, codingsOf, SYSTEMS, trimmed as str } from './codes.js';
import { formatNumber } from './numbers.js';

export const PERIOD_UNITS = ['s', 'min', 'h', 'd', 'wk', 'mo', 'a'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** The words of dosage text for one locale (English below; another locale supplies its own). */
export interface DosageVocabulary {
  locale: string;
  months: readonly string[];
  /** A FHIR date in this locale's preset; without it, `dd-Mmm-yyyy` with `months` (NHS CUI). */
  date?: (value: unknown) => string | undefined;
  /** `hour` / `hours` */
  unit: (unit: PeriodUnit, count: number) => string;
  /** `once a day`, `twice a day`, `3 times a week`; `times` may be a range such as `1 to 2`. */
  timesPer: (times: string, timesValue: number, unit: PeriodUnit) => string;
  /** `3 times every 2 days` */
  timesEvery: (times: string, timesValue: number, period: string, unit: PeriodUnit, periodValue: number) => string;
  /** `every 8 hours`, `every 4 to 6 hours`, `every hour` */
  every: (period: string, periodValue: number, unit: PeriodUnit) => string;
  range: (low: string, high: string) => string;
  /** `at 100 mL/hour` */
  rate: (rate: string) => string;
  /** `over 30 minutes` */
  over: (duration: string) => string;
  /** `for 6 doses` (repeat.count) */
  doses: (count: string, countValue: number) => string;
  /** `for 7 days` (boundsDuration / boundsRange) */
  forDuration: (duration: string) => string;
  from: (date: string) => string;
  until: (date: string) => string;
  fromUntil: (start: string, end: string) => string;
  onDays: (days: string) => string;
  atTimes: (times: string) => string;
  onDates: (dates: string) => string;
  list: (items: readonly string[]) => string;
  asNeeded: string;
  asNeededFor: (reason: string) => string;
  /** `max 8 tablets per 24 hours` */
  maxPer: (dose: string, period: string) => string;
  maxPerDose: (dose: string) => string;
  maxLifetime: (dose: string) => string;
  /** `per day`, `per 24 hours` */
  per: (period: string, periodValue: number, unit: PeriodUnit | undefined, unitText: string) => string;
  dayOfWeek: Record<string, string>;
  /** Event timing codes (`when`). */
  when: Record<string, string>;
  /** `30 minutes before breakfast` */
  offset: (minutes: string, when: string) => string;
  /** HL7 v3 GTSAbbreviation timing codes (`timing.code`). */
  timingCode: Record<string, string>;
  /** Between consecutive `sequence`s (tapering) and within one `sequence` (concurrent). */
  then: string;
  and: string;
  /** Dose units that are countable forms, singular → plural (`tablet` → `tablets`). */
  countable: Record<string, string>;
}

/** The singular word of each period unit; every plural adds an `s`. */
const UNIT_WORDS: Record<PeriodUnit, string> = { s: 'second', min: 'minute', h: 'hour', d: 'day', wk: 'week', mo: 'month', a: 'year' };
const unitWord = (unit: PeriodUnit, n: number) => UNIT_WORDS[unit] + (n === 1 ? '' : 's');
const TIMES_EN: Record<number, string> = { 1: 'once', 2: 'twice', 3: 'three times', 4: 'four times' };
const timesEn = (times: string, value: number) => (TIMES_EN[value] && String(value) === times ? TIMES_EN[value] : `${times} times`);
/** `day`, `2 days`, `4 to 6 hours`, `5 mL`: a period of a time unit (else of `unitText`), where `1 day` reads `day`. */
const spanEn = (period: string, value: number, unit: PeriodUnit | undefined, unitText = '') =>
  value === 1 && period === '1' ? (unit ? UNIT_WORDS[unit] : unitText) : `${period} ${unit ? unitWord(unit, value) : unitText}`;
/** A phrase of one word (or words) before the text: `at 08:00`, `for 7 days`. */
const before = (words: string) => (text: string) => `${words} ${text}`;

/** Event timing codes: parts of the day (also `.early` / `.late`), and before, with or after meals. */
const WHEN_EN: Record<string, string> = { NOON: 'at noon', NIGHT: 'at night', PHS: 'after sleep', HS: 'at bedtime', WAKE: 'on waking' };
for (const [code, part] of Object.entries({ MORN: 'morning', AFT: 'afternoon', EVE: 'evening' })) {
  WHEN_EN[code] = `in the ${part}`;
  for (const when of ['early', 'late']) WHEN_EN[`${code}.${when}`] = `${when} in the ${part}`;
}
for (const [code, relation] of Object.entries({ C: 'with', AC: 'before', PC: 'after' })) {
  for (const [meal, words] of Object.entries({ '': 'meals', M: 'breakfast', D: 'lunch', V: 'dinner' })) WHEN_EN[code + meal] = `${relation} ${words}`;
}

export const dosageEn: DosageVocabulary = {
  locale: 'en-GB',
  months: MONTHS_EN,
  unit: unitWord,
  timesPer: (times, value, unit) => `${timesEn(times, value)} ${unit === 'h' ? 'an' : 'a'} ${UNIT_WORDS[unit]}`,
  timesEvery: (times, value, period, unit, periodValue) => `${timesEn(times, value)} every ${period} ${unitWord(unit, periodValue)}`,
  every: (period, value, unit) => `every ${spanEn(period, value, unit)}`,
  range: (low, high) => `${low} to ${high}`,
  rate: before('at'),
  over: before('over'),
  doses: (count, value) => `for ${count} ${value === 1 ? 'dose' : 'doses'}`,
  forDuration: before('for'),
  from: before('from'),
  until: before('until'),
  fromUntil: (start, end) => `from ${start} to ${end}`,
  onDays: before('on'),
  atTimes: before('at'),
  onDates: before('on'),
  list: (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`),
  asNeeded: 'as needed',
  asNeededFor: before('as needed for'),
  maxPer: (dose, period) => `max ${dose} ${period}`,
  maxPerDose: (dose) => `max ${dose} per dose`,
  maxLifetime: (dose) => `max ${dose} in total`,
  per: (period, value, unit, unitText) => `per ${spanEn(period, value, unit, unitText)}`,
  // mon → Monday …
  dayOfWeek: Object.fromEntries(
    ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((day) => [day.slice(0, 3).toLowerCase(), day]),
  ),
  when: WHEN_EN,
  offset: (minutes, when) => `${minutes} minutes ${when}`,
  timingCode: {
    QD: 'once a day',
    BID: 'twice a day',
    TID: 'three times a day',
    QID: 'four times a day',
    AM: WHEN_EN.MORN,
    PM: WHEN_EN.EVE,
    QOD: 'every other day',
    Q1H: 'every hour',
    // Q2H … Q8H: every 2 … 8 hours
    ...Object.fromEntries([2, 3, 4, 6, 8].map((hours) => [`Q${hours}H`, `every ${hours} hours`])),
    BED: WHEN_EN.HS,
    WK: 'once a week',
    MO: 'once a month',
  },
  then: ', then ',
  and: '; and ',
  // Countable dose forms, singular → plural: an `s` added, but for the three listed after.
  countable: Object.fromEntries([
    ...'tablet capsule puff drop sachet spray lozenge application ampoule vial dose unit actuation inhalation pen injection'
      .split(' ')
      .map((form) => [form, `${form}s`]),
    ['patch', 'patches'],
    ['suppository', 'suppositories'],
    ['pessary', 'pessaries'],
  ]),
};

type Json = Record<string, unknown>;

function num(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** v3-orderableDrugForm codes often sent as the unit (`2 TAB`): the words they stand for. */
const FORM_CODES: Record<string, string> = { TAB: 'tablet', CAP: 'capsule', SUPP: 'suppository', PATCH: 'patch', PUFF: 'puff' };
/** UCUM annotation units such as `{tablet}` / `{tbl}` / `{puff}`. */
const UCUM_ANNOTATIONS: Record<string, string> = { tbl: 'tablet', tab: 'tablet', tablet: 'tablet', cap: 'capsule', capsule: 'capsule', puff: 'puff', drop: 'drop', patch: 'patch' };

/** The words for a Quantity's unit: `unit` (a form code in capitals read as its word), else a form code, a UCUM annotation, the UCUM code. */
function unitText(quantity: Json): string | undefined {
  const unit = str(quantity.unit);
  const code = str(quantity.code);
  const form = FORM_CODES[(unit ?? code ?? '').toUpperCase()];
  if (unit) return form && (unit === code || unit === unit.toUpperCase()) ? form : unit;
  const annotation = code && /^\{(.+)\}$/.exec(code)?.[1];
  return form ?? (annotation ? (UCUM_ANNOTATIONS[annotation.toLowerCase()] ?? annotation) : code);
}

/** The singular of a countable form word (`tablets` → `tablet`), else the unit as given. */
function singular(unit: string, v: DosageVocabulary): string {
  const lower = unit.toLowerCase();
  return Object.keys(v.countable).find((one) => v.countable[one] === lower) ?? unit;
}

/** `1 tablet`, `2 tablets` whichever form the record used; other units as written (`5 mL`). */
function withUnit(number: string, value: number, unit: string | undefined, v: DosageVocabulary): string {
  if (!unit) return number;
  const one = singular(unit, v);
  const countable = v.countable[one.toLowerCase()];
  return `${number} ${countable ? (value === 1 ? one : countable) : unit}`;
}

/** A Quantity whose value is a number: the Quantity, its value, and the value in the vocabulary's locale. */
interface Amount {
  quantity: Json;
  value: number;
  number: string;
}

function amountOf(value: unknown, v: DosageVocabulary): Amount | undefined {
  const quantity = record(value);
  // formatNumber reads a value exactly as `num` does: a number, or a numeric string.
  const number = formatNumber(quantity?.value, v.locale);
  return quantity && number !== undefined ? { quantity, value: num(quantity.value) as number, number } : undefined;
}

/**
 * A Quantity as words (`<2 tablets`, `5 mL`); with `asDuration`, one with a UCUM time unit as the
 * unit's words (`7 days`, `30 minutes`).
 */
function quantityText(value: unknown, v: DosageVocabulary, asDuration = false): string | undefined {
  const amount = amountOf(value, v);
  if (!amount) return undefined;
  const { quantity, number } = amount;
  const unit = asDuration ? periodUnitOf(quantity.code, quantity.unit) : undefined;
  if (unit) return `${number} ${v.unit(unit, amount.value)}`;
  return (str(quantity.comparator) ?? '') + withUnit(number, amount.value, unitText(quantity), v);
}

/** `1 to 2 tablets`; `1 tablet to 2 capsules` when the units differ; one bound alone when only one is given. */
function rangeText(value: unknown, v: DosageVocabulary): string | undefined {
  const range = record(value);
  const low = amountOf(range?.low, v);
  const high = amountOf(range?.high, v);
  if (!low || !high) return quantityText((low ?? high)?.quantity, v);
  const lowUnit = unitText(low.quantity);
  const highUnit = unitText(high.quantity);
  return !lowUnit || !highUnit || singular(lowUnit, v) === singular(highUnit, v)
    ? withUnit(v.range(low.number, high.number), high.value, highUnit ?? lowUnit, v)
    : v.range(quantityText(low.quantity, v) ?? '', quantityText(high.quantity, v) ?? '');
}

/** UCUM time codes and the words records use for them. */
const TIME_UNITS = new Map<string, PeriodUnit>();
for (const [unit, names] of Object.entries({ s: 'sec second', min: 'minute', h: 'hr hour', d: 'day', wk: 'week', mo: 'month', a: 'y yr year' })) {
  for (const name of [unit, ...names.split(' '), `${UNIT_WORDS[unit as PeriodUnit]}s`]) TIME_UNITS.set(name, unit as PeriodUnit);
}

/** The period unit of the first of `values` that names one (a UCUM code, then the unit's words; DSTU2's `…Units` after R4's `…Unit`). */
function periodUnitOf(...values: unknown[]): PeriodUnit | undefined {
  for (const value of values) {
    const unit = typeof value === 'string' ? TIME_UNITS.get(value.trim()) : undefined;
    if (unit) return unit;
  }
  return undefined;
}

/** `per day`, `per 24 hours`, `per 5 mL`: a Ratio's denominator of `value`. */
function perText(denominator: Json, value: number, v: DosageVocabulary): string {
  return v.per(numbers(value, undefined, v), value, periodUnitOf(denominator.code, denominator.unit), unitText(denominator) ?? '');
}

/** A rate: a Ratio (`100 mL per hour`), a Quantity (`50 mL/h`) or a Range. */
function rateText(holder: Json, v: DosageVocabulary): string | undefined {
  const ratio = record(holder.rateRatio);
  if (!ratio) return quantityText(holder.rateQuantity, v) ?? rangeText(holder.rateRange, v);
  const numerator = quantityText(ratio.numerator, v);
  const denominator = record(ratio.denominator);
  return numerator && denominator ? `${numerator} ${perText(denominator, num(denominator.value) ?? 1, v)}` : numerator;
}

/** Coded display for use mid-sentence: SNOMED tags and a trailing "route" dropped, lower-cased when it is a coded display. */
function phrase(value: unknown, dropRouteWord = false): string | undefined {
  let text = medicationConceptText(value);
  if (!text) return undefined;
  if (dropRouteWord) text = text.replace(/\s+route$/i, '') || text;
  // `With or after food` reads `with or after food` mid-line; `Restless Legs` or `NSAID` stay as written.
  if (!str(record(value)?.text) && /^[A-Z][^A-Z]*$/.test(text) && codingsOf(value).some((c) => c.system === SYSTEMS.snomed)) {
    text = text[0].toLowerCase() + text.slice(1);
  }
  return text;
}

/** `2`, or `1 to 2` when `high` is another number (finite numbers, in the vocabulary's locale). */
function numbers(low: number, high: number | undefined, v: DosageVocabulary): string {
  const lowText = formatNumber(low, v.locale) as string;
  return high === undefined || high === low ? lowText : v.range(lowText, formatNumber(high, v.locale) as string);
}

/** The words `read` finds for the strings of a field of one or several values, as one `say` part; undefined when none. */
function listPart(
  field: unknown,
  read: (value: string) => string | undefined,
  say: (list: string) => string,
  v: DosageVocabulary,
): string | undefined {
  const words = list(field)
    .map((value) => (typeof value === 'string' ? read(value) : undefined))
    .filter((word): word is string => !!word);
  return words.length ? say(v.list(words)) : undefined;
}

/** How often: frequency/period/periodUnit (+ max), `when` (+ offset), `dayOfWeek`, `timeOfDay`, else `timing.code`. */
function frequencyParts(timing: Json, repeat: Json, v: DosageVocabulary): (string | undefined)[] {
  const frequency = num(repeat.frequency);
  const frequencyMax = num(repeat.frequencyMax);
  const period = num(repeat.period);
  const periodMax = num(repeat.periodMax);
  const unit = periodUnitOf(repeat.periodUnit, repeat.periodUnits);
  const offset = num(repeat.offset);
  let often: string | undefined;
  if (period !== undefined && period > 0 && unit) {
    const times = frequency ?? 1;
    const periodLabel = numbers(period, periodMax, v);
    const periodValue = periodMax ?? period;
    const once = times === 1 && frequencyMax === undefined;
    if (once && (period !== 1 || periodMax !== undefined || ['s', 'min', 'h'].includes(unit))) often = v.every(periodLabel, periodValue, unit);
    else if (period === 1 && periodMax === undefined) often = v.timesPer(numbers(times, frequencyMax, v), frequencyMax ?? times, unit);
    else often = v.timesEvery(numbers(times, frequencyMax, v), frequencyMax ?? times, periodLabel, unit, periodValue);
  }
  // A frequency with no period does not say how often: it is left to `text`, never guessed.
  const parts = [
    often,
    listPart(repeat.dayOfWeek, (day) => v.dayOfWeek[day.toLowerCase()], (days) => v.onDays(days), v),
    listPart(repeat.timeOfDay, (time) => /^(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(time.trim())?.[1], (times) => v.atTimes(times), v),
    listPart(
      repeat.when,
      (when) => v.when[when] ?? v.when[when.toUpperCase()],
      (whens) => (offset ? v.offset(numbers(offset, undefined, v), whens) : whens),
      v,
    ),
  ].filter(Boolean);
  if (parts.length) return parts;
  const code = record(timing.code);
  return [
    codingsOf(code)
      .map((c) => (typeof c.code === 'string' ? v.timingCode[c.code.toUpperCase()] : undefined))
      .find(Boolean) ?? phrase(code),
  ];
}

/** How long the course lasts or how many doses: `for 6 doses`, `for 7 days`, `from … to …`, `on <dates>`. */
function courseParts(timing: Json, repeat: Json, v: DosageVocabulary): (string | undefined)[] {
  const count = num(repeat.count);
  const countMax = num(repeat.countMax);
  const boundsDuration = quantityText(repeat.boundsDuration, v, true);
  const boundsRange = record(repeat.boundsRange);
  const bounds = record(repeat.boundsPeriod);
  const start = dateText(bounds?.start, v);
  const end = dateText(bounds?.end, v);
  return [
    count === undefined ? undefined : v.doses(numbers(count, countMax, v), countMax ?? count),
    boundsDuration && v.forDuration(boundsDuration),
    boundsRange && boundsRangeText(boundsRange, v),
    start && end ? v.fromUntil(start, end) : start ? v.from(start) : end && v.until(end),
    listPart(timing.event, (event) => dateText(event, v), (dates) => v.onDates(dates), v),
  ];
}

/** `for 5 to 7 days` (the unit once, after the upper bound, when both bounds have it), `for 5 days to 2 weeks`, or one bound. */
function boundsRangeText(range: Json, v: DosageVocabulary): string | undefined {
  const low = record(range.low);
  const high = record(range.high);
  const lowValue = num(low?.value);
  const highText = quantityText(high, v, true);
  const lowText = quantityText(low, v, true);
  if (highText && lowText && lowValue !== undefined && (low?.code ?? low?.unit) === (high?.code ?? high?.unit)) {
    const [highNumber, ...unitWords] = highText.split(' ');
    return v.forDuration([v.range(numbers(lowValue, undefined, v), highNumber), ...unitWords].join(' '));
  }
  const text = highText && lowText ? v.range(lowText, highText) : (lowText ?? highText);
  return text && v.forDuration(text);
}

/** A FHIR date in the vocabulary's preset (NHS CUI `dd-Mmm-yyyy` without one). */
function dateText(value: unknown, v: DosageVocabulary): string | undefined {
  return v.date ? v.date(value) : formatDate(value, v.months);
}

/** `over 30 minutes`: how long one administration takes. */
function durationPart(repeat: Json, v: DosageVocabulary): string | undefined {
  const duration = num(repeat.duration);
  const unit = periodUnitOf(repeat.durationUnit, repeat.durationUnits);
  if (duration === undefined || !unit) return undefined;
  const max = num(repeat.durationMax);
  return v.over(`${numbers(duration, max, v)} ${v.unit(unit, max ?? duration)}`);
}

function asNeededPart(dosage: Json, v: DosageVocabulary): string | undefined {
  // R5: asNeeded (boolean) + asNeededFor[]; R4/STU3/DSTU2: asNeededBoolean | asNeededCodeableConcept.
  const reasons = [...list(dosage.asNeededFor), ...list(dosage.asNeededCodeableConcept)]
    .map((reason) => phrase(reason))
    .filter((reason): reason is string => !!reason);
  if (reasons.length) return v.asNeededFor(v.list(reasons));
  return dosage.asNeededBoolean === true || dosage.asNeeded === true ? v.asNeeded : undefined;
}

function maxDoseParts(dosage: Json, v: DosageVocabulary): (string | undefined)[] {
  const perPeriod = list(dosage.maxDosePerPeriod).map((entry) => {
    const ratio = record(entry);
    const dose = quantityText(record(ratio?.numerator), v);
    const denominator = record(ratio?.denominator);
    const per = num(denominator?.value);
    if (!dose) return undefined;
    return denominator && per !== undefined ? v.maxPer(dose, perText(denominator, per, v)) : v.maxPerDose(dose);
  });
  const perAdministration = quantityText(dosage.maxDosePerAdministration, v);
  const lifetime = quantityText(dosage.maxDosePerLifetime, v);
  return [...perPeriod, perAdministration && v.maxPerDose(perAdministration), lifetime && v.maxLifetime(lifetime)];
}

/**
 * Dosage text generated from the structured fields of one Dosage (any version), or undefined
 * when the structure says nothing readable. Ignores `text` (see `dosageInstructionTexts`).
 */
export function dosageText(dosage: unknown, vocabulary: DosageVocabulary = dosageEn): string | undefined {
  const d = record(dosage);
  if (!d) return undefined;
  const v = vocabulary;
  const timing = record(d.timing) ?? {};
  const repeat = record(timing.repeat) ?? {};
  const rates = list(d.doseAndRate).map(record).filter((x): x is Json => !!x);
  // Several doseAndRate entries are alternatives by type (ordered / calculated): the ordered one, else the first.
  // R4+ reads dose and rate there; STU3 on the Dosage; DSTU2 MedicationStatement's `quantity[x]` after either.
  const holder = rates.find((r) => codingsOf(r.type).some((c) => c.code === 'ordered')) ?? rates[0] ?? d;
  const rate = rateText(holder, v);
  const parts = [
    quantityText(holder.doseQuantity, v) ??
      rangeText(holder.doseRange, v) ??
      quantityText(d.quantityQuantity, v) ??
      rangeText(d.quantityRange, v),
    rate && v.rate(rate),
    durationPart(repeat, v),
    phrase(d.route, true),
    ...frequencyParts(timing, repeat, v),
    ...courseParts(timing, repeat, v),
    asNeededPart(d, v),
    ...maxDoseParts(d, v),
    ...list(d.additionalInstruction ?? d.additionalInstructions).map((i) => phrase(i)),
  ].filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : undefined;
}

export interface DosageInstructionText {
  sequence?: number;
  /** The prescriber's own text, when the record has it. */
  text?: string;
  /** Text generated from the structure, when the structure says something. */
  generated?: string;
  /** What to show first: `text`, else `generated` (undefined when the Dosage says nothing). */
  display?: string;
  /** True when this instruction shares its `sequence` with the previous one (taken at the same time). */
  concurrent: boolean;
}

/**
 * Every dosage instruction of an order or statement, in `sequence` order (stable for equal or
 * missing sequences), each with its own text and the generated text.
 */
export function dosageInstructionTexts(instructions: unknown, vocabulary: DosageVocabulary = dosageEn): DosageInstructionText[] {
  const dosages = list(instructions)
    .map(record)
    .filter((dosage): dosage is Json => !!dosage);
  // A stable sort: equal (or missing, Infinity - Infinity = NaN, read as equal) sequences keep the record's order.
  dosages.sort((a, b) => (num(a.sequence) ?? Infinity) - (num(b.sequence) ?? Infinity));
  let previous: number | undefined;
  return dosages.map((dosage) => {
    const sequence = num(dosage.sequence);
    const text = str(dosage.text);
    const generated = dosageText(dosage, vocabulary);
    const concurrent = sequence !== undefined && sequence === previous;
    previous = sequence;
    return {
      ...(sequence === undefined ? {} : { sequence }),
      ...(text ? { text } : {}),
      ...(generated ? { generated } : {}),
      ...((text ?? generated) ? { display: text ?? generated } : {}),
      concurrent,
    };
  });
}

/** All instructions as one line: `…, then …` between sequences, `…; and …` within one. */
export function dosageSummary(instructions: unknown, vocabulary: DosageVocabulary = dosageEn): string | undefined {
  const texts = dosageInstructionTexts(instructions, vocabulary).filter((t) => t.display);
  if (!texts.length) return undefined;
  return texts.map((t, i) => (i === 0 ? '' : t.concurrent ? vocabulary.and : vocabulary.then) + t.display).join('');
}
