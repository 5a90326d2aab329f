// The patient summary's words, one typed map per locale (English: NHS CUI patient banner wording).
// Allergy wording comes from the allergy banner's map, so both say the same thing.
import type { ProblemVerification } from '../../model/conditions.js';
import type { IdentifierKind, PatientGender } from '../../model/patient-identity.js';
import type { IdentityField } from '../../model/source-merge.js';
import type { VitalSign } from '../../model/vital-signs.js';

export const SUMMARY_SECTIONS = ['allergies', 'problems', 'medications', 'vitals'] as const;
export type SummarySection = (typeof SUMMARY_SECTIONS)[number];

export interface PatientSummaryMessages {
  subject: string;
  nameNotKnown: string;
  born: string;
  gender: string;
  genders: Record<PatientGender, string>;
  identifierKinds: Record<IdentifierKind, string>;
  /** Label of an identifier whose type the record does not name. */
  identifierOther: string;
  identifiers: string;
  deceased: string;
  deceasedDateNotKnown: string;
  ageAtDeath: (age: string) => string;
  section: Record<SummarySection, string>;
  withCount: (title: string, count: number) => string;
  noProblems: string;
  noMedications: string;
  unnamedMedication: string;
  problemStatus: { recurrence: string; relapse: string };
  problemVerification: Record<ProblemVerification, string>;
  since: string;
  vital: Record<VitalSign, string>;
  vitalNotRecorded: string;
  vitalNotInLatest: (count: string) => string;
  truncated: (shown: string, total: string | undefined) => string;
  /** Several sources: another source's Patient differs from the one shown (it may be another person). */
  identityDiffers: (source: string, differences: string) => string;
  /** One difference: "birth date 21-Sep-1952 vs 12-Sep-1952" (shown first, the other source's second). */
  identityDifference: (field: string, shown: string, other: string) => string;
  identityFields: Record<IdentityField, string>;
}

export const patientSummaryEn: PatientSummaryMessages = {
  subject: 'Patient summary',
  nameNotKnown: 'Name not known',
  born: 'Born',
  gender: 'Gender',
  genders: { male: 'Male', female: 'Female', other: 'Other', unknown: 'Not known' },
  identifierKinds: {
    nhs: 'NHS No.',
    mrn: 'MRN',
    ssn: 'SSN',
    passport: 'Passport No.',
    'driving-licence': 'Driving licence No.',
    national: 'National ID',
  },
  identifierOther: 'ID',
  identifiers: 'Identifier',
  deceased: 'Deceased',
  deceasedDateNotKnown: 'date not known',
  ageAtDeath: (age) => `aged ${age}`,
  section: { allergies: 'Allergies', problems: 'Active problems', medications: 'Active medications', vitals: 'Latest vital signs' },
  withCount: (title, count) => `${title} (${count})`,
  noProblems: 'No active problems recorded',
  noMedications: 'No active medication orders recorded',
  unnamedMedication: 'Medication name not recorded',
  problemStatus: { recurrence: 'Recurrence', relapse: 'Relapse' },
  problemVerification: { provisional: 'Provisional', differential: 'Differential', unconfirmed: 'Unconfirmed' },
  since: 'Since',
  vital: {
    'blood-pressure': 'Blood pressure',
    'heart-rate': 'Heart rate',
    temperature: 'Temperature',
    weight: 'Weight',
    height: 'Height',
    bmi: 'BMI',
  },
  vitalNotRecorded: 'Not recorded',
  vitalNotInLatest: (count) => `None in the latest ${count} readings`,
  truncated: (shown, total) => (total ? `Showing ${shown} of ${total}` : `Showing the first ${shown}; more exist`),
  identityDiffers: (source, differences) => `Identity differs in ${source}: ${differences}`,
  identityDifference: (field, shown, other) => `${field} ${shown} vs ${other}`,
  identityFields: { family: 'family name', given: 'given name', birthDate: 'birth date', gender: 'gender' },
};
