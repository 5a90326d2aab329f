// pat-diabetes: adult with type 2 diabetes over 8 years. HbA1c rising ~5.5% → ~10% (N/H/HH),
// fasting glucose, BP as panel 85354-9, metformin then insulin, one entered-in-error HbA1c,
// a text-only reference range (urine ACR), and no AllergyIntolerance records at all.
import { addCondition } from '../conditions.js';
import { regularVisits, YEAR_DAYS } from '../clinical-time.js';
import {
  addMedication,
  addMedicationRequest,
  addMedicationStatement,
  doseOf,
  doseRangeOf,
  mg,
  ratio,
  rxnorm,
  tablets,
  units,
  mL,
} from '../medications.js';
import { bloodPressureResult, quantityResult } from '../observations.js';
import { addCareSetting, addPatient, usCareSetting } from '../people.js';
import { PatientRecord, type ArchetypeContext } from '../patient-record.js';
import { ROUTE, SERIES, SYSTEM, coding, concept, snomed, timingCode, ucum } from '../terminology.js';
import type { ArchetypeResult } from './archetype-result.js';

export const DIABETES_ID = 'pat-diabetes';

const WITH_FOOD = snomed('311504000', 'With or just after food, or a milk drink', 'Take with food');

export function diabetesPatient(context: ArchetypeContext): ArchetypeResult {
  const record = new PatientRecord(DIABETES_ID, context, -300);
  const random = record.random;
  const notable: Record<string, string> = {};

  addCareSetting(record, usCareSetting({ use: 'official', family: 'Chen', given: ['Sarah'], prefix: ['Dr'] }, '1234567893'));
  addPatient(record, {
    name: { use: 'official', family: 'Patel', given: ['Rajesh', 'Kumar'], prefix: ['Mr'] },
    gender: 'male',
    birthDate: record.date(Math.round(60 * YEAR_DAYS + 231)),
    address: { use: 'home', line: ['42 Maple Street', 'Apt 3B'], city: 'Springfield', state: 'MA', postalCode: '01103', country: 'US' },
    phone: '+1 413 555 0142',
    mrn: 'RGH0048210',
  });

  // Problems.
  addCondition(record, {
    code: snomed('44054006', 'Diabetes mellitus type 2', 'Type 2 diabetes mellitus'),
    status: 'active',
    onsetDaysAgo: 3100,
  });
  addCondition(record, { code: snomed('59621000', 'Essential hypertension'), status: 'active', onsetDaysAgo: 3650 });
  addCondition(record, { code: snomed('55822004', 'Hyperlipidemia'), status: 'active', onsetDaysAgo: 3300 });
  addCondition(record, {
    code: snomed('10509002', 'Acute bronchitis'),
    status: 'resolved',
    onsetDaysAgo: 700,
    abatementDaysAgo: 679,
  });
  notable.enteredInErrorCondition = addCondition(record, {
    code: snomed('46635009', 'Diabetes mellitus type 1', 'Type 1 diabetes mellitus'),
    status: 'entered-in-error',
    onsetDaysAgo: 3100,
    note: 'Entered in error: the patient has type 2 diabetes.',
  }).id!;

  // Medicines: metformin 500 mg, then 1000 mg, then basal and prandial insulin.
  notable.stoppedMetformin = addMedicationRequest(record, {
    medication: { concept: rxnorm('861007', 'metformin hydrochloride 500 MG Oral Tablet', 'Metformin 500 mg oral tablet') },
    status: 'stopped',
    statusReason: 'Dose increased to 1000 mg twice daily',
    authoredDaysAgo: 2950,
    reason: snomed('44054006', 'Diabetes mellitus type 2'),
    dosage: [
      {
        sequence: 1,
        additionalInstruction: [WITH_FOOD],
        timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' }, code: timingCode('BID') },
        route: ROUTE.oral,
        doseAndRate: doseOf(tablets(1)),
      },
    ],
  }).id!;
  notable.activeMetformin = addMedicationRequest(record, {
    medication: { concept: rxnorm('861007', 'metformin hydrochloride 500 MG Oral Tablet', 'Metformin 500 mg oral tablet') },
    status: 'active',
    authoredDaysAgo: 1800,
    reason: snomed('44054006', 'Diabetes mellitus type 2'),
    dosage: [
      {
        sequence: 1,
        additionalInstruction: [WITH_FOOD],
        timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' }, code: timingCode('BID') },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(1000)),
      },
    ],
    dispense: {
      numberOfRepeatsAllowed: 5,
      quantity: tablets(120),
      expectedSupplyDuration: ucum(30, 'days', 'd'),
    },
  }).id!;
  const glargine = addMedication(record, {
    code: rxnorm('274783', 'insulin glargine', 'Insulin glargine 100 units/mL solution for injection, 3 mL pre-filled pen'),
    status: 'active',
    form: snomed('385219001', 'Solution for injection'),
    ingredient: [
      {
        itemCodeableConcept: concept(coding(SYSTEM.rxnorm, '274783', 'insulin glargine')),
        isActive: true,
        strength: ratio(units(100), mL(1)),
      },
    ],
  });
  notable.insulinMedication = glargine.id!;
  notable.insulinGlargine = addMedicationRequest(record, {
    medication: { medicationId: glargine.id!, display: 'Insulin glargine 100 units/mL pre-filled pen' },
    status: 'active',
    authoredDaysAgo: 1100,
    reason: snomed('44054006', 'Diabetes mellitus type 2'),
    note: 'Titrate by 2 units every 3 days to a fasting glucose of 80–130 mg/dL.',
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] } },
        route: ROUTE.subcutaneous,
        doseAndRate: doseOf(units(18)),
      },
    ],
  }).id!;
  notable.insulinLispro = addMedicationRequest(record, {
    medication: { concept: rxnorm('86009', 'insulin lispro', 'Insulin lispro 100 units/mL solution for injection') },
    status: 'active',
    authoredDaysAgo: 400,
    reason: snomed('44054006', 'Diabetes mellitus type 2'),
    dosage: [
      {
        sequence: 1,
        additionalInstruction: [{ text: 'Adjust to carbohydrate intake' }],
        timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd', when: ['ACM'] }, code: timingCode('TID') },
        route: ROUTE.subcutaneous,
        doseAndRate: doseRangeOf(units(4), units(8)),
      },
    ],
  }).id!;
  addMedicationRequest(record, {
    medication: { concept: rxnorm('617311', 'atorvastatin 40 MG Oral Tablet', 'Atorvastatin 40 mg oral tablet') },
    status: 'active',
    authoredDaysAgo: 3000,
    reason: snomed('55822004', 'Hyperlipidemia'),
    dosage: [
      {
        sequence: 1,
        text: 'Take one tablet by mouth at bedtime',
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(tablets(1)),
      },
    ],
  });
  addMedicationRequest(record, {
    medication: { concept: rxnorm('314076', 'lisinopril 10 MG Oral Tablet', 'Lisinopril 10 mg oral tablet') },
    status: 'active',
    authoredDaysAgo: 3500,
    reason: snomed('59621000', 'Essential hypertension'),
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(10)),
      },
    ],
  });
  notable.medicationStatement = addMedicationStatement(record, {
    medication: rxnorm('243670', 'aspirin 81 MG Oral Tablet', 'Aspirin 81 mg oral tablet'),
    status: 'active',
    startedDaysAgo: 900,
    assertedDaysAgo: 200,
    note: 'Bought over the counter.',
    dosage: [
      {
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(81)),
      },
    ],
  }).id!;

  // HbA1c by HPLC (17856-6) from an outside lab before the 4548-4 series.
  const outside = [3600, 3420, 3240, 3060];
  outside.forEach((daysAgo, index) => quantityResult(record, SERIES.hba1cHplc, 5.3 + index * 0.2 + random.noise(0.1), daysAgo));

  // Quarterly HbA1c (4548-4) and fasting glucose (1558-6) over 8 years, same specimen.
  const visits = regularVisits(random, 32, 2900, 21, 8);
  const hba1cIds: string[] = [];
  visits.forEach((daysAgo, index) => {
    const progress = index / (visits.length - 1);
    const minuteOfDay = random.int(7 * 60 + 30, 10 * 60);
    const drift = 5.5 + progress * 4.4 + progress * progress * 0.2 + random.noise(0.15);
    // The first results stay inside the normal range, so the series always shows N, H and HH.
    const hba1c = index < 2 ? Math.min(5.5, drift) : drift;
    const result = quantityResult(record, SERIES.hba1c, hba1c, daysAgo, {
      minuteOfDay,
      ...(index === 12 ? { status: 'amended', note: 'Amended: re-reported after analyser calibration check.' } : {}),
    });
    hba1cIds.push(result.id!);
    if (index === 20) {
      notable.enteredInErrorHba1c = quantityResult(record, SERIES.hba1c, 14.2, daysAgo, {
        minuteOfDay: minuteOfDay + 5,
        status: 'entered-in-error',
        note: 'Entered in error: result belonged to another patient.',
      }).id!;
    }
    const glucose = index === 28 ? 62 : 98 + progress * 90 + random.noise(9);
    const glucoseResult = quantityResult(record, SERIES.fastingGlucose, glucose, daysAgo, {
      minuteOfDay,
      ...(index === 15 ? { status: 'corrected', note: 'Corrected: specimen label verified.' } : {}),
    });
    if (index === 28) notable.lowGlucose = glucoseResult.id!;
  });
  notable.amendedHba1c = hba1cIds[12]!;
  notable.latestHba1c = hba1cIds[hba1cIds.length - 1]!;

  // Yearly urine albumin/creatinine ratio with a text-only reference range.
  const acrVisits = regularVisits(random, 8, 2880, 35, 10);
  acrVisits.forEach((daysAgo, index) => {
    const result = quantityResult(record, SERIES.urineAlbuminCreatinine, 12 + index * index * 1.4 + random.noise(2), daysAgo, {
      ...(index === acrVisits.length - 1 ? { status: 'preliminary' } : {}),
    });
    if (index === acrVisits.length - 1) notable.preliminaryUrineAcr = result.id!;
    if (index === 0) notable.textRangeUrineAcr = result.id!;
  });

  // Blood pressure panel (85354-9) at each diabetes review.
  visits.forEach((daysAgo, index) => {
    bloodPressureResult(record, 'panelVitalSigns', 128 + index * 0.6 + random.noise(7), 80 + random.noise(5), daysAgo);
  });

  return { bundle: record.toBundle(), notable };
}
