// Collects one patient's resources and turns them into a FHIR R4 transaction Bundle with stable ids
// (`<patient id>-<kind>-0001`), `PUT <Type>/<id>` requests and absolute fullUrls.
import type { Bundle, BundleEntry, FhirResource, Reference } from 'fhir/r4';
import { DAY_MS, fhirDate, fhirDateTime } from './clinical-time.js';
import { SeededRandom } from './random.js';

/** Base of every entry's fullUrl; relative references (`Patient/<id>`) resolve against it. */
export const DEMO_FHIR_BASE = 'https://demo.fhir-elements.example/fhir';

/** The short kind used in generated ids, per resource type. */
const ID_KIND: Record<string, string> = {
  Organization: 'org',
  Practitioner: 'prac',
  Medication: 'med',
  Condition: 'cond',
  AllergyIntolerance: 'allergy',
  MedicationRequest: 'medreq',
  MedicationStatement: 'medstmt',
  Observation: 'obs',
};

/** What every archetype builder receives. */
export interface ArchetypeContext {
  readonly random: SeededRandom;
  /** The anchor instant ("now") in UTC ms. */
  readonly now: number;
}

export class PatientRecord {
  readonly patientId: string;
  readonly random: SeededRandom;
  readonly now: number;
  /** Wall-clock offset of this patient's care setting, in minutes (e.g. -300 for US Eastern). */
  readonly offsetMinutes: number;
  /** The laboratory that performs this patient's tests (set with the Organization). */
  laboratory: Reference = { reference: 'Organization/unknown' };
  /** The patient's usual clinician, requester of orders (set with the Practitioner). */
  clinician: Reference = { reference: 'Practitioner/unknown' };
  private readonly resources: FhirResource[] = [];
  private readonly counters = new Map<string, number>();

  constructor(patientId: string, context: ArchetypeContext, offsetMinutes: number) {
    this.patientId = patientId;
    this.random = context.random;
    this.now = context.now;
    this.offsetMinutes = offsetMinutes;
  }

  /** Next stable id for a resource type, e.g. `pat-ckd-obs-0001`. */
  nextId(resourceType: string): string {
    const kind = ID_KIND[resourceType] ?? resourceType.toLowerCase();
    const next = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, next);
    return `${this.patientId}-${kind}-${String(next).padStart(4, '0')}`;
  }

  /** Adds a resource (its id already set by `nextId` or the caller) and returns it. */
  add<T extends FhirResource>(resource: T): T {
    this.resources.push(resource);
    return resource;
  }

  get patientReference(): Reference {
    return { reference: `Patient/${this.patientId}` };
  }

  /** UTC ms of the day `daysAgo` days before the anchor (midnight). */
  dayMs(daysAgo: number): number {
    return Math.floor(this.now / DAY_MS) * DAY_MS - Math.round(daysAgo) * DAY_MS;
  }

  /** FHIR date `daysAgo` days before the anchor. */
  date(daysAgo: number): string {
    return fhirDate(this.dayMs(daysAgo));
  }

  /** FHIR dateTime at a wall-clock minute of the day `daysAgo` days before the anchor. */
  dateTime(daysAgo: number, minuteOfDay: number): string {
    return fhirDateTime(this.dayMs(daysAgo) + minuteOfDay * 60_000, this.offsetMinutes);
  }

  toBundle(): Bundle {
    return {
      resourceType: 'Bundle',
      id: `${this.patientId}-bundle`,
      type: 'transaction',
      entry: this.resources.map((resource) => transactionEntry(resource)),
    };
  }
}

export function transactionEntry(resource: FhirResource): BundleEntry {
  const path = `${resource.resourceType}/${resource.id}`;
  return { fullUrl: `${DEMO_FHIR_BASE}/${path}`, resource, request: { method: 'PUT', url: path } };
}
