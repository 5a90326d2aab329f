// pat-child: a 4-year-old girl with a high-criticality peanut allergy (two reactions with severity
// and onset), an outgrown (resolved) egg allergy, growth vitals from birth (weight, height, BMI,
// heart rate with age-specific ranges, temperature) and peanut-specific IgE.
import { addAllergy } from '../allergies.js';
import { addCondition } from '../conditions.js';
import { addMedicationRequest, doseOf, mg, mL, ratio, rxnorm } from '../medications.js';
import { quantityResult } from '../observations.js';
import { addCareSetting, addPatient, usCareSetting } from '../people.js';
import { PatientRecord, type ArchetypeContext } from '../patient-record.js';
import { ROUTE, SERIES, SYSTEM, coding, concept, snomed, timingCode, ucum } from '../terminology.js';
import type { ArchetypeResult } from './archetype-result.js';

export const CHILD_ID = 'pat-child';

/** Age at the anchor: 4 years 7 months. */
const AGE_DAYS = 1689;

/** Well-child visits: age in days, weight (kg), height (cm), with temperature taken from 1 year. */
const GROWTH: readonly (readonly [number, number, number])[] = [
  [14, 3.6, 51.5],
  [30, 4.2, 53.7],
  [61, 5.1, 57.1],
  [122, 6.4, 62.1],
  [183, 7.3, 65.7],
  [274, 8.2, 70.1],
  [365, 8.9, 74.0],
  [456, 9.6, 77.5],
  [548, 10.2, 80.7],
  [730, 11.5, 86.4],
  [913, 12.7, 90.7],
  [1095, 13.9, 95.1],
  [1461, 16.1, 102.7],
];
/** Age (days) of the recent visit for a febrile illness. */
const SICK_VISIT_AGE = AGE_DAYS - 9;

/** Age-specific normal heart rate (beats/min). */
function heartRateRange(ageDays: number): { low: number; high: number } {
  if (ageDays < 365) return { low: 100, high: 160 };
  if (ageDays < 1095) return { low: 90, high: 150 };
  return { low: 80, high: 140 };
}

