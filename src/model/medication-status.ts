// A medication record's status in every FHIR version, mapped onto the statuses the kit shows. Used
// by the medication list's model and by the summary's active medications (which need nothing else
// of the list's model).
import type { AnyResource } from './fhir-types.js';
import { firstCode } from './codes.js';

/** The statuses a row can show (every version's codes mapped onto these). */
export const MEDICATION_STATUSES = [
  'active',
  'on-hold',
  'intended',
  'draft',
  'unknown',
  'stopped',
  'completed',
  'cancelled',
  'not-taken',
] as const;
export type MedicationStatus = (typeof MEDICATION_STATUSES)[number];

/** Version statuses onto the list's statuses; `entered-in-error` is returned as such to be hidden. */
export function medicationStatus(resource: AnyResource): MedicationStatus | 'entered-in-error' {
  const code = firstCode(resource.status)?.toLowerCase();
  if (resource.resourceType === 'MedicationStatement') {
    // STU3 `taken = n` and DSTU2 `wasNotTaken` say the patient is not taking it, whatever the status.
    if (resource.taken === 'n' || resource.wasNotTaken === true) return code === 'entered-in-error' ? code : 'not-taken';
    if (code === 'recorded') return 'active'; // R5: a recorded statement; its effective period says more
  }
  switch (code) {
    case 'active':
    case 'on-hold':
    case 'intended':
    case 'draft':
    case 'stopped':
    case 'completed':
    case 'cancelled':
    case 'not-taken':
    case 'entered-in-error':
      return code;
    case 'ended': // R5 MedicationRequest
      return 'completed';
    default:
      return 'unknown';
  }
}
