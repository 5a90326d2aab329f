import { expect } from '@open-wc/testing';
import { formatAge } from '../../src/model/age.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { cuiName, maskSocialSecurityNumber, parseIdentifierTypes, patientIdentity, recordPatient } from '../../src/model/patient-identity.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';

const NOW = new Date(2025, 10, 1); // 1 Nov 2025, local calendar date (as formatAge reads it)

describe('patientIdentity: CUI display', () => {
  it('formats the name FAMILY, Given (Title)', () => {
    expect(cuiName({ family: 'Smith', given: ['Sarah', 'Jane'], prefix: ['Mrs'] })).to.equal('SMITH, Sarah Jane (Mrs)');
    expect(cuiName({ family: "O'Keefe", given: ['Felipa'] })).to.equal("O'KEEFE, Felipa");
    expect(cuiName({ given: ['Jim'] })).to.equal('Jim');
    expect(cuiName({ text: 'Dr Who' })).to.equal('Dr Who');
    expect(cuiName({ family: ['van', 'Dijk'], given: ['Anna'] })).to.equal('VAN DIJK, Anna'); // DSTU2 family array
  });

  it('chooses the official, current name over usual, old and maiden names', () => {
    const identity = patientIdentity(
      {
        resourceType: 'Patient',
        name: [
          { use: 'maiden', family: 'Windsor', given: ['Ann'] },
          { use: 'usual', given: ['Annie'] },
          { use: 'official', family: 'Jones', given: ['Ann'], prefix: ['Ms'] },
        ],
      },
      { now: NOW },
    );
    expect(identity.name).to.equal('JONES, Ann (Ms)');
  });

  it('computes the age in CUI units', () => {
    const adult = patientIdentity({ resourceType: 'Patient', birthDate: '1945-07-14' }, { now: NOW });
    expect(adult.birthDate).to.equal('1945-07-14');
    expect(adult.age).to.equal('80y');
    const infant = patientIdentity({ resourceType: 'Patient', birthDate: '2025-10-01' }, { now: NOW });
    expect(infant.age).to.equal('4w 3d');
  });

  it('shows deceased with the date, and the age at death', () => {
    const identity = patientIdentity(
      { resourceType: 'Patient', birthDate: '1932-02-01', deceasedDateTime: '2019-05-21T10:00:00Z' },
      { now: NOW },
    );
    expect(identity.deceased).to.deep.equal({ date: '2019-05-21T10:00:00Z' });
    expect(identity.age).to.equal('87y');
    const noDate = patientIdentity({ resourceType: 'Patient', deceasedBoolean: true }, { now: NOW });
    expect(noDate.deceased).to.deep.equal({});
    const alive = patientIdentity({ resourceType: 'Patient', deceasedBoolean: false }, { now: NOW });
    expect(alive.deceased).to.equal(undefined);
  });

  it('labels identifiers by type, NHS number first and spaced 3-3-4, never by system URI', () => {
    const identity = patientIdentity(
      {
        resourceType: 'Patient',
        identifier: [
          { system: 'urn:oid:1.2.3', value: 'X1' },
          { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: 'M123' },
          { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' },
          { type: { text: 'Hospital badge' }, system: 'http://example.org/badge', value: 'B7' },
          { use: 'old', system: 'https://fhir.nhs.uk/Id/nhs-number', value: '1111111111' },
        ],
      },
      { now: NOW },
    );
    expect(identity.identifiers).to.deep.equal([
      { kind: 'nhs', value: '943 476 5919' },
      { kind: 'mrn', value: 'M123' },
      { value: 'X1' },
      { typeText: 'Hospital badge', value: 'B7' },
    ]);
    expect(JSON.stringify(identity.identifiers)).not.to.contain('urn:oid');
  });

  it('leaves missing data undefined (the element says "Not known") and never throws', () => {
    expect(patientIdentity(undefined)).to.deep.equal({ identifiers: [] });
    const junk = patientIdentity({ resourceType: 'Patient', name: 'x', birthDate: 'yesterday', gender: 'robot', identifier: 5 });
    expect(junk).to.deep.equal({ identifiers: [] });
  });

  it('finds the record patient: by id, else the only Patient', () => {
    const a = { resourceType: 'Patient', id: 'a' };
    const b = { resourceType: 'Patient', id: 'b' };
    expect(recordPatient([a, { resourceType: 'Observation' }])).to.equal(a);
    expect(recordPatient([a, b])).to.equal(undefined);
    expect(recordPatient([a, b], 'b')).to.equal(b);
  });
});

describeWithFixtures('patientIdentity: real examples', () => {
  it('R4, STU3 and R5 Patient-example: CHALMERS, Peter James; MRN 12345; male', async () => {
    for (const file of ['examples/r4/Patient-example.json', 'examples/stu3/patient-example.json', 'examples/r5/patient-example.json']) {
      const identity = patientIdentity(await loadFixture<AnyResource>(file), { now: NOW });
      expect(identity.name, file).to.equal('CHALMERS, Peter James');
      expect(identity.birthDate).to.equal('1974-12-25');
      expect(identity.age).to.equal('50y');
      expect(identity.gender).to.equal('male');
      expect(identity.identifiers).to.deep.equal([{ kind: 'mrn', value: '12345' }]);
      expect(identity.deceased).to.equal(undefined);
    }
  });

  it('DSTU2 Patient-example (family as an array)', async () => {
    const identity = patientIdentity(await loadFixture<AnyResource>('examples/dstu2/Patient-example.json'), { now: NOW });
    expect(identity.name).to.equal('CHALMERS, Peter James');
    expect(identity.identifiers).to.deep.equal([{ kind: 'mrn', value: '12345' }]);
  });

  it('R4 Patient-infant-twin-1: infant age and two identifiers, neither shown as a URI', async () => {
    const now = new Date(2017, 5, 1); // 17 days after birth
    const identity = patientIdentity(await loadFixture<AnyResource>('examples/r4/Patient-infant-twin-1.json'), { now });
    expect(identity.name).to.equal('SOLO, Jaina');
    expect(identity.age).to.equal(formatAge('2017-05-15', now));
    expect(identity.age).to.equal('17d');
    expect(identity.identifiers).to.deep.equal([{ kind: 'mrn', value: 'MRN7465737865' }, { value: '7465737865' }]);
  });

  it('Synthea jorge-brekke: MRN and SSN labelled from their types', async () => {
    const bundle = await loadFixture<{ entry: { resource: AnyResource }[] }>('synthea/jorge-brekke-ac7921e0.json');
    const patient = recordPatient(bundle.entry.map((e) => e.resource));
    const identity = patientIdentity(patient, { now: NOW });
    expect(identity.name).to.equal('BREKKE, Jorge');
    expect(identity.identifiers.map((i) => i.kind ?? i.typeText ?? '(none)')).to.deep.equal(['mrn', '(none)', 'ssn']);
  });
});

describe('patientIdentity: privacy of identifiers', () => {
  const patient = {
    resourceType: 'Patient',
    identifier: [
      { system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-12-5375' },
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'SS' }] }, value: '123455375' },
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: 'MRN-1' },
      { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' },
      { type: { text: 'Insurance' }, value: 'INS-9' },
    ],
  };

  it('masks social-security numbers (system us-ssn or v2-0203 SS) to the last four digits', () => {
    const identity = patientIdentity(patient, { now: NOW });
    const ssns = identity.identifiers.filter((i) => i.kind === 'ssn');
    expect(ssns.map((i) => i.value)).to.deep.equal(['***-**-5375']); // both the same mask: shown once
    expect(JSON.stringify(identity)).not.to.match(/999-12|12345/);
    expect(identity.identifiers.map((i) => i.value)).to.include.members(['MRN-1', '943 476 5919', 'INS-9']);
  });

  it('never shows more than four characters of a social-security number of any shape', () => {
    expect(maskSocialSecurityNumber('999 12 5375')).to.equal('***-**-5375');
    expect(maskSocialSecurityNumber('AB1234567890')).to.equal('********7890');
    expect(maskSocialSecurityNumber('123')).to.equal('***');
  });

  it('shows only the identifier types a host lists (v2-0203 codes and `other`)', () => {
    expect(parseIdentifierTypes('mr, NH')).to.deep.equal(['MR', 'NH']);
    expect(parseIdentifierTypes('  ')).to.equal(undefined);
    const shown = patientIdentity(patient, { now: NOW, identifierTypes: parseIdentifierTypes('MR NH') });
    expect(shown.identifiers.map((i) => i.kind)).to.deep.equal(['nhs', 'mrn']);
    const other = patientIdentity(patient, { now: NOW, identifierTypes: ['other', 'SS'] });
    expect(other.identifiers.map((i) => i.value)).to.deep.equal(['***-**-5375', 'INS-9']);
  });
});
