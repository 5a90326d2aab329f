// The latest vital signs of a patient, each with its value, unit and date (DESIGN.md §3 rule 5).
// Blood pressure is read from the components (systolic 8480-6, diastolic 8462-4) of panel
// 85354-9 (vital-signs profile) or 55284-4 (older and Synthea data).
import { codingsOf, SYSTEMS, trimmed } from './codes.js';
import { fhirDateToTime } from './dates.js';
import type { AnyResource } from './fhir-types.js';
import { formatNumber } from './numbers.js';
import { partitionByPatient } from './resources.js';

export const VITAL_SIGNS = ['blood-pressure', 'heart-rate', 'temperature', 'weight', 'height', 'bmi'] as const;
export type VitalSign = (typeof VITAL_SIGNS)[number];

/** LOINC codes of each vital sign. */
export const VITAL_SIGN_CODES: Readonly<Record<VitalSign, readonly string[]>> = {
  'blood-pressure': ['85354-9', '55284-4'],
  'heart-rate': ['8867-4'],
  temperature: ['8310-5'],
  weight: ['29463-7'],
  height: ['8302-2'],
  bmi: ['39156-5'],
};

export const SYSTOLIC_CODE = '8480-6';
export const DIASTOLIC_CODE = '8462-4';

/** `code` search parameter for every vital sign: `http://loinc.org|85354-9,…`. */
export const VITAL_SIGN_CODE_PARAM = Object.values(VITAL_SIGN_CODES)
  .flat()
  .map((code) => `${SYSTEMS.loinc}|${code}`)
  .join(',');

export interface VitalReading {
  sign: VitalSign;
  /** `120/80`, `72`, `<35` (en-GB numbers): undefined when no value was found. */
  value?: string;
  /**
   * The same value as numbers, rounded as the sign is shown (one; systolic then diastolic for blood
   * pressure), each with its comparator, so an element formats them in its own language.
   */
  numbers?: VitalNumber[];
  unit?: string;
  /** FHIR dateTime of the measurement. */
  date?: string;
}

export interface VitalNumber {
  value: number;
  /** `<`, `<=`, `>=`, `>` or '' */
  comparator: string;
}

export interface LatestVitalSigns {
  /** One reading per vital sign, in `VITAL_SIGNS` order (without a value when none was found). */
  readings: VitalReading[];
  hidden: { enteredInError: number; otherPatient: number };
  /** The search stopped before the end, so an older value may exist where none is shown. */
  truncated: boolean;
}

export interface LatestVitalSignsOptions {
  patientId?: string;
  aliases?: readonly string[];
  truncated?: boolean;
}

/** Unit codes (UCUM) shown the way people write them. */
const UNIT_DISPLAY: Readonly<Record<string, string>> = {
  'mm[Hg]': 'mmHg',
  Cel: '°C',
  '[degF]': '°F',
  'kg/m2': 'kg/m²',
  '[lb_av]': 'lb',
  '[in_i]': 'in',
  '{beats}/min': '/min',
};

interface QuantityLike {
  value?: unknown;
  comparator?: unknown;
  unit?: unknown;
  code?: unknown;
}

function loincCodes(concept: unknown): string[] {
  return codingsOf(concept)
    .filter((c) => c.system === SYSTEMS.loinc || c.system === undefined)
    .map((c) => c.code)
    .filter((c): c is string => typeof c === 'string');
}

function signOf(observation: AnyResource): VitalSign | undefined {
  const codes = loincCodes(observation.code);
  return VITAL_SIGNS.find((sign) => VITAL_SIGN_CODES[sign].some((code) => codes.includes(code)));
}

function effectiveOf(observation: AnyResource): string | undefined {
  const period = observation.effectivePeriod as { start?: unknown; end?: unknown } | undefined;
  const candidates = [observation.effectiveDateTime, observation.effectiveInstant, period?.end, period?.start, observation.issued];
  return candidates.find((c): c is string => typeof c === 'string' && fhirDateToTime(c) !== undefined);
}

/** The value as recorded, shown by the kit's one number rule (the same as in the lab trend). */
function quantityText(quantity: QuantityLike | undefined): { value: string; unit?: string; number: VitalNumber } | undefined {
  if (!quantity || typeof quantity !== 'object' || typeof quantity.value !== 'number') return undefined;
  const rounded = quantity.value; // as recorded: the element formats it by the one number rule, in its language
  const number = formatNumber(rounded);
  if (number === undefined) return undefined;
  const comparator = typeof quantity.comparator === 'string' ? quantity.comparator : '';
  const raw = trimmed(quantity.unit) ?? trimmed(quantity.code);
  const unit = raw && (UNIT_DISPLAY[raw] ?? raw);
  return { value: `${comparator}${number}`, ...(unit ? { unit } : {}), number: { value: rounded, comparator } };
}

function componentQuantity(observation: AnyResource, code: string): QuantityLike | undefined {
  const components = Array.isArray(observation.component) ? observation.component : [];
  const match = components.find((c) => loincCodes((c as { code?: unknown })?.code).includes(code)) as
    | { valueQuantity?: QuantityLike }
    | undefined;
  return match?.valueQuantity;
}

/** A sign's value: one Quantity, or for blood pressure systolic and diastolic (`120/80`, the unit of the first that has one). */
function valueOf(observation: AnyResource, sign: VitalSign): { value: string; unit?: string; numbers: VitalNumber[] } | undefined {
  const quantities =
    sign === 'blood-pressure'
      ? [componentQuantity(observation, SYSTOLIC_CODE), componentQuantity(observation, DIASTOLIC_CODE)]
      : [observation.valueQuantity as QuantityLike | undefined];
  const read = quantities.map((quantity) => quantityText(quantity));
  if (!read.every((r) => r !== undefined)) return undefined;
  const parts = read as NonNullable<(typeof read)[number]>[];
  const unit = parts.map((part) => part.unit).find(Boolean);
  return { value: parts.map((part) => part.value).join('/'), ...(unit ? { unit } : {}), numbers: parts.map((part) => part.number) };
}

/** The most recent reading of each vital sign among `resources` (other types and codes are ignored). */
export function latestVitalSigns(resources: readonly unknown[], options: LatestVitalSignsOptions = {}): LatestVitalSigns {
  const vitals = resources.filter(
    (r): r is AnyResource =>
      !!r && typeof r === 'object' && (r as AnyResource).resourceType === 'Observation' && signOf(r as AnyResource) !== undefined,
  );
  const { kept, otherPatient } = partitionByPatient(vitals, options.patientId, options.aliases);
  const hidden = { enteredInError: 0, otherPatient };
  const latest = new Map<VitalSign, { reading: VitalReading; time: number }>();
  for (const observation of kept) {
    if (observation.status === 'entered-in-error') {
      hidden.enteredInError += 1;
      continue;
    }
    if (observation.status === 'cancelled') continue;
    const sign = signOf(observation) as VitalSign;
    const value = valueOf(observation, sign);
    const date = effectiveOf(observation);
    if (!value || !date) continue;
    const time = fhirDateToTime(date) as number;
    const current = latest.get(sign);
    if (!current || time > current.time) latest.set(sign, { reading: { sign, ...value, date }, time });
  }
  return {
    readings: VITAL_SIGNS.map((sign) => latest.get(sign)?.reading ?? { sign }),
    hidden,
    truncated: options.truncated === true,
  };
}
