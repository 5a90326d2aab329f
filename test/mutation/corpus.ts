// The records the mutation suite starts from: the shared real fixtures (when present beside the
// checkout) and the seeded demo generator, re-pointed at one target patient, and the batches
// built from them: mutated records plus planted records that must never be shown.
import { generateDemoPatients, resourcesOf } from '../../demo/data/generator.js';
import { fixturesAvailable, loadFixture } from '../helpers/fixtures.js';
import { duplicateIds, MARKUP_PAYLOADS, mutateResource, type Json, type MutatedResource } from './mutate.js';
import type { Rng } from './prng.js';

const FIXTURE_FILES = [
  'synthea/don-moore-d65926d8.json',
  'synthea/felipa-okeefe-70660c70.json',
  'synthea/inferno-uscore-patient-85.json',
  'synthea/jorge-brekke-ac7921e0.json',
  'synthea/luigi-wiegand-e27d88b0.json',
  'examples/r4/AllergyIntolerance-example.json',
  'examples/r4/AllergyIntolerance-fishallergy.json',
  'examples/r4/AllergyIntolerance-nkda.json',
  'examples/r4/Bundle-bundle-example.json',
  'examples/r4/Bundle-bundle-response-medsallergies.json',
  'examples/r4/Bundle-lipids.json',
  'examples/r4/Medication-med0316.json',
  'examples/r4/MedicationRequest-medrx002.json',
  'examples/r4/MedicationRequest-medrx0302.json',
  'examples/r4/MedicationRequest-medrx0312.json',
  'examples/r4/MedicationStatement-example001.json',
  'examples/r4/MedicationStatement-example005.json',
  'examples/r4/Observation-blood-pressure.json',
  'examples/r4/Observation-bloodgroup.json',
  'examples/r4/Observation-f001.json',
  'examples/r4/Observation-herd1.json',
  'examples/r4/Patient-example.json',
  'examples/r4/Patient-infant-twin-1.json',
  'examples/r4/ips-bundle-minimal.json',
  'examples/stu3/AllergyIntolerance-example.json',
  'examples/stu3/DiagnosticReport-lipids.json',
  'examples/stu3/MedicationRequest-medrx0302.json',
  'examples/stu3/MedicationStatement-example001.json',
  'examples/stu3/Observation-blood-pressure.json',
  'examples/stu3/Observation-f001.json',
  'examples/stu3/patient-example.json',
  'examples/dstu2/AllergyIntolerance-example.json',
  'examples/dstu2/Medication-medexample001.json',
  'examples/dstu2/MedicationOrder-medrx001.json',
  'examples/dstu2/MedicationStatement-example001.json',
  'examples/dstu2/Observation-blood-pressure.json',
  'examples/dstu2/Observation-f001.json',
  'examples/dstu2/Patient-example.json',
  'examples/r5/observation-example.json',
  'examples/r5/patient-example.json',
];

/** The types the widgets read, and a few they must ignore. */
const KEPT_TYPES = new Set([
  'Patient',
  'AllergyIntolerance',
  'MedicationRequest',
  'MedicationStatement',
  'MedicationOrder',
  'Medication',
  'Observation',
  'Condition',
  'DiagnosticReport',
  'ImagingStudy',
  'Immunization',
  'Encounter',
  'Composition',
]);

/** Words the text oracle forbids: scrubbed from the source data so only a widget can produce them. */
const FORBIDDEN_IN_SOURCE = /undefined|NaN|\[object Object\]|Invalid Date/g;

export const NKA_CODES = new Set([
  '716186003',
  '409137002',
  '429625007',
  '428607008',
  'no-known-allergies',
  'no-known-medication-allergies',
  'no-known-food-allergies',
  'no-known-environmental-allergies',
]);

function flatten(input: Json, out: Json[] = []): Json[] {
  if (Array.isArray(input)) input.forEach((item) => flatten(item, out));
  else if (input && typeof input === 'object' && input.resourceType === 'Bundle') {
    for (const entry of input.entry ?? []) flatten(entry?.resource, out);
  } else if (input && typeof input === 'object' && typeof input.resourceType === 'string') out.push(input);
  return out;
}

function scrub(resource: Json): Json {
  return JSON.parse(JSON.stringify(resource).replace(FORBIDDEN_IN_SOURCE, 'x'));
}

export interface Corpus {
  patients: Json[];
  /** Clinical and supporting records (not Patient), by type. */
  records: Json[];
  /** LOINC codes with numeric Observations, weighted by how many there are. */
  observationsByCode: Map<string, Json[]>;
  sources: string[];
}

const loincOf = (observation: Json): string | undefined =>
  (observation?.code?.coding ?? []).find((c: Json) => c?.system === 'http://loinc.org')?.code;

