// A regional health information exchange (HIE) for the demo: a second FHIR server (`/hie/fhir` on
// the local server) that knows some of the EMR's patients under its own ids, with records that
// partly overlap the EMR's and partly differ — what a chart merging several sources has to handle:
//   pat-child    an ibuprofen allergy only the HIE knows, while the EMR has an active ibuprofen
//                order (a cross-source drug–allergy conflict); the peanut allergy and peanut IgE
//                both sources hold; emergency-department vitals only the HIE has
//   pat-ckd      a birth date that differs by a typo (day digits transposed, 21 ↔ 12 with the
//                default anchor); a sulfonamide allergy contradicting the EMR's "no known allergy";
//                the latest eGFR and potassium results duplicated; PTH and phosphate only at the HIE
//   pat-diabetes "no known allergy" asserted only at the HIE (the EMR records nothing); the latest
//                HbA1c results duplicated, one HbA1c point and LDL cholesterol only at the HIE, a
//                near-duplicate HbA1c (same value, next day); metformin duplicated; empagliflozin
//                started at the hospital
//   pat-elderly  the penicillin allergy duplicated; amlodipine at the hospital's different dose
//   pat-infant   unknown to the HIE
// Duplicates are copies of the EMR's resources (same code, effective time, value and unit, or the
// same coded product/substance and status) under HIE ids. The EMR's Observations carry no
// identifiers, so observations are duplicates by content; the HIE's Patient carries the EMR's MRN
// beside its own enterprise id. Deterministic: built from `generateDemoPatients` with the same seed
// and anchor, plus a seeded stream per HIE patient; ids, counts and structure never depend on the seed.
import type { AllergyIntolerance, Bundle, FhirResource, MedicationRequest, Observation, Patient, Reference } from 'fhir/r4';
import { addAllergy } from './allergies.js';
import { parseAnchor } from './clinical-time.js';
import { DEFAULT_DEMO_NOW, DEFAULT_DEMO_SEED, generateDemoPatients, resourcesOf, type DemoOptions } from './generator.js';
import { addMedicationRequest, doseOf, mg, rxnorm, tablets } from './medications.js';
import { quantityResult } from './observations.js';
import { addCareSetting, type CareSetting } from './people.js';
import { PatientRecord, transactionEntry } from './patient-record.js';
import { HIE_PATIENTS, type HieKnownPatient } from './hie-patients.js';
import { SeededRandom, streamSeed } from './random.js';
import { ROUTE, SERIES, SYSTEM, coding, concept, snomed, type QuantitySeries } from './terminology.js';

/** Base of the HIE bundles' fullUrls (the EMR's are under DEMO_FHIR_BASE). */
export const HIE_FHIR_BASE = 'https://hie.fhir-elements.example/fhir';
/** The HIE's own patient identifier system (its enterprise master patient index). */
export const HIE_ENTERPRISE_ID_SYSTEM = 'https://pioneer-valley-hie.example/fhir/sid/empi';

export { HIE_PATIENTS, type HieKnownPatient } from './hie-patients.js';

/**
 * Ids of the HIE resources (and of the EMR resources they overlap with) that tests can rely on.
 * Independent of the seed and anchor; a test checks each against the generated data.
 */
