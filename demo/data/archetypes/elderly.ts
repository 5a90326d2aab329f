// pat-elderly: an 88-year-old man in UK primary care with 17 MedicationRequests covering every
// status and the structured Dosage cases (ranges, PRN with reason, weekly on a set day, a taper
// with sequence, maxDosePerPeriod, timing codes, an infusion rate, bounds, count), a penicillin
// allergy plus an active amoxicillin order (drug–allergy conflict), unconfirmed / inactive /
// entered-in-error allergies, an intolerance, and problems including recurrence and entered-in-error.
import { addAllergy } from '../allergies.js';
import { addCondition } from '../conditions.js';
import { regularVisits, YEAR_DAYS } from '../clinical-time.js';
import {
  addMedication,
  addMedicationRequest,
  addMedicationStatement,
  capsules,
  doseOf,
  doseRangeOf,
  mg,
  mL,
  puffs,
  ratio,
  rxnorm,
  tablets,
} from '../medications.js';
import { bloodPressureResult, quantityResult } from '../observations.js';
import { addCareSetting, addPatient } from '../people.js';
import { PatientRecord, type ArchetypeContext } from '../patient-record.js';
import { ROUTE, SERIES, SYSTEM, coding, concept, snomed, timingCode, ucum } from '../terminology.js';
import type { ArchetypeResult } from './archetype-result.js';

export const ELDERLY_ID = 'pat-elderly';

const days = (value: number) => ucum(value, 'days', 'd');