export async function loadCorpus(): Promise<Corpus> {
  const all: Json[] = [];
  const sources: string[] = [];
  if (fixturesAvailable) {
    const files = await Promise.all(FIXTURE_FILES.map((file) => loadFixture(file).catch(() => undefined)));
    files.forEach((content, i) => {
      if (content) {
        all.push(...flatten(content));
        sources.push(FIXTURE_FILES[i]!);
      }
    });
  } else {
    console.warn('[mutation] ../shared/fixtures is absent: mutating the demo generator\'s records only.');
  }
  for (const bundle of generateDemoPatients()) all.push(...resourcesOf(bundle));
  sources.push('demo/data generateDemoPatients()');
  const kept = all.filter((r) => KEPT_TYPES.has(r.resourceType)).map(scrub);
  const patients = kept.filter((r) => r.resourceType === 'Patient');
  const records = kept.filter((r) => r.resourceType !== 'Patient');
  const observationsByCode = new Map<string, Json[]>();
  for (const r of records) {
    const code = r.resourceType === 'Observation' && typeof r.valueQuantity?.value === 'number' ? loincOf(r) : undefined;
    if (code) observationsByCode.set(code, [...(observationsByCode.get(code) ?? []), r]);
  }
  for (const [code, list] of observationsByCode) if (list.length < 5) observationsByCode.delete(code);
  return { patients, records, observationsByCode, sources };
}

/** Points a record at `patient` (whichever field its type and version use). */
function pointAt(record: Json, patient: string): Json {
  const reference = { reference: `Patient/${patient}` };
  if ('patient' in record || record.resourceType === 'AllergyIntolerance' || record.resourceType === 'MedicationOrder') {
    record.patient = reference;
  } else if (record.resourceType !== 'Medication') record.subject = reference;
  return record;
}

export interface Planted {
  /** Strings that must never appear in a rendered widget. */
  markers: string[];
  resources: Json[];
}

