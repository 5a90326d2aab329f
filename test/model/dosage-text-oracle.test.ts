// The dosage text model against its oracle (test/model/dosage-text-oracle.ts, the model as it was
// before its compact rewrite): the same strings, in every shipped language, for every Dosage of the
// demo generator (EMR and HIE), every Dosage in ../shared/fixtures, and 4,000 seeded random Dosages
// that combine every field the model reads (R5, R4, STU3 and DSTU2 shapes, odd and missing values).
import { expect } from '@open-wc/testing';
import { DEMO_PATIENTS, demoResources } from '../../demo/data/generator.js';
import { HIE_PATIENTS, hieResources } from '../../demo/data/hie.js';
import * as model from '../../src/model/dosage-text.js';
import type { DosageVocabulary } from '../../src/model/dosage-text.js';
import ar from '../../src/locales/ar.js';
import de from '../../src/locales/de.js';
import es from '../../src/locales/es.js';
import { createRng, type Rng } from '../mutation/prng.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';
import * as oracle from './dosage-text-oracle.js';

const VOCABULARIES: [string, DosageVocabulary][] = [
  ['en', model.dosageEn],
  ['de', de.dosage],
  ['es', es.dosage],
  ['ar', ar.dosage],
];

const MEDICATION_TYPES = new Set(['MedicationRequest', 'MedicationStatement', 'MedicationOrder']);

/** Every `dosageInstruction` / `dosage` list of a medication record anywhere in `value` (contained, bundled). */
function instructionLists(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) value.forEach((item) => instructionLists(item, out));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.resourceType === 'string' && MEDICATION_TYPES.has(record.resourceType)) {
      const instructions = record.dosageInstruction ?? record.dosage;
      if (instructions !== undefined) out.push(instructions);
    }
    Object.values(record).forEach((item) => instructionLists(item, out));
  }
  return out;
}

/** Asserts that model and oracle agree on a list of instructions and on each Dosage in it; returns the Dosage count. */
function expectSame(instructions: unknown, where: string): number {
  const dosages = Array.isArray(instructions) ? instructions : [instructions];
  for (const [language, vocabulary] of VOCABULARIES) {
    for (const [index, dosage] of dosages.entries()) {
      expect(model.dosageText(dosage, vocabulary), `${where} [${index}] ${language}: ${JSON.stringify(dosage)}`).to.equal(
        oracle.dosageText(dosage, vocabulary),
      );
    }
    expect(model.dosageInstructionTexts(instructions, vocabulary), `${where} ${language}`).to.deep.equal(
      oracle.dosageInstructionTexts(instructions, vocabulary),
    );
    expect(model.dosageSummary(instructions, vocabulary), `${where} ${language}`).to.equal(
      oracle.dosageSummary(instructions, vocabulary),
    );
  }
  return dosages.length;
}

// ---- seeded random Dosages -------------------------------------------------------------------

