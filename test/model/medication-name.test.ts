// Medication name resolution, each step in the order, on the HL7 examples.
import { expect } from '@open-wc/testing';
import type { AnyResource } from '../../src/model/fhir-types.js';
import {
  medicationLabel,
  medicationName,
  medicationReferenceToFetch,
  strengthText,
  UNNAMED_MEDICATION_EN,
} from '../../src/model/medication-name.js';
import { flattenResources } from '../../src/model/resources.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';

const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';

describeWithFixtures('medicationName on HL7 examples', () => {
  it('1. medicationCodeableConcept (R4 medrx0312)', async () => {
    const request = await loadFixture<AnyResource>('examples/r4/MedicationRequest-medrx0312.json');
    const name = medicationName(request);
    expect(name.source).to.equal('concept');
    expect(name.name).to.be.a('string').and.not.include('undefined');
    expect(name.name.length).to.be.greaterThan(3);
    expect(medicationReferenceToFetch(request)).to.equal(undefined);
  });

  it('2. contained #id (R4 medrx0302), SNOMED semantic tag dropped', async () => {
    const request = await loadFixture<AnyResource>('examples/r4/MedicationRequest-medrx0302.json');
    const name = medicationName(request);
    expect(name).to.include({ name: 'Azithromycin 250mg capsule', source: 'contained', reference: '#med0320' });
    expect(name.codes.map((c) => c.code)).to.deep.equal(['324252006']);
    expect(medicationReferenceToFetch(request)).to.equal(undefined);
  });

  it('2. contained Medication with ingredient strengths and form (R4 MedicationStatement-example001)', async () => {
    const statement = await loadFixture<AnyResource>('examples/r4/MedicationStatement-example001.json');
    const name = medicationName(statement);
    expect(name).to.include({ name: 'Tylenol PM', strength: '500 mg / 25 mg', form: 'Film-coated tablet', source: 'contained' });
    expect(name.ingredientCodes.map((c) => c.code)).to.deep.equal(['315266', '901813']);
    expect(medicationLabel(name)).to.equal('Tylenol PM, 500 mg / 25 mg, Film-coated tablet');
  });

  it('3. _include: a Medication the same search returned (Bundle-bundle-example)', async () => {
    const bundle = await loadFixture('examples/r4/Bundle-bundle-example.json');
    const [request, ...rest] = flattenResources(bundle);
    expect(medicationReferenceToFetch(request, rest)).to.equal(undefined);
    const name = medicationName(request, { included: rest });
    // The included Medication names no drug: never its id, never "undefined".
    expect(name.source).to.equal('unresolved');
    expect(name.name).to.equal(UNNAMED_MEDICATION_EN);
    expect(name.medication?.id).to.equal('example');
  });

  it('4. a fetched Medication (medrx002 → Medication/med0316), then 5. the reference display', async () => {
    const request = await loadFixture<AnyResource>('examples/r4/MedicationRequest-medrx002.json');
    const medication = await loadFixture<AnyResource>('examples/r4/Medication-med0316.json');
    expect(medicationReferenceToFetch(request)).to.equal('Medication/med0316');
    expect(medicationReferenceToFetch(request, [medication])).to.equal(undefined);
    const fetched = medicationName(request, { fetched: [medication] });
    expect(fetched).to.include({ name: 'Chlorthalidone 50mg tablet', form: 'Tablet dose form', source: 'fetched' });
    expect(fetched.strength, 'the name already says 50mg').to.equal(undefined);
    // Ingredient code from the contained Substance, for allergy matching.
    expect(fetched.ingredientCodes.map((c) => c.code)).to.deep.equal(['387324004']);
    const displayOnly = medicationName(request);
    expect(displayOnly).to.include({ name: 'prescribed medication', source: 'display' });
  });

  it('DSTU2 MedicationOrder with an unresolvable reference uses its display', async () => {
    const order = await loadFixture<AnyResource>('examples/dstu2/MedicationOrder-medrx001.json');
    expect(medicationName(order)).to.include({ name: 'prescribed medication', source: 'display' });
  });

  it('DSTU2 MedicationStatement with a bare reference: never the id', async () => {
    const statement = await loadFixture<AnyResource>('examples/dstu2/MedicationStatement-example001.json');
    const name = medicationName(statement, { unnamed: 'Not named' });
    expect(name).to.include({ name: 'Not named', source: 'unresolved' });
    expect(name.name).not.to.include('MedicationExample7');
  });

  it('STU3 contained Medication', async () => {
    const request = await loadFixture<AnyResource>('examples/stu3/MedicationRequest-medrx0302.json');
    expect(medicationName(request).source).to.equal('contained');
    expect(medicationName(request).name).to.match(/Azithromycin/);
  });
});

