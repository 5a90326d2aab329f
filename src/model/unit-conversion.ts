// Units for trends (DESIGN.md §3 rule 5): results in different but convertible UCUM units are put
// on one axis by converting them; everything else is kept apart.
//
// - `@lhncbc/ucum-lhc` does the UCUM arithmetic. It is large (≈ 60 kB gzip with its unit table),
//   so it is loaded by dynamic `import()` — a lazy chunk — and only when a series really has more
//   than one unit. A record in one unit never loads it.
// - Mass ↔ molar conversion (creatinine mg/dL ↔ µmol/L) needs the analyte's molar mass, taken
//   from the small table below keyed by LOINC code. No molar mass known: no conversion.
// - Dimensionless and arbitrary units are never converted into each other, though UCUM would
//   (HbA1c % and mmol/mol are different scales, not a factor of 10); they are kept apart.
// - Laboratories report one analyte under sibling LOINC codes when they change unit (creatinine
//   2160-0 in mg/dL, 14682-9 in µmol/L). `ANALYTES` groups those siblings: asking a trend for
//   one of them also finds the others, so a unit change does not cut the record in two.
import { SYSTEMS } from './codes.js';

/** One analyte measured in the same specimen, under its mass and its molar LOINC codes. */
export interface Analyte {
  readonly name: string;
  /** LOINC codes for the same analyte and specimen (mass and substance concentration). */
  readonly codes: readonly string[];
  /** g/mol, for mass ↔ molar conversion. */
  readonly molarMass: number;
}

/**
 * Analytes whose mass and molar results are one trend. Molar masses are the ones laboratories
 * use for SI conversion (triglycerides as triolein).
 */
export const ANALYTES: readonly Analyte[] = [
  { name: 'creatinine', codes: ['2160-0', '14682-9'], molarMass: 113.12 },
  { name: 'glucose', codes: ['2345-7', '14749-6'], molarMass: 180.16 },
  { name: 'glucose (blood)', codes: ['2339-0', '15074-8'], molarMass: 180.16 },
  { name: 'fasting glucose', codes: ['1558-6', '14771-0'], molarMass: 180.16 },
  { name: 'cholesterol', codes: ['2093-3', '14647-2', '35200-5'], molarMass: 386.65 },
  { name: 'HDL cholesterol', codes: ['2085-9', '14646-4'], molarMass: 386.65 },
  { name: 'LDL cholesterol (calculated)', codes: ['13457-7', '39469-2'], molarMass: 386.65 },
  { name: 'triglycerides', codes: ['2571-8', '14927-8', '35217-9'], molarMass: 885.7 },
  { name: 'bilirubin', codes: ['1975-2', '14631-6'], molarMass: 584.66 },
  { name: 'urate', codes: ['3084-1', '14933-6'], molarMass: 168.11 },
  { name: 'calcium', codes: ['17861-6', '2000-8'], molarMass: 40.08 },
];

/** The analyte a LOINC code belongs to, if it is in the table. */
export function analyteOf(loincCode: string): Analyte | undefined {
  return ANALYTES.find((analyte) => analyte.codes.includes(loincCode));
}

/** Unit spellings seen in real data that are not UCUM, mapped to their UCUM code. */
const UNIT_ALIASES: Readonly<Record<string, string>> = {
  mmHg: 'mm[Hg]',
  'mm Hg': 'mm[Hg]',
  '°C': 'Cel',
  degC: 'Cel',
  '°F': '[degF]',
  degF: '[degF]',
  bpm: '/min',
  'beats/min': '/min',
  'beats/minute': '/min',
  'breaths/min': '/min',
  µmol: 'umol',
  'µmol/L': 'umol/L',
  'μmol/L': 'umol/L',
  'µmol/l': 'umol/L',
  'μmol/l': 'umol/L',
};

/**
 * The key a quantity's unit is compared by: its UCUM code when it has one (system UCUM or none),
 * else its unit text, with common non-UCUM spellings mapped to UCUM. `''` for no unit at all.
 */
export function unitKeyOf(quantity: unknown): string {
  if (!quantity || typeof quantity !== 'object') return '';
  const q = quantity as { code?: unknown; system?: unknown; unit?: unknown };
  const ucumCode = typeof q.code === 'string' && q.code.trim() && (q.system === undefined || q.system === SYSTEMS.ucum);
  const raw = ucumCode ? (q.code as string).trim() : typeof q.unit === 'string' ? q.unit.trim() : '';
  return UNIT_ALIASES[raw] ?? raw;
}

/** The unit as a person reads it: the quantity's `unit` text, else its code. */
export function unitDisplayOf(quantity: unknown): string {
  if (!quantity || typeof quantity !== 'object') return '';
  const q = quantity as { code?: unknown; unit?: unknown };
  if (typeof q.unit === 'string' && q.unit.trim()) return q.unit.trim();
  return typeof q.code === 'string' ? q.code.trim() : '';
}

/** Converts a value from one unit to another (both known when it was made). */
export type ValueConversion = (value: number) => number;

export interface UnitConverter {
  /**
   * How to convert values from `from` to `to` (UCUM codes), or undefined when they cannot be
   * put on one axis. `molarMass` (g/mol) allows mass ↔ molar conversion.
   */
  conversion(from: string, to: string, molarMass?: number): ValueConversion | undefined;
}

let loading: Promise<UnitConverter | undefined> | undefined;

/**
 * Loads ucum-lhc (a lazy chunk) once per page, with the converter over it (src/model/ucum-converter.ts,
 * a small lazy chunk of its own, fetched in parallel). Resolves undefined when they cannot be loaded,
 * in which case every unit change is kept as a separate series — never guessed.
 */
export function loadUnitConverter(): Promise<UnitConverter | undefined> {
  loading ??= Promise.all([
    import('./ucum-converter.js'),
    // @ts-expect-error ucum-lhc ships no type declarations; the shape used is `UcumUtils` (ucum-converter.ts).
    import('@lhncbc/ucum-lhc') as Promise<unknown>,
  ])
    .then(([{ ucumConverter }, module]) => ucumConverter(module))
    .catch(() => {
      loading = undefined; // a later trend may try again
      return undefined;
    });
  return loading;
}
