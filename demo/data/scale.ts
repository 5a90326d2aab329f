// The scale patient for benchmarks: one Patient with N numeric lab Observations over ~20 years.
// Built on a fast path: the parts every result shares (code, category, subject, performer,
// reference range, interpretation) are one object each, so 100 000 results stay small in memory.
import type { Bundle, CodeableConcept, Observation, ObservationReferenceRange, Reference } from 'fhir/r4';
import { DAY_MS, MINUTE_MS, YEAR_DAYS, fhirDate, fhirDateTime, parseAnchor } from './clinical-time.js';
import { interpretationCode, interpretationConcept } from './observations.js';
import { addCareSetting, addPatient, usCareSetting } from './people.js';
import { PatientRecord, transactionEntry } from './patient-record.js';
import { SeededRandom, roundTo, streamSeed } from './random.js';
import {
  OBSERVATION_CATEGORY,
  SERIES,
  SYSTEM,
  coding,
  concept,
  loinc,
  type InterpretationCode,
  type QuantitySeries,
  ucum,
} from './terminology.js';

export interface ScalePatientOptions {
  /** How many Observations (≥ 0). */
  observations: number;
  seed?: number;
  /** Patient id, default `pat-scale`. */
  id?: string;
  /**
   * LOINC codes (`2339-0` or `http://loinc.org|2339-0`) of the series to spread the results over,
   * round-robin; default glucose 2339-0. Any numeric series of the demo data: see `SCALE_SERIES_CODES`.
   */
  codes?: readonly string[];
  /** Anchor date, default '2026-11-01'. */
  now?: string;
}

const SPAN_DAYS = 20 * YEAR_DAYS;

/** Numeric series usable by the scale patient, by LOINC code (first unit wins for 718-7). */
const SERIES_BY_CODE: ReadonlyMap<string, QuantitySeries> = (() => {
  const byCode = new Map<string, QuantitySeries>();
  for (const series of Object.values(SERIES)) if (!byCode.has(series.loinc)) byCode.set(series.loinc, series);
  return byCode;
})();

/** LOINC codes `generateScalePatient({ codes })` accepts. */
export const SCALE_SERIES_CODES: readonly string[] = [...SERIES_BY_CODE.keys()];

interface SeriesPlan {
  readonly series: QuantitySeries;
  readonly code: CodeableConcept;
  readonly category: CodeableConcept[];
  readonly referenceRange?: ObservationReferenceRange[];
  readonly interpretation: Partial<Record<InterpretationCode, CodeableConcept[]>>;
  /** Typical value, spread, and the low / high values for abnormal excursions. */
  readonly centre: number;
  readonly spread: number;
}

function plan(series: QuantitySeries): SeriesPlan {
  const low = series.low ?? 0;
  const high = series.high ?? (series.low !== undefined ? series.low * 2 : 100);
  const centre = (low + high) / 2 || high / 2;
  const referenceRange: ObservationReferenceRange[] | undefined =
    series.rangeText !== undefined
      ? [{ text: series.rangeText }]
      : series.low === undefined && series.high === undefined
        ? undefined
        : [
            {
              ...(series.low !== undefined ? { low: ucum(series.low, series.unit, series.ucum) } : {}),
              ...(series.high !== undefined ? { high: ucum(series.high, series.unit, series.ucum) } : {}),
              type: concept(coding(SYSTEM.referenceRangeMeaning, 'normal', 'Normal Range')),
            },
          ];
  const interpretation: SeriesPlan['interpretation'] = {};
  for (const code of ['N', 'H', 'HH', 'L', 'LL'] as const) interpretation[code] = interpretationConcept(code);
  return {
    series,
    code: loinc(series.loinc, series.display, series.text),
    category: [series.category === 'laboratory' ? OBSERVATION_CATEGORY.laboratory : OBSERVATION_CATEGORY.vitalSigns],
    ...(referenceRange ? { referenceRange } : {}),
    interpretation,
    centre,
    spread: Math.max((high - low) / 6, Math.abs(centre) * 0.05, 10 ** -series.decimals),
  };
}

