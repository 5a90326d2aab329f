// The dosage-text model as it was before its compact rewrite (main 6f40ca0), kept unchanged as the
// oracle of test/model/dosage-text-oracle.test.ts: the rewrite must give exactly what this gives.
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
import { medicationConceptText } from '../../src/model/medication-name.js';
import { formatDate, MONTHS_EN } from '../../src/model/dates.js';
import { asList as list, asRecord as record, codingsOf, SYSTEMS, trimmed as str } from '../../src/model/codes.js';
import { formatNumber } from '../../src/model/numbers.js';

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

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);
/** The singular word of each period unit; every plural adds an `s`. */
const UNIT_WORDS: Record<PeriodUnit, string> = { s: 'second', min: 'minute', h: 'hour', d: 'day', wk: 'week', mo: 'month', a: 'year' };
const unitWord = (unit: PeriodUnit, n: number) => UNIT_WORDS[unit] + (n === 1 ? '' : 's');
const TIMES_EN: Record<number, string> = { 1: 'once', 2: 'twice', 3: 'three times', 4: 'four times' };
const timesEn = (times: string, value: number) => (TIMES_EN[value] && String(value) === times ? TIMES_EN[value] : `${times} times`);

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
  every: (period, value, unit) => (value === 1 && period === '1' ? `every ${UNIT_WORDS[unit]}` : `every ${period} ${unitWord(unit, value)}`),
  range: (low, high) => `${low} to ${high}`,
  rate: (rate) => `at ${rate}`,
  over: (duration) => `over ${duration}`,
  doses: (count, value) => `for ${count} ${plural(value, 'dose', 'doses')}`,
  forDuration: (duration) => `for ${duration}`,
  from: (date) => `from ${date}`,
  until: (date) => `until ${date}`,
  fromUntil: (start, end) => `from ${start} to ${end}`,
  onDays: (days) => `on ${days}`,
  atTimes: (times) => `at ${times}`,
  onDates: (dates) => `on ${dates}`,
  list: (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`),
  asNeeded: 'as needed',
  asNeededFor: (reason) => `as needed for ${reason}`,
  maxPer: (dose, period) => `max ${dose} ${period}`,
  maxPerDose: (dose) => `max ${dose} per dose`,
  maxLifetime: (dose) => `max ${dose} in total`,
  per: (period, value, unit, unitText) =>
    value === 1 && period === '1' ? `per ${unit ? UNIT_WORDS[unit] : unitText}` : `per ${period} ${unit ? unitWord(unit, value) : unitText}`,
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

/** The words for a Quantity's unit: `unit`, else a known form code, else the UCUM code. */
function unitText(quantity: Json): string | undefined {
  const unit = str(quantity.unit);
  const code = str(quantity.code);
  if (unit && FORM_CODES[unit.toUpperCase()] && (unit === code || unit === unit.toUpperCase())) return FORM_CODES[unit.toUpperCase()];
  if (unit) return unit;
  if (!code) return undefined;
  if (FORM_CODES[code.toUpperCase()]) return FORM_CODES[code.toUpperCase()];
  const annotation = /^\{(.+)\}$/.exec(code);
  if (annotation) return UCUM_ANNOTATIONS[annotation[1].toLowerCase()] ?? annotation[1];
  return code;
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

function quantityText(value: unknown, v: DosageVocabulary): string | undefined {
  const quantity = record(value);
  if (!quantity) return undefined;
  const n = num(quantity.value);
  const number = formatNumber(quantity.value, v.locale);
  if (n === undefined || number === undefined) return undefined;
  const comparator = str(quantity.comparator) ?? '';
  return `${comparator}${withUnit(number, n, unitText(quantity), v)}`;
}

/** `1 to 2 tablets`; `1 tablet to 2 capsules` when the units differ; one bound alone when only one is given. */
function rangeText(value: unknown, v: DosageVocabulary): string | undefined {
  const range = record(value);
  if (!range) return undefined;
  const low = record(range.low);
  const high = record(range.high);
  const lowUnit = low ? unitText(low) : undefined;
  const highUnit = high ? unitText(high) : undefined;
  const lowNumber = low ? formatNumber(low.value, v.locale) : undefined;
  const highNumber = high ? formatNumber(high.value, v.locale) : undefined;
  if (lowNumber && highNumber) {
    if (!lowUnit || !highUnit || singular(lowUnit, v) === singular(highUnit, v)) {
      return withUnit(v.range(lowNumber, highNumber), num(high?.value) ?? 2, highUnit ?? lowUnit, v);
    }
    return v.range(quantityText(low, v) ?? lowNumber, quantityText(high, v) ?? highNumber);
  }
  if (lowNumber) return quantityText(low, v);
  if (highNumber) return quantityText(high, v);
  return undefined;
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

/** A number in the vocabulary's locale. */
function numberText(value: number, v: DosageVocabulary): string {
  return formatNumber(value, v.locale) ?? String(value);
}

/** `per day`, `per 24 hours`, `per 5 mL`: a Ratio's denominator of `value`. */
function perText(denominator: Json, value: number, v: DosageVocabulary): string {
  return v.per(numberText(value, v), value, periodUnitOf(denominator.code, denominator.unit), unitText(denominator) ?? '');
}

/** A FHIR date in the vocabulary's preset (NHS CUI `dd-Mmm-yyyy` without one). */
function dateText(value: unknown, v: DosageVocabulary): string | undefined {
  return v.date ? v.date(value) : formatDate(value, v.months);
}

/** A Duration (`7 days`, `30 minutes`), with a UCUM time code read as words. */
function durationText(value: unknown, v: DosageVocabulary): string | undefined {
  const quantity = record(value);
  if (!quantity) return undefined;
  const n = num(quantity.value);
  const number = formatNumber(quantity.value, v.locale);
  if (n === undefined || number === undefined) return undefined;
  const unit = periodUnitOf(quantity.code, quantity.unit);
  if (unit) return `${number} ${v.unit(unit, n)}`;
  return quantityText(quantity, v);
}

/** A rate: a Ratio (`100 mL per hour`), a Quantity (`50 mL/h`) or a Range. */
function rateText(dosage: Json, doseAndRate: Json | undefined, v: DosageVocabulary): string | undefined {
  const holder = doseAndRate ?? dosage;
  const ratio = record(holder.rateRatio);
  if (ratio) {
    const numerator = quantityText(ratio.numerator, v);
    const denominator = record(ratio.denominator);
    if (!numerator) return undefined;
    if (!denominator) return numerator;
    return `${numerator} ${perText(denominator, num(denominator.value) ?? 1, v)}`;
  }
  return quantityText(holder.rateQuantity, v) ?? rangeText(holder.rateRange, v);
}

/** The dose: R4+ `doseAndRate[].dose[x]`, STU3 `dose[x]`, DSTU2 MedicationStatement `quantity[x]`. */
function doseText(dosage: Json, doseAndRate: Json | undefined, v: DosageVocabulary): string | undefined {
  const holder = doseAndRate ?? dosage;
  return (
    quantityText(holder.doseQuantity, v) ??
    rangeText(holder.doseRange, v) ??
    quantityText(dosage.quantityQuantity, v) ??
    rangeText(dosage.quantityRange, v)
  );
}

/** Coded display for use mid-sentence: SNOMED tags and a trailing "route" dropped, lower-cased when it is a coded display. */
function phrase(value: unknown, dropRouteWord = false): string | undefined {
  const concept = record(value);
  let text = medicationConceptText(value);
  if (!text) return undefined;
  const fromCoding = !str(concept?.text);
  if (dropRouteWord) text = text.replace(/\s+route$/i, '') || text;
  // `With or after food` reads `with or after food` mid-line; `Restless Legs` or `NSAID` stay as written.
  if (fromCoding && /^[A-Z][^A-Z]*$/.test(text) && codingsOf(value).some((c) => c.system === SYSTEMS.snomed)) {
    text = text[0].toLowerCase() + text.slice(1);
  }
  return text;
}

function timesText(low: number, high: number | undefined, v: DosageVocabulary): string {
  const lowText = numberText(low, v);
  return high === undefined || high === low ? lowText : v.range(lowText, numberText(high, v));
}

/** How often: frequency/period/periodUnit (+ max), `when` (+ offset), `dayOfWeek`, `timeOfDay`, or `timing.code`. */
function frequencyParts(timing: Json, v: DosageVocabulary): string[] {
  const repeat = record(timing.repeat) ?? {};
  const parts: string[] = [];
  const frequency = num(repeat.frequency);
  const frequencyMax = num(repeat.frequencyMax);
  const period = num(repeat.period);
  const periodMax = num(repeat.periodMax);
  const unit = periodUnitOf(repeat.periodUnit, repeat.periodUnits);
  if (period !== undefined && period > 0 && unit) {
    const times = frequency ?? 1;
    const timesLabel = timesText(times, frequencyMax, v);
    const periodLabel = timesText(period, periodMax, v);
    const periodValue = periodMax ?? period;
    if (times === 1 && frequencyMax === undefined && (period !== 1 || periodMax !== undefined || ['s', 'min', 'h'].includes(unit))) {
      parts.push(v.every(periodLabel, periodValue, unit));
    } else if (period === 1 && periodMax === undefined) {
      parts.push(v.timesPer(timesLabel, frequencyMax ?? times, unit));
    } else {
      parts.push(v.timesEvery(timesLabel, frequencyMax ?? times, periodLabel, unit, periodValue));
    }
  }
  // A frequency with no period does not say how often: it is left to `text`, never guessed.
  const days = list(repeat.dayOfWeek)
    .map((d) => (typeof d === 'string' ? v.dayOfWeek[d.toLowerCase()] : undefined))
    .filter((d): d is string => !!d);
  if (days.length) parts.push(v.onDays(v.list(days)));
  const times = list(repeat.timeOfDay)
    .map((t) => (typeof t === 'string' ? /^(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(t.trim())?.[1] : undefined))
    .filter((t): t is string => !!t);
  if (times.length) parts.push(v.atTimes(v.list(times)));
  const offset = num(repeat.offset);
  const whens = list(repeat.when)
    .map((w) => (typeof w === 'string' ? v.when[w] ?? v.when[w.toUpperCase()] : undefined))
    .filter((w): w is string => !!w);
  if (whens.length) {
    const text = v.list(whens);
    parts.push(offset ? v.offset(numberText(offset, v), text) : text);
  }
  if (!parts.length) {
    const code = record(timing.code);
    const known = codingsOf(code)
      .map((c) => (typeof c.code === 'string' ? v.timingCode[c.code.toUpperCase()] : undefined))
      .find(Boolean);
    const text = known ?? phrase(code);
    if (text) parts.push(text);
  }
  return parts;
}

/** How long the course lasts or how many doses: `for 6 doses`, `for 7 days`, `from … to …`. */
function courseParts(timing: Json, v: DosageVocabulary): string[] {
  const repeat = record(timing.repeat) ?? {};
  const parts: string[] = [];
  const count = num(repeat.count);
  if (count !== undefined) {
    const countMax = num(repeat.countMax);
    parts.push(v.doses(timesText(count, countMax, v), countMax ?? count));
  }
  const boundsDuration = durationText(repeat.boundsDuration, v);
  if (boundsDuration) parts.push(v.forDuration(boundsDuration));
  const boundsRange = record(repeat.boundsRange);
  if (boundsRange) {
    const low = record(boundsRange.low);
    const high = record(boundsRange.high);
    const lowValue = num(low?.value);
    const highText = durationText(high, v);
    const lowText = durationText(low, v);
    if (highText && lowText && lowValue !== undefined && (low?.code ?? low?.unit) === (high?.code ?? high?.unit)) {
      // `for 5 to 7 days`: the unit once, after the upper bound.
      const [highNumber, ...unitWords] = highText.split(' ');
      parts.push(v.forDuration([v.range(numberText(lowValue, v), highNumber), ...unitWords].join(' ')));
    } else if (highText && lowText) parts.push(v.forDuration(v.range(lowText, highText)));
    else if (lowText ?? highText) parts.push(v.forDuration((lowText ?? highText) as string));
  }
  const bounds = record(repeat.boundsPeriod);
  if (bounds) {
    const start = dateText(bounds.start, v);
    const end = dateText(bounds.end, v);
    if (start && end) parts.push(v.fromUntil(start, end));
    else if (start) parts.push(v.from(start));
    else if (end) parts.push(v.until(end));
  }
  const events = list(timing.event)
    .map((e) => dateText(e, v))
    .filter((e): e is string => !!e);
  if (events.length) parts.push(v.onDates(v.list(events)));
  return parts;
}

function durationPart(timing: Json, v: DosageVocabulary): string | undefined {
  const repeat = record(timing.repeat) ?? {};
  const duration = num(repeat.duration);
  const unit = periodUnitOf(repeat.durationUnit, repeat.durationUnits);
  if (duration === undefined || !unit) return undefined;
  const max = num(repeat.durationMax);
  return v.over(`${timesText(duration, max, v)} ${v.unit(unit, max ?? duration)}`);
}

function asNeededPart(dosage: Json, v: DosageVocabulary): string | undefined {
  // R5: asNeeded (boolean) + asNeededFor[]; R4/STU3/DSTU2: asNeededBoolean | asNeededCodeableConcept.
  const reasons = [...list(dosage.asNeededFor), ...list(dosage.asNeededCodeableConcept)]
    .map((r) => phrase(r))
    .filter((r): r is string => !!r);
  if (reasons.length) return v.asNeededFor(v.list(reasons));
  if (dosage.asNeededBoolean === true || dosage.asNeeded === true) return v.asNeeded;
  return undefined;
}

function maxDoseParts(dosage: Json, v: DosageVocabulary): string[] {
  const parts: string[] = [];
  for (const entry of list(dosage.maxDosePerPeriod)) {
    const ratio = record(entry);
    if (!ratio) continue;
    const numerator = record(ratio.numerator);
    const dose = numerator ? quantityText(numerator, v) : undefined;
    if (!dose) continue;
    const denominator = record(ratio.denominator);
    const d = denominator ? num(denominator.value) : undefined;
    if (!denominator || d === undefined) {
      parts.push(v.maxPerDose(dose));
      continue;
    }
    parts.push(v.maxPer(dose, perText(denominator, d, v)));
  }
  const perAdministration = quantityText(dosage.maxDosePerAdministration, v);
  if (perAdministration) parts.push(v.maxPerDose(perAdministration));
  const lifetime = quantityText(dosage.maxDosePerLifetime, v);
  if (lifetime) parts.push(v.maxLifetime(lifetime));
  return parts;
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
  const rates = list(d.doseAndRate).map(record).filter((x): x is Json => !!x);
  // Several doseAndRate entries are alternatives by type (ordered / calculated): the ordered one, else the first.
  const chosen =
    rates.find((r) => codingsOf(r.type).some((c) => c.code === 'ordered')) ?? (rates.length ? rates[0] : undefined);
  const parts = [
    doseText(d, chosen, v),
    (() => {
      const rate = rateText(d, chosen, v);
      return rate ? v.rate(rate) : undefined;
    })(),
    durationPart(timing, v),
    phrase(d.route, true),
    ...frequencyParts(timing, v),
    ...courseParts(timing, v),
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
  const entries = list(instructions)
    .map((entry, index) => ({ dosage: record(entry), index }))
    .filter((e): e is { dosage: Json; index: number } => !!e.dosage);
  entries.sort((a, b) => (num(a.dosage.sequence) ?? Infinity) - (num(b.dosage.sequence) ?? Infinity) || a.index - b.index);
  let previous: number | undefined;
  return entries.map(({ dosage }) => {
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
