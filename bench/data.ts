// Data sets for the render benchmark, made in node from the demo data generator and handed to the
// page as JSON. Larger lists than the generator makes (1,000 orders, 100 allergies) are clones of
// generated resources with new ids, pointed at the same patient (so rule 4 keeps them all).
import type { Bundle, Observation, Resource } from 'fhir/r4';

type DemoGenerator = typeof import('../demo/data/generator.js');

export interface DataSet {
  /** Key for /data/<key>.json. */
  key: string;
  /** Row label, e.g. `medication-list · 100 orders`. */
  label: string;
  tag: string;
  attributes?: Record<string, string>;
  resources: Resource[];
  /** What the widget is asked to show (orders, allergies, points …). */
  items: number;
  /** The page parses the JSON this many times, each copy's Observations earlier than the last (default 1). */
  repeat?: number;
}

export async function loadGenerator(): Promise<DemoGenerator | undefined> {
  try {
    return await import('../demo/data/generator.js');
  } catch {
    return undefined;
  }
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Points every patient reference of a resource (subject, patient) at `patientId`. */
function repoint<T extends Resource>(resource: T, patientId: string): T {
  const copy = clone(resource) as T & { subject?: { reference?: string }; patient?: { reference?: string } };
  if (copy.subject?.reference?.startsWith('Patient/')) copy.subject.reference = `Patient/${patientId}`;
  if (copy.patient?.reference?.startsWith('Patient/')) copy.patient.reference = `Patient/${patientId}`;
  return copy;
}

/** `count` resources cycled from `templates`, ids made unique after the first round. */
function cycle<T extends Resource>(templates: T[], count: number, patientId: string): T[] {
  if (templates.length === 0) return [];
  return Array.from({ length: count }, (_, index) => {
    const template = templates[index % templates.length];
    const round = Math.floor(index / templates.length);
    const copy = repoint(template, patientId);
    if (round > 0) copy.id = `${template.id}-b${round}`;
    return copy;
  });
}

function ofType<T extends Resource>(resources: Resource[], type: T['resourceType']): T[] {
  return resources.filter((resource): resource is T => resource.resourceType === type);
}

function patientOf(resources: Resource[]): Resource & { id: string } {
  const patient = resources.find((resource) => resource.resourceType === 'Patient');
  if (!patient?.id) throw new Error('generated bundle has no Patient with an id');
  return patient as Resource & { id: string };
}

function recordOf(generator: DemoGenerator, bundles: Bundle[], id: string): Resource[] {
  const bundle = bundles.find((candidate) => generator.resourcesOf(candidate).some((r) => r.resourceType === 'Patient' && r.id === id));
  if (!bundle) throw new Error(`the generator made no ${id}`);
  return generator.resourcesOf(bundle);
}

/** `system|code` of the numeric series with most points in these Observations. */
export function busiestSeries(observations: Observation[]): { code: string; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const observation of observations) {
    if (observation.valueQuantity?.value === undefined) continue;
    const coding = observation.code?.coding?.find((c) => c.system && c.code);
    if (!coding) continue;
    const key = `${coding.system}|${coding.code}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return best ? { code: best[0], count: best[1] } : undefined;
}

const DAY_MS = 86_400_000;

/**
 * One numeric series of exactly `points` results: the scale patient's busiest series, extended if
 * it has fewer by clones one day apart (new ids, dates going back in time).
 */
function labSeries(generator: DemoGenerator, points: number): { resources: Resource[]; code: string } {
  const resources = generator.resourcesOf(generator.generateScalePatient({ observations: points, seed: 7 }));
  const patient = patientOf(resources);
  const observations = ofType<Observation>(resources, 'Observation');
  const series = busiestSeries(observations);
  if (!series) throw new Error('the scale patient has no numeric Observation');
  const [system, code] = series.code.split('|');
  const inSeries = observations.filter((o) => o.code?.coding?.some((c) => c.system === system && c.code === code) && o.valueQuantity);
  const result: Observation[] = inSeries.slice(0, points);
  const earliest = Math.min(...inSeries.map((o) => Date.parse(o.effectiveDateTime ?? '') || Date.now()));
  for (let index = result.length; index < points; index += 1) {
    const copy = repoint(inSeries[index % inSeries.length], patient.id);
    copy.id = `${copy.id}-b${index}`;
    copy.effectiveDateTime = new Date(earliest - (index - inSeries.length + 1) * DAY_MS).toISOString();
    delete copy.issued;
    result.push(copy);
  }
  return { resources: [patient, ...result], code: series.code };
}

/** LOINC code, name, UCUM unit, reference low and high: a CBC with differential and a CMP. */
const LAB_ANALYTES: [string, string, string, number, number][] = [
  ['6690-2', 'White cell count', '10*9/L', 4, 11],
  ['789-8', 'Red cell count', '10*12/L', 4.5, 5.9],
  ['718-7', 'Haemoglobin', 'g/L', 130, 170],
  ['4544-3', 'Haematocrit', '%', 40, 52],
  ['787-2', 'MCV', 'fL', 80, 100],
  ['785-6', 'MCH', 'pg', 27, 33],
  ['786-4', 'MCHC', 'g/dL', 32, 36],
  ['788-0', 'RDW', '%', 11.5, 14.5],
  ['777-3', 'Platelets', '10*9/L', 150, 400],
  ['751-8', 'Neutrophils', '10*9/L', 2, 7.5],
  ['731-0', 'Lymphocytes', '10*9/L', 1, 4],
  ['742-7', 'Monocytes', '10*9/L', 0.2, 1],
  ['711-2', 'Eosinophils', '10*9/L', 0, 0.5],
  ['704-7', 'Basophils', '10*9/L', 0, 0.1],
  ['2951-2', 'Sodium', 'mmol/L', 135, 145],
  ['2823-3', 'Potassium', 'mmol/L', 3.5, 5.1],
  ['2075-0', 'Chloride', 'mmol/L', 98, 107],
  ['2028-9', 'Bicarbonate', 'mmol/L', 22, 29],
  ['3094-0', 'Urea nitrogen', 'mg/dL', 7, 20],
  ['2160-0', 'Creatinine', 'mg/dL', 0.6, 1.2],
  ['2345-7', 'Glucose', 'mg/dL', 70, 99],
  ['17861-6', 'Calcium', 'mg/dL', 8.6, 10.3],
  ['2885-2', 'Total protein', 'g/dL', 6, 8.3],
  ['1751-7', 'Albumin', 'g/L', 35, 50],
  ['1975-2', 'Bilirubin', 'mg/dL', 0.1, 1.2],
  ['6768-6', 'Alkaline phosphatase', 'U/L', 40, 130],
  ['1742-6', 'ALT', 'U/L', 7, 56],
  ['1920-8', 'AST', 'U/L', 10, 40],
];

/**
 * `reports` DiagnosticReports holding `results` Observations in all: one year of the demo results
 * data (`generateResults`: its panels, every status, imaging), then weekly CBC-with-differential and
 * CMP panels going back in time (about 25 results a report) until the counts are reached. The
 * entered-in-error report the generator makes is extra (hidden, not counted).
 */
function resultsRecord(generator: DemoGenerator, reports: number, results: number): Resource[] {
  const patientId = 'pat-bench-results';
  const patient: Resource = { resourceType: 'Patient', id: patientId, name: [{ family: 'Bench', given: ['Results'] }] } as Resource;
  const base = generator.generateResults(patientId, { years: 1, now: '2026-11-01' }) as Resource[];
  const baseReports = base.filter((r) => r.resourceType === 'DiagnosticReport' && (r as { status?: string }).status !== 'entered-in-error').length;
  const baseResults = base.filter((r) => r.resourceType === 'Observation').length;
  const extraReports = reports - baseReports;
  const extraResults = results - baseResults;
  const out: Resource[] = [patient, ...base];
  let seed = 12_345;
  const random = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
  const anchor = Date.parse('2026-11-01T08:00:00Z');
  for (let i = 0; i < extraReports; i += 1) {
    const count = Math.floor((extraResults * (i + 1)) / extraReports) - Math.floor((extraResults * i) / extraReports);
    const when = new Date(anchor - (i + 1) * 7 * DAY_MS).toISOString();
    const refs: { reference: string }[] = [];
    for (let k = 0; k < count; k += 1) {
      const [code, name, unit, low, high] = LAB_ANALYTES[k % LAB_ANALYTES.length];
      const value = Math.round((low + (high - low) * (random() * 1.4 - 0.2)) * 10) / 10;
      const id = `${patientId}-b${i}-${k}`;
      refs.push({ reference: `Observation/${id}` });
      out.push({
        resourceType: 'Observation',
        id,
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
        code: { coding: [{ system: 'http://loinc.org', code, display: name }], text: name },
        subject: { reference: `Patient/${patientId}` },
        effectiveDateTime: when,
        valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
        interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: value > high ? 'H' : value < low ? 'L' : 'N' }] }],
        referenceRange: [{ low: { value: low, unit, system: 'http://unitsofmeasure.org', code: unit }, high: { value: high, unit, system: 'http://unitsofmeasure.org', code: unit } }],
      } as Resource);
    }
    out.push({
      resourceType: 'DiagnosticReport',
      id: `${patientId}-b${i}`,
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '24323-8' }], text: 'CBC with differential and CMP' },
      subject: { reference: `Patient/${patientId}` },
      effectiveDateTime: when,
      result: refs,
    } as Resource);
  }
  return out;
}

export const SCALES = {
  medicationOrders: [10, 100, 1_000],
  allergies: [0, 10, 100],
  labPoints: [100, 1_000, 10_000, 100_000, 1_000_000],
  /** [reports, results] of the results review. */
  results: [[200, 5_000]] as [number, number][],
};

/** Most lab points made in node as one JSON text; larger sets are repeated in the page. */
const LARGEST_LAB_JSON = 100_000;

/** Every render data set, smallest first within each widget (generated lazily: the large ones are big). */
export function* renderDataSets(generator: DemoGenerator, scales = SCALES): Generator<DataSet> {
  const bundles = generator.generateDemoPatients();

  // medication list: the elderly patient's orders (varied dosages, stopped, completed, one
  // entered-in-error), with her Medications and allergies (the drug–allergy check runs too).
  const elderly = recordOf(generator, bundles, 'pat-elderly');
  const elderlyPatient = patientOf(elderly);
  const context = elderly.filter((r) => r.resourceType === 'Medication' || r.resourceType === 'AllergyIntolerance');
  const orders = ofType(elderly, 'MedicationRequest');
  for (const count of scales.medicationOrders) {
    yield {
      key: `medication-list-${count}`,
      label: `medication-list · ${count.toLocaleString('en')} orders (status=all)`,
      tag: 'fhir-medication-list',
      attributes: { status: 'all' },
      resources: [elderlyPatient, ...context, ...cycle(orders, count, elderlyPatient.id)],
      items: count,
    };
  }

  // allergy banner: the elderly patient's allergies (confirmed, unconfirmed, resolved, entered-in-error)
  const allergies = ofType(elderly, 'AllergyIntolerance');
  for (const count of scales.allergies) {
    yield {
      key: `allergy-banner-${count}`,
      label: `allergy-banner · ${count.toLocaleString('en')} allergies`,
      tag: 'fhir-allergy-banner',
      resources: [elderlyPatient, ...cycle(allergies, count, elderlyPatient.id)],
      items: count,
    };
  }

  // patient summary: each generated archetype's whole record
  for (const demo of generator.DEMO_PATIENTS) {
    const record = recordOf(generator, bundles, demo.id);
    yield {
      key: `patient-summary-${demo.id}`,
      label: `patient-summary · ${demo.id} (${record.length.toLocaleString('en')} resources)`,
      tag: 'fhir-patient-summary',
      resources: record,
      items: record.length,
    };
  }

  // results review: N reports / M results, in the reports view and in the lab flowsheet
  for (const [reports, results] of scales.results) {
    const resources = resultsRecord(generator, reports, results);
    for (const view of ['reports', 'flowsheet']) {
      yield {
        key: `results-${reports}-${results}-${view}`,
        label: `results · ${reports.toLocaleString('en')} reports / ${results.toLocaleString('en')} results (${view})`,
        tag: 'fhir-results',
        attributes: view === 'flowsheet' ? { view, category: 'lab' } : { view },
        resources,
        items: reports,
      };
    }
  }

  // lab trend: one numeric series of N points
  for (const points of scales.labPoints) {
    const repeat = Math.max(1, Math.ceil(points / LARGEST_LAB_JSON));
    const { resources, code } = labSeries(generator, Math.ceil(points / repeat));
    yield {
      key: `lab-trend-${points}`,
      label: `lab-trend · ${points.toLocaleString('en')} points`,
      tag: 'fhir-lab-trend',
      attributes: { code, range: 'all' },
      resources,
      items: points,
      ...(repeat > 1 ? { repeat } : {}),
    };
  }
}
