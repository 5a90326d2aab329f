// Seeded demo data for fhir-elements: realistic FHIR R4 patients as transaction Bundles
// (PUT <Type>/<id>, stable ids), for the local FHIR server, Storybook stories, tests and benchmarks.
// Pure TypeScript, no Node or DOM imports: runs in the browser and in Node alike.
import type { Bundle, FhirResource } from 'fhir/r4';
import { ckdPatient } from './archetypes/ckd.js';
import { childPatient } from './archetypes/child.js';
import { diabetesPatient } from './archetypes/diabetes.js';
import { elderlyPatient } from './archetypes/elderly.js';
import { infantPatient } from './archetypes/infant.js';
import type { ArchetypeResult } from './archetypes/archetype-result.js';
import { parseAnchor } from './clinical-time.js';
import { transactionEntry, type ArchetypeContext } from './patient-record.js';
import { SeededRandom, streamSeed } from './random.js';
import { generateResults, RESULTS_NOTABLE } from './results.js';

export { generateScalePatient, SCALE_SERIES_CODES, type ScalePatientOptions } from './scale.js';
export { DEMO_FHIR_BASE } from './patient-record.js';
export { generateResults, RESULTS_NOTABLE, type ResultsDataOptions } from './results.js';

/** The default anchor: every date is computed back from it, so output never depends on the clock. */
export const DEFAULT_DEMO_NOW = '2026-11-01';
export const DEFAULT_DEMO_SEED = 1;

export interface DemoOptions {
  /** PRNG seed (values and times vary with it; ids, counts and structure do not). Default 1. */
  seed?: number;
  /** Anchor date or dateTime ("today" for the data). Default '2026-11-01'. */
  now?: string;
}

export const DEMO_ARCHETYPES = ['diabetes', 'ckd', 'child', 'elderly', 'infant'] as const;
export type DemoArchetype = (typeof DEMO_ARCHETYPES)[number];

export interface DemoPatient {
  readonly id: string;
  readonly label: string;
  readonly archetype: DemoArchetype;
  readonly description: string;
}

/** The demo patients, in the order `generateDemoPatients` returns their bundles. */
export const DEMO_PATIENTS: readonly DemoPatient[] = [
  {
    id: 'pat-diabetes',
    label: 'Rajesh Patel (60, type 2 diabetes)',
    archetype: 'diabetes',
    description:
      'HbA1c rising over 8 years (N/H/HH), fasting glucose, BP panel 85354-9, metformin then insulin, one entered-in-error HbA1c, no allergy records.',
  },
  {
    id: 'pat-ckd',
    label: "Margaret O'Brien (74, chronic kidney disease)",
    archetype: 'ckd',
    description:
      'eGFR falling; creatinine and hemoglobin change units mid-record; one critical potassium; CRP "<5 mg/L"; BP 55284-4; no known allergies asserted.',
  },
  {
    id: 'pat-child',
    label: 'Amelia Thompson (4, peanut allergy)',
    archetype: 'child',
    description: 'High-criticality peanut allergy with severe anaphylaxis; growth vitals from birth; fever at a recent visit.',
  },
  {
    id: 'pat-elderly',
    label: 'Arthur Whitfield (88, polypharmacy)',
    archetype: 'elderly',
    description:
      '17 medication orders of every status and dosage shape; penicillin allergy with an active amoxicillin order; unconfirmed, inactive and entered-in-error allergies.',
  },
  {
    id: 'pat-infant',
    label: 'Oliver Nowak (4 weeks)',
    archetype: 'infant',
    description: 'Newborn weights, length and vitals; nothing else recorded (no allergies, medicines or problems).',
  },
];

const BUILDERS: Record<DemoArchetype, (context: ArchetypeContext) => ArchetypeResult> = {
  diabetes: diabetesPatient,
  ckd: ckdPatient,
  child: childPatient,
  elderly: elderlyPatient,
  infant: infantPatient,
};

/**
 * The patient who also has DiagnosticReports and ImagingStudies (demo/data/results.ts) for
 * <fhir-results>. pat-diabetes, because none of its Observation codes is a results code (its lab
 * trends, HIE duplicates and notable ids stay as they were) and a lipid panel and BMP are what a
 * diabetes review orders.
 */
