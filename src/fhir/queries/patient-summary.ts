// What the patient summary reads: the Patient, and per section its search. A section that fails is
// an outcome of its own (the rest of the summary still shows); only the Patient's failure fails all.
import type { AnyResource } from '../../model/fhir-types.js';
import { recordPatient } from '../../model/patient-identity.js';
import { VITAL_SIGN_CODE_PARAM } from '../../model/vital-signs.js';
import { described } from '../described.js';
import { failure, isAbort, toFhirError, type FhirError } from '../errors.js';
import type { FhirLoader, SearchResult } from '../loader.js';
import { allergies as allergySearch } from './allergies.js';
import { referencedMedications } from './referenced-medications.js';
import { CONDITION_SEARCH, MEDICATION_REQUEST_SEARCH } from './searches.js';

/** Most recent vital-sign Observations read (newest first); older readings are not searched. */
export const VITAL_SIGNS_LIMIT = 200;

/** The latest vital signs: every vital-sign code, newest first, one page of 100 at a time. */
export const VITAL_SIGNS_SEARCH = {
  resourceType: 'Observation',
  params: { code: VITAL_SIGN_CODE_PARAM, _sort: '-date', _count: '100' },
} as const;

/** A section's data, or why it could not be loaded. */
export type Outcome<T> = { value: T } | { error: FhirError };

/** Which sections to read. */
export interface PatientSummaryQuery {
  allergies: boolean;
  problems: boolean;
  medications: boolean;
  vitals: boolean;
}

export interface PatientSummaryData {
  /** The Patient (undefined when resources given directly hold none). */
  patient?: AnyResource;
  allergies?: Outcome<SearchResult>;
  problems?: Outcome<SearchResult>;
  medications?: Outcome<{ result: SearchResult; fetched: AnyResource[] }>;
  vitals?: Outcome<SearchResult>;
}

/** Reads the summary's data; rejects only when the Patient cannot be read (or on cancellation). */
export async function patientSummary(
  loader: FhirLoader,
  sections: PatientSummaryQuery,
  signal: AbortSignal,
): Promise<PatientSummaryData> {
  const patientId = await loader.patientId();
  let patient: Promise<AnyResource | undefined>;
  if (patientId !== undefined) {
    patient = loader.read(`Patient/${patientId}`, { signal });
  } else {
    const local = await loader.localResources();
    if (!local) throw failure('not-configured', 'noPatient', []);
    patient = Promise.resolve(recordPatient(local));
  }
  const settle = async <T>(run: () => Promise<T>): Promise<Outcome<T>> => {
    try {
      return { value: await run() };
    } catch (error) {
      if (isAbort(error, signal)) throw error;
      return { error: await described(toFhirError(error)) };
    }
  };
  const search = (type: string, params: Readonly<Record<string, string>>, limit?: number) =>
    loader.searchPatient(type, params, { signal, ...(limit ? { limit } : {}) });
  const [record, allergies, problems, medications, vitals] = await Promise.all([
    patient,
    sections.allergies ? settle(() => allergySearch(loader, signal)) : undefined,
    sections.problems ? settle(() => search(CONDITION_SEARCH.resourceType, CONDITION_SEARCH.params)) : undefined,
    sections.medications
      ? settle(async () => {
          const result = await search(MEDICATION_REQUEST_SEARCH.resourceType, MEDICATION_REQUEST_SEARCH.params);
          // Medications neither contained nor included: read them (deduped with the medication list).
          const fetched = await referencedMedications(loader, result.resources, result.included, signal);
          return { result, fetched };
        })
      : undefined,
    // By code, so that a trend on the page asked for at the same time shares one Observation search.
    sections.vitals
      ? settle(() =>
          loader.searchPatientByCode(VITAL_SIGNS_SEARCH.resourceType, {
            codes: VITAL_SIGNS_SEARCH.params.code,
            sort: VITAL_SIGNS_SEARCH.params._sort,
            count: Number(VITAL_SIGNS_SEARCH.params._count),
            limit: VITAL_SIGNS_LIMIT,
            signal,
          }),
        )
      : undefined,
  ]);
  return { patient: record, allergies, problems, medications, vitals };
}
