import { expect } from '@open-wc/testing';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { identityDifferences, mergeSourcedResources } from '../../src/model/merge-sources.js';
import { allergyStatusAcrossSources, sourcesOf } from '../../src/model/source-merge.js';

const obs = (value: number, when = '2024-03-01T10:00:00Z', unit = '%'): AnyResource => ({
  resourceType: 'Observation',
  code: { coding: [{ system: 'http://loinc.org', code: '4548-4' }] },
  effectiveDateTime: when,
  valueQuantity: { value, unit, code: unit },
});
const allergy = (code: string, status = 'active'): AnyResource => ({
  resourceType: 'AllergyIntolerance',
  code: { coding: [{ system: 'http://snomed.info/sct', code }] },
  clinicalStatus: { coding: [{ code: status }] },
});
const med = (code: string, dose: number, status = 'active'): AnyResource => ({
  resourceType: 'MedicationRequest',
  status,
  medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code }] },
  dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: dose, unit: 'mg' } }] }],
});
const withId = (r: AnyResource, value: string): AnyResource => ({ ...r, identifier: [{ system: 'urn:x', value }] });

describe('mergeSourcedResources: the dedupe table', () => {
  const cases: [string, AnyResource, AnyResource, number][] = [
    ['same observation (code, time, value, unit)', obs(7.1), obs(7.1), 1],
    ['observation, another day', obs(7.1), obs(7.1, '2024-03-02T10:00:00Z'), 2],
    ['observation, another value', obs(7.1), obs(7.2), 2],
    ['observation, another unit', obs(7.1), obs(7.1, undefined, 'mmol/mol'), 2],
    ['same allergy substance and status', allergy('91935009'), allergy('91935009'), 1],
    ['allergy, another status', allergy('91935009'), allergy('91935009', 'resolved'), 2],
    ['allergy, another substance', allergy('91935009'), allergy('387406002'), 2],
    ['same medication product, status and dose', med('860975', 500), med('860975', 500), 1],
    ['medication, another dose', med('17767', 5), med('17767', 10), 2],
    ['medication, another status', med('860975', 500), med('860975', 500, 'stopped'), 2],
    ['same identifier, different content', withId(obs(1), 'a'), withId(obs(2), 'a'), 1],
    ['different identifiers, no content rule', withId({ resourceType: 'Condition' }, 'a'), withId({ resourceType: 'Condition' }, 'b'), 2],
  ];
  for (const [name, a, b, rows] of cases) {
    it(`${name} → ${rows} row(s)`, () => {
      const merged = mergeSourcedResources([
        { source: 'EMR', resources: [a] },
        { source: 'HIE', resources: [b] },
      ]);
      expect(merged).to.have.length(rows);
      if (rows === 1) expect(sourcesOf(merged[0])).to.deep.equal(['EMR', 'HIE']);
      else expect(merged.map((r) => sourcesOf(r))).to.deep.equal([['EMR'], ['HIE']]);
    });
  }

  it('never merges two records of the same source', () => {
    expect(mergeSourcedResources([{ source: 'EMR', resources: [obs(7.1), obs(7.1)] }])).to.have.length(2);
  });

  it('copies: the source resources are never marked', () => {
    const original = obs(7.1);
    mergeSourcedResources([{ source: 'EMR', resources: [original] }]);
    expect(sourcesOf(original)).to.deep.equal([]);
  });
});

describe('allergyStatusAcrossSources: the status table', () => {
  const cases: ['known' | 'no-known' | 'not-recorded', string[], string][] = [
    ['known', [], 'known'],
    ['known', ['HIE'], 'known'],
    ['known', ['HIE', 'Lab'], 'known'],
    ['no-known', [], 'no-known'],
    ['no-known', ['HIE'], 'unavailable'],
    ['no-known', ['HIE', 'Lab'], 'unavailable'],
    ['not-recorded', [], 'not-recorded'],
    ['not-recorded', ['HIE'], 'unavailable'],
    ['not-recorded', ['EMR'], 'unavailable'],
    ['not-recorded', ['EMR', 'HIE'], 'unavailable'],
  ];
  for (const [merged, failed, expected] of cases) {
    it(`${merged} with failed [${failed.join(', ')}] → ${expected}`, () => {
      expect(allergyStatusAcrossSources(merged, failed)).to.equal(expected);
    });
  }
});

describe('identityDifferences', () => {
  const patient = (birthDate: string, family = 'Okafor', given = ['Ada'], gender = 'female'): AnyResource => ({
    resourceType: 'Patient',
    name: [{ use: 'official', family, given }],
    birthDate,
    gender,
  });
  it('a birth-date typo is a difference', () => {
    expect(identityDifferences(patient('1952-09-12'), patient('1952-09-21'))).to.deep.equal([
      { field: 'birthDate', primary: '1952-09-12', other: '1952-09-21' },
    ]);
  });
  it('the same person (case and spacing aside) is no difference', () => {
    expect(identityDifferences(patient('1952-09-12'), patient('1952-09-12', 'OKAFOR ', ['ada']))).to.deep.equal([]);
  });
  it('names and gender are compared; a missing field is not a difference', () => {
    const diffs = identityDifferences(patient('1952-09-12', 'Okafor', ['Ada'], 'female'), patient('1952-09-12', 'Smith', ['Ben'], 'male'));
    expect(diffs.map((d) => d.field)).to.deep.equal(['family', 'given', 'gender']);
    expect(identityDifferences(patient('1952-09-12'), { resourceType: 'Patient' })).to.deep.equal([]);
  });
});
