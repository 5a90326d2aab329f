// Named queries (this folder): what a widget needs, as one function `(loader, options, signal) =>
// Promise<TypedData>` that runs the searches, reads and fallbacks through the loader; an element
// calls one and renders. They may use src/model's helpers, never src/elements.
//
// The searches widgets share. Two widgets that need the same data call the loader with the same
// type and parameters, so the loader sends one request and both get one cached result.

export interface PatientSearch {
  readonly resourceType: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Allergies: the banner, the summary and the medication list's conflict check share this one. */
export const ALLERGY_SEARCH: PatientSearch = { resourceType: 'AllergyIntolerance', params: {} };

/** Orders with their referenced Medications included (medication list and summary). */
export const MEDICATION_REQUEST_SEARCH: PatientSearch = {
  resourceType: 'MedicationRequest',
  params: { _include: 'MedicationRequest:medication' },
};

/** Patient-reported and imported medication history (medication list). */
export const MEDICATION_STATEMENT_SEARCH: PatientSearch = { resourceType: 'MedicationStatement', params: {} };

/** Problems (summary). */
export const CONDITION_SEARCH: PatientSearch = { resourceType: 'Condition', params: {} };

/** DSTU2 prescriptions, where a server has no MedicationRequest (medication list). */
export const MEDICATION_ORDER_SEARCH: PatientSearch = { resourceType: 'MedicationOrder', params: {} };
