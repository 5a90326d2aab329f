// Observation builders: numeric results with UCUM units, reference ranges and an interpretation
// that always agrees with the value; blood pressure panels; non-numeric lab results.
import type { CodeableConcept, Observation, ObservationReferenceRange, Quantity } from 'fhir/r4';
import { HOUR_MS, MINUTE_MS, fhirDateTime } from './clinical-time.js';
import type { PatientRecord } from './patient-record.js';
import { roundTo } from './random.js';
import {
  BLOOD_PRESSURE,
  INTERPRETATION_DISPLAY,
  OBSERVATION_CATEGORY,
  SYSTEM,
  coding,
  concept,
  loinc,
  type InterpretationCode,
  type QuantitySeries,
  ucum,
} from './terminology.js';

export interface ResultOptions {
  status?: Observation['status'];
  /** Local wall-clock minute of the day the specimen was taken; random morning time when absent. */
  minuteOfDay?: number;
  /** A normal range for this one result (e.g. an age-specific heart-rate range). */
  range?: { readonly low?: number; readonly high?: number };
  comparator?: Quantity['comparator'];
  note?: string;
}

/** Normal-range limits and critical limits that decide a result's interpretation. */
export interface InterpretationLimits {
  readonly low?: number;
  readonly high?: number;
  readonly criticalLow?: number;
  readonly criticalHigh?: number;
}

/**
 * The v3 interpretation a result gets: HH at or above the critical high, LL at or below the
 * critical low, H above the normal high, L below the normal low, otherwise N. Undefined when the
 * series has no numeric range. A `<` value at or under the normal high is N (and `>` over the low).
 */
export function interpretationCode(
  value: number,
  limits: InterpretationLimits,
  comparator?: Quantity['comparator'],
): InterpretationCode | undefined {
  const { low, high, criticalLow, criticalHigh } = limits;
  if (low === undefined && high === undefined) return undefined;
  if (comparator === '<' || comparator === '<=') {
    return high !== undefined && value <= high ? 'N' : undefined;
  }
  if (comparator === '>' || comparator === '>=') {
    return low !== undefined && value >= low ? (high === undefined ? 'N' : undefined) : undefined;
  }
  if (criticalHigh !== undefined && value >= criticalHigh) return 'HH';
  if (criticalLow !== undefined && value <= criticalLow) return 'LL';
  if (high !== undefined && value > high) return 'H';
  if (low !== undefined && value < low) return 'L';
  return 'N';
}

export function interpretationConcept(code: InterpretationCode): CodeableConcept[] {
  return [concept(coding(SYSTEM.interpretation, code, INTERPRETATION_DISPLAY[code]))];
}

const NORMAL_RANGE = concept(coding(SYSTEM.referenceRangeMeaning, 'normal', 'Normal Range'));

function referenceRange(series: QuantitySeries, low?: number, high?: number): ObservationReferenceRange[] | undefined {
  if (series.rangeText !== undefined) return [{ text: series.rangeText }];
  if (low === undefined && high === undefined) return undefined;
  const range: ObservationReferenceRange = {};
  if (low !== undefined) range.low = ucum(low, series.unit, series.ucum);
  if (high !== undefined) range.high = ucum(high, series.unit, series.ucum);
  range.type = NORMAL_RANGE;
  return [range];
}

/** A random morning specimen time (07:30–11:30) unless given. */
function specimenMinute(record: PatientRecord, options: ResultOptions): number {
  return options.minuteOfDay ?? record.random.int(7 * 60 + 30, 11 * 60 + 30);
}

/** effectiveDateTime and issued (2–8 hours later for labs, at once for vital signs). */
function timing(record: PatientRecord, daysAgo: number, minute: number, lab: boolean) {
  const local = record.dayMs(daysAgo) + minute * MINUTE_MS;
  const delay = lab ? record.random.int(2 * 60, 8 * 60) * MINUTE_MS : 5 * MINUTE_MS;
  return {
    effectiveDateTime: fhirDateTime(local, record.offsetMinutes),
    issued: fhirDateTime(local + Math.min(delay, 12 * HOUR_MS), record.offsetMinutes),
  };
}