const UCUM = 'http://unitsofmeasure.org';
const SCT = 'http://snomed.info/sct';
const NUMBERS = [0, 0.25, 0.5, 1, 1, 1, 2, 2, 3, 4, 6, 8, 12, 24, 30, 1500, -1, '2', ' 3 ', '', 'x', Number.NaN];
const DOSE_UNITS: [string | undefined, string | undefined][] = [
  ['tablet', '{tbl}'], ['tablets', '{tbl}'], ['Tablets', undefined], ['TAB', 'TAB'], ['tab', 'TAB'], [undefined, 'TAB'],
  [undefined, '{tablet}'], [undefined, '{puff}'], [undefined, '{drops}'], [undefined, 'CAP'], ['CAPSULE', undefined],
  ['puffs', '{puff}'], ['patch', undefined], ['patches', undefined], ['suppositories', undefined], ['pessary', undefined],
  ['mg', 'mg'], ['mL', 'mL'], ['g', 'g'], ['units', '[IU]'], [undefined, 'mg'], [undefined, undefined], ['', ''],
  ['mL/h', 'mL/h'], ['L/min', 'L/min'], ['application', undefined],
];
const TIME_UNITS = ['s', 'min', 'h', 'd', 'wk', 'mo', 'a', 'sec', 'hr', 'hour', 'hours', 'day', 'days', 'week', 'y', 'yr', 'years', 'minutes', 'fortnight', ' h ', ''];
const WHEN = ['MORN', 'MORN.early', 'AFT.late', 'EVE', 'NIGHT', 'PHS', 'HS', 'WAKE', 'C', 'CM', 'CD', 'CV', 'AC', 'ACM', 'ACD', 'ACV', 'PC', 'PCM', 'PCD', 'PCV', 'NOON', 'acm', 'hs', 'morn.early', 'XYZ', 7];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'MON', 'Sun', 'funday', 3];
const TIMES = ['08:00:00', '20:00', '12:30:00.5', ' 06:00:00 ', '8:00', '25:99:00', 800];
const TIMING_CODES = ['QD', 'BID', 'TID', 'QID', 'AM', 'PM', 'QOD', 'Q1H', 'Q2H', 'Q3H', 'Q4H', 'Q6H', 'Q8H', 'BED', 'WK', 'MO', 'bid', 'Q12H', 'SEE_TEXT'];
const DATES = ['2026-10-01', '2026-10', '2026', '2026-10-07T08:30:00Z', '2026-13-45', 'soon', ''];
const CONCEPTS = [
  { coding: [{ system: SCT, code: '26643006', display: 'Oral route' }] },
  { coding: [{ system: SCT, code: '47625008', display: 'Intravenous route' }] },
  { coding: [{ system: SCT, code: '311504000', display: 'With or after food' }] },
  { coding: [{ system: SCT, code: '22253000', display: 'Pain' }] },
  { coding: [{ system: SCT, code: '1', display: 'Restless Legs' }] },
  { coding: [{ system: SCT, code: '2', display: 'NSAID' }] },
  { coding: [{ system: 'http://example.org', code: '3', display: 'Take With Water' }] },
  { coding: [{ system: SCT, code: '4', display: 'route' }] },
  { text: 'Nausea', coding: [{ system: SCT, code: '5', display: 'Vomiting' }] },
  { text: 'by mouth route' },
  { coding: [{ system: SCT, code: '6' }] },
  {},
  'oral',
];

function quantity(rng: Rng, units = DOSE_UNITS): Record<string, unknown> {
  const [unit, code] = rng.pick(units);
  return {
    value: rng.pick(NUMBERS),
    ...(unit === undefined ? {} : { unit }),
    ...(code === undefined ? {} : { code, system: UCUM }),
    ...(rng.chance(0.08) ? { comparator: rng.pick(['<', '<=', '>=']) } : {}),
  };
}

function timeQuantity(rng: Rng): Record<string, unknown> {
  const unit = rng.pick(TIME_UNITS);
  return rng.chance(0.2) ? quantity(rng) : { value: rng.pick(NUMBERS), ...(rng.chance(0.5) ? { code: unit } : { unit }) };
}

function range(rng: Rng, part: (rng: Rng) => Record<string, unknown>): Record<string, unknown> {
  const sameUnit = rng.chance(0.5);
  const low = part(rng);
  const high = sameUnit ? { ...low, value: rng.pick(NUMBERS) } : part(rng);
  return { ...(rng.chance(0.85) ? { low } : {}), ...(rng.chance(0.85) ? { high } : {}) };
}

function ratio(rng: Rng): Record<string, unknown> {
  return {
    ...(rng.chance(0.9) ? { numerator: quantity(rng) } : {}),
    ...(rng.chance(0.85) ? { denominator: rng.chance(0.6) ? timeQuantity(rng) : quantity(rng) } : {}),
  };
}

function some<T>(rng: Rng, items: readonly T[], max = 3): T[] {
  return Array.from({ length: 1 + rng.int(max) }, () => rng.pick(items));
}

function optional(rng: Rng, p: number, key: string, make: () => unknown): Record<string, unknown> {
  return rng.chance(p) ? { [key]: make() } : {};
}

