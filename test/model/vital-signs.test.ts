import { expect } from '@open-wc/testing';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { latestVitalSigns, VITAL_SIGN_CODE_PARAM } from '../../src/model/vital-signs.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';

const LOINC = 'http://loinc.org';

function observation(code: string, date: string, value: Record<string, unknown>, extra: Record<string, unknown> = {}): AnyResource {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: LOINC, code }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: date,
    ...value,
    ...extra,
  };
}

const q = (value: number, unit: string, code = unit) => ({ valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code } });
const bp = (code: string, date: string, sys: number, dia: number) =>
  observation(code, date, {
    component: [
      { code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: { value: sys, unit: 'mm[Hg]' } },
      { code: { coding: [{ system: LOINC, code: '8462-4' }] }, valueQuantity: { value: dia, unit: 'mm[Hg]' } },
    ],
  });

describe('latestVitalSigns', () => {
  it('lists the search codes for every vital sign', () => {
    for (const code of ['85354-9', '55284-4', '8867-4', '8310-5', '29463-7', '8302-2', '39156-5']) {
      expect(VITAL_SIGN_CODE_PARAM).to.contain(`${LOINC}|${code}`);
    }
  });

  it('takes the latest value of each sign, with unit and date', () => {
    const { readings } = latestVitalSigns(
      [
        observation('29463-7', '2024-01-01', q(70.5, 'kg')),
        observation('29463-7', '2025-01-01', q(72.0, 'kg')),
        observation('29463-7', '2023-01-01', q(90, 'kg')),
        observation('8867-4', '2025-02-03T10:00:00Z', q(64, '/min')),
        observation('8310-5', '2025-02-03', q(37.24, 'Cel')),
        observation('39156-5', '2025-02-03', q(24.1, 'kg/m2')),
        bp('85354-9', '2024-06-01', 150, 95),
        bp('55284-4', '2025-06-01', 120, 80),
      ],
      { patientId: 'p1' },
    );
    expect(readings).to.deep.equal([
      { sign: 'blood-pressure', value: '120/80', unit: 'mmHg', date: '2025-06-01', numbers: [{ value: 120, comparator: '' }, { value: 80, comparator: '' }] },
      { sign: 'heart-rate', value: '64', unit: '/min', date: '2025-02-03T10:00:00Z', numbers: [{ value: 64, comparator: '' }] },
      // as recorded: the kit's one number rule
      { sign: 'temperature', value: '37.24', unit: '°C', date: '2025-02-03', numbers: [{ value: 37.24, comparator: '' }] },
      { sign: 'weight', value: '72', unit: 'kg', date: '2025-01-01', numbers: [{ value: 72, comparator: '' }] },
      { sign: 'height' },
      { sign: 'bmi', value: '24.1', unit: 'kg/m²', date: '2025-02-03', numbers: [{ value: 24.1, comparator: '' }] },
    ]);
  });

  it('hides entered-in-error, drops other patients, skips values without a date', () => {
    const result = latestVitalSigns(
      [
        observation('29463-7', '2025-01-01', q(72, 'kg')),
        observation('29463-7', '2026-01-01', q(99, 'kg'), { status: 'entered-in-error' }),
        observation('29463-7', '2026-02-01', q(55, 'kg'), { subject: { reference: 'Patient/other' } }),
        observation('8302-2', '', q(180, 'cm'), { effectiveDateTime: undefined }),
        // A lab result is not a vital sign: neither shown nor counted.
        observation('4548-4', '2025-01-01', q(7, '%'), { status: 'entered-in-error' }),
      ],
      { patientId: 'p1' },
    );
    expect(result.readings.find((r) => r.sign === 'weight')?.value).to.equal('72');
    expect(result.readings.find((r) => r.sign === 'height')?.value).to.equal(undefined);
    expect(result.hidden).to.deep.equal({ enteredInError: 1, otherPatient: 1 });
  });

  it('shows values by the kit\'s one number rule, as the lab trend does (119.702355 mmHg reads 119.7)', () => {
    const { readings } = latestVitalSigns([
      observation('55284-4', '2025-01-01', {
        component: [
          { code: { coding: [{ code: '8480-6' }] }, valueQuantity: { value: 119.702355, unit: 'mm[Hg]' } },
          { code: { coding: [{ code: '8462-4' }] }, valueQuantity: { value: 76.802776, unit: 'mm[Hg]' } },
        ],
      }),
      observation('29463-7', '2025-01-01', q(3.456, 'kg')),
      observation('8302-2', '2025-01-01', q(50.04, 'cm')),
    ]);
    expect(readings.map((r) => r.value)).to.deep.equal(['119.7/76.8', undefined, undefined, '3.456', '50.04', undefined]);
  });

  it('keeps a comparator and needs both blood pressure components', () => {
    const { readings } = latestVitalSigns([
      observation('8310-5', '2025-01-01', { valueQuantity: { value: 35, comparator: '<', unit: 'Cel' } }),
      observation('85354-9', '2025-01-01', { component: [{ code: { coding: [{ code: '8480-6' }] }, valueQuantity: { value: 1 } }] }),
    ]);
    expect(readings[2]).to.deep.equal({ sign: 'temperature', value: '<35', unit: '°C', date: '2025-01-01', numbers: [{ value: 35, comparator: '<' }] });
    expect(readings[0]).to.deep.equal({ sign: 'blood-pressure' });
  });
});

describeWithFixtures('latestVitalSigns: real examples', () => {
  it('R4, STU3 and DSTU2 blood pressure examples', async () => {
    for (const version of ['r4', 'stu3', 'dstu2']) {
      const resource = await loadFixture<AnyResource>(`examples/${version}/Observation-blood-pressure.json`);
      const [reading] = latestVitalSigns([resource]).readings;
      expect(reading.value, version).to.match(/^\d+\/\d+$/);
      expect(reading.unit).to.equal('mmHg');
      expect(reading.date).to.be.a('string');
    }
  });

  it('Synthea jorge-brekke: BP, weight, height and BMI (Synthea records no pulse or temperature)', async () => {
    const bundle = await loadFixture<{ entry: { resource: AnyResource }[] }>('synthea/jorge-brekke-ac7921e0.json');
    const resources = bundle.entry.map((e) => e.resource);
    const patient = resources.find((r) => r.resourceType === 'Patient') as AnyResource;
    const { readings } = latestVitalSigns(resources, { patientId: patient.id, aliases: [`urn:uuid:${patient.id}`] });
    expect(readings.filter((r) => r.value === undefined).map((r) => r.sign)).to.deep.equal(['heart-rate', 'temperature']);
    for (const reading of readings.filter((r) => r.value !== undefined)) {
      expect(reading.value, reading.sign).to.be.a('string');
      expect(reading.unit, reading.sign).to.be.a('string');
      expect(reading.date, reading.sign).to.be.a('string');
    }
  });
});
