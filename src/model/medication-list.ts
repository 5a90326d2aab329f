// The medication list's view model: MedicationRequest (R4/R4B/STU3/R5), MedicationStatement and
// DSTU2 MedicationOrder in one shape, grouped current / past, with entered-in-error and other
// patients' records hidden and counted, dosage text, names, and the drug–allergy check.
import { allergyConflicts, conflictingAllergySubstances, type AllergySubstance } from './allergy-conflict.js';
import { asRecord as record, trimmed as text } from './codes.js';
import { fhirDateToTime } from './dates.js';
import { dosageInstructionTexts, dosageEn, type DosageInstructionText, type DosageVocabulary } from './dosage-text.js';
import type { AnyResource } from './fhir-types.js';
import { medicationName, type MedicationName } from './medication-name.js';
import { partitionByPatient } from './resources.js';
import { medicationStatus, type MedicationStatus } from './medication-status.js';

// In a module of its own so that the summary's active medications do not bring this model (dosage
// text, the allergy check) with them.
export { MEDICATION_STATUSES, medicationStatus, type MedicationStatus } from './medication-status.js';

export const MEDICATION_STATUS_FILTERS = ['active', 'all'] as const;
export type MedicationStatusFilter = (typeof MEDICATION_STATUS_FILTERS)[number];

/** Statuses of the current group; the rest go to the collapsed "past" group. */
const CURRENT: ReadonlySet<MedicationStatus> = new Set(['active', 'on-hold', 'intended', 'draft', 'unknown']);
/** Statuses shown with a mark: the record does not say the patient is taking it. */
export const MARKED_STATUSES: ReadonlySet<MedicationStatus> = new Set(['draft', 'unknown', 'intended']);

export type MedicationSourceKind = 'request' | 'statement' | 'order';

export interface MedicationRow {
  /** `MedicationRequest/123` (or a position when the resource has no id). */
  key: string;
  resource: AnyResource;
  kind: MedicationSourceKind;
  name: MedicationName;
  dosage: DosageInstructionText[];
  status: MedicationStatus;
  /** Prescriber (orders) or information source (statements), as the record names them. */
  who?: string;
  whoRole: 'prescriber' | 'source';
  /** Authored (orders) or asserted (statements) date, as the FHIR literal. */
  date?: string;
  dateRole: 'authored' | 'asserted' | 'effective';
  /** Allergies this medication may conflict with (current rows only: active, on hold, draft …). */
  conflicts: AllergySubstance[];
}

export interface TruncatedSearch {
  kind: MedicationSourceKind;
  shown: number;
  total?: number;
}

export interface MedicationListModel {
  current: MedicationRow[];
  /** Stopped / completed / cancelled / not taken (empty when `status="active"`, see `pastHidden`). */
  past: MedicationRow[];
  /** Past rows left out because the filter is `active`. */
  pastHidden: number;
  enteredInError: number;
  otherPatient: number;
  /** `checked` (allergies loaded), `failed` (the allergy search failed: no claim either way). */
  allergyCheck: 'checked' | 'failed';
  allergyError?: string;
  /** Set when the MedicationStatement search failed while orders loaded. */
  statementError?: string;
  truncated: TruncatedSearch[];
  /** Rows whose drug name could not be resolved from any source. */
  unresolved: number;
}

/** What the element gathered through the loader (or from given resources). */
export interface MedicationListInput {
  requests: readonly AnyResource[];
  statements?: readonly AnyResource[];
  orders?: readonly AnyResource[];
  /** `_include`d resources and anything else to resolve references in. */
  included?: readonly AnyResource[];
  /** Medications fetched by reference. */
  fetched?: readonly AnyResource[];
  /** Allergies, or an error message when the allergy search failed. */
  allergies: readonly AnyResource[] | { error: string };
  statementError?: string;
  truncated?: TruncatedSearch[];
  /** Whose record (see `PatientScope`): other patients' records are dropped and counted. */
  patientId?: string;
  /** Other references that name the same patient (`Patient/<id>`, full URLs). */
  aliases?: readonly string[];
  status?: MedicationStatusFilter;
  unnamed?: string;
  vocabulary?: DosageVocabulary;
}

function displayOf(reference: unknown): string | undefined {
  return text(record(reference)?.display);
}

/** Prescriber across versions: R4/R5 `requester`, STU3 `requester.agent`, DSTU2 `prescriber`. */
function prescriber(resource: AnyResource): string | undefined {
  const requester = record(resource.requester);
  return displayOf(requester) ?? displayOf(requester?.agent) ?? displayOf(resource.prescriber);
}

/** Information source: R4/STU3 reference, R5 array; else the prescriber of a statement's order. */
function informationSource(resource: AnyResource): string | undefined {
  const source = resource.informationSource;
  if (Array.isArray(source)) return source.map(displayOf).find(Boolean);
  return displayOf(source);
}

