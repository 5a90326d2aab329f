// MedicationRequest / MedicationStatement / Medication builders. Dosages are written out in full
// by each archetype (structured FHIR R4 Dosage); these helpers only remove the repetition.
import type {
  CodeableConcept,
  Dosage,
  DosageDoseAndRate,
  Medication,
  MedicationRequest,
  MedicationStatement,
  Quantity,
  Ratio,
} from 'fhir/r4';
import type { PatientRecord } from './patient-record.js';
import { SYSTEM, coding, concept, ucum } from './terminology.js';

/** RxNorm coding(s) with a prescriber-facing `text` (drug, strength, form). */
export function rxnorm(code: string, display: string, text: string, ...more: [string, string][]): CodeableConcept {
  return concept(
    [coding(SYSTEM.rxnorm, code, display), ...more.map(([c, d]) => coding(SYSTEM.rxnorm, c, d))],
    text,
  );
}

export const tablets = (value: number): Quantity => ucum(value, value === 1 ? 'tablet' : 'tablets', '{tbl}');
export const capsules = (value: number): Quantity => ucum(value, value === 1 ? 'capsule' : 'capsules', '{cap}');
export const puffs = (value: number): Quantity => ucum(value, value === 1 ? 'puff' : 'puffs', '{puff}');
export const mg = (value: number): Quantity => ucum(value, 'mg');
export const mL = (value: number): Quantity => ucum(value, 'mL');
export const units = (value: number): Quantity => ucum(value, 'units', '[IU]');

export const ratio = (numerator: Quantity, denominator: Quantity): Ratio => ({ numerator, denominator });

const ORDERED = concept(coding(SYSTEM.doseRateType, 'ordered', 'Ordered'));

/** doseAndRate with a dose quantity (and optionally a rate). */
export function doseOf(dose: Quantity, rate?: Quantity): DosageDoseAndRate[] {
  return [rate ? { type: ORDERED, doseQuantity: dose, rateQuantity: rate } : { type: ORDERED, doseQuantity: dose }];
}

/** doseAndRate with a dose range, e.g. 1–2 tablets. */
export function doseRangeOf(low: Quantity, high: Quantity): DosageDoseAndRate[] {
  return [{ type: ORDERED, doseRange: { low, high } }];
}

export type RequestCategory = 'inpatient' | 'outpatient' | 'community' | 'discharge';

export interface RequestSpec {
  readonly medication:
    | { readonly concept: CodeableConcept }
    | { readonly medicationId: string; readonly display: string }
    | { readonly contained: Medication };
  readonly status: MedicationRequest['status'];
  readonly statusReason?: string;
  readonly authoredDaysAgo: number;
  readonly category?: RequestCategory;
  readonly reason?: CodeableConcept;
  readonly dosage: Dosage[];
  readonly dispense?: MedicationRequest['dispenseRequest'];
  readonly note?: string;
}

/** Adds a MedicationRequest (intent `order`, requester the record's clinician). */
export function addMedicationRequest(record: PatientRecord, spec: RequestSpec): MedicationRequest {
  const id = record.nextId('MedicationRequest');
  const medication = spec.medication;
  const request: MedicationRequest = {
    resourceType: 'MedicationRequest',
    id,
    ...('contained' in medication ? { contained: [medication.contained] } : {}),
    status: spec.status,
    ...(spec.statusReason ? { statusReason: { text: spec.statusReason } } : {}),
    intent: 'order',
    category: [
      concept(coding(SYSTEM.medicationRequestCategory, spec.category ?? 'outpatient', categoryDisplay(spec.category))),
    ],
    ...('concept' in medication
      ? { medicationCodeableConcept: medication.concept }
      : 'medicationId' in medication
        ? { medicationReference: { reference: `Medication/${medication.medicationId}`, display: medication.display } }
        : { medicationReference: { reference: `#${medication.contained.id}` } }),
    subject: record.patientReference,
    authoredOn: record.dateTime(spec.authoredDaysAgo, 10 * 60 + 15),
    requester: record.clinician,
  };
  if (spec.reason) request.reasonCode = [spec.reason];
  if (spec.note) request.note = [{ text: spec.note }];
  request.dosageInstruction = spec.dosage;
  if (spec.dispense) request.dispenseRequest = spec.dispense;
  return record.add(request);
}

function categoryDisplay(category: RequestCategory = 'outpatient'): string {
  return { inpatient: 'Inpatient', outpatient: 'Outpatient', community: 'Community', discharge: 'Discharge' }[category];
}

/** Adds a Medication resource (for `medicationReference`). */
export function addMedication(
  record: PatientRecord,
  medication: Omit<Medication, 'resourceType' | 'id'>,
): Medication {
  return record.add({ resourceType: 'Medication', id: record.nextId('Medication'), ...medication });
}

/** Adds a patient-reported MedicationStatement. */
export function addMedicationStatement(
  record: PatientRecord,
  spec: {
    readonly medication: CodeableConcept;
    readonly status: MedicationStatement['status'];
    readonly startedDaysAgo: number;
    readonly assertedDaysAgo: number;
    readonly dosage: Dosage[];
    readonly note?: string;
  },
): MedicationStatement {
  const statement: MedicationStatement = {
    resourceType: 'MedicationStatement',
    id: record.nextId('MedicationStatement'),
    status: spec.status,
    medicationCodeableConcept: spec.medication,
    subject: record.patientReference,
    effectivePeriod: { start: record.date(spec.startedDaysAgo) },
    dateAsserted: record.dateTime(spec.assertedDaysAgo, 14 * 60 + 40),
    informationSource: record.patientReference,
    dosage: spec.dosage,
  };
  if (spec.note) statement.note = [{ text: spec.note }];
  return record.add(statement);
}
