// The medication list's words, one typed map per locale (English: NHS CUI wording).
import { formatFor } from '../../i18n/format.js';
import type { MedicationSourceKind, MedicationStatus } from '../../model/medication-list.js';

export interface MedicationListMessages {
  subject: string;
  currentGroup: (count: number) => string;
  pastGroup: (count: number) => string;
  noCurrent: string;
  noneRecorded: string;
  status: Record<MedicationStatus, string>;
  /** Shown beside draft / unknown / intended: the record does not say it is being taken. */
  notConfirmedTaking: string;
  prescribedBy: (who: string) => string;
  reportedBy: (who: string) => string;
  dateRole: { authored: string; asserted: string; effective: string };
  kind: Record<MedicationSourceKind, string>;
  /** What a search returns, for "Prescriptions: showing 20 of 50". */
  searchOf: Record<MedicationSourceKind, string>;
  /** Label before generated text shown beside the prescriber's own text. */
  structuredDosage: string;
  noDosage: string;
  unnamed: string;
  nameFromReferenceOnly: string;
  possibleConflict: (allergies: string) => string;
  unconfirmedAllergy: (label: string) => string;
  allergyCheckFailed: (message: string) => string;
  statementsFailed: (message: string) => string;
  pastNotShown: (count: number) => string;
  unresolvedNames: (count: number) => string;
  truncated: (what: string, shown: string, total: string | undefined) => string;
  then: string;
}

const en = formatFor('en-GB', 'nhs-cui');
const plural = (count: number, one: string, other: string) => en.plural(count, { one, other });

export const medicationListEn: MedicationListMessages = {
  subject: 'Medications',
  currentGroup: (count) => `Current medications (${count})`,
  pastGroup: (count) => `Past medications (${count})`,
  noCurrent: 'No current medications recorded',
  noneRecorded: 'No medications recorded',
  status: {
    active: 'Active',
    'on-hold': 'On hold',
    intended: 'Intended',
    draft: 'Draft',
    unknown: 'Status unknown',
    stopped: 'Stopped',
    completed: 'Completed',
    cancelled: 'Cancelled',
    'not-taken': 'Not taken',
  },
  notConfirmedTaking: 'not confirmed as being taken',
  prescribedBy: (who) => `Prescriber: ${who}`,
  reportedBy: (who) => `Source: ${who}`,
  dateRole: { authored: 'Prescribed', asserted: 'Recorded', effective: 'Started' },
  kind: { request: 'Prescription', statement: 'Medication history', order: 'Prescription' },
  searchOf: { request: 'Prescriptions', statement: 'Medication history', order: 'Prescriptions' },
  structuredDosage: 'Coded dosage:',
  noDosage: 'No dosage instructions recorded',
  unnamed: 'Medication name not recorded',
  nameFromReferenceOnly: 'name from reference only',
  possibleConflict: (allergies) => `Possible allergy conflict: ${allergies}`,
  unconfirmedAllergy: (label) => `${label} (unconfirmed)`,
  allergyCheckFailed: (message) => `Allergy check could not be made: allergies unavailable (${message})`,
  statementsFailed: (message) => `Medication history could not be loaded (${message}); prescriptions are shown`,
  pastNotShown: (count) => `${count} past ${plural(count, 'medication', 'medications')} not shown`,
  unresolvedNames: (count) =>
    `${count} ${plural(count, 'medication name', 'medication names')} could not be resolved`,
  truncated: (what, shown, total) =>
    total ? `${what}: showing ${shown} of ${total}` : `${what}: showing the first ${shown}; more exist`,
  then: 'then',
};
