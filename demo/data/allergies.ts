// AllergyIntolerance builder (FHIR R4).
import type { AllergyIntolerance, AllergyIntoleranceReaction, CodeableConcept } from 'fhir/r4';
import type { PatientRecord } from './patient-record.js';
import { SYSTEM, coding, concept } from './terminology.js';

const CLINICAL_DISPLAY = { active: 'Active', inactive: 'Inactive', resolved: 'Resolved' } as const;
const VERIFICATION_DISPLAY = {
  unconfirmed: 'Unconfirmed',
  confirmed: 'Confirmed',
  refuted: 'Refuted',
  'entered-in-error': 'Entered in Error',
} as const;

export interface ReactionSpec {
  readonly substance?: CodeableConcept;
  readonly manifestation: CodeableConcept[];
  readonly severity?: AllergyIntoleranceReaction['severity'];
  readonly onsetDaysAgo?: number;
  readonly description?: string;
  readonly exposureRoute?: CodeableConcept;
}

export interface AllergySpec {
  readonly code: CodeableConcept;
  /** Left out when the verification status is entered-in-error (R4 ait-2). */
  readonly clinicalStatus?: keyof typeof CLINICAL_DISPLAY;
  readonly verificationStatus: keyof typeof VERIFICATION_DISPLAY;
  readonly type?: AllergyIntolerance['type'];
  readonly category?: AllergyIntolerance['category'];
  readonly criticality?: AllergyIntolerance['criticality'];
  readonly onsetDaysAgo?: number;
  readonly recordedDaysAgo: number;
  readonly reactions?: ReactionSpec[];
  readonly note?: string;
}

export function addAllergy(record: PatientRecord, spec: AllergySpec): AllergyIntolerance {
  const allergy: AllergyIntolerance = {
    resourceType: 'AllergyIntolerance',
    id: record.nextId('AllergyIntolerance'),
    patient: record.patientReference,
  };
  if (spec.clinicalStatus && spec.verificationStatus !== 'entered-in-error') {
    allergy.clinicalStatus = concept(
      coding(SYSTEM.allergyClinical, spec.clinicalStatus, CLINICAL_DISPLAY[spec.clinicalStatus]),
    );
  }
  allergy.verificationStatus = concept(
    coding(SYSTEM.allergyVerification, spec.verificationStatus, VERIFICATION_DISPLAY[spec.verificationStatus]),
  );
  if (spec.type) allergy.type = spec.type;
  if (spec.category) allergy.category = spec.category;
  if (spec.criticality) allergy.criticality = spec.criticality;
  allergy.code = spec.code;
  if (spec.onsetDaysAgo !== undefined) allergy.onsetDateTime = record.date(spec.onsetDaysAgo);
  allergy.recordedDate = record.date(spec.recordedDaysAgo);
  allergy.recorder = record.clinician;
  if (spec.reactions?.length) {
    allergy.reaction = spec.reactions.map((reaction) => {
      const entry: AllergyIntoleranceReaction = {
        ...(reaction.substance ? { substance: reaction.substance } : {}),
        manifestation: reaction.manifestation,
        ...(reaction.description ? { description: reaction.description } : {}),
        ...(reaction.onsetDaysAgo !== undefined ? { onset: record.date(reaction.onsetDaysAgo) } : {}),
        ...(reaction.severity ? { severity: reaction.severity } : {}),
        ...(reaction.exposureRoute ? { exposureRoute: reaction.exposureRoute } : {}),
      };
      return entry;
    });
  }
  if (spec.note) allergy.note = [{ text: spec.note }];
  return record.add(allergy);
}