const LOINC = 'http://loinc.org';
const coded = (system: string, code: string, text?: string) => ({ coding: [{ system, code }], ...(text ? { text } : {}) });
const allergyClinical = (code: string) => coded('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code);
const allergyVerification = (code: string) => coded('http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code);
const conditionClinical = (code: string) => coded('http://terminology.hl7.org/CodeSystem/condition-clinical', code);
const conditionVerification = (code: string) => coded('http://terminology.hl7.org/CodeSystem/condition-ver-status', code);
const NKA = coded('http://snomed.info/sct', '716186003', 'No known allergy');

/**
 * Records that must never be shown: entered-in-error ones of the target patient, and current,
 * recent, confirmed ones of another patient. Each carries a unique marker string everywhere a
 * widget could print it; the NKA ones carry no marker (the "No known allergies" oracle catches them).
 */
export function plantedRecords(target: string, other: string, tag: string, trendCode: string, skipEnteredInError: readonly string[] = []): Planted {
  const markers: string[] = [];
  const resources: Json[] = [];
  const plant = (kind: 'EIE' | 'OTHER', type: string, build: (marker: string, patient: string) => Json) => {
    if (kind === 'EIE' && skipEnteredInError.includes(type)) return;
    const marker = `MK${kind}${tag}${type}`;
    markers.push(marker);
    resources.push(pointAt(build(marker, kind === 'EIE' ? target : other), kind === 'EIE' ? target : other));
  };
  const latest = '2026-10-30T09:00:00Z';
  for (const kind of ['EIE', 'OTHER'] as const) {
    const eie = kind === 'EIE';
    plant(kind, 'Allergy', (marker) => ({
      resourceType: 'AllergyIntolerance',
      id: `${marker}-a`,
      clinicalStatus: allergyClinical('active'),
      verificationStatus: allergyVerification(eie ? 'entered-in-error' : 'confirmed'),
      criticality: 'high',
      code: { text: marker, coding: [{ system: 'http://snomed.info/sct', code: '91936005', display: marker }] },
      reaction: [{ manifestation: [{ text: marker }], description: marker }],
      note: [{ text: marker }],
    }));
    plant(kind, 'MedReq', (marker) => ({
      resourceType: 'MedicationRequest',
      id: `${marker}-mr`,
      status: eie ? 'entered-in-error' : 'active',
      intent: 'order',
      authoredOn: latest,
      medicationCodeableConcept: { text: marker, coding: [{ system: 'urn:x-mutation', code: marker, display: marker }] },
      dosageInstruction: [{ text: marker }],
    }));
    plant(kind, 'MedStmt', (marker) => ({
      resourceType: 'MedicationStatement',
      id: `${marker}-ms`,
      status: eie ? 'entered-in-error' : 'active',
      effectiveDateTime: latest,
      medicationCodeableConcept: { text: marker },
      dosage: [{ text: marker }],
    }));
    plant(kind, 'Cond', (marker) => ({
      resourceType: 'Condition',
      id: `${marker}-c`,
      clinicalStatus: conditionClinical('active'),
      verificationStatus: conditionVerification(eie ? 'entered-in-error' : 'confirmed'),
      code: { text: marker },
      onsetString: marker,
    }));
    plant(kind, 'Lab', (marker) => ({
      resourceType: 'Observation',
      id: `${marker}-o`,
      status: eie ? 'entered-in-error' : 'final',
      category: [coded('http://terminology.hl7.org/CodeSystem/observation-category', 'laboratory')],
      code: { coding: [{ system: LOINC, code: trendCode, display: marker }], text: marker },
      effectiveDateTime: latest,
      valueQuantity: { value: 8675.309, unit: marker },
      interpretation: [{ text: marker }],
      note: [{ text: marker }],
    }));
    plant(kind, 'Vital', (marker) => ({
      resourceType: 'Observation',
      id: `${marker}-v`,
      status: eie ? 'entered-in-error' : 'final',
      category: [coded('http://terminology.hl7.org/CodeSystem/observation-category', 'vital-signs')],
      code: { coding: [{ system: LOINC, code: '8867-4', display: marker }], text: marker },
      effectiveDateTime: latest,
      valueQuantity: { value: 8675.309, unit: marker },
    }));
    // <fhir-results>: a report, and a result Observation only that report points at.
    plant(kind, 'ResObs', (marker) => ({
      resourceType: 'Observation',
      id: `${marker}-ro`,
      status: eie ? 'entered-in-error' : 'final',
      category: [coded('http://terminology.hl7.org/CodeSystem/observation-category', 'laboratory')],
      code: { coding: [{ system: 'urn:x-mutation', code: marker, display: marker }], text: marker },
      effectiveDateTime: latest,
      valueQuantity: { value: 8675.309, unit: marker },
      interpretation: [{ text: marker }],
      note: [{ text: marker }],
    }));
    plant(kind, 'Report', (marker) => ({
      resourceType: 'DiagnosticReport',
      id: `${marker}-dr`,
      status: eie ? 'entered-in-error' : 'final',
      category: [coded('http://terminology.hl7.org/CodeSystem/v2-0074', 'LAB')],
      code: { coding: [{ system: LOINC, code: '58410-2', display: marker }], text: marker },
      effectiveDateTime: latest,
      issued: latest,
      performer: [{ display: marker }],
      result: [{ reference: `Observation/${marker}-ro`, display: marker }],
      conclusion: marker,
      conclusionCode: [{ text: marker }],
      presentedForm: [{ contentType: 'text/plain', data: btoa(marker), title: marker }],
    }));
    if (!(eie && skipEnteredInError.includes('Allergy'))) resources.push(
      pointAt(
        {
          resourceType: 'AllergyIntolerance',
          id: `MK${kind}${tag}Nka`,
          clinicalStatus: allergyClinical('active'),
          verificationStatus: allergyVerification(eie ? 'entered-in-error' : 'confirmed'),
          code: NKA,
        },
        eie ? target : other,
      ),
    );
  }
  if (!skipEnteredInError.includes('Report')) {
    // The target patient's own reports: one whose results point at the planted entered-in-error and
    // other-patient Observations (those stay hidden; the report is shown), one whose conclusion and
    // presented form are markup and script (shown as text, never run).
    const base = { resourceType: 'DiagnosticReport', status: 'final', effectiveDateTime: latest, issued: latest };
    resources.push(
      pointAt(
        {
          ...base,
          id: `MKX${tag}-crossref-dr`,
          category: [coded('http://terminology.hl7.org/CodeSystem/v2-0074', 'LAB')],
          code: { text: 'Cross-referenced panel' },
          result: markers.filter((m) => m.endsWith('ResObs')).map((m) => ({ reference: `Observation/${m}-ro` })),
        },
        target,
      ),
      pointAt(
        {
          ...base,
          id: `MKX${tag}-markup-dr`,
          category: [coded('http://terminology.hl7.org/CodeSystem/v2-0074', 'RAD')],
          code: { text: `Imaging ${MARKUP_PAYLOADS[1]}` },
          conclusion: MARKUP_PAYLOADS.join(' '),
          conclusionCode: [{ text: MARKUP_PAYLOADS[2] }],
          presentedForm: [
            { contentType: 'text/html', data: btoa(MARKUP_PAYLOADS.join('\n')), title: MARKUP_PAYLOADS[0] },
            { contentType: 'text/plain', data: btoa(MARKUP_PAYLOADS.join('\n')), title: MARKUP_PAYLOADS[5] },
            { contentType: 'text/html', url: MARKUP_PAYLOADS[3], title: 'linked' },
          ],
        },
        target,
      ),
    );
  }
  return { markers, resources };
}

/**
 * A batch may lack one kind of record for its patient: then the planted other-patient record is
 * the only one of its kind (the case where a widget that guesses the patient from the majority of
 * subjects shows another patient's data).
 */
export const ABSENT_KINDS = ['none', 'medications', 'trend', 'allergies', 'conditions', 'vitals', 'reports'] as const;
export type AbsentKind = (typeof ABSENT_KINDS)[number];

const ABSENT_TYPES: Record<AbsentKind, (r: Json, trendCode: string) => boolean> = {
  none: () => false,
  medications: (r) => /^Medication/.test(r.resourceType),
  trend: (r, code) => r.resourceType === 'Observation' && (r.code?.coding ?? []).some((c: Json) => c?.code === code),
  allergies: (r) => r.resourceType === 'AllergyIntolerance',
  conditions: (r) => r.resourceType === 'Condition',
  vitals: (r) => r.resourceType === 'Observation' && JSON.stringify(r.category ?? '').includes('vital-signs'),
  reports: (r) => r.resourceType === 'DiagnosticReport',
};
const ABSENT_PLANTS: Record<AbsentKind, string[]> = {
  none: [],
  medications: ['MedReq', 'MedStmt'],
  trend: ['Lab'],
  allergies: ['Allergy'],
  conditions: ['Cond'],
  vitals: ['Vital'],
  reports: ['Report', 'ResObs'],
};

export interface Batch {
  index: number;
  /** The kind of record this batch has none of for its patient. */
  absent: AbsentKind;
  patientId: string;
  trendCode: string;
  mutated: MutatedResource[];
  planted: Planted;
  /** The target Patient resource (lightly mutated, id kept). */
  patient: Json;
  /** True when a non-planted record asserts "no known allergies". */
  hasNoKnownAssertion: boolean;
  /** Every resource, in the order given to widgets. */
  resources: Json[];
}

/**
 * An AllergyIntolerance that asserts "no known allergies": by its code, or in its own words (a
 * mutation may break the code and keep the text; a widget showing that text shows the record's
 * own assertion, not one of its own).
 */
const isNka = (r: Json) => {
  if (r?.resourceType !== 'AllergyIntolerance') return false;
  const codings: Json[] = Array.isArray(r?.code?.coding) ? r.code.coding : [];
  const words = [r?.code?.text, ...codings.map((c) => c?.display)].filter((w): w is string => typeof w === 'string');
  return codings.some((c) => NKA_CODES.has(c?.code)) || words.some((w) => /no known/i.test(w));
};

/** Builds batch `index`: `size` mutated records about one patient, shuffled with the planted ones. */
export function buildBatch(rng: Rng, corpus: Corpus, index: number, size: number, runTag: string, absentKind?: AbsentKind): Batch {
  const patientId = `mut-${runTag}-${index}`;
  const codes = [...corpus.observationsByCode.keys()];
  const trendCode = rng.pick(codes);
  // Half the batches carry no genuine "no known allergies" record: then the banner must never say it.
  const allowNka = rng.chance(0.5);
  const absent: AbsentKind = absentKind ?? (rng.chance(0.4) ? rng.pick(ABSENT_KINDS) : 'none');
  const drop = (r: Json) => ABSENT_TYPES[absent](r, trendCode) || (!allowNka && isNka(r));
  const pool = corpus.records.filter((r) => !drop(r));
  const trendPool = absent === 'trend' ? pool : corpus.observationsByCode.get(trendCode)!;
  const mutated: MutatedResource[] = [];
  for (let i = 0; i < size; i++) {
    const source = rng.chance(0.3) ? rng.pick(trendPool) : rng.pick(pool);
    const record = pointAt(structuredClone(source), patientId);
    record.id = `${String(record.id ?? 'r').slice(0, 40)}-${i}`;
    const item = mutateResource(rng, record, new Set(['resourceType']));
    mutated.push(item);
  }
  duplicateIds(rng, mutated, 0.03);
  const patientSource = structuredClone(rng.pick(corpus.patients));
  patientSource.id = patientId;
  const patient = rng.chance(0.5) ? mutateResource(rng, patientSource, new Set(['resourceType', 'id'])).resource : patientSource;
  const planted = plantedRecords(patientId, `other-${runTag}-${index}`, `${runTag}b${index}`, trendCode, ABSENT_PLANTS[absent]);
  const resources = [patient, ...mutated.map((m) => m.resource), ...planted.resources];
  // Shuffle (the Patient first or anywhere).
  for (let i = resources.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [resources[i], resources[j]] = [resources[j], resources[i]];
  }
  const hasNoKnownAssertion = mutated.some((m) => isNka(m.resource));
  return { index, absent, patientId, trendCode, mutated, planted, patient, hasNoKnownAssertion, resources };
}