export const HIE_NOTABLE = {
  'pat-child': {
    /** Active, confirmed ibuprofen allergy (RxNorm 5640), only at the HIE. */
    ibuprofenAllergy: 'hie-5518-allergy-0001',
    /** The EMR's active ibuprofen order (RxNorm 5640) it conflicts with. */
    emrIbuprofenOrder: 'pat-child-medreq-0004',
    /** Same coded substance and status as the EMR's peanut allergy. */
    duplicatePeanutAllergy: 'hie-5518-allergy-0002',
    emrPeanutAllergy: 'pat-child-allergy-0001',
    /** Same code, effective time, value and unit as the EMR's peanut IgE. */
    duplicatePeanutIgE: 'hie-5518-obs-0001',
    emrPeanutIgE: 'pat-child-obs-0066',
    /** Emergency-department temperature (8310-5), only at the HIE. */
    edTemperature: 'hie-5518-obs-0003',
  },
  'pat-ckd': {
    /** The HIE's Patient: birth date with the day's digits transposed. */
    patient: 'hie-2264',
    /** Active sulfonamide allergy, contradicting the EMR's "no known allergy" (pat-ckd-allergy-0001). */
    sulfonamideAllergy: 'hie-2264-allergy-0001',
    emrNoKnownAllergy: 'pat-ckd-allergy-0001',
    /** The EMR's latest eGFR, duplicated at the HIE. */
    duplicateLatestEgfr: 'hie-2264-obs-0003',
    emrLatestEgfr: 'pat-ckd-obs-0098',
    /** PTH (2731-8), only at the HIE: first of two. */
    parathyroidHormone: 'hie-2264-obs-0005',
    /** The EMR's active furosemide order, duplicated. */
    duplicateFurosemide: 'hie-2264-medreq-0001',
  },
  'pat-diabetes': {
    /** "No known allergy" (SNOMED 716186003), asserted only at the HIE. */
    noKnownAllergy: 'hie-7301-allergy-0001',
    /** The EMR's latest HbA1c (pat-diabetes-obs-0068), duplicated. */
    duplicateLatestHba1c: 'hie-7301-obs-0003',
    emrLatestHba1c: 'pat-diabetes-obs-0068',
    /** Same value and unit as the EMR's latest HbA1c, one day later: a different result. */
    nearDuplicateHba1c: 'hie-7301-obs-0004',
    /** An HbA1c only the HIE has (between the EMR's last two). */
    hieOnlyHba1c: 'hie-7301-obs-0005',
    /** LDL cholesterol (13457-7), only at the HIE: first of three. */
    ldlCholesterol: 'hie-7301-obs-0006',
    /** Empagliflozin, started at the hospital (active), unknown to the EMR. */
    empagliflozin: 'hie-7301-medreq-0001',
    /** The EMR's active metformin order, duplicated (same product, same status). */
    duplicateMetformin: 'hie-7301-medreq-0002',
    emrActiveMetformin: 'pat-diabetes-medreq-0002',
  },
  'pat-elderly': {
    duplicatePenicillinAllergy: 'hie-9046-allergy-0001',
    emrPenicillinAllergy: 'pat-elderly-allergy-0001',
    /** Amlodipine 5 mg tablets at 2 tablets a day: the EMR's order is 1 tablet, so two rows. */
    differentDoseAmlodipine: 'hie-9046-medreq-0001',
    emrAmlodipine: 'pat-elderly-medreq-0008',
  },
} as const satisfies Record<HieKnownPatient, Record<string, string>>;

const HOSPITAL: CareSetting = {
  organizationName: 'Mercy Valley Hospital (via Pioneer Valley HIE)',
  organizationIdentifier: { system: 'https://pioneer-valley-hie.example/fhir/sid/org', value: 'MVH' },
  address: { use: 'work', line: ['300 Mercy Drive'], city: 'Holyoke', state: 'MA', postalCode: '01040', country: 'US' },
  phone: '+1 413 555 0300',
  clinician: { use: 'official', family: 'Alvarez', given: ['Diego'], prefix: ['Dr'] },
  clinicianIdentifier: { system: SYSTEM.npi, value: '1568490231' },
};

const LDL: QuantitySeries = {
  loinc: '13457-7', display: 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation', text: 'LDL cholesterol',
  category: 'laboratory', unit: 'mg/dL', ucum: 'mg/dL', decimals: 0, high: 100,
};
const PTH: QuantitySeries = {
  loinc: '2731-8', display: 'Parathyrin.intact [Mass/volume] in Serum or Plasma', text: 'PTH (intact)',
  category: 'laboratory', unit: 'pg/mL', ucum: 'pg/mL', decimals: 0, low: 15, high: 65,
};
const PHOSPHATE: QuantitySeries = {
  loinc: '2777-1', display: 'Phosphate [Mass/volume] in Serum or Plasma', text: 'Phosphate',
  category: 'laboratory', unit: 'mg/dL', ucum: 'mg/dL', decimals: 1, low: 2.5, high: 4.5,
};

