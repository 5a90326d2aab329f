// Code systems, codes and lab series definitions used by the demo patients. Codes are real
// (LOINC, SNOMED CT, RxNorm, UCUM, HL7 terminology); displays are the published names or close to them.
import type { CodeableConcept, Coding, Quantity } from 'fhir/r4';

export const SYSTEM = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  ucum: 'http://unitsofmeasure.org',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  referenceRangeMeaning: 'http://terminology.hl7.org/CodeSystem/referencerange-meaning',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  contactRelationship: 'http://terminology.hl7.org/CodeSystem/v2-0131',
  gtsAbbreviation: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation',
  doseRateType: 'http://terminology.hl7.org/CodeSystem/dose-rate-type',
  medicationRequestCategory: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category',
  medicationRequestStatusReason: 'http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  gmcNumber: 'https://fhir.hl7.org.uk/Id/gmc-number',
} as const;

export function coding(system: string, code: string, display: string): Coding {
  return { system, code, display };
}

export function concept(codings: Coding | Coding[], text?: string): CodeableConcept {
  const list = Array.isArray(codings) ? codings : [codings];
  return text === undefined ? { coding: list } : { coding: list, text };
}

export const snomed = (code: string, display: string, text?: string): CodeableConcept =>
  concept(coding(SYSTEM.snomed, code, display), text);

export const loinc = (code: string, display: string, text?: string): CodeableConcept =>
  concept(coding(SYSTEM.loinc, code, display), text);

/** A UCUM quantity: `unit` is the human-readable unit, `code` the UCUM code. */
export function ucum(value: number, unit: string, code: string = unit): Quantity {
  return { value, unit, system: SYSTEM.ucum, code };
}

export const OBSERVATION_CATEGORY = {
  laboratory: concept(coding(SYSTEM.observationCategory, 'laboratory', 'Laboratory')),
  vitalSigns: concept(coding(SYSTEM.observationCategory, 'vital-signs', 'Vital Signs')),
} as const;

export const INTERPRETATION_DISPLAY = {
  N: 'Normal',
  H: 'High',
  HH: 'Critical high',
  L: 'Low',
  LL: 'Critical low',
} as const;
export type InterpretationCode = keyof typeof INTERPRETATION_DISPLAY;

export const ROUTE = {
  oral: snomed('26643006', 'Oral route'),
  subcutaneous: snomed('34206005', 'Subcutaneous route'),
  inhaled: snomed('447694001', 'Respiratory tract route'),
  intravenous: snomed('47625008', 'Intravenous route'),
  intramuscular: snomed('78421000', 'Intramuscular route'),
} as const;

export function timingCode(code: 'BID' | 'TID' | 'QID' | 'Q4H' | 'QD'): CodeableConcept {
  return concept(coding(SYSTEM.gtsAbbreviation, code, code));
}

/**
 * A numeric lab or vital-sign series: code, unit, normal range and critical limits. A value is
 * H above `high`, L below `low`, HH at or above `criticalHigh`, LL at or below `criticalLow`.
 */
export interface QuantitySeries {
  readonly loinc: string;
  readonly display: string;
  /** Short name for the `code.text`, as a lab report would print it. */
  readonly text: string;
  readonly category: 'laboratory' | 'vital-signs';
  readonly unit: string;
  readonly ucum: string;
  readonly decimals: number;
  readonly low?: number;
  readonly high?: number;
  readonly criticalLow?: number;
  readonly criticalHigh?: number;
  /** Only `referenceRange[0].text` is sent (no numeric low/high). */
  readonly rangeText?: string;
}

const lab = (series: Omit<QuantitySeries, 'category'>): QuantitySeries => ({ category: 'laboratory', ...series });
const vital = (series: Omit<QuantitySeries, 'category'>): QuantitySeries => ({ category: 'vital-signs', ...series });