export const RESULTS_PATIENT = 'pat-diabetes';

function build(patient: DemoPatient, options: DemoOptions): ArchetypeResult {
  const now = parseAnchor(options.now ?? DEFAULT_DEMO_NOW);
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  // Each patient draws from its own stream, so changing one archetype never shifts another.
  const random = new SeededRandom(streamSeed(seed, patient.id));
  const built = BUILDERS[patient.archetype]({ random, now });
  if (patient.id !== RESULTS_PATIENT) return built;
  // Appended after the archetype's resources, from a stream of their own: the archetype's ids and
  // values are unchanged, and the seed changes only values here too.
  const results = generateResults(patient.id, { now: new Date(now).toISOString(), seed: streamSeed(seed, `${patient.id}/results`) });
  return {
    bundle: { ...built.bundle, entry: [...(built.bundle.entry ?? []), ...results.map((resource) => transactionEntry(resource))] },
    notable: { ...built.notable, ...resultsNotable(patient.id) },
  };
}

function resultsNotable(patientId: string) {
  return {
    criticalPotassium: RESULTS_NOTABLE.criticalPotassium(patientId),
    correctedCbcReport: RESULTS_NOTABLE.corrected(patientId),
    preliminaryCmpReport: RESULTS_NOTABLE.preliminary(patientId),
    enteredInErrorBmpReport: RESULTS_NOTABLE.enteredInError(patientId),
    chestXrayReport: RESULTS_NOTABLE.chestXray(patientId),
    ctReport: RESULTS_NOTABLE.ctReport(patientId),
    ctStudy: RESULTS_NOTABLE.ctStudy(patientId),
    unreportedStudy: RESULTS_NOTABLE.unreportedStudy(patientId),
  };
}

/** One FHIR R4 transaction Bundle per demo patient, in `DEMO_PATIENTS` order. */
export function generateDemoPatients(options: DemoOptions = {}): Bundle[] {
  return DEMO_PATIENTS.map((patient) => build(patient, options).bundle);
}

/** The entry resources of a Bundle, in entry order (entries without a resource are skipped). */
export function resourcesOf<T extends FhirResource = FhirResource>(bundle: Bundle<T>): T[] {
  const resources: T[] = [];
  for (const entry of bundle.entry ?? []) if (entry.resource) resources.push(entry.resource);
  return resources;
}

/**
 * The resources of one demo patient (for stories and `resources` properties); an empty array for
 * an unknown id.
 */
export function demoResources(patientId: string, options: DemoOptions = {}): FhirResource[] {
  const patient = DEMO_PATIENTS.find((candidate) => candidate.id === patientId);
  return patient ? resourcesOf(build(patient, options).bundle) : [];
}

/**
 * Ids of the resources widget tests can rely on, per patient. Independent of the seed and anchor;
 * the generator test checks each one against the generated data.
 */