/** One HIE patient being built: its record (HIE ids), the EMR's resources, and notable ids. */
class HieRecord {
  readonly record: PatientRecord;
  readonly notable: Record<string, string> = {};
  private readonly emr: FhirResource[];
  private readonly emrPatientId: string;

  constructor(emrPatientId: HieKnownPatient, emr: FhirResource[], now: number, seed: number, offsetMinutes: number) {
    const hieId = HIE_PATIENTS[emrPatientId];
    this.emrPatientId = emrPatientId;
    this.emr = emr;
    this.record = new PatientRecord(hieId, { random: new SeededRandom(streamSeed(seed, hieId)), now }, offsetMinutes);
    addCareSetting(this.record, HOSPITAL);
  }

  emrResources(): readonly FhirResource[] {
    return this.emr;
  }

  /** The EMR resource with this id, or an error naming it (the EMR data changed shape). */
  emrResource<T extends FhirResource>(resourceType: T['resourceType'], id: string): T {
    const found = this.emr.find((resource) => resource.resourceType === resourceType && resource.id === id);
    if (!found) throw new Error(`HIE data: the EMR has no ${resourceType}/${id}`);
    return found as T;
  }

  /** The EMR's last `count` final Observations of a LOINC code, oldest first. */
  latestResults(loinc: string, count: number): Observation[] {
    const results = this.emr.filter(
      (resource): resource is Observation =>
        resource.resourceType === 'Observation' &&
        ['final', 'amended', 'corrected'].includes(resource.status) &&
        resource.code.coding?.some((c) => c.system === SYSTEM.loinc && c.code === loinc) === true,
    );
    results.sort((a, b) => Date.parse(a.effectiveDateTime ?? '') - Date.parse(b.effectiveDateTime ?? ''));
    if (results.length < count) throw new Error(`HIE data: the EMR has fewer than ${count} results of ${loinc}`);
    return results.slice(-count);
  }

  /** The Patient: the EMR's person under the HIE's id, with the HIE's enterprise id and the EMR's identifiers. */
  addPatient(changes: Partial<Patient> = {}): Patient {
    const emrPatient = this.emrResource<Patient>('Patient', this.emrPatientId);
    const patient: Patient = {
      resourceType: 'Patient',
      id: this.record.patientId,
      identifier: [
        { use: 'official', system: HIE_ENTERPRISE_ID_SYSTEM, value: `E${this.record.patientId.slice(4)}` },
        ...(emrPatient.identifier ?? []).map((identifier) => ({ ...identifier, use: 'secondary' as const })),
      ],
      active: true,
      name: structuredClone(emrPatient.name),
      telecom: structuredClone(emrPatient.telecom),
      gender: emrPatient.gender,
      birthDate: emrPatient.birthDate,
      address: structuredClone(emrPatient.address),
      managingOrganization: this.record.laboratory,
      ...changes,
    };
    return this.record.add(patient);
  }

  /** A copy of an EMR resource under an HIE id: this patient, display-only performers and requesters. */
  copy<T extends Observation | AllergyIntolerance | MedicationRequest>(resource: T, changes: Partial<T> = {}): T {
    const copied = structuredClone(resource);
    copied.id = this.record.nextId(resource.resourceType);
    rehome(copied, this.emrPatientId, this.record.patientId);
    Object.assign(copied, changes);
    return this.record.add(copied);
  }
}

/**
 * Points a copied resource at the HIE's patient; references to the EMR's practitioners and
 * organisations become display-only (the HIE does not hold them). Any other reference is refused.
 */
