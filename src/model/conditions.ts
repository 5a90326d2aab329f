// Active problems from Condition resources of any FHIR version (DSTU2 and STU3 statuses are plain
// codes, R4+ CodeableConcepts). Entered-in-error is hidden and counted; refuted is not a problem.
import { conceptText, firstCode, trimmed as text } from './codes.js';
import { fhirDateToTime } from './dates.js';
import type { AnyResource } from './fhir-types.js';
import { partitionByPatient } from './resources.js';
import { sourcesOf } from './source-merge.js';

/** Clinical statuses that make a problem current. */
export const ACTIVE_CONDITION_STATUSES = ['active', 'recurrence', 'relapse'] as const;

export type ProblemVerification = 'provisional' | 'differential' | 'unconfirmed';

export interface ActiveProblem {
  id?: string;
  /** The problem as recorded; undefined when the record names none. */
  text?: string;
  /** FHIR dateTime of onset, or the record's words for it. */
  onset?: string;
  onsetText?: string;
  /** FHIR dateTime the problem was recorded (R4 recordedDate, STU3/DSTU2 assertedDate/dateRecorded). */
  recorded?: string;
  /** `recurrence` and `relapse` are shown as such. */
  clinicalStatus: (typeof ACTIVE_CONDITION_STATUSES)[number];
  /** Not yet confirmed: shown as such. */
  verification?: ProblemVerification;
  /** Several sources: the labels of the sources that recorded it (a duplicate lists each). */
  sources?: readonly string[];
}

export interface ActiveProblems {
  /** Newest onset (or record) first. */
  problems: ActiveProblem[];
  hidden: { enteredInError: number; otherPatient: number };
}

export interface ActiveProblemsOptions {
  patientId?: string;
  aliases?: readonly string[];
}

function onsetOf(resource: AnyResource): { onset?: string; onsetText?: string } {
  const dateTime = text(resource.onsetDateTime) ?? text((resource.onsetPeriod as { start?: unknown } | undefined)?.start);
  if (dateTime) return { onset: dateTime };
  const words = text(resource.onsetString);
  return words ? { onsetText: words } : {};
}

/** Current problems (Condition active / recurrence / relapse) of one patient. */
export function activeProblems(resources: readonly unknown[], options: ActiveProblemsOptions = {}): ActiveProblems {
  const conditions = resources.filter(
    (r): r is AnyResource => !!r && typeof r === 'object' && (r as AnyResource).resourceType === 'Condition',
  );
  const { kept, otherPatient } = partitionByPatient(conditions, options.patientId, options.aliases);
  const hidden = { enteredInError: 0, otherPatient };
  const problems: ActiveProblem[] = [];
  for (const resource of kept) {
    const verification = firstCode(resource.verificationStatus);
    if (verification === 'entered-in-error') {
      hidden.enteredInError += 1;
      continue;
    }
    if (verification === 'refuted') continue;
    let clinical = firstCode(resource.clinicalStatus);
    // A record without a clinical status is current unless it says it has abated.
    if (clinical === undefined) {
      const abated = Object.keys(resource).some((key) => key.startsWith('abatement') && resource[key] !== false);
      clinical = abated ? 'resolved' : 'active';
    }
    const status = ACTIVE_CONDITION_STATUSES.find((s) => s === clinical);
    if (!status) continue;
    const problemVerification = (['provisional', 'differential', 'unconfirmed'] as const).find((v) => v === verification);
    const problemText = conceptText(resource.code);
    const recorded = text(resource.recordedDate) ?? text(resource.assertedDate) ?? text(resource.dateRecorded);
    problems.push({
      ...(text(resource.id) ? { id: text(resource.id) } : {}),
      ...(problemText ? { text: problemText } : {}),
      ...onsetOf(resource),
      ...(recorded ? { recorded } : {}),
      clinicalStatus: status,
      ...(problemVerification ? { verification: problemVerification } : {}),
      ...(sourcesOf(resource).length ? { sources: sourcesOf(resource) } : {}),
    });
  }
  const when = (p: ActiveProblem) => fhirDateToTime(p.onset ?? p.recorded) ?? -Infinity;
  problems.sort((a, b) => when(b) - when(a) || (a.text ?? '').localeCompare(b.text ?? ''));
  return { problems, hidden };
}
