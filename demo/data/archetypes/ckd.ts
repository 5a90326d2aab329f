// pat-ckd: chronic kidney disease over 6 years. eGFR falling, creatinine rising and switching from
// mg/dL (2160-0) to umol/L (14682-9) half way, hemoglobin g/dL then g/L (718-7), potassium with one
// critical (HH) value, CRP with a "<5 mg/L" result, urine cultures as coded/text results, BP as
// 55284-4, and an AllergyIntolerance asserting no known allergy (SNOMED 716186003).
import { addAllergy } from '../allergies.js';
import { addCondition } from '../conditions.js';
import { regularVisits, YEAR_DAYS } from '../clinical-time.js';
import {
  addMedication,
  addMedicationRequest,
  addMedicationStatement,
  capsules,
  doseOf,
  mg,
  mL,
  ratio,
  rxnorm,
  units,
} from '../medications.js';
import { bloodPressureResult, nonNumericResult, quantityResult } from '../observations.js';
import { addCareSetting, addPatient, usCareSetting } from '../people.js';
import { PatientRecord, type ArchetypeContext } from '../patient-record.js';
import { ROUTE, SERIES, SYSTEM, coding, concept, loinc, snomed } from '../terminology.js';
import type { ArchetypeResult } from './archetype-result.js';

export const CKD_ID = 'pat-ckd';

/** Index of the draw where the lab switches creatinine and hemoglobin units. */
const UNIT_SWITCH = 12;
const DRAWS = 24;
const CRITICAL_POTASSIUM_DRAW = 16;
const CRITICAL_HEMOGLOBIN_DRAW = 18;
const CRP_DRAWS = [4, 9, 14, 19, 22] as const;
const CRP_BELOW_DETECTION_DRAW = 14;