function rehome(value: unknown, emrPatientId: string, hiePatientId: string): void {
  if (Array.isArray(value)) {
    for (const item of value) rehome(item, emrPatientId, hiePatientId);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const object = value as Record<string, unknown> & Reference;
  if (typeof object.reference === 'string') {
    if (object.reference === `Patient/${emrPatientId}`) object.reference = `Patient/${hiePatientId}`;
    else if (/^(Practitioner|Organization)\//.test(object.reference)) delete object.reference;
    else throw new Error(`HIE data: cannot copy a resource referring to ${object.reference}`);
    return;
  }
  for (const child of Object.values(object)) rehome(child, emrPatientId, hiePatientId);
}

/** A date with a typist's error: the day's two digits transposed, else its last digit one key over. */
export function birthDateTypo(date: string): string {
  const [year, month, day] = date.split('-');
  const valid = (candidate: string): boolean => {
    const parsed = new Date(`${candidate}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === candidate;
  };
  const swapped = `${year}-${month}-${day[1]}${day[0]}`;
  if (swapped !== date && valid(swapped)) return swapped;
  const last = Number(day[1]);
  const neighbour = `${year}-${month}-${day[0]}${last === 9 || !valid(`${year}-${month}-${day[0]}${last + 1}`) ? last - 1 : last + 1}`;
  return neighbour;
}

function child(hie: HieRecord): void {
  const { record, notable } = hie;
  hie.addPatient();
  const ibuprofen = concept(
    [coding(SYSTEM.rxnorm, '5640', 'ibuprofen'), coding(SYSTEM.snomed, '387207008', 'Ibuprofen (substance)')],
    'Ibuprofen',
  );
  notable.ibuprofenAllergy = addAllergy(record, {
    code: ibuprofen,
    clinicalStatus: 'active',
    verificationStatus: 'confirmed',
    type: 'allergy',
    category: ['medication'],
    criticality: 'high',
    onsetDaysAgo: 4,
    recordedDaysAgo: 4,
    reactions: [
      {
        substance: ibuprofen,
        manifestation: [snomed('126485001', 'Urticaria'), snomed('41291007', 'Angioedema')],
        severity: 'moderate',
        onsetDaysAgo: 4,
        exposureRoute: ROUTE.oral,
        description: 'Facial swelling and hives an hour after a dose of ibuprofen; seen in the children’s emergency department.',
      },
    ],
    note: 'Advised to avoid ibuprofen and other NSAIDs; paracetamol (acetaminophen) tolerated.',
  }).id!;
  notable.emrIbuprofenOrder = hie.emrResource<MedicationRequest>('MedicationRequest', HIE_NOTABLE['pat-child'].emrIbuprofenOrder).id!;
  notable.emrPeanutAllergy = HIE_NOTABLE['pat-child'].emrPeanutAllergy;
  notable.duplicatePeanutAllergy = hie.copy(hie.emrResource<AllergyIntolerance>('AllergyIntolerance', notable.emrPeanutAllergy)).id!;
  const [peanutIgE] = hie.latestResults(SERIES.peanutIgE.loinc, 1);
  notable.emrPeanutIgE = peanutIgE!.id!;
  notable.duplicatePeanutIgE = hie.copy(peanutIgE!).id!;
  const edMinute = 19 * 60 + 40;
  quantityResult(record, SERIES.heartRate, 128 + record.random.noise(4), 4, { minuteOfDay: edMinute, range: { low: 80, high: 120 } });
  notable.edTemperature = quantityResult(record, SERIES.bodyTemperature, 38.4 + record.random.noise(0.1), 4, {
    minuteOfDay: edMinute,
  }).id!;
}

function ckd(hie: HieRecord): void {
  const { record, notable } = hie;
  const emrPatient = hie.emrResource<Patient>('Patient', 'pat-ckd');
  notable.patient = hie.addPatient({ birthDate: birthDateTypo(emrPatient.birthDate!) }).id!;
  const sulfonamide = concept([coding(SYSTEM.snomed, '387406002', 'Sulfonamide (substance)')], 'Sulfonamide antibiotics');
  notable.sulfonamideAllergy = addAllergy(record, {
    code: sulfonamide,
    clinicalStatus: 'active',
    verificationStatus: 'confirmed',
    type: 'allergy',
    category: ['medication'],
    criticality: 'low',
    onsetDaysAgo: 900,
    recordedDaysAgo: 880,
    reactions: [{ manifestation: [snomed('271807003', 'Eruption of skin')], severity: 'moderate', onsetDaysAgo: 900 }],
    note: 'Rash with co-trimoxazole during a hospital admission.',
  }).id!;
  notable.emrNoKnownAllergy = HIE_NOTABLE['pat-ckd'].emrNoKnownAllergy;
  hie.emrResource<AllergyIntolerance>('AllergyIntolerance', notable.emrNoKnownAllergy);
  const egfr = hie.latestResults(SERIES.egfr.loinc, 3);
  for (const result of egfr) notable.duplicateLatestEgfr = hie.copy(result).id!;
  notable.emrLatestEgfr = egfr[egfr.length - 1]!.id!;
  hie.copy(hie.latestResults(SERIES.potassium.loinc, 1)[0]!);
  notable.parathyroidHormone = quantityResult(record, PTH, 118 + record.random.noise(8), 200).id!;
  quantityResult(record, PTH, 142 + record.random.noise(8), 35);
  quantityResult(record, PHOSPHATE, 4.9 + record.random.noise(0.2), 35);
  const furosemide = hie.emrResource<MedicationRequest>('MedicationRequest', findOrder(hie, 'pat-ckd', '313988', 'active'));
  notable.duplicateFurosemide = hie.copy(furosemide).id!;
}

function diabetes(hie: HieRecord): void {
  const { record, notable } = hie;
  hie.addPatient();
  notable.noKnownAllergy = addAllergy(record, {
    code: snomed('716186003', 'No known allergy', 'No known allergies'),
    clinicalStatus: 'active',
    verificationStatus: 'confirmed',
    recordedDaysAgo: 60,
  }).id!;
  const hba1c = hie.latestResults(SERIES.hba1c.loinc, 3);
  for (const result of hba1c) notable.duplicateLatestHba1c = hie.copy(result).id!;
  const latest = hba1c[hba1c.length - 1]!;
  notable.emrLatestHba1c = latest.id!;
  const nextDay = (dateTime: string): string => {
    const shifted = new Date(Date.parse(dateTime) + 86_400_000 + record.offsetMinutes * 60_000).toISOString().slice(0, 19);
    return `${shifted}${dateTime.slice(19)}`;
  };
  notable.nearDuplicateHba1c = hie.copy(latest, {
    effectiveDateTime: nextDay(latest.effectiveDateTime!),
    issued: nextDay(latest.issued!),
  }).id!;
  const [previous] = hba1c.slice(-2);
  const daysAgo = (dateTime: string): number => Math.round((record.now - Date.parse(dateTime)) / 86_400_000);
  const between = Math.round((daysAgo(previous!.effectiveDateTime!) + daysAgo(latest.effectiveDateTime!)) / 2);
  const midValue = ((previous!.valueQuantity?.value ?? 8) + (latest.valueQuantity?.value ?? 8)) / 2;
  notable.hieOnlyHba1c = quantityResult(record, SERIES.hba1c, midValue, between).id!;
  notable.ldlCholesterol = quantityResult(record, LDL, 142 + record.random.noise(6), 400).id!;
  quantityResult(record, LDL, 118 + record.random.noise(6), 200);
  quantityResult(record, LDL, 96 + record.random.noise(6), 45);
  notable.empagliflozin = addMedicationRequest(record, {
    medication: { concept: rxnorm('1545658', 'empagliflozin 10 MG Oral Tablet', 'Empagliflozin 10 mg oral tablet') },
    status: 'active',
    authoredDaysAgo: 45,
    category: 'discharge',
    reason: snomed('44054006', 'Diabetes mellitus type 2'),
    note: 'Started on discharge from Mercy Valley Hospital (endocrinology).',
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['MORN'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(10)),
      },
    ],
  }).id!;
  notable.emrActiveMetformin = HIE_NOTABLE['pat-diabetes'].emrActiveMetformin;
  notable.duplicateMetformin = hie.copy(hie.emrResource<MedicationRequest>('MedicationRequest', notable.emrActiveMetformin)).id!;
}

function elderly(hie: HieRecord): void {
  const { notable } = hie;
  hie.addPatient();
  notable.emrPenicillinAllergy = HIE_NOTABLE['pat-elderly'].emrPenicillinAllergy;
  notable.duplicatePenicillinAllergy = hie.copy(
    hie.emrResource<AllergyIntolerance>('AllergyIntolerance', notable.emrPenicillinAllergy),
  ).id!;
  notable.emrAmlodipine = HIE_NOTABLE['pat-elderly'].emrAmlodipine;
  const amlodipine = hie.emrResource<MedicationRequest>('MedicationRequest', notable.emrAmlodipine);
  notable.differentDoseAmlodipine = hie.copy(amlodipine, {
    dosageInstruction: [
      {
        sequence: 1,
        text: 'Take TWO tablets each morning',
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', timeOfDay: ['08:00:00'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(tablets(2)),
      },
    ],
  }).id!;
}

/** The id of the EMR's MedicationRequest for an RxNorm code with a status (the first one). */
function findOrder(hie: HieRecord, emrPatientId: string, rxnormCode: string, status: MedicationRequest['status']): string {
  const order = hie
    .emrResources()
    .find(
      (resource): resource is MedicationRequest =>
        resource.resourceType === 'MedicationRequest' &&
        resource.status === status &&
        resource.medicationCodeableConcept?.coding?.some((c) => c.system === SYSTEM.rxnorm && c.code === rxnormCode) === true,
    );
  if (!order?.id) throw new Error(`HIE data: ${emrPatientId} has no ${status} order for RxNorm ${rxnormCode}`);
  return order.id;
}

const BUILDERS: Record<HieKnownPatient, { build: (hie: HieRecord) => void; offsetMinutes: number }> = {
  'pat-diabetes': { build: diabetes, offsetMinutes: -300 },
  'pat-ckd': { build: ckd, offsetMinutes: -300 },
  'pat-child': { build: child, offsetMinutes: -300 },
  'pat-elderly': { build: elderly, offsetMinutes: 0 },
};

interface HieBuild {
  readonly bundle: Bundle;
  readonly notable: Readonly<Record<string, string>>;
}

function buildAll(options: DemoOptions): Map<HieKnownPatient, HieBuild> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const now = parseAnchor(options.now ?? DEFAULT_DEMO_NOW);
  const emrBundles = generateDemoPatients(options);
  const built = new Map<HieKnownPatient, HieBuild>();
  for (const emrPatientId of Object.keys(HIE_PATIENTS) as HieKnownPatient[]) {
    const emrBundle = emrBundles.find((bundle) => bundle.id === `${emrPatientId}-bundle`);
    if (!emrBundle) throw new Error(`HIE data: no EMR bundle for ${emrPatientId}`);
    const { build, offsetMinutes } = BUILDERS[emrPatientId];
    const hie = new HieRecord(emrPatientId, resourcesOf(emrBundle), now, seed, offsetMinutes);
    build(hie);
    const bundle = hie.record.toBundle();
    bundle.id = `${HIE_PATIENTS[emrPatientId]}-bundle`;
    bundle.entry = bundle.entry?.map((entry) => ({
      ...transactionEntry(entry.resource!),
      fullUrl: `${HIE_FHIR_BASE}/${entry.resource!.resourceType}/${entry.resource!.id}`,
    }));
    built.set(emrPatientId, { bundle, notable: hie.notable });
  }
  return built;
}

/** One transaction Bundle per HIE patient, in `HIE_PATIENTS` order; same options as `generateDemoPatients`. */
export function generateHiePatients(options: DemoOptions = {}): Bundle[] {
  return [...buildAll(options).values()].map((built) => built.bundle);
}

/** The HIE's resources for an EMR patient (for stories and `resources` properties); empty when the HIE does not know them. */
export function hieResources(emrPatientId: string, options: DemoOptions = {}): FhirResource[] {
  const built = buildAll(options).get(emrPatientId as HieKnownPatient);
  return built ? resourcesOf(built.bundle) : [];
}

/** The notable ids as generated (for the test that keeps HIE_NOTABLE honest). */
export function generatedHieNotableIds(options: DemoOptions = {}): Record<string, Readonly<Record<string, string>>> {
  return Object.fromEntries([...buildAll(options)].map(([id, built]) => [id, built.notable]));
}