describe('medicationName across versions and bad input', () => {
  it('R5 CodeableReference: concept, then reference', () => {
    const concept = { resourceType: 'MedicationRequest', medication: { concept: { text: 'Metformin 500 mg tablet' } } };
    expect(medicationName(concept)).to.include({ name: 'Metformin 500 mg tablet', source: 'concept' });
    const medication = { resourceType: 'Medication', id: 'm1', code: { text: 'Amoxicillin' }, doseForm: { text: 'Capsule' },
      ingredient: [{ item: { concept: { coding: [{ system: RX, code: '723' }] } }, strengthRatio: { numerator: { value: 500, unit: 'mg' }, denominator: { value: 1, unit: 'capsule' } } }] };
    const byReference = { resourceType: 'MedicationRequest', medication: { reference: { reference: 'Medication/m1' } } };
    expect(medicationReferenceToFetch(byReference)).to.equal('Medication/m1');
    const name = medicationName(byReference, { fetched: [medication] });
    expect(name).to.include({ name: 'Amoxicillin', strength: '500 mg', form: 'Capsule', source: 'fetched' });
    expect(name.ingredientCodes).to.deep.equal([{ system: RX, code: '723' }]);
  });

  it('DSTU2 Medication: product.form and product.ingredient.amount', () => {
    const order = { resourceType: 'MedicationOrder', medicationReference: { reference: '#m' },
      contained: [{ resourceType: 'Medication', id: 'm', code: { text: 'Amoxicillin suspension' },
        product: { form: { text: 'Oral suspension' }, ingredient: [{ item: { display: 'amoxicillin' }, amount: { numerator: { value: 250, unit: 'mg' }, denominator: { value: 5, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' } } }] } }] };
    expect(medicationName(order)).to.include({ name: 'Amoxicillin suspension', strength: '250 mg/5 mL', form: 'Oral suspension' });
  });

  it('strengths as clinicians write them', () => {
    const UCUM = 'http://unitsofmeasure.org';
    expect(strengthText({ numerator: { value: 10, unit: 'mg', system: UCUM, code: 'mg' }, denominator: { value: 1, unit: 'mL', system: UCUM, code: 'mL' } })).to.equal('10 mg/mL');
    expect(strengthText({ numerator: { value: 0.5, system: UCUM, code: 'mg' } })).to.equal('0.5 mg');
    expect(strengthText({ numerator: { value: 1000, unit: 'mg' }, denominator: { value: 1, unit: 'tablet' } })).to.equal('1,000 mg');
    expect(strengthText({ numerator: { unit: 'mg' } })).to.equal(undefined);
  });

  it('absolute references to other servers are not fetched', () => {
    const request = { resourceType: 'MedicationRequest', medicationReference: { reference: 'https://elsewhere.example/fhir/Medication/9' } };
    expect(medicationReferenceToFetch(request)).to.equal(undefined);
  });

  it('malformed input never throws and never yields "undefined"', () => {
    const bad = [
      { resourceType: 'MedicationRequest' },
      { resourceType: 'MedicationRequest', medicationCodeableConcept: 'aspirin' },
      { resourceType: 'MedicationRequest', medicationCodeableConcept: { coding: 'x' } },
      { resourceType: 'MedicationRequest', medicationReference: { reference: 42 } },
      { resourceType: 'MedicationRequest', medicationReference: { reference: '#missing' } },
      { resourceType: 'MedicationRequest', medication: null },
      { resourceType: 'MedicationRequest', contained: 'x', medicationReference: { reference: '#a' } },
    ];
    for (const resource of bad) {
      const name = medicationName(resource as AnyResource);
      expect(name.name).to.be.a('string').and.not.include('undefined');
      expect(name.name.length).to.be.greaterThan(0);
    }
  });
});

describe('medicationName: strength and form named once', () => {
  it('keeps strength and form the drug name does not already say, and drops the ones it does', () => {
    const order = {
      resourceType: 'MedicationRequest',
      contained: [
        {
          resourceType: 'Medication',
          id: 'm1',
          code: { text: 'Folic acid 5 mg tablets' },
          form: { text: 'Tablet' },
          ingredient: [{ itemCodeableConcept: { text: 'Folic acid' }, strength: { numerator: { value: 5, unit: 'mg' }, denominator: { value: 1, unit: 'tablet' } } }],
        },
        {
          resourceType: 'Medication',
          id: 'm2',
          code: { text: 'Folic acid' },
          form: { text: 'Tablet' },
          ingredient: [{ itemCodeableConcept: { text: 'Folic acid' }, strength: { numerator: { value: 5, unit: 'mg' }, denominator: { value: 1, unit: 'tablet' } } }],
        },
      ],
      medicationReference: { reference: '#m1' },
    };
    const repeated = medicationName(order);
    expect(repeated.name).to.equal('Folic acid 5 mg tablets');
    expect(repeated.strength).to.equal(undefined);
    expect(repeated.form).to.equal(undefined);
    const plain = medicationName({ ...order, medicationReference: { reference: '#m2' } });
    expect(plain.strength).to.match(/^5 mg/);
    expect(plain.form).to.equal('Tablet');
  });
});