export function elderlyPatient(context: ArchetypeContext): ArchetypeResult {
  const record = new PatientRecord(ELDERLY_ID, context, 0);
  const random = record.random;
  const notable: Record<string, string> = {};

  addCareSetting(record, {
    organizationName: 'Nidd Valley Medical Practice',
    organizationIdentifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'B82999' },
    address: { use: 'work', line: ['2 Station Parade'], city: 'Harrogate', district: 'North Yorkshire', postalCode: 'HG1 1TE', country: 'GB' },
    phone: '01423 555 010',
    clinician: { use: 'official', family: 'Bradshaw', given: ['Helen'], prefix: ['Dr'] },
    clinicianIdentifier: { system: SYSTEM.gmcNumber, value: '4567891' },
  });
  addPatient(record, {
    name: { use: 'official', family: 'Whitfield', given: ['Arthur', 'James'], prefix: ['Mr'] },
    gender: 'male',
    birthDate: record.date(Math.round(88 * YEAR_DAYS + 110)),
    address: { use: 'home', line: ['14 Church Lane', 'Pannal'], city: 'Harrogate', district: 'North Yorkshire', postalCode: 'HG3 1NB', country: 'GB' },
    phone: '01423 555 872',
    mrn: 'NVM0009817',
    nhsNumber: '9991234578',
  });

  // Allergies and intolerances.
  notable.penicillinAllergy = addAllergy(record, {
    code: concept(
      [coding(SYSTEM.snomed, '764146007', 'Penicillin'), coding(SYSTEM.rxnorm, '7980', 'penicillin')],
      'Penicillin',
    ),
    clinicalStatus: 'active',
    verificationStatus: 'confirmed',
    type: 'allergy',
    category: ['medication'],
    criticality: 'high',
    onsetDaysAgo: Math.round(50 * YEAR_DAYS),
    recordedDaysAgo: 4200,
    reactions: [
      {
        manifestation: [snomed('126485001', 'Urticaria'), snomed('41291007', 'Angioedema')],
        severity: 'severe',
        description: 'Widespread hives and facial swelling after intramuscular penicillin.',
      },
    ],
  }).id!;
  notable.codeineIntolerance = addAllergy(record, {
    code: snomed('387494007', 'Codeine', 'Codeine'),
    clinicalStatus: 'active',
    verificationStatus: 'confirmed',
    type: 'intolerance',
    category: ['medication'],
    criticality: 'low',
    onsetDaysAgo: 2400,
    recordedDaysAgo: 2390,
    reactions: [
      { manifestation: [snomed('422587007', 'Nausea'), snomed('422400008', 'Vomiting')], severity: 'mild', onsetDaysAgo: 2400 },
    ],
  }).id!;
  notable.unconfirmedAllergy = addAllergy(record, {
    code: snomed('387406002', 'Sulfonamide', 'Sulfonamide antibiotics'),
    clinicalStatus: 'active',
    verificationStatus: 'unconfirmed',
    type: 'allergy',
    category: ['medication'],
    criticality: 'low',
    recordedDaysAgo: 600,
    reactions: [{ manifestation: [snomed('271807003', 'Eruption of skin')], severity: 'mild' }],
    note: 'Reported by daughter; not confirmed.',
  }).id!;
  notable.inactiveAllergy = addAllergy(record, {
    code: snomed('111088007', 'Latex', 'Latex'),
    clinicalStatus: 'inactive',
    verificationStatus: 'confirmed',
    type: 'allergy',
    category: ['environment'],
    criticality: 'low',
    onsetDaysAgo: 9000,
    recordedDaysAgo: 8000,
    reactions: [{ manifestation: [snomed('40275004', 'Contact dermatitis')], severity: 'mild' }],
    note: 'No reaction to latex gloves during hip surgery.',
  }).id!;
  notable.enteredInErrorAllergy = addAllergy(record, {
    code: snomed('387458008', 'Aspirin', 'Aspirin'),
    verificationStatus: 'entered-in-error',
    type: 'allergy',
    category: ['medication'],
    criticality: 'high',
    recordedDaysAgo: 300,
    note: 'Entered in error: recorded on the wrong patient.',
  }).id!;

  // Problems.
  addCondition(record, { code: snomed('69896004', 'Rheumatoid arthritis'), status: 'active', onsetDaysAgo: 4000 });
  addCondition(record, { code: snomed('195967001', 'Asthma'), status: 'active', onsetDaysAgo: 20000 });
  addCondition(record, {
    code: snomed('38341003', 'Hypertensive disorder', 'Hypertension'),
    status: 'active',
    onsetDaysAgo: 7000,
  });
  notable.recurrentGout = addCondition(record, {
    code: snomed('90560007', 'Gout'),
    status: 'recurrence',
    onsetDaysAgo: 2500,
    recordedDaysAgo: 40,
    note: 'Recurrent flare of the right first metatarsophalangeal joint.',
  }).id!;
  notable.pneumonia = addCondition(record, {
    code: snomed('385093006', 'Community acquired pneumonia'),
    status: 'active',
    onsetDaysAgo: 5,
  }).id!;
  addCondition(record, {
    code: snomed('5913000', 'Fracture of neck of femur'),
    status: 'resolved',
    onsetDaysAgo: 1500,
    abatementDaysAgo: 1400,
  });
  notable.enteredInErrorCondition = addCondition(record, {
    code: snomed('49436004', 'Atrial fibrillation'),
    status: 'entered-in-error',
    onsetDaysAgo: 200,
    note: 'Entered in error: ECG showed sinus rhythm with ectopics.',
  }).id!;

  // Medicines (MedicationRequest), one of each dosage shape.
  notable.amoxicillin = addMedicationRequest(record, {
    medication: {
      concept: rxnorm('308191', 'amoxicillin 500 MG Oral Capsule', 'Amoxicillin 500 mg oral capsule', ['723', 'amoxicillin']),
    },
    status: 'active',
    authoredDaysAgo: 4,
    category: 'community',
    reason: snomed('385093006', 'Community acquired pneumonia'),
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { boundsDuration: days(7), frequency: 3, period: 1, periodUnit: 'd' }, code: timingCode('TID') },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(500)),
      },
    ],
    dispense: { quantity: capsules(21), expectedSupplyDuration: days(7) },
  }).id!;
  notable.paracetamolPrn = addMedicationRequest(record, {
    medication: { concept: rxnorm('198440', 'acetaminophen 500 MG Oral Tablet', 'Paracetamol 500 mg oral tablet') },
    status: 'active',
    authoredDaysAgo: 380,
    category: 'community',
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 4, periodMax: 6, periodUnit: 'h' } },
        asNeededCodeableConcept: snomed('22253000', 'Pain'),
        route: ROUTE.oral,
        doseAndRate: doseRangeOf(tablets(1), tablets(2)),
        maxDosePerPeriod: ratio(ucum(4, 'g'), ucum(24, 'h')),
      },
    ],
  }).id!;
  notable.methotrexateWeekly = addMedicationRequest(record, {
    medication: { concept: rxnorm('105585', 'methotrexate 2.5 MG Oral Tablet', 'Methotrexate 2.5 mg oral tablet') },
    status: 'active',
    authoredDaysAgo: 800,
    category: 'community',
    reason: snomed('69896004', 'Rheumatoid arthritis'),
    dosage: [
      {
        sequence: 1,
        additionalInstruction: [{ text: 'Take on the same day each week' }],
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['mon'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(10)),
      },
    ],
  }).id!;
  notable.folicAcidContained = addMedicationRequest(record, {
    medication: {
      contained: {
        resourceType: 'Medication',
        id: 'med1',
        code: { text: 'Folic acid 5 mg tablets' },
        form: snomed('385055001', 'Tablet'),
        ingredient: [
          {
            itemCodeableConcept: concept(coding(SYSTEM.rxnorm, '4511', 'folic acid'), 'Folic acid'),
            isActive: true,
            strength: ratio(mg(5), tablets(1)),
          },
        ],
      },
    },
    status: 'active',
    authoredDaysAgo: 800,
    category: 'community',
    dosage: [
      {
        sequence: 1,
        additionalInstruction: [{ text: 'Not on the methotrexate day' }],
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['fri'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(tablets(1)),
      },
    ],
  }).id!;
  notable.prednisoloneTaper = addMedicationRequest(record, {
    medication: { concept: rxnorm('312615', 'prednisoLONE 5 MG Oral Tablet', 'Prednisolone 5 mg oral tablet') },
    status: 'active',
    authoredDaysAgo: 6,
    category: 'community',
    reason: snomed('90560007', 'Gout'),
    dosage: [30, 20, 10].map((dose, index) => ({
      sequence: index + 1,
      timing: { repeat: { boundsDuration: days(5), frequency: 1, period: 1, periodUnit: 'd' as const, when: ['MORN' as const] } },
      route: ROUTE.oral,
      doseAndRate: doseOf(mg(dose)),
    })),
  }).id!;
  notable.salbutamolPrn = addMedicationRequest(record, {
    medication: {
      concept: rxnorm('745679', '200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler', 'Salbutamol 100 micrograms/dose inhaler'),
    },
    status: 'active',
    authoredDaysAgo: 1200,
    category: 'community',
    reason: snomed('195967001', 'Asthma'),
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 4, periodUnit: 'h' }, code: timingCode('Q4H') },
        asNeededCodeableConcept: snomed('56018004', 'Wheezing'),
        route: ROUTE.inhaled,
        doseAndRate: doseOf(puffs(2)),
      },
    ],
  }).id!;
  addMedicationRequest(record, {
    medication: {
      concept: rxnorm('895994', '120 ACTUAT fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler', 'Fluticasone 44 micrograms/dose inhaler'),
    },
    status: 'active',
    authoredDaysAgo: 1200,
    category: 'community',
    reason: snomed('195967001', 'Asthma'),
    dosage: [{ sequence: 1, timing: { code: timingCode('BID') }, route: ROUTE.inhaled, doseAndRate: doseOf(puffs(2)) }],
  });
  notable.amlodipineWithText = addMedicationRequest(record, {
    medication: { concept: rxnorm('197361', 'amlodipine 5 MG Oral Tablet', 'Amlodipine 5 mg oral tablet') },
    status: 'active',
    authoredDaysAgo: 2500,
    category: 'community',
    reason: snomed('38341003', 'Hypertensive disorder'),
    dosage: [
      {
        sequence: 1,
        text: 'Take ONE tablet each morning',
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', timeOfDay: ['08:00:00'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(tablets(1)),
      },
    ],
  }).id!;
  addMedicationRequest(record, {
    medication: { concept: rxnorm('617311', 'atorvastatin 40 MG Oral Tablet', 'Atorvastatin 40 mg oral tablet') },
    status: 'active',
    authoredDaysAgo: 3000,
    category: 'community',
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(40)),
      },
    ],
  });
  notable.onHold = addMedicationRequest(record, {
    medication: { concept: rxnorm('313988', 'furosemide 40 MG Oral Tablet', 'Furosemide 40 mg oral tablet') },
    status: 'on-hold',
    statusReason: 'Held while acutely unwell with pneumonia',
    authoredDaysAgo: 900,
    category: 'community',
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['MORN'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(40)),
      },
    ],
  }).id!;
  notable.stopped = addMedicationRequest(record, {
    medication: { concept: rxnorm('310965', 'ibuprofen 200 MG Oral Tablet', 'Ibuprofen 200 mg oral tablet') },
    status: 'stopped',
    statusReason: 'Stopped: gastrointestinal bleeding risk with methotrexate and age',
    authoredDaysAgo: 1300,
    category: 'community',
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 8, periodUnit: 'h' } },
        asNeededBoolean: true,
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(400)),
      },
    ],
  }).id!;
  const enoxaparin = addMedication(record, {
    code: rxnorm('854235', '0.4 ML enoxaparin sodium 100 MG/ML Prefilled Syringe', 'Enoxaparin 40 mg/0.4 mL pre-filled syringe'),
    status: 'active',
    form: snomed('385219001', 'Solution for injection'),
    ingredient: [
      {
        itemCodeableConcept: concept(coding(SYSTEM.rxnorm, '67108', 'enoxaparin')),
        isActive: true,
        strength: ratio(mg(100), mL(1)),
      },
    ],
  });
  notable.enoxaparinMedication = enoxaparin.id!;
  notable.completedEnoxaparin = addMedicationRequest(record, {
    medication: { medicationId: enoxaparin.id!, display: 'Enoxaparin 40 mg/0.4 mL pre-filled syringe' },
    status: 'completed',
    authoredDaysAgo: 1500,
    category: 'inpatient',
    reason: snomed('5913000', 'Fracture of neck of femur'),
    dosage: [
      {
        sequence: 1,
        timing: {
          repeat: {
            boundsPeriod: { start: record.date(1500), end: record.date(1472) },
            frequency: 1,
            period: 1,
            periodUnit: 'd',
            timeOfDay: ['18:00:00'],
          },
        },
        route: ROUTE.subcutaneous,
        doseAndRate: doseOf(mg(40)),
      },
    ],
  }).id!;
  notable.infusion = addMedicationRequest(record, {
    medication: { concept: rxnorm('313002', 'sodium chloride 9 MG/ML Injectable Solution', 'Sodium chloride 0.9% solution for infusion') },
    status: 'completed',
    authoredDaysAgo: 1500,
    category: 'inpatient',
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { boundsPeriod: { start: record.date(1500), end: record.date(1499) } } },
        route: ROUTE.intravenous,
        doseAndRate: doseOf(mL(1000), ucum(83, 'mL/h')),
      },
    ],
  }).id!;
  notable.colchicineCount = addMedicationRequest(record, {
    medication: { concept: rxnorm('2683', 'colchicine', 'Colchicine 500 microgram tablet') },
    status: 'completed',
    authoredDaysAgo: 380,
    category: 'community',
    reason: snomed('90560007', 'Gout'),
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { count: 12, frequency: 4, period: 1, periodUnit: 'd' }, code: timingCode('QID') },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(0.5)),
      },
    ],
  }).id!;
  notable.cancelled = addMedicationRequest(record, {
    medication: { concept: rxnorm('835603', 'tramadol hydrochloride 50 MG Oral Tablet', 'Tramadol 50 mg oral tablet') },
    status: 'cancelled',
    statusReason: 'Cancelled before dispensing: risk of falls',
    authoredDaysAgo: 370,
    category: 'community',
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 6, periodUnit: 'h' } },
        asNeededCodeableConcept: snomed('22253000', 'Pain'),
        route: ROUTE.oral,
        doseAndRate: doseRangeOf(tablets(1), tablets(2)),
      },
    ],
  }).id!;
  notable.draft = addMedicationRequest(record, {
    medication: { concept: rxnorm('904419', 'alendronate sodium 70 MG Oral Tablet', 'Alendronic acid 70 mg oral tablet') },
    status: 'draft',
    authoredDaysAgo: 1,
    category: 'community',
    reason: snomed('5913000', 'Fracture of neck of femur'),
    dosage: [
      {
        sequence: 1,
        text: 'Take ONE tablet once a week on Sunday with a full glass of water, 30 minutes before breakfast; stay upright',
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['sun'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(70)),
      },
    ],
  }).id!;
  notable.enteredInErrorOrder = addMedicationRequest(record, {
    medication: { concept: rxnorm('855332', 'warfarin sodium 5 MG Oral Tablet', 'Warfarin 5 mg oral tablet') },
    status: 'entered-in-error',
    authoredDaysAgo: 200,
    category: 'community',
    reason: snomed('49436004', 'Atrial fibrillation'),
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', timeOfDay: ['18:00:00'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(5)),
      },
    ],
  }).id!;
  notable.medicationStatement = addMedicationStatement(record, {
    medication: { text: 'Glucosamine sulfate 500 mg capsule' },
    status: 'active',
    startedDaysAgo: 2000,
    assertedDaysAgo: 60,
    note: 'Self-bought supplement.',
    dosage: [
      {
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(500)),
      },
    ],
  }).id!;

  // Methotrexate monitoring bloods every ~3 months, then the pneumonia admission CRP.
  const draws = regularVisits(random, 8, 700, 30, 10);
  draws.forEach((daysAgo, index) => {
    const minuteOfDay = random.int(8 * 60, 11 * 60);
    quantityResult(record, SERIES.alt, index === 5 ? 68 : 26 + random.noise(5), daysAgo, { minuteOfDay });
    const wbc = quantityResult(record, SERIES.leukocytes, index === 3 ? 3.6 : 6.6 + random.noise(0.6), daysAgo, {
      minuteOfDay,
      ...(index === 3 ? { status: 'corrected', note: 'Corrected: manual differential count.' } : {}),
    });
    if (index === 3) notable.correctedLowWbc = wbc.id!;
    quantityResult(record, SERIES.egfr, 52 + random.noise(3), daysAgo, { minuteOfDay });
    quantityResult(record, SERIES.sodium, 139 + random.noise(2), daysAgo, { minuteOfDay });
  });
  notable.pneumoniaCrp = quantityResult(record, SERIES.crp, 146 + random.noise(6), 5).id!;
  quantityResult(record, SERIES.leukocytes, 14.8 + random.noise(0.6), 5);

  regularVisits(random, 8, 720, 5, 10).forEach((daysAgo) => {
    bloodPressureResult(record, 'panelVitalSigns', 138 + random.noise(8), 76 + random.noise(5), daysAgo);
  });

  return { bundle: record.toBundle(), notable };
}
