// Dosage → text: a table of structured Dosages (R4, STU3, DSTU2, R5 shapes) and the exact line a
// clinician should read, plus the fixtures' real dosages.
import { expect } from '@open-wc/testing';
import { dosageInstructionTexts, dosageSummary, dosageText } from '../../src/model/dosage-text.js';
import { DEMO_NOTABLE, demoResources } from '../../demo/data/generator.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';

const UCUM = 'http://unitsofmeasure.org';
const SCT = 'http://snomed.info/sct';
const q = (value: number, unit: string, code = unit) => ({ value, unit, system: UCUM, code });
const tablets = (value: number) => ({ value, unit: value === 1 ? 'tablet' : 'tablets', system: UCUM, code: '{tbl}' });
const oral = { coding: [{ system: SCT, code: '26643006', display: 'Oral route' }] };
const iv = { coding: [{ system: SCT, code: '47625008', display: 'Intravenous route' }] };
const dose = (doseQuantity: unknown) => [{ doseQuantity }];
const daily = (frequency: number, period = 1, periodUnit = 'd') => ({ repeat: { frequency, period, periodUnit } });

const cases: [string, unknown, string][] = [
  ['once a day', { doseAndRate: dose(tablets(1)), route: oral, timing: daily(1) }, '1 tablet, oral, once a day'],
  ['twice a day', { doseAndRate: dose(q(500, 'mg')), route: oral, timing: daily(2) }, '500 mg, oral, twice a day'],
  ['three times a day', { doseAndRate: dose(tablets(2)), timing: daily(3) }, '2 tablets, three times a day'],
  ['four times a day', { doseAndRate: dose(q(5, 'mL')), timing: daily(4) }, '5 mL, four times a day'],
  ['five times a day', { doseAndRate: dose(q(200, 'mg')), timing: daily(5) }, '200 mg, 5 times a day'],
  ['every 8 hours', { doseAndRate: dose(q(1, 'g')), route: iv, timing: daily(1, 8, 'h') }, '1 g, intravenous, every 8 hours'],
  ['every 4 to 6 hours', { doseAndRate: dose(tablets(1)), timing: { repeat: { frequency: 1, period: 4, periodMax: 6, periodUnit: 'h' } } }, '1 tablet, every 4 to 6 hours'],
  ['every hour', { doseAndRate: dose(q(2.5, 'mg')), timing: daily(1, 1, 'h') }, '2.5 mg, every hour'],
  ['1 to 2 times a day', { doseAndRate: dose(tablets(1)), timing: { repeat: { frequency: 1, frequencyMax: 2, period: 1, periodUnit: 'd' } } }, '1 tablet, 1 to 2 times a day'],
  ['once a week on a weekday', { doseAndRate: dose(q(70, 'mg')), route: oral, timing: { repeat: { frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['mon'] } } }, '70 mg, oral, once a week, on Monday'],
  ['every 2 weeks', { doseAndRate: dose(q(40, 'mg')), timing: daily(1, 2, 'wk') }, '40 mg, every 2 weeks'],
  ['3 times every 2 days', { doseAndRate: dose(tablets(1)), timing: daily(3, 2, 'd') }, '1 tablet, three times every 2 days'],
  ['dose range, units singular and plural', { doseAndRate: [{ doseRange: { low: tablets(1), high: tablets(2) } }], timing: daily(4) }, '1 to 2 tablets, four times a day'],
  ['decimal dose keeps its leading zero, loses trailing zeros', { doseAndRate: dose({ value: 0.50, unit: 'mg', system: UCUM, code: 'mg' }), timing: daily(1) }, '0.5 mg, once a day'],
  ['thousands separator', { doseAndRate: dose(q(1500, 'mg')), timing: daily(1) }, '1,500 mg, once a day'],
  ['when: in the morning', { doseAndRate: dose(q(20, 'mg')), route: oral, timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['MORN'] } } }, '20 mg, oral, once a day, in the morning'],
  ['when with offset', { doseAndRate: dose(q(40, 'mg')), timing: { repeat: { when: ['ACM'], offset: 30 } } }, '40 mg, 30 minutes before breakfast'],
  ['time of day', { doseAndRate: dose(q(10, 'units', '[IU]')), timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd', timeOfDay: ['08:00:00', '20:00:00'] } } }, '10 units, twice a day, at 08:00 and 20:00'],
  ['timing.code BID', { doseAndRate: dose(q(850, 'mg')), route: oral, timing: { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation', code: 'BID' }] } } }, '850 mg, oral, twice a day'],
  ['timing.code TID', { doseAndRate: dose(tablets(1)), timing: { code: { coding: [{ code: 'TID' }] } } }, '1 tablet, three times a day'],
  ['timing.code QID', { doseAndRate: dose(tablets(1)), timing: { code: { coding: [{ code: 'QID' }] } } }, '1 tablet, four times a day'],
  ['count is a number of doses, never a frequency', { doseAndRate: dose(q(1, 'g')), timing: { repeat: { count: 3, frequency: 1, period: 8, periodUnit: 'h' } } }, '1 g, every 8 hours, for 3 doses'],
  ['count alone', { doseAndRate: dose(q(2, 'g')), timing: { repeat: { count: 1 } } }, '2 g, for 1 dose'],
  ['boundsDuration', { doseAndRate: dose(q(500, 'mg')), route: oral, timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd', boundsDuration: { value: 7, unit: 'days', system: UCUM, code: 'd' } } } }, '500 mg, oral, three times a day, for 7 days'],
  ['boundsPeriod', { doseAndRate: dose(q(30, 'mg')), timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', boundsPeriod: { start: '2026-10-01', end: '2026-10-07' } } } }, '30 mg, once a day, from 01-Oct-2026 to 07-Oct-2026'],
  ['as needed (boolean)', { doseAndRate: dose(tablets(2)), timing: daily(1, 4, 'h'), asNeededBoolean: true }, '2 tablets, every 4 hours, as needed'],
  ['as needed for a reason', { doseAndRate: dose(tablets(1)), route: oral, timing: { repeat: { frequency: 1, period: 4, periodMax: 6, periodUnit: 'h' } }, asNeededCodeableConcept: { coding: [{ system: SCT, code: '22253000', display: 'Pain' }] } }, '1 tablet, oral, every 4 to 6 hours, as needed for pain'],
  ['maximum dose per period', { doseAndRate: [{ doseRange: { low: tablets(1), high: tablets(2) } }], timing: daily(1, 4, 'h'), asNeededBoolean: true, maxDosePerPeriod: { numerator: tablets(8), denominator: q(24, 'h') } }, '1 to 2 tablets, every 4 hours, as needed, max 8 tablets per 24 hours'],
  ['maximum dose per day', { doseAndRate: dose(q(1, 'g')), timing: daily(4), maxDosePerPeriod: { numerator: q(4, 'g'), denominator: q(1, 'd') } }, '1 g, four times a day, max 4 g per day'],
  ['additional instruction (coded)', { doseAndRate: dose(q(500, 'mg')), timing: daily(2), additionalInstruction: [{ coding: [{ system: SCT, code: '311504000', display: 'With or after food' }] }] }, '500 mg, twice a day, with or after food'],
  ['rate and infusion duration', { doseAndRate: [{ doseQuantity: q(1, 'g'), rateRatio: { numerator: q(100, 'mL'), denominator: q(1, 'h') } }], route: iv, timing: { repeat: { frequency: 1, period: 12, periodUnit: 'h', duration: 30, durationUnit: 'min' } } }, '1 g, at 100 mL per hour, over 30 minutes, intravenous, every 12 hours'],
  ['rate quantity', { doseAndRate: [{ rateQuantity: { value: 2, unit: 'L/min', system: UCUM, code: 'L/min' } }], timing: {} }, 'at 2 L/min'],
  ['several doseAndRate: the ordered one', { doseAndRate: [{ type: { coding: [{ code: 'calculated' }] }, doseQuantity: q(612, 'mg') }, { type: { coding: [{ code: 'ordered' }] }, doseQuantity: q(600, 'mg') }], timing: daily(1) }, '600 mg, once a day'],
  ['STU3: dose[x] on the Dosage', { doseQuantity: q(10, 'mg'), route: oral, timing: daily(1) }, '10 mg, oral, once a day'],
  ['STU3: doseRange on the Dosage', { doseRange: { low: q(5, 'mL'), high: q(10, 'mL') }, timing: daily(3) }, '5 to 10 mL, three times a day'],
  ['DSTU2 MedicationOrder: periodUnits, additionalInstructions', { doseQuantity: q(5, 'mL'), timing: { repeat: { frequency: 3, period: 1, periodUnits: 'd' } }, additionalInstructions: { coding: [{ system: SCT, code: '311504000', display: 'With or after food' }] } }, '5 mL, three times a day, with or after food'],
  ['DSTU2 MedicationStatement: quantityQuantity', { quantityQuantity: { value: 1, unit: 'tablet' }, timing: { repeat: { frequency: 4, period: 1, periodUnits: 'd' } }, asNeededBoolean: true }, '1 tablet, four times a day, as needed'],
  ['R5: asNeededFor and maxDosePerPeriod array', { doseAndRate: dose(tablets(1)), timing: daily(1, 6, 'h'), asNeeded: true, asNeededFor: [{ text: 'nausea' }], maxDosePerPeriod: [{ numerator: tablets(3), denominator: q(1, 'd') }] }, '1 tablet, every 6 hours, as needed for nausea, max 3 tablets per day'],
  ['v3 form code as unit', { doseAndRate: dose({ value: 2, unit: 'TAB', system: 'http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm', code: 'TAB' }), timing: daily(1) }, '2 tablets, once a day'],
  ['frequency without a period is not guessed', { doseAndRate: dose(tablets(1)), timing: { repeat: { frequency: 2 } } }, '1 tablet'],
];

describe('dosageText: Dosage → text', () => {
  it('has a table of at least 25 cases', () => {
    expect(cases.length).to.be.at.least(25);
  });

  for (const [title, dosage, expected] of cases) {
    it(title, () => {
      expect(dosageText(dosage)).to.equal(expected);
    });
  }

  it('says nothing when the structure says nothing (never "undefined")', () => {
    expect(dosageText({})).to.equal(undefined);
    expect(dosageText({ doseAndRate: [{ doseQuantity: { unit: 'mg' } }], timing: { repeat: {} } })).to.equal(undefined);
    expect(dosageText('twice a day')).to.equal(undefined);
    expect(dosageText(null)).to.equal(undefined);
  });

  it('puts several dosageInstruction entries in sequence order (tapering)', () => {
    const instructions = [
      { sequence: 2, doseAndRate: dose(q(20, 'mg')), timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', boundsDuration: { value: 7, unit: 'days', code: 'd' } } } },
      { sequence: 1, doseAndRate: dose(q(40, 'mg')), timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', boundsDuration: { value: 7, unit: 'days', code: 'd' } } } },
      { sequence: 3, doseAndRate: dose(q(10, 'mg')), timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', boundsDuration: { value: 7, unit: 'days', code: 'd' } } } },
    ];
    expect(dosageSummary(instructions)).to.equal(
      '40 mg, once a day, for 7 days, then 20 mg, once a day, for 7 days, then 10 mg, once a day, for 7 days',
    );
    expect(dosageInstructionTexts(instructions).map((t) => t.sequence)).to.deep.equal([1, 2, 3]);
  });

  it('joins instructions with the same sequence as taken together', () => {
    const instructions = [
      { sequence: 1, doseAndRate: dose(q(10, 'units')), timing: { repeat: { when: ['ACM'] } } },
      { sequence: 1, doseAndRate: dose(q(6, 'units')), timing: { repeat: { when: ['ACV'] } } },
    ];
    expect(dosageSummary(instructions)).to.equal('10 units, before breakfast; and 6 units, before dinner');
  });

  it('keeps the prescriber text first and the generated text beside it', () => {
    const [one] = dosageInstructionTexts([{ text: 'Take as directed', doseAndRate: dose(tablets(1)), timing: daily(1) }]);
    expect(one.display).to.equal('Take as directed');
    expect(one.generated).to.equal('1 tablet, once a day');
  });
});

describe('dosageText on the generated polypharmacy patient (pat-elderly)', () => {
  const ids = DEMO_NOTABLE['pat-elderly'];
  const expected: [string, string][] = [
    [ids.amoxicillin, '500 mg, oral, three times a day, for 7 days'],
    [ids.paracetamolPrn, '1 to 2 tablets, oral, every 4 to 6 hours, as needed for pain, max 4 g per 24 hours'],
    [ids.methotrexateWeekly, '10 mg, oral, once a week, on Monday, Take on the same day each week'],
    [ids.folicAcidContained, '1 tablet, oral, once a week, on Friday, Not on the methotrexate day'],
    [
      ids.prednisoloneTaper,
      '30 mg, oral, once a day, in the morning, for 5 days, then 20 mg, oral, once a day, in the morning, for 5 days, then 10 mg, oral, once a day, in the morning, for 5 days',
    ],
    [ids.salbutamolPrn, '2 puffs, respiratory tract, every 4 hours, as needed for wheezing'],
    [ids.onHold, '40 mg, oral, once a day, in the morning'],
    [ids.stopped, '400 mg, oral, every 8 hours, as needed'],
    [ids.completedEnoxaparin, '40 mg, subcutaneous, once a day, at 18:00, from 23-Sep-2022 to 21-Oct-2022'],
    [ids.infusion, '1,000 mL, at 83 mL/h, intravenous, from 23-Sep-2022 to 24-Sep-2022'],
    [ids.colchicineCount, '0.5 mg, oral, four times a day, for 12 doses'],
    [ids.cancelled, '1 to 2 tablets, oral, every 6 hours, as needed for pain'],
  ];
  const resources = demoResources('pat-elderly') as unknown as { id?: string; dosageInstruction?: unknown[] }[];
  for (const [id, text] of expected) {
    it(`${id}: ${text}`, () => {
      const request = resources.find((r) => r.id === id);
      expect(request, id).not.to.equal(undefined);
      expect(dosageSummary(request?.dosageInstruction)).to.equal(text);
    });
  }

  it('keeps the prescriber text and offers the generated text beside it (amlodipine, alendronate)', () => {
    const [amlodipine] = dosageInstructionTexts(resources.find((r) => r.id === ids.amlodipineWithText)?.dosageInstruction);
    expect(amlodipine.display).to.equal('Take ONE tablet each morning');
    expect(amlodipine.generated).to.equal('1 tablet, oral, once a day, at 08:00');
    const [alendronate] = dosageInstructionTexts(resources.find((r) => r.id === ids.draft)?.dosageInstruction);
    expect(alendronate.generated).to.equal('70 mg, oral, once a week, on Sunday');
  });
});

describeWithFixtures('dosageText on real HL7 examples', () => {
  it('R4 MedicationRequest-medrx0302: both instructions, text kept, structure read as written', async () => {
    const request = await loadFixture<{ dosageInstruction: unknown[] }>('examples/r4/MedicationRequest-medrx0302.json');
    const texts = dosageInstructionTexts(request.dosageInstruction);
    expect(texts.map((t) => t.text)).to.deep.equal(['Two tablets at once', 'One tablet daily for 4 days']);
    expect(texts.map((t) => t.generated)).to.deep.equal([
      '2 tablets, oral, once a day, with or after food',
      // The example codes frequency 4 per day; the text says otherwise: both are shown, neither rewritten.
      '1 tablet, oral, four times a day, with or after food',
    ]);
  });

  it('R4 MedicationStatement-example001: dose range, as needed with reason', async () => {
    const statement = await loadFixture<{ dosage: unknown[] }>('examples/r4/MedicationStatement-example001.json');
    expect(dosageText(statement.dosage[0])).to.equal(
      '1 to 2 tablets, oral, once a day, as needed for Restless Legs, Taking at bedtime',
    );
  });

  it('DSTU2 MedicationOrder-medrx001 and MedicationStatement-example001', async () => {
    const order = await loadFixture<{ dosageInstruction: unknown[] }>('examples/dstu2/MedicationOrder-medrx001.json');
    expect(dosageText(order.dosageInstruction[0])).to.equal('5 mL, oral, three times a day, with or after food');
    const statement = await loadFixture<{ dosage: unknown[] }>('examples/dstu2/MedicationStatement-example001.json');
    expect(dosageText(statement.dosage[0])).to.equal('1, oral, four times a day, as needed, max 4 tablets per day');
  });

  it('STU3 MedicationRequest-medrx0302', async () => {
    const request = await loadFixture<{ dosageInstruction: unknown[] }>('examples/stu3/MedicationRequest-medrx0302.json');
    const texts = dosageInstructionTexts(request.dosageInstruction);
    expect(texts).to.have.length(2);
    expect(texts[0].generated).to.match(/^2 tablets, oral, once a day/);
  });
});