function repeat(rng: Rng): Record<string, unknown> {
  const dstu2 = rng.chance(0.2);
  return {
    ...optional(rng, 0.6, 'frequency', () => rng.pick(NUMBERS)),
    ...optional(rng, 0.15, 'frequencyMax', () => rng.pick(NUMBERS)),
    ...optional(rng, 0.6, 'period', () => rng.pick(NUMBERS)),
    ...optional(rng, 0.2, 'periodMax', () => rng.pick(NUMBERS)),
    ...optional(rng, 0.65, dstu2 ? 'periodUnits' : 'periodUnit', () => rng.pick(TIME_UNITS)),
    ...optional(rng, 0.05, 'periodUnits', () => rng.pick(TIME_UNITS)),
    ...optional(rng, 0.15, 'duration', () => rng.pick(NUMBERS)),
    ...optional(rng, 0.08, 'durationMax', () => rng.pick(NUMBERS)),
    ...optional(rng, 0.15, dstu2 ? 'durationUnits' : 'durationUnit', () => rng.pick(TIME_UNITS)),
    ...optional(rng, 0.15, 'dayOfWeek', () => some(rng, DAYS)),
    ...optional(rng, 0.15, 'timeOfDay', () => some(rng, TIMES)),
    ...optional(rng, 0.2, 'when', () => (rng.chance(0.1) ? rng.pick(WHEN) : some(rng, WHEN))),
    ...optional(rng, 0.1, 'offset', () => rng.pick(NUMBERS)),
    ...optional(rng, 0.15, 'count', () => rng.pick(NUMBERS)),
    ...optional(rng, 0.06, 'countMax', () => rng.pick(NUMBERS)),
    ...optional(rng, 0.12, 'boundsDuration', () => timeQuantity(rng)),
    ...optional(rng, 0.1, 'boundsRange', () => range(rng, timeQuantity)),
    ...optional(rng, 0.12, 'boundsPeriod', () => ({
      ...optional(rng, 0.7, 'start', () => rng.pick(DATES)),
      ...optional(rng, 0.7, 'end', () => rng.pick(DATES)),
    })),
  };
}

function timing(rng: Rng): unknown {
  if (rng.chance(0.03)) return rng.pick(['BID', null, []]);
  return {
    ...optional(rng, 0.8, 'repeat', () => repeat(rng)),
    ...optional(rng, 0.15, 'code', () =>
      rng.chance(0.2)
        ? rng.pick(CONCEPTS)
        : { coding: some(rng, TIMING_CODES, 2).map((code) => ({ code })), ...optional(rng, 0.3, 'text', () => 'Twice daily') },
    ),
    ...optional(rng, 0.08, 'event', () => some(rng, [...DATES, 20261001])),
  };
}

function doseAndRate(rng: Rng): Record<string, unknown> {
  return {
    ...optional(rng, 0.3, 'type', () => ({ coding: [{ code: rng.pick(['ordered', 'calculated']) }] })),
    ...(rng.chance(0.7) ? (rng.chance(0.75) ? { doseQuantity: quantity(rng) } : { doseRange: range(rng, quantity) }) : {}),
    ...optional(rng, 0.12, 'rateRatio', () => ratio(rng)),
    ...optional(rng, 0.08, 'rateQuantity', () => quantity(rng)),
    ...optional(rng, 0.05, 'rateRange', () => range(rng, quantity)),
  };
}

/** One random Dosage in one of the versions' shapes. */
function randomDosage(rng: Rng): Record<string, unknown> {
  const shape = rng.pick(['r5', 'r4', 'r4', 'stu3', 'dstu2-order', 'dstu2-statement']);
  const flat = shape === 'stu3' || shape.startsWith('dstu2') ? doseAndRate(rng) : {};
  delete flat.type;
  return {
    ...optional(rng, 0.3, 'sequence', () => rng.pick([1, 1, 2, 3, '2', 0])),
    ...optional(rng, 0.15, 'text', () => rng.pick(['Take as directed', '1 tablet, oral, once a day', ' ', 'TAKE ONE DAILY'])),
    ...optional(rng, 0.9, 'timing', () => timing(rng)),
    ...optional(rng, 0.6, 'route', () => rng.pick(CONCEPTS)),
    ...(shape === 'r4' || shape === 'r5'
      ? optional(rng, 0.85, 'doseAndRate', () => (rng.chance(0.1) ? doseAndRate(rng) : some(rng, [0, 0, 0], 2).map(() => doseAndRate(rng))))
      : shape === 'dstu2-statement'
        ? rng.chance(0.7)
          ? { quantityQuantity: quantity(rng) }
          : { quantityRange: range(rng, quantity) }
        : flat),
    ...(shape === 'r5'
      ? { ...optional(rng, 0.3, 'asNeeded', () => rng.pick([true, false, 'true'])), ...optional(rng, 0.2, 'asNeededFor', () => some(rng, CONCEPTS, 2)) }
      : {
          ...optional(rng, 0.2, 'asNeededBoolean', () => rng.pick([true, false])),
          ...optional(rng, 0.1, 'asNeededCodeableConcept', () => rng.pick(CONCEPTS)),
        }),
    ...optional(rng, 0.2, 'maxDosePerPeriod', () => (shape === 'r5' ? some(rng, [0, 0], 2).map(() => ratio(rng)) : ratio(rng))),
    ...optional(rng, 0.08, 'maxDosePerAdministration', () => quantity(rng)),
    ...optional(rng, 0.06, 'maxDosePerLifetime', () => quantity(rng)),
    ...(shape === 'dstu2-order'
      ? optional(rng, 0.3, 'additionalInstructions', () => rng.pick(CONCEPTS))
      : optional(rng, 0.3, 'additionalInstruction', () => some(rng, CONCEPTS, 2))),
  };
}