export function childPatient(context: ArchetypeContext): ArchetypeResult {
  const record = new PatientRecord(CHILD_ID, context, -300);
  const random = record.random;
  const notable: Record<string, string> = {};
  const daysAgo = (ageDays: number) => AGE_DAYS - ageDays;

  addCareSetting(record, usCareSetting({ use: 'official', family: 'Raman', given: ['Priya'], prefix: ['Dr'] }, '1326048159'));
  addPatient(record, {
    name: { use: 'official', family: 'Thompson', given: ['Amelia', 'Grace'] },
    gender: 'female',
    birthDate: record.date(AGE_DAYS),
    address: { use: 'home', line: ['88 Orchard Road'], city: 'Westfield', state: 'MA', postalCode: '01085', country: 'US' },
    phone: '+1 413 555 0163',
    mrn: 'RGH0072264',
    contact: {
      name: { use: 'official', family: 'Thompson', given: ['Jessica'] },
      relationship: 'Mother',
      phone: '+1 413 555 0164',
    },
  });

  const peanut = snomed('256349002', 'Peanut - dietary (substance)');
  notable.peanutAllergy = addAllergy(record, {
    code: concept(
      [coding(SYSTEM.snomed, '256349002', 'Peanut - dietary (substance)'), coding(SYSTEM.snomed, '91935009', 'Allergy to peanut')],
      'Peanut',
    ),
    clinicalStatus: 'active',
    verificationStatus: 'confirmed',
    type: 'allergy',
    category: ['food'],
    criticality: 'high',
    onsetDaysAgo: daysAgo(420),
    recordedDaysAgo: daysAgo(425),
    reactions: [
      {
        substance: peanut,
        manifestation: [snomed('39579001', 'Anaphylaxis')],
        severity: 'severe',
        onsetDaysAgo: daysAgo(609),
        exposureRoute: ROUTE.oral,
        description: 'Lip swelling, wheeze and vomiting within 10 minutes of eating peanut butter; adrenaline given in the emergency department.',
      },
      {
        substance: peanut,
        manifestation: [snomed('126485001', 'Urticaria')],
        severity: 'moderate',
        onsetDaysAgo: daysAgo(420),
        exposureRoute: ROUTE.oral,
        description: 'Hives around the mouth after a cookie containing peanut.',
      },
    ],
  }).id!;
  notable.resolvedEggAllergy = addAllergy(record, {
    code: snomed('91930004', 'Allergy to eggs', 'Egg'),
    clinicalStatus: 'resolved',
    verificationStatus: 'confirmed',
    type: 'allergy',
    category: ['food'],
    criticality: 'low',
    onsetDaysAgo: daysAgo(300),
    recordedDaysAgo: daysAgo(305),
    reactions: [{ manifestation: [snomed('126485001', 'Urticaria')], severity: 'mild', onsetDaysAgo: daysAgo(300) }],
    note: 'Outgrown: tolerated baked egg and then whole egg at age 3.',
  }).id!;

  addCondition(record, { code: snomed('43116000', 'Eczema'), status: 'active', onsetDaysAgo: daysAgo(150) });
  addCondition(record, {
    code: snomed('65363002', 'Otitis media'),
    status: 'resolved',
    onsetDaysAgo: 400,
    abatementDaysAgo: 388,
  });
  addCondition(record, { code: snomed('54150009', 'Upper respiratory infection'), status: 'active', onsetDaysAgo: 10 });

  notable.epinephrine = addMedicationRequest(record, {
    medication: { concept: rxnorm('3992', 'epinephrine', 'Epinephrine (adrenaline) 0.15 mg auto-injector') },
    status: 'active',
    authoredDaysAgo: daysAgo(612),
    reason: snomed('91935009', 'Allergy to peanut'),
    dosage: [
      {
        sequence: 1,
        additionalInstruction: [{ text: 'Inject into the outer thigh; call 911; a second dose may be given after 5 minutes' }],
        asNeededCodeableConcept: snomed('39579001', 'Anaphylaxis'),
        route: ROUTE.intramuscular,
        doseAndRate: doseOf(mg(0.15)),
        maxDosePerPeriod: ratio(mg(0.3), ucum(1, 'day', 'd')),
      },
    ],
  }).id!;
  addMedicationRequest(record, {
    medication: { concept: rxnorm('20610', 'cetirizine', 'Cetirizine 1 mg/mL oral solution') },
    status: 'active',
    authoredDaysAgo: 140,
    reason: snomed('43116000', 'Eczema'),
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mL(2.5)),
      },
    ],
  });
  addMedicationRequest(record, {
    medication: { concept: rxnorm('723', 'amoxicillin', 'Amoxicillin 250 mg/5 mL oral suspension') },
    status: 'completed',
    authoredDaysAgo: 400,
    reason: snomed('65363002', 'Otitis media'),
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { boundsDuration: ucum(10, 'days', 'd'), frequency: 3, period: 1, periodUnit: 'd' }, code: timingCode('TID') },
        route: ROUTE.oral,
        doseAndRate: doseOf(mL(5)),
      },
    ],
  });
  addMedicationRequest(record, {
    medication: { concept: rxnorm('5640', 'ibuprofen', 'Ibuprofen 100 mg/5 mL oral suspension') },
    status: 'active',
    authoredDaysAgo: 9,
    reason: snomed('386661006', 'Fever'),
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 6, periodUnit: 'h' } },
        asNeededCodeableConcept: snomed('386661006', 'Fever'),
        route: ROUTE.oral,
        doseAndRate: doseOf(mL(7.5)),
        maxDosePerPeriod: ratio(mL(30), ucum(24, 'hours', 'h')),
      },
    ],
  });

  // Growth and vitals.
  const visit = (ageDays: number, weight: number, height: number, temperature?: number, heartRate?: number) => {
    const ago = daysAgo(ageDays);
    const minuteOfDay = random.int(9 * 60, 16 * 60);
    const w = weight * (1 + random.noise(0.015));
    const h = height * (1 + random.noise(0.005));
    quantityResult(record, SERIES.bodyWeight, w, ago, { minuteOfDay });
    quantityResult(record, SERIES.bodyHeight, h, ago, { minuteOfDay });
    quantityResult(record, SERIES.bmi, w / ((h / 100) * (h / 100)), ago, { minuteOfDay });
    const range = heartRateRange(ageDays);
    const rate = heartRate ?? (range.low + range.high) / 2 - 5 + random.noise(6);
    const hr = quantityResult(record, SERIES.heartRate, rate, ago, { minuteOfDay, range });
    const temp =
      temperature === undefined ? undefined : quantityResult(record, SERIES.bodyTemperature, temperature, ago, { minuteOfDay });
    return { hr, temp };
  };
  for (const [ageDays, weight, height] of GROWTH) {
    visit(ageDays, weight, height, ageDays >= 365 ? 36.7 + random.noise(0.15) : undefined);
  }
  const sick = visit(SICK_VISIT_AGE, 17.2, 106.5, 38.9, 146);
  notable.feverTemperature = sick.temp!.id!;
  notable.highHeartRate = sick.hr.id!;

  // Peanut-specific IgE.
  notable.peanutIgE = quantityResult(record, SERIES.peanutIgE, 48.2 + random.noise(2), daysAgo(610)).id!;
  quantityResult(record, SERIES.peanutIgE, 39.5 + random.noise(2), daysAgo(1470));

  return { bundle: record.toBundle(), notable };
}
