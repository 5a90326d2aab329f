// DiagnosticReports (DSTU2, STU3, R4/R4B, R5) with their results → the reports view of <fhir-results>.
//
// - Grouped by category (laboratory, imaging, pathology, other), newest first within each group.
// - Status is safety: preliminary / partial / registered are `provisional` (not final); amended /
//   corrected / appended are `revised` (shown prominently); cancelled is shown as cancelled;
//   entered-in-error reports and results are hidden and counted (DESIGN.md §3 rule 3).
// - Results: `result` references (contained `#id`, `Type/id`, absolute URLs, Synthea `urn:uuid:`),
//   nested panels through `hasMember`; a reference that cannot be resolved is a named gap, never
//   silence (rule 1).
// - Another patient's reports and results are dropped and counted (rule 4).
// - Imaging: studies from `imagingStudy` (DSTU2–R4) / `study` (R5), plus the patient's ImagingStudies
//   no kept report references ("studies without a report").
// - Attachments: `presentedForm` and media through `attachmentView` (text as text, never markup),
//   read when a report's detail first asks for them (the readers come with the detail's module).
import { codingsOf, conceptText, SYSTEMS } from './codes.js';
import { fhirDateToTime } from './dates.js';
import type { AnyResource } from './fhir-types.js';
import type { AttachmentView } from './attachment.js';
import type { ImagingStudyView } from './imaging-study.js';
import type * as ReportPartsModule from './report-parts.js';
import type { LabInterpretation, TrendRange } from './lab-series.js';
import { rangeStart } from './lab-series.js';
import { partitionByPatient } from './resources.js';
import type { ComponentView, ReferenceRangeView, ResultValue } from './result-value.js';

export const RESULT_CATEGORIES = ['lab', 'imaging', 'all'] as const;
export type ResultCategoryFilter = (typeof RESULT_CATEGORIES)[number];
export const RESULT_VIEWS = ['reports', 'flowsheet'] as const;
export type ResultsView = (typeof RESULT_VIEWS)[number];