/** A value around the centre, with ~4% high and ~2% low excursions (some critical). */
function scaleValue(random: SeededRandom, plan: SeriesPlan): number {
  const { series, centre, spread } = plan;
  const roll = random.next();
  let value: number;
  if (roll < 0.04 && series.high !== undefined) {
    const top = series.criticalHigh ?? series.high * 1.6;
    value = series.high + (top - series.high) * random.between(0.05, 1.3);
  } else if (roll < 0.06 && series.low !== undefined && series.low > 0) {
    const bottom = series.criticalLow ?? series.low * 0.6;
    value = series.low - (series.low - bottom) * random.between(0.05, 1.2);
  } else {
    value = centre + random.noise(spread);
  }
  return roundTo(Math.max(10 ** -series.decimals, value), series.decimals);
}

function seriesFor(code: string): QuantitySeries {
  const bare = code.includes('|') ? code.slice(code.indexOf('|') + 1) : code;
  const series = SERIES_BY_CODE.get(bare);
  if (!series) {
    throw new RangeError(`generateScalePatient: unknown code ${code}; use one of ${SCALE_SERIES_CODES.join(', ')}`);
  }
  return series;
}

/** `hh:mm:00` of a minute of the day (0–1439). */
function clock(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return `${hours < 10 ? '0' : ''}${hours}:${minutes < 10 ? '0' : ''}${minutes}:00`;
}

/** One patient with `observations` lab results spread evenly over ~20 years before `now`. */
export function generateScalePatient(options: ScalePatientOptions): Bundle {
  const count = Math.floor(options.observations);
  if (!Number.isFinite(count) || count < 0) {
    throw new RangeError(`generateScalePatient: observations must be a number ≥ 0, got ${options.observations}`);
  }
  const id = options.id ?? 'pat-scale';
  const seed = options.seed ?? 1;
  const now = parseAnchor(options.now ?? '2026-11-01');
  const random = new SeededRandom(streamSeed(seed, id));
  const record = new PatientRecord(id, { random, now }, 0);

  addCareSetting(record, usCareSetting({ use: 'official', family: 'Lindqvist', given: ['Erik'], prefix: ['Dr'] }, '1588667638'));
  addPatient(record, {
    name: { use: 'official', family: 'Scale', given: ['Stanley'], prefix: ['Mr'] },
    gender: 'male',
    birthDate: record.date(Math.round(71 * YEAR_DAYS)),
    address: { use: 'home', line: ['1 Benchmark Way'], city: 'Springfield', state: 'MA', postalCode: '01109', country: 'US' },
    phone: '+1 413 555 0199',
    mrn: 'RGH0100000',
  });
  const bundle = record.toBundle();
  const entries = bundle.entry!;

  const plans = (options.codes?.length ? options.codes : ['2339-0']).map((code) => plan(seriesFor(code)));
  const subject: Reference = record.patientReference;
  const performer: Reference[] = [record.laboratory];
  const width = Math.max(4, String(count).length);
  const startMs = Math.floor(now / DAY_MS) * DAY_MS - Math.round(SPAN_DAYS) * DAY_MS;
  const stepMs = count > 0 ? (SPAN_DAYS * DAY_MS) / count : 0;

  // Date strings are cached per day: 100 000 toISOString calls cost more than the rest together.
  let cachedDay = Number.NaN;
  let cachedDate = '';
  for (let index = 0; index < count; index++) {
    const chosen = plans[index % plans.length]!;
    const value = scaleValue(random, chosen);
    // Evenly spread over the span, rounded down to the minute.
    const at = Math.floor((startMs + index * stepMs) / MINUTE_MS) * MINUTE_MS;
    const day = Math.floor(at / DAY_MS);
    if (day !== cachedDay) {
      cachedDay = day;
      cachedDate = fhirDate(day * DAY_MS);
    }
    const minuteOfDay = (at - day * DAY_MS) / MINUTE_MS;
    const interpretation = interpretationCode(value, chosen.series);
    const observation: Observation = {
      resourceType: 'Observation',
      id: `${id}-obs-${String(index + 1).padStart(width, '0')}`,
      status: 'final',
      category: chosen.category,
      code: chosen.code,
      subject,
      effectiveDateTime: `${cachedDate}T${clock(minuteOfDay)}Z`,
      issued: minuteOfDay < 21 * 60 ? `${cachedDate}T${clock(minuteOfDay + 180)}Z` : fhirDateTime(at + 180 * MINUTE_MS, 0),
      performer,
      valueQuantity: { value, unit: chosen.series.unit, system: SYSTEM.ucum, code: chosen.series.ucum },
    };
    if (interpretation) observation.interpretation = chosen.interpretation[interpretation]!;
    if (chosen.referenceRange) observation.referenceRange = chosen.referenceRange;
    entries.push(transactionEntry(observation));
  }
  return bundle;
}
