// FHIR shapes used across the kit. R4 types are the common vocabulary; version-specific
// shapes (DSTU2, STU3, R5) are read as loose records inside the model functions that handle them.
export type {
  AllergyIntolerance,
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Condition,
  Dosage,
  FhirResource,
  Identifier,
  Medication,
  MedicationRequest,
  MedicationStatement,
  Observation,
  OperationOutcome,
  Patient,
  Quantity,
  Reference,
  Resource,
} from 'fhir/r4.js'; // with .js: Node16 ESM resolution of the shipped .d.ts finds @types/fhir/r4.d.ts

/** A resource of any FHIR version, read defensively: every field may be missing or malformed. */
export interface AnyResource {
  resourceType: string;
  id?: string;
  [field: string]: unknown;
}
