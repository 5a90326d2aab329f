// Condition (problem list) builder.
import type { CodeableConcept, Condition } from 'fhir/r4';
import type { PatientRecord } from './patient-record.js';
import { SYSTEM, coding, concept } from './terminology.js';

const CLINICAL_DISPLAY = {
  active: 'Active',
  recurrence: 'Recurrence',
  relapse: 'Relapse',
  inactive: 'Inactive',
  remission: 'Remission',
  resolved: 'Resolved',
} as const;

export interface ConditionSpec {
  readonly code: CodeableConcept;
  /** `entered-in-error` sets the verification status and leaves clinicalStatus out (R4 con-5). */
  readonly status: keyof typeof CLINICAL_DISPLAY | 'entered-in-error';
  readonly onsetDaysAgo: number;
  readonly abatementDaysAgo?: number;
  readonly recordedDaysAgo?: number;
  readonly note?: string;
}

export function addCondition(record: PatientRecord, spec: ConditionSpec): Condition {
  const enteredInError = spec.status === 'entered-in-error';
  const condition: Condition = {
    resourceType: 'Condition',
    id: record.nextId('Condition'),
    ...(spec.status !== 'entered-in-error'
      ? { clinicalStatus: concept(coding(SYSTEM.conditionClinical, spec.status, CLINICAL_DISPLAY[spec.status])) }
      : {}),
    verificationStatus: enteredInError
      ? concept(coding(SYSTEM.conditionVerification, 'entered-in-error', 'Entered in Error'))
      : concept(coding(SYSTEM.conditionVerification, 'confirmed', 'Confirmed')),
    category: [concept(coding(SYSTEM.conditionCategory, 'problem-list-item', 'Problem List Item'))],
    code: spec.code,
    subject: record.patientReference,
    onsetDateTime: record.date(spec.onsetDaysAgo),
    ...(spec.abatementDaysAgo !== undefined ? { abatementDateTime: record.date(spec.abatementDaysAgo) } : {}),
    recordedDate: record.date(spec.recordedDaysAgo ?? spec.onsetDaysAgo),
    recorder: record.clinician,
  };
  if (spec.note) condition.note = [{ text: spec.note }];
  return record.add(condition);
}