export const DEMO_NOTABLE = {
  'pat-diabetes': {
    enteredInErrorCondition: 'pat-diabetes-cond-0005',
    stoppedMetformin: 'pat-diabetes-medreq-0001',
    activeMetformin: 'pat-diabetes-medreq-0002',
    insulinMedication: 'pat-diabetes-med-0001',
    insulinGlargine: 'pat-diabetes-medreq-0003',
    insulinLispro: 'pat-diabetes-medreq-0004',
    medicationStatement: 'pat-diabetes-medstmt-0001',
    enteredInErrorHba1c: 'pat-diabetes-obs-0046',
    lowGlucose: 'pat-diabetes-obs-0063',
    amendedHba1c: 'pat-diabetes-obs-0029',
    latestHba1c: 'pat-diabetes-obs-0068',
    textRangeUrineAcr: 'pat-diabetes-obs-0070',
    preliminaryUrineAcr: 'pat-diabetes-obs-0077',
    // Results (demo/data/results.ts): CBC, BMP and lipid panels yearly for 5 years, imaging.
    criticalPotassium: 'pat-diabetes-res-k-critical',
    correctedCbcReport: 'pat-diabetes-dr-corrected',
    preliminaryCmpReport: 'pat-diabetes-dr-preliminary',
    enteredInErrorBmpReport: 'pat-diabetes-dr-eie',
    chestXrayReport: 'pat-diabetes-dr-cxr',
    ctReport: 'pat-diabetes-dr-ct',
    ctStudy: 'pat-diabetes-is-ct',
    unreportedStudy: 'pat-diabetes-is-us',
  },
  'pat-ckd': {
    noKnownAllergy: 'pat-ckd-allergy-0001',
    epoetinMedication: 'pat-ckd-med-0001',
    epoetinRequest: 'pat-ckd-medreq-0003',
    crpBelowDetection: 'pat-ckd-obs-0063',
    firstEgfr: 'pat-ckd-obs-0001',
    latestEgfr: 'pat-ckd-obs-0098',
    lastCreatinineMgDl: 'pat-ckd-obs-0048',
    firstCreatinineUmolL: 'pat-ckd-obs-0052',
    correctedCreatinine: 'pat-ckd-obs-0031',
    lastHemoglobinGdl: 'pat-ckd-obs-0049',
    firstHemoglobinGL: 'pat-ckd-obs-0053',
    criticalHemoglobin: 'pat-ckd-obs-0078',
    preliminaryHemoglobin: 'pat-ckd-obs-0100',
    criticalPotassium: 'pat-ckd-obs-0071',
    urineCultureCoded: 'pat-ckd-obs-0102',
    urineCultureText: 'pat-ckd-obs-0103',
  },
  'pat-child': {
    peanutAllergy: 'pat-child-allergy-0001',
    resolvedEggAllergy: 'pat-child-allergy-0002',
    epinephrine: 'pat-child-medreq-0001',
    feverTemperature: 'pat-child-obs-0064',
    highHeartRate: 'pat-child-obs-0063',
    peanutIgE: 'pat-child-obs-0065',
  },
  'pat-elderly': {
    penicillinAllergy: 'pat-elderly-allergy-0001',
    codeineIntolerance: 'pat-elderly-allergy-0002',
    unconfirmedAllergy: 'pat-elderly-allergy-0003',
    inactiveAllergy: 'pat-elderly-allergy-0004',
    enteredInErrorAllergy: 'pat-elderly-allergy-0005',
    recurrentGout: 'pat-elderly-cond-0004',
    pneumonia: 'pat-elderly-cond-0005',
    enteredInErrorCondition: 'pat-elderly-cond-0007',
    amoxicillin: 'pat-elderly-medreq-0001',
    paracetamolPrn: 'pat-elderly-medreq-0002',
    methotrexateWeekly: 'pat-elderly-medreq-0003',
    folicAcidContained: 'pat-elderly-medreq-0004',
    prednisoloneTaper: 'pat-elderly-medreq-0005',
    salbutamolPrn: 'pat-elderly-medreq-0006',
    amlodipineWithText: 'pat-elderly-medreq-0008',
    onHold: 'pat-elderly-medreq-0010',
    stopped: 'pat-elderly-medreq-0011',
    enoxaparinMedication: 'pat-elderly-med-0001',
    completedEnoxaparin: 'pat-elderly-medreq-0012',
    infusion: 'pat-elderly-medreq-0013',
    colchicineCount: 'pat-elderly-medreq-0014',
    cancelled: 'pat-elderly-medreq-0015',
    draft: 'pat-elderly-medreq-0016',
    enteredInErrorOrder: 'pat-elderly-medreq-0017',
    medicationStatement: 'pat-elderly-medstmt-0001',
    correctedLowWbc: 'pat-elderly-obs-0014',
    pneumoniaCrp: 'pat-elderly-obs-0033',
  },
  'pat-infant': {
    birthWeight: 'pat-infant-obs-0001',
  },
} as const;

/** The notable-resource ids as generated (for the test that keeps DEMO_NOTABLE honest). */
export function generatedNotableIds(options: DemoOptions = {}): Record<string, Readonly<Record<string, string>>> {
  return Object.fromEntries(DEMO_PATIENTS.map((patient) => [patient.id, build(patient, options).notable]));
}