/** The resource types the list reads, and the kind of row each makes. */
const KINDS = new Map<string, MedicationSourceKind>([
  ['MedicationRequest', 'request'],
  ['MedicationStatement', 'statement'],
  ['MedicationOrder', 'order'],
]);

/** Orders: authored (R4+ `authoredOn`, DSTU2 `dateWritten`); statements: asserted, else effective (its start). */
function rowDate(resource: AnyResource): Pick<MedicationRow, 'date' | 'dateRole'> {
  const asserted = text(resource.dateAsserted);
  const effective = text(resource.effectiveDateTime) ?? text(record(resource.effectivePeriod)?.start);
  const authored = text(resource.authoredOn) ?? text(resource.dateWritten);
  if (resource.resourceType !== 'MedicationStatement') return { ...(authored ? { date: authored } : {}), dateRole: 'authored' };
  if (asserted || !effective) return { ...(asserted ? { date: asserted } : {}), dateRole: 'asserted' };
  return { date: effective, dateRole: 'effective' };
}

function instructionsOf(resource: AnyResource): unknown {
  return resource.dosageInstruction ?? resource.dosage;
}

/** One collator for every comparison (`localeCompare` with options builds one per call). */
const nameCollator = new Intl.Collator(undefined, { sensitivity: 'base' });
const byName = (a: MedicationRow, b: MedicationRow) => nameCollator.compare(a.name.name, b.name.name) || a.key.localeCompare(b.key);

/** Newest first, then by name; each row's date parsed once, not once per comparison. */
function sortByDateDescending(rows: MedicationRow[]): void {
  const times = new Map(rows.map((row) => [row, fhirDateToTime(row.date) ?? -Infinity]));
  rows.sort((a, b) => times.get(b)! - times.get(a)! || byName(a, b));
}

/** Builds the medication list (pure). */
export function medicationListModel(input: MedicationListInput): MedicationListModel {
  const sources = [...input.requests, ...(input.statements ?? []), ...(input.orders ?? [])].filter((r) => KINDS.has(r.resourceType));
  const { kept, otherPatient } = partitionByPatient(sources, input.patientId, input.aliases);
  const allergyError = 'error' in input.allergies ? input.allergies.error : undefined;
  const allergyResources = Array.isArray(input.allergies) ? (input.allergies as readonly AnyResource[]) : [];
  const allergies = conflictingAllergySubstances(
    partitionByPatient(
      allergyResources.filter((r) => r.resourceType === 'AllergyIntolerance'),
      input.patientId,
      input.aliases,
    ).kept,
  );
  const filter = input.status ?? 'active';
  const vocabulary = input.vocabulary ?? dosageEn;
  const current: MedicationRow[] = [];
  const past: MedicationRow[] = [];
  let enteredInError = 0;
  let pastHidden = 0;
  let unresolved = 0;
  const seen = new Set<string>();
  kept.forEach((resource, index) => {
    const key = resource.id ? `${resource.resourceType}/${resource.id}` : `${resource.resourceType}#${index}`;
    if (seen.has(key)) return;
    seen.add(key);
    const status = medicationStatus(resource);
    if (status === 'entered-in-error') {
      enteredInError += 1;
      return;
    }
    const isCurrent = CURRENT.has(status);
    if (!isCurrent && filter === 'active') {
      pastHidden += 1;
      return;
    }
    const name = medicationName(resource, {
      included: input.included,
      fetched: input.fetched,
      ...(input.unnamed ? { unnamed: input.unnamed } : {}),
      locale: vocabulary.locale,
    });
    if (name.source === 'unresolved') unresolved += 1;
    const kind = KINDS.get(resource.resourceType) as MedicationSourceKind;
    const who = kind === 'statement' ? informationSource(resource) : prescriber(resource);
    const row: MedicationRow = {
      key,
      resource,
      kind,
      name,
      dosage: dosageInstructionTexts(instructionsOf(resource), vocabulary),
      status,
      ...(who ? { who } : {}),
      whoRole: kind === 'statement' ? 'source' : 'prescriber',
      ...rowDate(resource),
      conflicts: isCurrent ? allergyConflicts(name, allergies) : [],
    };
    (isCurrent ? current : past).push(row);
  });
  current.sort(byName);
  sortByDateDescending(past);
  return {
    current,
    past,
    pastHidden,
    enteredInError,
    otherPatient,
    allergyCheck: allergyError === undefined ? 'checked' : 'failed',
    ...(allergyError === undefined ? {} : { allergyError }),
    ...(input.statementError ? { statementError: input.statementError } : {}),
    truncated: input.truncated ?? [],
    unresolved,
  };
}
