// The held-out-style "whose record" scenarios: one patient's record given with another patient's
// records mixed in, as a searchset, a transaction and a collection Bundle (relative, absolute and
// `urn:uuid:` references) and as a plain array. Each scenario's own records carry "Own" names and
// values, the other patient's "Other": a widget must show the first and drop (and count) the second.
import type { AnyResource } from '../../src/model/fhir-types.js';

export interface ScopeScenario {
  name: string;
  /** What is given as `resources`. */
  resources: unknown;
  /** The patient's own references, in the forms this scenario uses. */
  own: string[];
  /** Another patient's reference form in this scenario. */
  other: string;
  /** The id of the scenario's Patient (undefined when the Patient has only a full URL). */
  patientId?: string;
}

export const OWN = { allergy: 'Own-peanut', problem: 'Own-asthma', medication: 'Own-metformin', hba1c: 6.1, report: 'Own-lipid-panel' };
export const OTHER = { allergy: 'Other-penicillin', problem: 'Other-gout', medication: 'Other-warfarin', hba1c: 9.7, report: 'Other-blood-count' };
export const HBA1C = 'http://loinc.org|4548-4';

export function records(who: typeof OWN, refs: string[], key: string): AnyResource[] {
  const ref = (i: number) => ({ reference: refs[i % refs.length] });
  return [
    {
      resourceType: 'AllergyIntolerance',
      id: `${key}-allergy`,
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
      code: { text: who.allergy },
      patient: ref(0),
    },
    {
      resourceType: 'Condition',
      id: `${key}-condition`,
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      code: { text: who.problem },
      subject: ref(1),
      onsetDateTime: '2015-03-01',
    },
    {
      resourceType: 'MedicationRequest',
      id: `${key}-medreq`,
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: { text: who.medication },
      subject: ref(2),
      authoredOn: '2024-01-10',
      dosageInstruction: [{ text: 'One tablet twice a day' }],
    },
    ...[0, 1].map((i) => ({
      resourceType: 'Observation',
      id: `${key}-hba1c-${i}`,
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }] },
      subject: ref(i + 3),
      effectiveDateTime: `2024-0${i + 1}-15T09:00:00Z`,
      valueQuantity: { value: who.hba1c + i / 10, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
    })),
    {
      resourceType: 'DiagnosticReport',
      id: `${key}-report`,
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
      code: { text: who.report },
      subject: ref(5),
      effectiveDateTime: '2024-02-01T09:00:00Z',
      result: [{ reference: `Observation/${key}-hba1c-0` }],
    },
  ];
}

export const patient = (id: string | undefined): AnyResource => ({
  resourceType: 'Patient',
  ...(id ? { id } : {}),
  name: [{ family: 'Scope', given: ['Sam'] }],
  gender: 'female',
  birthDate: '1970-01-01',
});

export function bundle(type: string, entries: { resource: AnyResource; fullUrl?: string }[]): unknown {
  return { resourceType: 'Bundle', type, entry: entries.map((e) => ({ ...(e.fullUrl ? { fullUrl: e.fullUrl } : {}), resource: e.resource })) };
}

const withUrls = (resources: AnyResource[], base: string) =>
  resources.map((resource) => ({ resource, fullUrl: `${base}/${resource.resourceType}/${resource.id}` }));
const withUuids = (resources: AnyResource[], prefix: string) =>
  resources.map((resource, i) => ({ resource, fullUrl: `urn:uuid:${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}` }));

const BASE = 'https://ehr.example/fhir';
const UUID_OWN = 'urn:uuid:6f1c2a3e-1111-4aaa-8bbb-000000000001';
const UUID_OTHER = 'urn:uuid:6f1c2a3e-2222-4aaa-8bbb-000000000002';
const UUID_COLLECTION = 'urn:uuid:6f1c2a3e-3333-4aaa-8bbb-000000000003';

export const SCOPE_SCENARIOS: ScopeScenario[] = [
  (() => {
    const own = ['Patient/p1', `${BASE}/Patient/p1`];
    const other = 'Patient/p2';
    return {
      name: 'searchset Bundle, relative and absolute references',
      own,
      other,
      patientId: 'p1',
      resources: bundle('searchset', [
        { resource: patient('p1'), fullUrl: `${BASE}/Patient/p1` },
        ...withUrls(records(OWN, own, 'own'), BASE),
        ...withUrls(records(OTHER, [other], 'other'), BASE),
      ]),
    };
  })(),
  (() => {
    // A transaction: the Patient has no id yet, only its urn:uuid full URL.
    const own = [UUID_OWN];
    return {
      name: 'transaction Bundle, urn:uuid references to a Patient with no id',
      own,
      other: UUID_OTHER,
      resources: bundle('transaction', [
        { resource: patient(undefined), fullUrl: UUID_OWN },
        ...withUuids(records(OWN, own, 'own'), 'aaaaaaaa'),
        ...withUuids(records(OTHER, [UUID_OTHER], 'other'), 'bbbbbbbb'),
      ]),
    };
  })(),
  (() => {
    // A collection: the Patient's id differs from its urn:uuid full URL; both forms are used.
    const own = [UUID_COLLECTION, 'Patient/p3', `${BASE}/Patient/p3`];
    const other = 'https://elsewhere.example/fhir/Patient/p9';
    return {
      name: 'collection Bundle, urn:uuid, relative and absolute references',
      own,
      other,
      patientId: 'p3',
      resources: bundle('collection', [
        { resource: patient('p3'), fullUrl: UUID_COLLECTION },
        ...withUuids(records(OWN, own, 'own'), 'cccccccc'),
        ...withUuids(records(OTHER, [other], 'other'), 'dddddddd'),
      ]),
    };
  })(),
  (() => {
    // The reported case: an array with the Patient and another patient's records, no patient named.
    const own = ['Patient/p1'];
    return {
      name: 'array with a Patient and another patient’s records',
      own,
      other: 'Patient/p2',
      patientId: 'p1',
      resources: [patient('p1'), ...records(OWN, own, 'own'), ...records(OTHER, ['Patient/p2'], 'other')],
    };
  })(),
];