describe('dosage text: the same strings as its oracle, in every language', () => {
  it('on every Dosage of the demo generator (EMR and HIE patients)', () => {
    let count = 0;
    for (const patient of DEMO_PATIENTS) {
      for (const [index, instructions] of instructionLists(demoResources(patient.id)).entries()) {
        count += expectSame(instructions, `${patient.id} #${index}`);
      }
    }
    for (const patient of Object.keys(HIE_PATIENTS)) {
      for (const [index, instructions] of instructionLists(hieResources(patient)).entries()) {
        count += expectSame(instructions, `HIE ${patient} #${index}`);
      }
    }
    expect(count).to.be.above(40);
  });

  it('on 4,000 seeded random Dosages of every version, one at a time and as instruction lists', () => {
    const rng = createRng(15);
    let generated = 0;
    for (let i = 0; i < 1000; i += 1) {
      const instructions = Array.from({ length: 1 + rng.int(3) }, () => randomDosage(rng));
      generated += expectSame(instructions, `random #${i}`);
    }
    expect(generated).to.be.above(1500);
    // The model says something for a good share of them (the corpus is not all noise).
    const said = Array.from({ length: 300 }, () => model.dosageText(randomDosage(rng))).filter(Boolean).length;
    expect(said).to.be.above(200);
  });

  it('on every field of a full Dosage replaced by a value of the wrong shape (nothing throws, the same strings)', () => {
    const rng = createRng(16);
    const GARBAGE = [null, 0, 'x', '', [], {}, [null, 'x', 3], true, { value: '1e3', unit: 7 }];
    let cases = 0;
    for (let i = 0; i < 40; i += 1) {
      const dosage = randomDosage(rng);
      const repeat = (dosage.timing as { repeat?: Record<string, unknown> } | undefined)?.repeat;
      for (const [holder, keys] of [
        [dosage, Object.keys(dosage)],
        [repeat ?? {}, Object.keys(repeat ?? {})],
      ] as [Record<string, unknown>, string[]][]) {
        for (const key of keys) {
          const kept = holder[key];
          for (const value of GARBAGE) {
            holder[key] = value;
            cases += expectSame([dosage], `#${i} ${key}=${JSON.stringify(value)}`);
          }
          holder[key] = kept;
        }
      }
    }
    expect(cases).to.be.above(1000);
  });

  it('on values that are not Dosages at all', () => {
    for (const value of [undefined, null, 'twice a day', 3, [], {}, [null, 'x', {}], { timing: 'BID' }, { doseAndRate: 'x' }]) {
      expectSame(value, JSON.stringify(value) ?? 'undefined');
    }
  });
});

const FIXTURES = [
  'synthea/don-moore-d65926d8.json',
  'synthea/felipa-okeefe-70660c70.json',
  'synthea/inferno-uscore-patient-85.json',
  'synthea/jorge-brekke-ac7921e0.json',
  'synthea/luigi-wiegand-e27d88b0.json',
  'examples/r4/MedicationRequest-medrx0302.json',
  'examples/r4/MedicationRequest-medrx0312.json',
  'examples/r4/MedicationRequest-medrx002.json',
  'examples/r4/MedicationStatement-example001.json',
  'examples/r4/MedicationStatement-example005.json',
  'examples/r4/Bundle-bundle-example.json',
  'examples/r4/Bundle-bundle-response-medsallergies.json',
  'examples/r4/ips-bundle-minimal.json',
  'examples/stu3/MedicationRequest-medrx0302.json',
  'examples/stu3/MedicationStatement-example001.json',
  'examples/dstu2/MedicationOrder-medrx001.json',
  'examples/dstu2/MedicationStatement-example001.json',
];

describeWithFixtures('dosage text: the same strings as its oracle on ../shared/fixtures', () => {
  it('every Dosage of every medication record in the fixtures, in every language', async () => {
    let count = 0;
    for (const file of FIXTURES) {
      for (const [index, instructions] of instructionLists(await loadFixture<unknown>(file)).entries()) {
        count += expectSame(instructions, `${file} #${index}`);
      }
    }
    expect(count).to.be.above(50);
  });
});
