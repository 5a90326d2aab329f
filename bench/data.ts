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

export const SCALES = {
  medicationOrders: [10, 100, 1_000],
  allergies: [0, 10, 100],
  labPoints: [100, 1_000, 10_000, 100_000, 1_000_000],
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