/** One numeric result of a series, `daysAgo` days before the anchor. */
export function quantityResult(
  record: PatientRecord,
  series: QuantitySeries,
  rawValue: number,
  daysAgo: number,
  options: ResultOptions = {},
): Observation {
  const value = roundTo(rawValue, series.decimals);
  const low = options.range ? options.range.low : series.low;
  const high = options.range ? options.range.high : series.high;
  const isLab = series.category === 'laboratory';
  const quantity: Quantity = options.comparator
    ? { value, comparator: options.comparator, unit: series.unit, system: SYSTEM.ucum, code: series.ucum }
    : ucum(value, series.unit, series.ucum);
  const observation: Observation = {
    resourceType: 'Observation',
    id: record.nextId('Observation'),
    status: options.status ?? 'final',
    category: [isLab ? OBSERVATION_CATEGORY.laboratory : OBSERVATION_CATEGORY.vitalSigns],
    code: loinc(series.loinc, series.display, series.text),
    subject: record.patientReference,
    ...timing(record, daysAgo, specimenMinute(record, options), isLab),
    performer: [isLab ? record.laboratory : record.clinician],
    valueQuantity: quantity,
  };
  const interpretation = interpretationCode(
    value,
    { low, high, criticalLow: series.criticalLow, criticalHigh: series.criticalHigh },
    options.comparator,
  );
  if (interpretation) observation.interpretation = interpretationConcept(interpretation);
  const range = referenceRange(series, low, high);
  if (range) observation.referenceRange = range;
  if (options.note) observation.note = [{ text: options.note }];
  return record.add(observation);
}

/** A blood pressure reading as a panel (85354-9 or 55284-4) with systolic/diastolic components. */
export function bloodPressureResult(
  record: PatientRecord,
  panel: keyof Pick<typeof BLOOD_PRESSURE, 'panelVitalSigns' | 'panelSystolicDiastolic'>,
  systolic: number,
  diastolic: number,
  daysAgo: number,
  options: Pick<ResultOptions, 'status' | 'minuteOfDay'> = {},
): Observation {
  const minute = options.minuteOfDay ?? record.random.int(9 * 60, 17 * 60);
  const code = BLOOD_PRESSURE[panel];
  return record.add({
    resourceType: 'Observation',
    id: record.nextId('Observation'),
    status: options.status ?? 'final',
    category: [OBSERVATION_CATEGORY.vitalSigns],
    code: loinc(code.loinc, code.display, 'Blood pressure'),
    subject: record.patientReference,
    ...timing(record, daysAgo, minute, false),
    performer: [record.clinician],
    component: [
      {
        code: loinc(BLOOD_PRESSURE.systolic.loinc, BLOOD_PRESSURE.systolic.display),
        valueQuantity: ucum(Math.round(systolic), 'mmHg', 'mm[Hg]'),
      },
      {
        code: loinc(BLOOD_PRESSURE.diastolic.loinc, BLOOD_PRESSURE.diastolic.display),
        valueQuantity: ucum(Math.round(diastolic), 'mmHg', 'mm[Hg]'),
      },
    ],
  });
}

/** A lab result whose value is text or a code (e.g. a urine culture). */
export function nonNumericResult(
  record: PatientRecord,
  code: CodeableConcept,
  value: { valueString: string } | { valueCodeableConcept: CodeableConcept },
  daysAgo: number,
  options: Pick<ResultOptions, 'status' | 'minuteOfDay' | 'note'> = {},
): Observation {
  const observation: Observation = {
    resourceType: 'Observation',
    id: record.nextId('Observation'),
    status: options.status ?? 'final',
    category: [OBSERVATION_CATEGORY.laboratory],
    code,
    subject: record.patientReference,
    ...timing(record, daysAgo, specimenMinute(record, options), true),
    performer: [record.laboratory],
    ...value,
  };
  if (options.note) observation.note = [{ text: options.note }];
  return record.add(observation);
}