/** The groups of the reports view, in display order. */
export const REPORT_GROUPS = ['laboratory', 'imaging', 'pathology', 'other'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** What a status means for the reader. */
export type StatusKind = 'final' | 'provisional' | 'revised' | 'cancelled' | 'unknown';

export function statusKindOf(status: unknown): StatusKind {
  switch (status) {
    case 'final':
      return 'final';
    case 'preliminary':
    case 'partial':
    case 'registered':
      return 'provisional';
    case 'amended':
    case 'corrected':
    case 'appended':
      return 'revised';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'unknown';
  }
}

export interface CodeRef {
  system?: string;
  code: string;
}

/** A reference that could not be followed: named, with why. */
export interface MissingReference {
  reference: string;
  /** The reference's own `display`, when it has one. */
  display?: string;
  /** `not-found` (the server said 404 / not among the given data), `failed` (the read failed), `unresolved` (never read). */
  reason: 'not-found' | 'failed' | 'unresolved';
  message?: string;
}

export interface ResultRow {
  id?: string;
  resource: AnyResource;
  name: string;
  code?: CodeRef;
  status: string;
  statusKind: StatusKind;
  /** The result's own date (effective, else issued). */
  date?: string;
  value: ResultValue;
  ranges: ReferenceRangeView[];
  interpretation: LabInterpretation;
  components: ComponentView[];
  notes: string[];
  /** `hasMember` results (a nested panel), in order. */
  members: ResultRow[];
  /** `hasMember` references that could not be followed. */
  missing: MissingReference[];
}

/**
 * A report as both views read it: what it is, when, its status, and what of it could not be read or
 * is hidden. The results the first reading found are kept beside it (`foundResultsOf`).
 */
export interface ReportCore {
  id?: string;
  resource: AnyResource;
  group: ReportGroup;
  name: string;
  code?: CodeRef;
  status: string;
  statusKind: StatusKind;
  /** effectiveDateTime, or the period's start. */
  effective?: string;
  effectiveEnd?: string;
  issued?: string;
  /** For sorting: effective, else issued (ms); undefined when undated. */
  time?: number;
  missing: MissingReference[];
  /** Results hidden because they were entered in error (nested ones included). */
  hiddenResults: number;
  studies: ImagingStudyView[];
  /** Study references that could not be resolved. */
  missingStudies: MissingReference[];
}

/**
 * What only the list of reports and its detail show of a report: its people, conclusion, conclusion
 * codes, notes, modalities, body sites, result rows, attachments and media. Read by the list's
 * detail reader (`setDetailReader`, src/model/report-details.ts), which the list hands the model as it
 * loads; a model built without it (the flowsheet's, which reads only the found results, dates, names
 * and counts) has none of them.
 */
export interface ReportDetails {
  performers: string[];
  interpreters: string[];
  conclusion?: string;
  conclusionCodes: string[];
  notes: string[];
  results: ResultRow[];
  attachments: AttachmentView[];
  /** R4 `media` / STU3 `image` / R5 `media`: comment and what it links to. */
  media: { comment?: string; link?: string; attachment?: AttachmentView }[];
  modalities: string[];
  bodySites: string[];
}

/** A report as the reports view shows it: read with the list's detail reader set. */
export type ReportView = ReportCore & ReportDetails;

export interface ResultsModel {
  /**
   * The reports: `ReportView`s, read with the list's detail reader, which the list of reports sets as it
   * loads; a model built without it (the flowsheet's) reads only their `ReportCore` (all it reads of them).
   */
  groups: { group: ReportGroup; reports: ReportView[] }[];
  /** ImagingStudies no shown report references. */
  unreportedStudies: ImagingStudyView[];
  hidden: { reportsEnteredInError: number; resultsEnteredInError: number; otherPatient: number; outOfRange: number };
  /** Every missing reference over all reports (for the notice and `fhir-load`). */
  missingCount: number;
  /** A search that stopped early (limit) — "showing N of M". */
  truncated?: { shown: number; total?: number };
  /** A secondary search that failed (e.g. ImagingStudy): shown, and named as missing. */
  warnings: { what: 'imaging-studies' | 'observations'; message: string }[];
  /** Laboratory results no report lists (for the flowsheet), entered-in-error and other patients' dropped. */
  standalone: FoundResult[];
  /** Shown reports, over all groups. */
  reportCount: number;
  resultCount: number;
}

export interface FailedRead {
  reference: string;
  status?: number;
  message: string;
}

export interface ResultsInput {
  /** The DiagnosticReports found (search matches or given resources). */
  reports: readonly AnyResource[];
  /** Everything else available: included results, reads, contained-free Observations, practitioners, studies. */
  pool: readonly AnyResource[];
  /** The ImagingStudy search's matches, when it was made. */
  studies?: readonly AnyResource[];
  /** Laboratory Observations searched on their own (flowsheet): those no report lists become `standalone`. */
  observations?: readonly AnyResource[];
  /** Reads of result / member / study references that failed. */
  failedReads?: readonly FailedRead[];
  patientId?: string;
  aliases?: readonly string[];
  category?: ResultCategoryFilter;
  range?: TrendRange;
  truncated?: { shown: number; total?: number };
  warnings?: ResultsModel['warnings'];
  /** The imaging-study readers (src/model/report-parts.ts): required when `needsReportParts(input)`. */
  parts?: ReportParts;
}

/** The readers of imaging studies, loaded by a caller only for records that have them. */
export type ReportParts = typeof ReportPartsModule;

/**
 * True when `buildResults` needs `parts` for these records: a report with an imaging study
 * reference, or an ImagingStudy among the other resources (their modalities, body sites and the
 * studies without a report show in the list). A report without any, the usual laboratory report,
 * is read without loading the imaging readers; attachments and media are read only when a report's
 * detail asks for them (`setAttachmentReaders`). A view of one category reads only its own reports
 * (and, for `lab`, no unreported studies).
 */
export function needsReportParts(input: Pick<ResultsInput, 'reports' | 'pool' | 'studies'>, category: ResultCategoryFilter = 'all'): boolean {
  return (
    input.reports.some((r) => (r?.imagingStudy ?? r?.study) != null && inCategory(category, r)) ||
    (category !== 'lab' && [input.pool, input.studies ?? []].some((list) => list.some((r) => r?.resourceType === 'ImagingStudy')))
  );
}

function partsOf(reading: Reading): ReportParts {
  if (!reading.parts) throw new Error('buildResults: imaging studies need `parts` (see needsReportParts)');
  return reading.parts;
}

/** The readers of a report's attachments and media (src/model/report-attachments.ts). */
export interface AttachmentReaders {
  /** How to show one Attachment. */
  attachment(value: unknown): AttachmentView;
  /** A report's media (R4 `media`, STU3 `image`, R5 `media`): comment, link and attachment. */
  media(report: AnyResource, index: ResourceIndex): ReportView['media'];
}

/**
 * Reads what only the list of reports and its detail show of a report (src/model/report-details.ts):
 * conclusion codes, notes, its studies' modalities and body sites, and — when first asked for —
 * its people, result rows, attachments and media.
 */
export type DetailReader = (view: ReportCore, report: AnyResource, reading: Reading, found: readonly FoundResult[]) => void;

/**
 * The readers the model's parts hand it as they load, so a page loads only those it shows:
 * `details` by the list of reports (a flowsheet's reports have none of those parts: it never reads
 * them); `row` and `attachments` by the report detail (a list of closed reports decodes no
 * attachment and reads no value); `standalone` by the flowsheet's model.
 */
export const readers: { details?: DetailReader; row?: RowReader; attachments?: AttachmentReaders; standalone?: StandaloneFinder } = {};

export const setDetailReader = (reader: DetailReader): void => void (readers.details = reader);
export const setRowReader = (reader: RowReader): void => void (readers.row = reader);
export const setAttachmentReaders = (reader: AttachmentReaders): void => void (readers.attachments = reader);
export const setStandaloneFinder = (finder: StandaloneFinder): void => void (readers.standalone = finder);

/** A reader that must have been handed to the model: a clear error when it was not. */
export function needed<T>(reader: T | undefined, what: string): T {
  if (!reader) throw new Error(`results model: ${what} was not set (src/model/diagnostic-report.ts, readers)`);
  return reader;
}

// ---------------------------------------------------------------------------------------------
// References

/** Indexes a pool by `Type/id` and by bare id (for Synthea `urn:uuid:<id>` references). */
export class ResourceIndex {
  /** type → id → resource (two levels: no `Type/id` string is built per resource). */
  private readonly byType = new Map<string, Map<string, AnyResource>>();
  private readonly byId = new Map<string, AnyResource>();
  /**
   * References already resolved (null: to nothing), emptied by `add`: a record's references are
   * followed twice (what to read, then the model), the second time without taking them apart again.
   */
  private readonly resolved = new Map<string, AnyResource | null>();

  constructor(resources: Iterable<AnyResource>) {
    for (const r of resources) this.add(r);
  }

  /** Adds a resource; one with the same `Type/id` as an earlier one replaces it (as in a pool keyed so). */
  add(resource: AnyResource): void {
    const id = resource?.id;
    if (!id) return;
    if (this.resolved.size) this.resolved.clear();
    let ids = this.byType.get(resource.resourceType);
    if (!ids) this.byType.set(resource.resourceType, (ids = new Map()));
    const previous = ids.get(id);
    ids.set(id, resource);
    const first = this.byId.get(id);
    if (first === undefined || first === previous) this.byId.set(id, resource);
  }

  /** The resource of this type and id, if indexed. */
  get(type: string, id: unknown): AnyResource | undefined {
    return typeof id === 'string' ? this.byType.get(type)?.get(id) : undefined;
  }

  /** Resolves `#id` (in `container`), `Type/id`, `…/Type/id[/_history/n]`, `urn:uuid:id`. */
  resolve(reference: unknown, container?: AnyResource): AnyResource | undefined {
    if (typeof reference !== 'string' || !reference) return undefined;
    if (reference.startsWith('#')) {
      const contained = Array.isArray(container?.contained) ? (container.contained as AnyResource[]) : [];
      return contained.find((r) => r && typeof r === 'object' && r.id === reference.slice(1));
    }
    const known = this.resolved.get(reference);
    if (known !== undefined) return known ?? undefined;
    const found = this.find(reference);
    this.resolved.set(reference, found ?? null);
    return found;
  }

  private find(reference: string): AnyResource | undefined {
    if (reference.startsWith('urn:uuid:') || reference.startsWith('urn:oid:')) {
      return this.byId.get(reference.slice(9));
    }
    // The common relative `Type/id`, without the pattern below (which reads one slash no other way:
    // the type is what precedes it; a type that is no key here resolves to nothing either way).
    const slash = reference.indexOf('/');
    if (slash > 0 && reference.indexOf('/', slash + 1) < 0) {
      return this.byType.get(reference.slice(0, slash))?.get(reference.slice(slash + 1));
    }
    const match = /(?:^|\/)([A-Za-z]+)\/([^/]+)(?:\/_history\/[^/]+)?$/.exec(reference);
    return match ? this.byType.get(match[1])?.get(match[2]) : undefined;
  }
}

/**
 * Indexes already built for a pool array (`fetchResults` builds one while it reads): tied to that
 * very array, so data filtered or merged afterwards (several sources) is indexed afresh, never
 * through an index that still holds what was dropped.
 */
const poolIndexes = new WeakMap<readonly AnyResource[], ResourceIndex>();

/** Remembers `index` as the index of exactly `pool` (which must not change afterwards). */
export function rememberPoolIndex(pool: readonly AnyResource[], index: ResourceIndex): void {
  poolIndexes.set(pool, index);
}

/** The index of `pool` plus `studies`: the remembered one when the studies are already in it as they are. */
function poolIndex(pool: readonly AnyResource[], studies: readonly AnyResource[], all: readonly AnyResource[]): ResourceIndex {
  const known = poolIndexes.get(pool);
  if (known && studies.every((study) => !study?.id || known.get(study.resourceType, study.id) === study)) return known;
  return new ResourceIndex(all);
}

/** The `Type/id` to read for a reference the pool lacks (relative or absolute), or undefined (contained, urn). */
export function readableReference(reference: unknown): string | undefined {
  if (typeof reference !== 'string' || reference.startsWith('#') || reference.startsWith('urn:')) return undefined;
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

export function refsOf(value: unknown): { reference?: string; display?: string }[] {
  const out: { reference?: string; display?: string }[] = [];
  for (const r of listOf(value)) if (r && typeof r === 'object') out.push(refOf(r));
  return out;
}

/** A Reference's `reference` and trimmed `display`, when they are strings. */
function refOf(r: object): { reference?: string; display?: string } {
  const { reference, display } = r as { reference?: unknown; display?: unknown };
  const ref: { reference?: string; display?: string } = {};
  if (typeof reference === 'string') ref.reference = reference;
  if (typeof display === 'string' && display.trim()) ref.display = display.trim();
  return ref;
}

/** A repeating element as a list (one value as a list of one), not copied. */
export const listOf = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : value ? [value] : NONE);

/** The `reference` of a Reference (read in place: the long lists of results make no object per entry). */
const referenceOf = (r: object): unknown => (r as { reference?: unknown }).reference;

export function missingOf(ref: { reference?: string; display?: string }, failed: ReadonlyMap<string, FailedRead>): MissingReference {
  const key = readableReference(ref.reference);
  const failure = key ? failed.get(key) : undefined;
  return {
    reference: ref.reference ?? '',
    ...(ref.display ? { display: ref.display } : {}),
    reason: failure ? (failure.status === 404 || failure.status === 410 ? 'not-found' : 'failed') : 'unresolved',
    ...(failure ? { message: failure.message } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a report

type Coded = { system?: unknown; code: string };

/** CodeRefs shared over one model: system → code → CodeRef. */
export type SharedCodes = Map<string, Map<string, CodeRef>>;

/** The code a result or report is known by: its LOINC coding, else its first; one object per code over `shared`. */
export function codeRefOf(concept: unknown, shared?: SharedCodes): CodeRef | undefined {
  let first: Coded | undefined;
  let loinc: Coded | undefined;
  for (const c of codingsOf(concept)) {
    if (typeof c.code !== 'string') continue;
    first ??= c as Coded;
    if (c.system === SYSTEMS.loinc) {
      loinc = c as Coded;
      break;
    }
  }
  const chosen = loinc ?? first;
  if (!chosen?.code) return undefined;
  const system = typeof chosen.system === 'string' ? chosen.system : undefined;
  const make = (): CodeRef => (system !== undefined ? { system, code: chosen.code } : { code: chosen.code });
  if (!shared) return make();
  // One CodeRef per distinct code over a model (thousands of results name a few dozen tests).
  let codes = shared.get(system ?? '');
  if (!codes) shared.set(system ?? '', (codes = new Map()));
  let ref = codes.get(chosen.code);
  if (!ref) codes.set(chosen.code, (ref = make()));
  return ref;
}

const LAB_CODES = new Set(['LAB', 'HM', 'CH', 'HEM', 'MB', 'MCB', 'BG', 'SR', 'VR', 'IMM', 'SE', 'TX', 'URN', 'MYC', 'PAR', 'BLB', 'LP29693-6', 'laboratory']);
const IMAGING_CODES = new Set(['RAD', 'RX', 'CT', 'NMR', 'NMS', 'US', 'VUS', 'XRC', 'CUS', 'OUS', 'MR', 'MG', 'LP29684-5', 'imaging', '18748-4']);
const PATHOLOGY_CODES = new Set(['SP', 'CP', 'PAT', 'LP7839-6', 'pathology']);

/** The reports-view group of a report, from its category codes or text (and an imaging study link). */
export function reportGroupOf(report: AnyResource): ReportGroup {
  for (const category of listOf(report.category)) {
    const codes = codingsOf(category).map((c) => c.code ?? '');
    if (codes.some((c) => PATHOLOGY_CODES.has(c))) return 'pathology';
    if (codes.some((c) => IMAGING_CODES.has(c))) return 'imaging';
    if (codes.some((c) => LAB_CODES.has(c))) return 'laboratory';
    const words = conceptText(category) ?? '';
    if (/patholog/i.test(words)) return 'pathology';
    if (/radiolog|imaging/i.test(words)) return 'imaging';
    if (/lab/i.test(words)) return 'laboratory';
  }
  if (report.imagingStudy || report.study) return 'imaging';
  return 'other';
}

export function notesOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value] : []; // DSTU2 Observation.comments
  return listOf(value)
    .map((n) => (n && typeof n === 'object' ? (n as { text?: unknown }).text : undefined))
    .filter((t): t is string => typeof t === 'string' && t.trim() !== '');
}

export function dateOf(resource: AnyResource): { effective?: string; effectiveEnd?: string } {
  if (typeof resource.effectiveDateTime === 'string') return { effective: resource.effectiveDateTime };
  if (typeof resource.effectiveInstant === 'string') return { effective: resource.effectiveInstant };
  const period = resource.effectivePeriod as { start?: unknown; end?: unknown } | undefined;
  if (period && typeof period === 'object') {
    const start = typeof period.start === 'string' ? period.start : undefined;
    const end = typeof period.end === 'string' ? period.end : undefined;
    return { ...(start ?? end ? { effective: start ?? end } : {}), ...(start && end ? { effectiveEnd: end } : {}) };
  }
  return {};
}

/** A result's own date: effective (a period's start, else its end), else issued. */
export const resultDateOf = (resource: AnyResource): string | undefined =>
  dateOf(resource).effective ?? (typeof resource.issued === 'string' ? resource.issued : undefined);

/** What reading one model shares (the parts module reads imaging and media with it). */
export interface Reading {
  index: ResourceIndex;
  failed: ReadonlyMap<string, FailedRead>;
  accepted: (resource: AnyResource) => boolean;
  hidden: ResultsModel['hidden'];
  parts?: ReportParts;
  /** CodeRefs shared over the model (see codeRefOf). */
  codes: Map<string, Map<string, CodeRef>>;
  /** Entered-in-error results the reports listed (hidden and counted there, never again as standalone). */
  enteredInError: Set<AnyResource>;
}

const MAX_DEPTH = 6;

/** Shared by every result with none (most have no members, components, notes or gaps): never mutated. */
export const NONE: never[] = Object.freeze([]) as unknown as never[];

/** The imaging of a report with none. */
const NO_IMAGING: Pick<ReportCore, 'studies' | 'missingStudies'> = { studies: NONE, missingStudies: NONE };

/**
 * A result as the first reading found it (resolved, on this patient's record, not entered in error):
 * the Observation itself, or — when it has members or member gaps — a `Found` node. The values,
 * ranges and interpretations are read from it only when `ReportView.results` is first asked for (a
 * collapsed report in a long list is never read further; the counts come from this reading).
 */
export class Found {
  /** The Observation's id: a found result is known by it, as the Observation itself is. */
  readonly id?: string;
  constructor(
    readonly observation: AnyResource,
    readonly members: FoundResult[],
    readonly missing: MissingReference[],
  ) {
    if (observation.id) this.id = observation.id;
  }
}
export type FoundResult = AnyResource | Found;

/** The Observation of a found result. */
export const observationOf = (found: FoundResult): AnyResource => (found instanceof Found ? found.observation : found);

/** The members of a found result (none for most). */
export const membersOf = (found: FoundResult): readonly FoundResult[] => (found instanceof Found ? found.members : NONE);

/** Follows a result and its `hasMember` tree: counts what is hidden or missing, reads no values. */
export function findResult(
  observation: AnyResource,
  container: AnyResource,
  reading: Reading,
  path: AnyResource[] | undefined,
  counter: { hidden: number },
): FoundResult | undefined {
  if (observation.status === 'entered-in-error') {
    counter.hidden += 1;
    reading.enteredInError.add(observation);
    return undefined;
  }
  let members: FoundResult[] = NONE;
  let missing: MissingReference[] = NONE;
  const memberRefs = observation.hasMember ?? (observation.related as unknown[] | undefined)?.map((r) => (r as { target?: unknown })?.target);
  // The results followed down to here (cycles, depth): made only for a result with members.
  const trail = memberRefs === undefined ? undefined : (path ?? [observation]);
  if (trail && trail.length < MAX_DEPTH) {
    for (const ref of refsOf(memberRefs)) {
      // A contained member is contained in the report (DSTU2 / STU3 examples), or in the observation.
      const member = reading.index.resolve(ref.reference, observation) ?? reading.index.resolve(ref.reference, container);
      if (!member || member.resourceType !== 'Observation') {
        if (missing === NONE) missing = [];
        missing.push(missingOf(ref, reading.failed));
        continue;
      }
      if (trail.includes(member)) continue; // a cycle: shown once
      if (!reading.accepted(member)) {
        reading.hidden.otherPatient += 1;
        continue;
      }
      trail.push(member);
      const found = findResult(member, container, reading, trail, counter);
      trail.pop();
      if (found) {
        if (members === NONE) members = [];
        members.push(found);
      }
    }
  }
  return members === NONE && missing === NONE ? observation : new Found(observation, members, missing);
}

/** Reads a found result's row: value, ranges, interpretation, components, notes, members (src/model/result-rows.ts). */
export type RowReader = (found: FoundResult, codes: SharedCodes) => ResultRow;

/**
 * Finds the laboratory Observations no report lists (the flowsheet's, src/model/flowsheet.ts):
 * entered-in-error and other patients' counted, never kept.
 */
export type StandaloneFinder = (observations: readonly AnyResource[], views: readonly ReportCore[], reading: Reading, partition: Partition) => FoundResult[];

/** Splits resources into this patient's and the count of others'. */
export type Partition = (resources: readonly AnyResource[]) => { kept: AnyResource[]; otherPatient: number };

/** The results each report's first reading found (for counts, and for `results` when first asked for). */
const foundResults = new WeakMap<ReportCore, readonly FoundResult[]>();

/**
 * The results `buildResults` found for a report, before their values were read (the flowsheet
 * reads only what it shows); undefined for a view `buildResults` did not make.
 */
export function foundResultsOf(view: ReportCore): readonly FoundResult[] | undefined {
  return foundResults.get(view);
}

function countFound(list: readonly FoundResult[]): number {
  let sum = 0;
  for (const found of list) sum += 1 + (found instanceof Found ? countFound(found.members) : 0);
  return sum;
}

function missingFound(list: readonly FoundResult[]): number {
  let sum = 0;
  for (const found of list) if (found instanceof Found) sum += found.missing.length + missingFound(found.members);
  return sum;
}

function readReport(report: AnyResource, group: ReportGroup, reading: Reading, studiesShown: Set<AnyResource>): ReportCore {
  const { index } = reading;
  const counter = { hidden: 0 };
  const found: FoundResult[] = [];
  const missing: MissingReference[] = [];
  for (const entry of listOf(report.result)) {
    if (!entry || typeof entry !== 'object') continue;
    const observation = index.resolve(referenceOf(entry), report);
    if (!observation || observation.resourceType !== 'Observation') {
      missing.push(missingOf(refOf(entry), reading.failed));
      continue;
    }
    if (!reading.accepted(observation)) {
      reading.hidden.otherPatient += 1;
      continue;
    }
    const result = findResult(observation, report, reading, undefined, counter);
    if (result) found.push(result);
  }
  // Imaging studies: read by the parts module, loaded for the records that have them.
  const { studies, missingStudies } = (report.imagingStudy ?? report.study) != null ? partsOf(reading).readImaging(report, reading, studiesShown) : NO_IMAGING;
  const { effective, effectiveEnd } = dateOf(report);
  const issued = typeof report.issued === 'string' ? report.issued : undefined;
  const time = fhirDateToTime(effective) ?? fhirDateToTime(issued);
  const status = typeof report.status === 'string' ? report.status : 'unknown';
  reading.hidden.resultsEnteredInError += counter.hidden;
  const code = codeRefOf(report.code);
  const view: ReportCore = {
    ...(report.id ? { id: report.id } : {}),
    resource: report,
    group,
    name: conceptText(report.code) ?? '',
    ...(code ? { code } : {}),
    status,
    statusKind: statusKindOf(status),
    ...(effective ? { effective } : {}),
    ...(effectiveEnd ? { effectiveEnd } : {}),
    ...(issued ? { issued } : {}),
    ...(time !== undefined ? { time } : {}),
    missing,
    hiddenResults: counter.hidden,
    studies,
    missingStudies,
  };
  // The parts only the list and its detail show: read by its detail reader, when set.
  readers.details?.(view, report, reading, found);
  foundResults.set(view, found);
  return view;
}

const wanted = (filter: ResultCategoryFilter, group: ReportGroup) =>
  filter === 'all' || (filter === 'lab' ? group === 'laboratory' || group === 'pathology' : group === 'imaging');

/**
 * Whether a report belongs to the category a view asked for. A view reads only those: the others'
 * results and studies are not followed (read from the server, or their imaging readers loaded) nor
 * counted, since the view shows nothing of them.
 */
export const inCategory = (filter: ResultCategoryFilter, report: AnyResource): boolean => filter === 'all' || wanted(filter, reportGroupOf(report));

/** Builds the reports view. */
export function buildResults(input: ResultsInput): ResultsModel {
  const category = input.category ?? 'all';
  const failed = new Map((input.failedReads ?? []).map((f) => [f.reference, f]));
  const reports = input.reports.filter((r) => r?.resourceType === 'DiagnosticReport');
  // Whose record: the PatientScope the caller decided once for every widget (DESIGN.md §3 rule 4),
  // the same for reports, results, studies and standalone Observations. With no patient named at
  // all, nothing is dropped.
  const aliases = input.aliases ?? [];
  const scoped = input.patientId !== undefined || aliases.length > 0;
  const partition = <T extends AnyResource>(resources: readonly T[]) =>
    scoped ? partitionByPatient(resources, input.patientId, aliases) : { kept: resources as T[], otherPatient: 0 };
  const { kept, otherPatient } = partition(reports);
  const hidden: ResultsModel['hidden'] = { reportsEnteredInError: 0, resultsEnteredInError: 0, otherPatient, outOfRange: 0 };
  const others = input.studies?.length ? [...input.pool, ...input.studies] : input.pool;
  const poolPartition = partition(others);
  // Pooled resources of another patient (usually none); contained resources are the report's own.
  const rejected = new Set<AnyResource>();
  if (poolPartition.otherPatient) {
    const allowed = new Set(poolPartition.kept);
    for (const resource of others) if (!allowed.has(resource)) rejected.add(resource);
  }
  const index = poolIndex(input.pool, input.studies ?? [], others);
  const reading: Reading = {
    index,
    failed,
    hidden,
    accepted: (resource) => !rejected.has(resource),
    codes: new Map(),
    enteredInError: new Set(),
    ...(input.parts ? { parts: input.parts } : {}),
  };
  const studiesShown = new Set<AnyResource>();
  const views: ReportCore[] = [];
  for (const report of kept) {
    // A report of another category than the one asked for is no part of this view (`inCategory`).
    const group = reportGroupOf(report);
    if (!wanted(category, group)) continue;
    if (report.status === 'entered-in-error') {
      hidden.reportsEnteredInError += 1;
      continue;
    }
    views.push(readReport(report, group, reading, studiesShown));
  }
  // `range`: counted back from the view's newest report, as the lab trend counts from its newest result.
  const newest = views.reduce<number | undefined>((max, v) => (v.time !== undefined && (max === undefined || v.time > max) ? v.time : max), undefined);
  const start = rangeStart(input.range ?? 'all', newest);
  const chosen = views.filter((v) => {
    const ok = v.time === undefined || v.time >= start;
    if (!ok) hidden.outOfRange += 1;
    return ok;
  });
  chosen.sort((a, b) => (b.time ?? -Infinity) - (a.time ?? -Infinity));
  // ReportViews with the list's reader set (see ResultsModel.groups); only their core without it.
  const groups = REPORT_GROUPS.map((group) => ({ group, reports: chosen.filter((r) => r.group === group) as ReportView[] })).filter((g) => g.reports.length);

  // Studies no shown report references: read by the parts module, there whenever an ImagingStudy is.
  const unreportedStudies =
    category !== 'lab' && (reading.parts || needsReportParts({ reports: NONE, pool: input.pool, ...(input.studies ? { studies: input.studies } : {}) }, category))
      ? partsOf(reading).unreportedStudiesOf([input.studies ?? NONE, input.pool], studiesShown, rejected, start)
      : [];
  const missingCount = chosen.reduce((sum, r) => sum + r.missing.length + r.missingStudies.length + missingFound(foundResults.get(r) ?? NONE), 0);
  // Laboratory results no report lists (the flowsheet's search): found by the flowsheet's model, there with it.
  const standalone = input.observations?.length ? needed(readers.standalone, 'the standalone finder (flowsheet.ts)')(input.observations, views, reading, partition) : [];
  return {
    groups,
    unreportedStudies,
    standalone,
    hidden,
    missingCount,
    ...(input.truncated ? { truncated: input.truncated } : {}),
    warnings: [...(input.warnings ?? [])],
    reportCount: chosen.length,
    resultCount: chosen.reduce((sum, r) => sum + countFound(foundResults.get(r) ?? NONE), 0),
  };
}

/** References in the reports that the pool lacks and that can be read (results, members, studies). */
export function unresolvedReferences(reports: readonly AnyResource[], pool: readonly AnyResource[] | ResourceIndex): string[] {
  const index = pool instanceof ResourceIndex ? pool : new ResourceIndex(pool);
  const out = new Set<string>();
  const visit = (owner: AnyResource, refs: unknown, container: AnyResource) => {
    for (const entry of listOf(refs)) {
      if (!entry || typeof entry !== 'object') continue;
      const reference = referenceOf(entry);
      if (index.resolve(reference, owner) || index.resolve(reference, container)) continue;
      const key = readableReference(reference);
      if (key) out.add(key);
    }
  };
  for (const report of reports) {
    if (report?.resourceType !== 'DiagnosticReport' || report.status === 'entered-in-error') continue;
    visit(report, report.result, report);
    visit(report, report.imagingStudy ?? report.study, report);
    for (const entry of listOf(report.result)) {
      const observation = entry && typeof entry === 'object' ? index.resolve(referenceOf(entry), report) : undefined;
      if (observation?.hasMember !== undefined) visit(observation, observation.hasMember, report);
    }
  }
  return [...out];
}