/** Every numeric series the demo patients use, by a short key. */
export const SERIES = {
  hba1c: lab({
    loinc: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', text: 'HbA1c',
    unit: '%', ucum: '%', decimals: 1, low: 4.0, high: 5.6, criticalHigh: 9.5,
  }),
  hba1cHplc: lab({
    loinc: '17856-6', display: 'Hemoglobin A1c/Hemoglobin.total in Blood by HPLC', text: 'HbA1c (HPLC)',
    unit: '%', ucum: '%', decimals: 1, low: 4.0, high: 5.6, criticalHigh: 9.5,
  }),
  fastingGlucose: lab({
    loinc: '1558-6', display: 'Fasting glucose [Mass/volume] in Serum or Plasma', text: 'Fasting glucose',
    unit: 'mg/dL', ucum: 'mg/dL', decimals: 0, low: 70, high: 99, criticalLow: 40, criticalHigh: 400,
  }),
  glucose: lab({
    loinc: '2339-0', display: 'Glucose [Mass/volume] in Blood', text: 'Glucose',
    unit: 'mg/dL', ucum: 'mg/dL', decimals: 0, low: 70, high: 140, criticalLow: 40, criticalHigh: 400,
  }),
  urineAlbuminCreatinine: lab({
    loinc: '14959-1', display: 'Microalbumin/Creatinine [Mass Ratio] in Urine', text: 'Urine albumin/creatinine ratio',
    unit: 'mg/g', ucum: 'mg/g', decimals: 0, high: 30, rangeText: '<30 mg/g',
  }),
  egfr: lab({
    loinc: '33914-3',
    display: 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)',
    text: 'eGFR', unit: 'mL/min/1.73m2', ucum: 'mL/min/{1.73_m2}', decimals: 0, low: 60, criticalLow: 15,
  }),
  creatinineMass: lab({
    loinc: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma', text: 'Creatinine',
    unit: 'mg/dL', ucum: 'mg/dL', decimals: 2, low: 0.51, high: 0.95, criticalHigh: 10,
  }),
  creatinineMolar: lab({
    loinc: '14682-9', display: 'Creatinine [Moles/volume] in Serum or Plasma', text: 'Creatinine',
    unit: 'umol/L', ucum: 'umol/L', decimals: 0, low: 45, high: 84, criticalHigh: 884,
  }),
  hemoglobinMass: lab({
    loinc: '718-7', display: 'Hemoglobin [Mass/volume] in Blood', text: 'Hemoglobin',
    unit: 'g/dL', ucum: 'g/dL', decimals: 1, low: 12.0, high: 15.5, criticalLow: 7.0, criticalHigh: 20.0,
  }),
  hemoglobinPerLitre: lab({
    loinc: '718-7', display: 'Hemoglobin [Mass/volume] in Blood', text: 'Hemoglobin',
    unit: 'g/L', ucum: 'g/L', decimals: 0, low: 120, high: 155, criticalLow: 70, criticalHigh: 200,
  }),
  potassium: lab({
    loinc: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma', text: 'Potassium',
    unit: 'mmol/L', ucum: 'mmol/L', decimals: 1, low: 3.5, high: 5.1, criticalLow: 2.5, criticalHigh: 6.5,
  }),
  sodium: lab({
    loinc: '2951-2', display: 'Sodium [Moles/volume] in Serum or Plasma', text: 'Sodium',
    unit: 'mmol/L', ucum: 'mmol/L', decimals: 0, low: 135, high: 145, criticalLow: 120, criticalHigh: 160,
  }),
  crp: lab({
    loinc: '1988-5', display: 'C reactive protein [Mass/volume] in Serum or Plasma', text: 'CRP',
    unit: 'mg/L', ucum: 'mg/L', decimals: 1, low: 0, high: 5,
  }),
  alt: lab({
    loinc: '1742-6', display: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', text: 'ALT',
    unit: 'U/L', ucum: 'U/L', decimals: 0, low: 7, high: 56,
  }),
  leukocytes: lab({
    loinc: '6690-2', display: 'Leukocytes [#/volume] in Blood by Automated count', text: 'White cell count',
    unit: '10*3/uL', ucum: '10*3/uL', decimals: 1, low: 4.0, high: 11.0, criticalLow: 1.0, criticalHigh: 30.0,
  }),
  peanutIgE: lab({
    loinc: '6206-7', display: 'Peanut IgE Ab [Units/volume] in Serum', text: 'Peanut specific IgE',
    unit: 'kU/L', ucum: 'k[IU]/L', decimals: 2, low: 0, high: 0.35,
  }),
  bodyWeight: vital({
    loinc: '29463-7', display: 'Body weight', text: 'Weight', unit: 'kg', ucum: 'kg', decimals: 2,
  }),
  bodyHeight: vital({
    loinc: '8302-2', display: 'Body height', text: 'Height', unit: 'cm', ucum: 'cm', decimals: 1,
  }),
  bmi: vital({
    loinc: '39156-5', display: 'Body mass index (BMI) [Ratio]', text: 'BMI', unit: 'kg/m2', ucum: 'kg/m2', decimals: 1,
  }),
  heartRate: vital({
    loinc: '8867-4', display: 'Heart rate', text: 'Heart rate', unit: '/min', ucum: '/min', decimals: 0,
  }),
  bodyTemperature: vital({
    loinc: '8310-5', display: 'Body temperature', text: 'Temperature', unit: '°C', ucum: 'Cel', decimals: 1,
    low: 36.1, high: 37.9, criticalLow: 35.0, criticalHigh: 40.0,
  }),
} as const satisfies Record<string, QuantitySeries>;

export type SeriesKey = keyof typeof SERIES;

/** Blood pressure panels with systolic / diastolic components. */
export const BLOOD_PRESSURE = {
  panelVitalSigns: { loinc: '85354-9', display: 'Blood pressure panel with all children optional' },
  panelSystolicDiastolic: { loinc: '55284-4', display: 'Blood pressure systolic and diastolic' },
  systolic: { loinc: '8480-6', display: 'Systolic blood pressure' },
  diastolic: { loinc: '8462-4', display: 'Diastolic blood pressure' },
} as const;