export function ckdPatient(context: ArchetypeContext): ArchetypeResult {
  const record = new PatientRecord(CKD_ID, context, -300);
  const random = record.random;
  const notable: Record<string, string> = {};

  addCareSetting(record, usCareSetting({ use: 'official', family: 'Okafor', given: ['Michael'], prefix: ['Dr'] }, '1245319599'));
  addPatient(record, {
    name: { use: 'official', family: "O'Brien", given: ['Margaret', 'Ann'], prefix: ['Mrs'] },
    gender: 'female',
    birthDate: record.date(Math.round(74 * YEAR_DAYS + 40)),
    address: { use: 'home', line: ['7 Elm Court'], city: 'Chicopee', state: 'MA', postalCode: '01020', country: 'US' },
    phone: '+1 413 555 0177',
    mrn: 'RGH0031877',
  });

  notable.noKnownAllergy = addAllergy(record, {
    code: snomed('716186003', 'No known allergy', 'No known allergies'),
    clinicalStatus: 'active',
    verificationStatus: 'confirmed',
    recordedDaysAgo: 2107,
  }).id!;

  const draws = regularVisits(random, DRAWS, 2107, 14, 6);
  const potassiumDay = draws[CRITICAL_POTASSIUM_DRAW]!;

  addCondition(record, {
    code: snomed('431857002', 'Chronic kidney disease stage 4'),
    status: 'active',
    onsetDaysAgo: 700,
  });
  addCondition(record, {
    code: snomed('433144002', 'Chronic kidney disease stage 3'),
    status: 'inactive',
    onsetDaysAgo: 2400,
    abatementDaysAgo: 700,
    note: 'Progressed to stage 4.',
  });
  addCondition(record, { code: snomed('59621000', 'Essential hypertension'), status: 'active', onsetDaysAgo: 5000 });
  addCondition(record, {
    code: snomed('707323002', 'Anemia in chronic kidney disease'),
    status: 'active',
    onsetDaysAgo: 1000,
  });
  addCondition(record, {
    code: snomed('68566005', 'Urinary tract infectious disease'),
    status: 'resolved',
    onsetDaysAgo: 900,
    abatementDaysAgo: 880,
  });
  addCondition(record, {
    code: snomed('14140009', 'Hyperkalemia'),
    status: 'resolved',
    onsetDaysAgo: potassiumDay,
    abatementDaysAgo: potassiumDay - 7,
  });

  // Medicines.
  addMedicationRequest(record, {
    medication: { concept: rxnorm('197361', 'amlodipine 5 MG Oral Tablet', 'Amlodipine 5 mg oral tablet') },
    status: 'active',
    authoredDaysAgo: 1900,
    reason: snomed('59621000', 'Essential hypertension'),
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', timeOfDay: ['08:00:00'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(5)),
      },
    ],
  });
  addMedicationRequest(record, {
    medication: { concept: rxnorm('313988', 'furosemide 40 MG Oral Tablet', 'Furosemide 40 mg oral tablet') },
    status: 'active',
    authoredDaysAgo: 650,
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd', timeOfDay: ['08:00:00', '14:00:00'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(40)),
      },
    ],
  });
  const epoetin = addMedication(record, {
    code: rxnorm('105694', 'epoetin alfa', 'Epoetin alfa 10,000 units/mL solution for injection'),
    status: 'active',
    form: snomed('385219001', 'Solution for injection'),
    ingredient: [
      {
        itemCodeableConcept: concept(coding(SYSTEM.rxnorm, '105694', 'epoetin alfa')),
        isActive: true,
        strength: ratio(units(10000), mL(1)),
      },
    ],
  });
  notable.epoetinMedication = epoetin.id!;
  notable.epoetinRequest = addMedicationRequest(record, {
    medication: { medicationId: epoetin.id!, display: 'Epoetin alfa 10,000 units/mL' },
    status: 'active',
    authoredDaysAgo: 950,
    reason: snomed('707323002', 'Anemia in chronic kidney disease'),
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['wed'] } },
        route: ROUTE.subcutaneous,
        doseAndRate: doseOf(units(4000)),
      },
    ],
  }).id!;
  addMedicationRequest(record, {
    medication: { concept: rxnorm('310325', 'ferrous sulfate 325 MG Oral Tablet', 'Ferrous sulfate 325 mg oral tablet') },
    status: 'on-hold',
    statusReason: 'Held during intravenous iron course',
    authoredDaysAgo: 1000,
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(325)),
      },
    ],
  });
  addMedicationRequest(record, {
    medication: { concept: rxnorm('1894', 'calcitriol', 'Calcitriol 0.25 microgram oral capsule') },
    status: 'active',
    authoredDaysAgo: 600,
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } },
        route: ROUTE.oral,
        doseAndRate: doseOf(capsules(1)),
      },
    ],
  });
  addMedicationRequest(record, {
    medication: { concept: rxnorm('310965', 'ibuprofen 200 MG Oral Tablet', 'Ibuprofen 200 mg oral tablet') },
    status: 'stopped',
    statusReason: 'NSAID stopped: chronic kidney disease',
    authoredDaysAgo: 2300,
    dosage: [
      {
        sequence: 1,
        timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd' } },
        asNeededCodeableConcept: snomed('22253000', 'Pain'),
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(400)),
      },
    ],
  });
  addMedicationStatement(record, {
    medication: rxnorm('7646', 'omeprazole', 'Omeprazole 20 mg gastro-resistant capsule'),
    status: 'active',
    startedDaysAgo: 1500,
    assertedDaysAgo: 300,
    note: 'Patient buys over the counter.',
    dosage: [
      {
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['ACM'] } },
        route: ROUTE.oral,
        doseAndRate: doseOf(mg(20)),
      },
    ],
  });

  // Quarterly renal panel. eGFR falls ~64 → ~20; creatinine (≈ 55 / eGFR mg/dL) rises.
  const egfrIds: string[] = [];
  const creatinineIds: string[] = [];
  const hemoglobinIds: string[] = [];
  const potassiumIds: string[] = [];
  draws.forEach((daysAgo, index) => {
    const progress = index / (DRAWS - 1);
    const minuteOfDay = random.int(7 * 60 + 30, 11 * 60);
    const egfr = Math.max(16, 64 - progress * 44 + random.noise(1.5));
    egfrIds.push(quantityResult(record, SERIES.egfr, egfr, daysAgo, { minuteOfDay }).id!);

    const creatinineMgDl = (55 / egfr) * (1 + random.noise(0.02));
    const creatinine =
      index < UNIT_SWITCH
        ? quantityResult(record, SERIES.creatinineMass, creatinineMgDl, daysAgo, {
            minuteOfDay,
            ...(index === 7 ? { status: 'corrected', note: 'Corrected: haemolysed specimen re-analysed.' } : {}),
          })
        : quantityResult(record, SERIES.creatinineMolar, creatinineMgDl * 88.4, daysAgo, { minuteOfDay });
    creatinineIds.push(creatinine.id!);

    const hemoglobinGdl =
      index === CRITICAL_HEMOGLOBIN_DRAW ? 6.8 : Math.max(8.2, 12.9 - progress * 3.2 + random.noise(0.25));
    const hemoglobin =
      index < UNIT_SWITCH
        ? quantityResult(record, SERIES.hemoglobinMass, hemoglobinGdl, daysAgo, { minuteOfDay })
        : quantityResult(record, SERIES.hemoglobinPerLitre, hemoglobinGdl * 10, daysAgo, {
            minuteOfDay,
            ...(index === DRAWS - 1 ? { status: 'preliminary' } : {}),
          });
    hemoglobinIds.push(hemoglobin.id!);

    const potassium =
      index === CRITICAL_POTASSIUM_DRAW ? 6.8 : Math.min(6.2, Math.max(3.6, 4.4 + progress * 0.8 + random.noise(0.3)));
    potassiumIds.push(quantityResult(record, SERIES.potassium, potassium, daysAgo, { minuteOfDay }).id!);

    const crpIndex = (CRP_DRAWS as readonly number[]).indexOf(index);
    if (crpIndex >= 0) {
      if (index === CRP_BELOW_DETECTION_DRAW) {
        notable.crpBelowDetection = quantityResult(record, SERIES.crp, 5, daysAgo, { minuteOfDay, comparator: '<' }).id!;
      } else {
        const crp = [12.4, 8.1, 0, 3.2, 18.6][crpIndex]! * (1 + random.noise(0.05));
        quantityResult(record, SERIES.crp, crp, daysAgo, { minuteOfDay });
      }
    }
  });
  notable.firstEgfr = egfrIds[0]!;
  notable.latestEgfr = egfrIds[egfrIds.length - 1]!;
  notable.lastCreatinineMgDl = creatinineIds[UNIT_SWITCH - 1]!;
  notable.firstCreatinineUmolL = creatinineIds[UNIT_SWITCH]!;
  notable.correctedCreatinine = creatinineIds[7]!;
  notable.lastHemoglobinGdl = hemoglobinIds[UNIT_SWITCH - 1]!;
  notable.firstHemoglobinGL = hemoglobinIds[UNIT_SWITCH]!;
  notable.criticalHemoglobin = hemoglobinIds[CRITICAL_HEMOGLOBIN_DRAW]!;
  notable.preliminaryHemoglobin = hemoglobinIds[DRAWS - 1]!;
  notable.criticalPotassium = potassiumIds[CRITICAL_POTASSIUM_DRAW]!;

  // Urine cultures: a coded organism, then a text result.
  const culture = loinc('630-4', 'Bacteria identified in Urine by Culture', 'Urine culture');
  notable.urineCultureCoded = nonNumericResult(
    record,
    culture,
    { valueCodeableConcept: snomed('112283007', 'Escherichia coli', 'Escherichia coli >100,000 CFU/mL') },
    900,
  ).id!;
  notable.urineCultureText = nonNumericResult(record, culture, { valueString: 'No growth after 48 hours' }, 870).id!;

  // Blood pressure (55284-4) about every 10 weeks.
  regularVisits(random, 30, 2100, 10, 5).forEach((daysAgo, index) => {
    bloodPressureResult(record, 'panelSystolicDiastolic', 146 - index * 0.5 + random.noise(8), 84 + random.noise(5), daysAgo);
  });

  return { bundle: record.toBundle(), notable };
}
