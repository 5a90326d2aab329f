import { expect } from '@open-wc/testing';
import { allergyStatus, noKnownScope } from '../../src/model/allergy-status.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';

const SNOMED = 'http://snomed.info/sct';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';
const IPS = 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips';

type SyntheaBundle = { entry: { resource: AnyResource }[] };

let serial = 0;
/** An R4 AllergyIntolerance for patient `p1`. */
function r4Allergy(options: {
  code?: string;
  system?: string;
  text?: string;
  clinical?: string;
  verification?: string;
  criticality?: string;
  category?: string[];
  patient?: string;
  extra?: Record<string, unknown>;
}): AnyResource {
  serial += 1;
  return {
    resourceType: 'AllergyIntolerance',
    id: `a${serial}`,
    ...(options.clinical ? { clinicalStatus: { coding: [{ system: CLINICAL, code: options.clinical }] } } : {}),
    ...(options.verification ? { verificationStatus: { coding: [{ system: VERIFICATION, code: options.verification }] } } : {}),
    ...(options.criticality ? { criticality: options.criticality } : {}),
    ...(options.category ? { category: options.category } : {}),
    code: {
      ...(options.code ? { coding: [{ system: options.system ?? SNOMED, code: options.code }] } : {}),
      ...(options.text ? { text: options.text } : {}),
    },
    patient: { reference: `Patient/${options.patient ?? 'p1'}` },
    ...options.extra,
  };
}

describe('allergyStatus: the four statuses', () => {
  it('is "not-recorded" when the search found nothing', () => {
    const model = allergyStatus([], { patientId: 'p1' });
    expect(model.status).to.equal('not-recorded');
    expect(model.active).to.deep.equal([]);
    expect(model.contradiction).to.equal(false);
  });

  it('is "known" with a current allergy', () => {
    const model = allergyStatus([r4Allergy({ text: 'Peanut', clinical: 'active', verification: 'confirmed' })], {
      patientId: 'p1',
    });
    expect(model.status).to.equal('known');
    expect(model.active.map((a) => a.allergen)).to.deep.equal(['Peanut']);
    expect(model.active[0].verification).to.equal('confirmed');
  });

  for (const [code, scope] of [
    ['716186003', 'all'],
    ['409137002', 'medication'],
    ['429625007', 'food'],
    ['428607008', 'environment'],
  ] as const) {
    it(`is "no-known" (${scope}) for SNOMED ${code}`, () => {
      const model = allergyStatus([r4Allergy({ code, clinical: 'active', verification: 'confirmed' })], { patientId: 'p1' });
      expect(model.status).to.equal('no-known');
      expect(model.assertions.map((a) => a.scope)).to.deep.equal([scope]);
      expect(model.active).to.have.length(0);
    });
  }

  for (const [code, scope] of [
    ['no-known-allergies', 'all'],
    ['no-known-medication-allergies', 'medication'],
    ['no-known-food-allergies', 'food'],
    ['no-known-environmental-allergies', 'environment'],
  ] as const) {
    it(`is "no-known" (${scope}) for IPS ${code}`, () => {
      const model = allergyStatus([r4Allergy({ code, system: IPS, clinical: 'active' })], { patientId: 'p1' });
      expect(model.status).to.equal('no-known');
      expect(model.assertions[0].scope).to.equal(scope);
    });
  }

  it('treats IPS no-allergy-info as not recorded, never as no known allergies', () => {
    const model = allergyStatus([r4Allergy({ code: 'no-allergy-info', system: IPS })], { patientId: 'p1' });
    expect(model.status).to.equal('not-recorded');
    expect(model.noInformation).to.equal(true);
    expect(model.assertions).to.have.length(0);
    expect(model.active).to.have.length(0);
  });

  it('does not read a no-known code from another code system as an assertion', () => {
    expect(noKnownScope({ coding: [{ system: 'http://example.org/local', code: '716186003' }] })).to.equal(undefined);
    expect(noKnownScope({ coding: [{ code: '716186003' }] })).to.equal('all');
  });

  it('keeps a partial assertion partial: no known drug allergy says nothing about food', () => {
    const model = allergyStatus(
      [
        r4Allergy({ code: '409137002', clinical: 'active' }),
        r4Allergy({ text: 'Fish', clinical: 'active', category: ['food'] }),
      ],
      { patientId: 'p1' },
    );
    expect(model.status).to.equal('known');
    expect(model.assertions.map((a) => [a.scope, a.contradicted])).to.deep.equal([['medication', false]]);
    expect(model.contradiction).to.equal(false);
  });

  it('flags a contradiction when a no-known assertion covers a current allergy', () => {
    const all = allergyStatus(
      [r4Allergy({ code: '716186003', clinical: 'active' }), r4Allergy({ text: 'Latex', clinical: 'active', category: ['environment'] })],
      { patientId: 'p1' },
    );
    expect(all.status).to.equal('known');
    expect(all.contradiction).to.equal(true);
    expect(all.assertions[0].contradicted).to.equal(true);
    expect(all.active.map((a) => a.allergen)).to.deep.equal(['Latex']);

    const drug = allergyStatus(
      [r4Allergy({ code: '409137002', clinical: 'active' }), r4Allergy({ text: 'Penicillin', clinical: 'active', category: ['medication'] })],
      { patientId: 'p1' },
    );
    expect(drug.contradiction).to.equal(true);
  });

  it('counts an allergy of unknown category against a partial assertion (cannot rule it out)', () => {
    const model = allergyStatus(
      [r4Allergy({ code: '429625007', clinical: 'active' }), r4Allergy({ text: 'Something', clinical: 'active' })],
      { patientId: 'p1' },
    );
    expect(model.contradiction).to.equal(true);
  });

  it('ignores an assertion that is no longer active', () => {
    const model = allergyStatus([r4Allergy({ code: '716186003', clinical: 'inactive' })], { patientId: 'p1' });
    expect(model.status).to.equal('not-recorded');
  });
});

describe('allergyStatus: status handling', () => {
  it('hides and counts entered-in-error records, whatever they say', () => {
    const model = allergyStatus(
      [
        r4Allergy({ text: 'Codeine', verification: 'entered-in-error' }),
        r4Allergy({ code: '716186003', verification: 'entered-in-error' }),
      ],
      { patientId: 'p1' },
    );
    expect(model.hidden.enteredInError).to.equal(2);
    expect(model.status).to.equal('not-recorded');
    expect(model.active).to.have.length(0);
    expect(model.assertions).to.have.length(0);
  });

  it('never shows a refuted allergy, and counts it', () => {
    const model = allergyStatus([r4Allergy({ text: 'Aspirin', clinical: 'active', verification: 'refuted' })], {
      patientId: 'p1',
    });
    expect(model.active).to.have.length(0);
    expect(model.inactive).to.have.length(0);
    expect(model.hidden.refuted).to.equal(1);
    expect(model.status).to.equal('not-recorded');
  });

  it('marks unconfirmed and presumed allergies', () => {
    const model = allergyStatus(
      [
        r4Allergy({ text: 'Sulfa', clinical: 'active', verification: 'unconfirmed' }),
        r4Allergy({ text: 'Egg', clinical: 'active', verification: 'presumed' }),
      ],
      { patientId: 'p1' },
    );
    expect(model.status).to.equal('known');
    expect(model.active.map((a) => [a.allergen, a.verification])).to.deep.equal([
      ['Egg', 'presumed'],
      ['Sulfa', 'unconfirmed'],
    ]);
  });

  it('lists inactive and resolved allergies apart from current ones', () => {
    const model = allergyStatus(
      [r4Allergy({ text: 'Latex', clinical: 'resolved' }), r4Allergy({ text: 'Dust', clinical: 'inactive' })],
      { patientId: 'p1' },
    );
    expect(model.active).to.have.length(0);
    expect(model.inactive.map((a) => [a.allergen, a.clinicalStatus])).to.deep.equal([
      ['Dust', 'inactive'],
      ['Latex', 'resolved'],
    ]);
    // Only past allergies: nothing current is recorded, and nothing asserts there are none.
    expect(model.status).to.equal('not-recorded');
  });

  it('puts high criticality first', () => {
    const model = allergyStatus(
      [
        r4Allergy({ text: 'Aardvark dander', clinical: 'active', criticality: 'low' }),
        r4Allergy({ text: 'Bee venom', clinical: 'active' }),
        r4Allergy({ text: 'Peanut', clinical: 'active', criticality: 'high' }),
        r4Allergy({ text: 'Cat', clinical: 'active', criticality: 'unable-to-assess' }),
      ],
      { patientId: 'p1' },
    );
    expect(model.active.map((a) => a.allergen)).to.deep.equal(['Peanut', 'Cat', 'Aardvark dander', 'Bee venom']);
  });

  it('drops and counts allergies of another patient', () => {
    const model = allergyStatus(
      [r4Allergy({ text: 'Peanut', clinical: 'active', patient: 'someone-else' }), r4Allergy({ text: 'Egg', clinical: 'active' })],
      { patientId: 'p1' },
    );
    expect(model.active.map((a) => a.allergen)).to.deep.equal(['Egg']);
    expect(model.hidden.otherPatient).to.equal(1);
  });

  it('accepts urn:uuid references through aliases (a transaction Bundle given directly)', () => {
    const model = allergyStatus([{ ...r4Allergy({ text: 'Egg' }), patient: { reference: 'urn:uuid:abc' } }], {
      patientId: 'abc',
      aliases: ['urn:uuid:abc'],
    });
    expect(model.active).to.have.length(1);
    expect(model.hidden.otherPatient).to.equal(0);
  });

  it('reads R4 reactions: manifestation, severity, onset and the recorded date', () => {
    const model = allergyStatus(
      [
        r4Allergy({
          text: 'Peanut',
          clinical: 'active',
          extra: {
            type: 'allergy',
            recordedDate: '2020-03-04',
            reaction: [{ manifestation: [{ text: 'Anaphylaxis' }], severity: 'severe', onset: '2019-01-02' }],
          },
        }),
      ],
      { patientId: 'p1' },
    );
    const [peanut] = model.active;
    expect(peanut.type).to.equal('allergy');
    expect(peanut.recorded).to.equal('2020-03-04');
    expect(peanut.reactions).to.deep.equal([
      {
        manifestations: ['Anaphylaxis'],
        severity: 'severe',
        onset: '2019-01-02',
        description: undefined,
        substance: undefined,
        exposureRoute: undefined,
      },
    ]);
  });

  it('reads R5: type and manifestation as CodeableConcept / CodeableReference', () => {
    const model = allergyStatus(
      [
        {
          resourceType: 'AllergyIntolerance',
          clinicalStatus: { coding: [{ code: 'active' }] },
          verificationStatus: { coding: [{ code: 'presumed' }] },
          type: { coding: [{ system: 'http://hl7.org/fhir/allergy-intolerance-type', code: 'intolerance' }] },
          category: ['medication'],
          code: { text: 'Codeine' },
          patient: { reference: 'Patient/p1' },
          recordedDate: '2023-05-06',
          reaction: [{ manifestation: [{ concept: { text: 'Nausea' } }], severity: 'mild' }],
        },
      ],
      { patientId: 'p1' },
    );
    expect(model.active[0]).to.include({ allergen: 'Codeine', type: 'intolerance', verification: 'presumed' });
    expect(model.active[0].categories).to.deep.equal(['medication']);
    expect(model.active[0].reactions[0].manifestations).to.deep.equal(['Nausea']);
  });

  it('never throws on malformed input, and shows what it can', () => {
    const junk = [
      null,
      42,
      'text',
      { resourceType: 'AllergyIntolerance' },
      { resourceType: 'AllergyIntolerance', code: 'not a concept', reaction: 'nope', category: 7, criticality: {} },
      { resourceType: 'AllergyIntolerance', clinicalStatus: 12, reaction: [null, { manifestation: [null, 3] }] },
    ];
    const model = allergyStatus(junk as unknown[]);
    expect(model.status).to.equal('known');
    expect(model.active).to.have.length(3);
    expect(model.active.filter((a) => a.allergen === 'not a concept')).to.have.length(1);
  });
});

describeWithFixtures('allergyStatus: real HL7 examples across versions', () => {
  it('R4 AllergyIntolerance-nkda: no known drug allergy (and nothing said about food)', async () => {
    const nkda = await loadFixture<AnyResource>('examples/r4/AllergyIntolerance-nkda.json');
    const model = allergyStatus([nkda], { patientId: 'mom' });
    expect(model.status).to.equal('no-known');
    expect(model.assertions).to.have.length(1);
    expect(model.assertions[0]).to.include({ scope: 'medication', text: 'NKDA', recorded: '2015-08-06T15:37:31-06:00' });
  });

  it('R4 AllergyIntolerance-example: cashew, high criticality, two reactions', async () => {
    const cashew = await loadFixture<AnyResource>('examples/r4/AllergyIntolerance-example.json');
    const model = allergyStatus([cashew], { patientId: 'example' });
    expect(model.status).to.equal('known');
    const [entry] = model.active;
    expect(entry.allergen).to.equal('Cashew nuts');
    expect(entry.criticality).to.equal('high');
    expect(entry.categories).to.deep.equal(['food']);
    expect(entry.type).to.equal('allergy');
    expect(entry.verification).to.equal('confirmed');
    expect(entry.reactions.map((r) => [r.manifestations[0], r.severity])).to.deep.equal([
      ['Anaphylactic reaction', 'severe'],
      ['Urticaria', 'moderate'],
    ]);
  });

  it('R4 AllergyIntolerance-fishallergy: text wins over the coding, no criticality', async () => {
    const fish = await loadFixture<AnyResource>('examples/r4/AllergyIntolerance-fishallergy.json');
    const model = allergyStatus([fish], { patientId: 'example' });
    expect(model.active[0].allergen).to.equal('Allergic to fresh fish. Tolerates canned fish');
    expect(model.active[0].criticality).to.equal(undefined);
  });

  it('STU3 and DSTU2 examples give the same view as R4', async () => {
    const stu3 = await loadFixture<AnyResource>('examples/stu3/AllergyIntolerance-example.json');
    const dstu2 = await loadFixture<AnyResource>('examples/dstu2/AllergyIntolerance-example.json');
    for (const resource of [stu3, dstu2]) {
      const model = allergyStatus([resource], { patientId: 'example' });
      expect(model.status).to.equal('known');
      const [entry] = model.active;
      expect(entry).to.include({ allergen: 'Cashew nuts', criticality: 'high', clinicalStatus: 'active', verification: 'confirmed', type: 'allergy' });
      expect(entry.categories).to.deep.equal(['food']);
      expect(entry.recorded).to.equal('2014-10-09T14:58:00+11:00');
      expect(entry.reactions[0].severity).to.equal('severe');
    }
  });

  it('Synthea jorge-brekke: 10 allergies; luigi-wiegand: not recorded', async () => {
    const jorge = await loadFixture<SyntheaBundle>('synthea/jorge-brekke-ac7921e0.json');
    const resources = jorge.entry.map((e) => e.resource);
    const patient = resources.find((r) => r.resourceType === 'Patient') as AnyResource;
    const model = allergyStatus(resources, { patientId: patient.id, aliases: [`urn:uuid:${patient.id}`] });
    expect(model.status).to.equal('known');
    expect(model.active).to.have.length(10);
    expect(model.hidden.otherPatient).to.equal(0);

    const luigi = await loadFixture<SyntheaBundle>('synthea/luigi-wiegand-e27d88b0.json');
    const luigiResources = luigi.entry.map((e) => e.resource);
    expect(allergyStatus(luigiResources).status).to.equal('not-recorded');
  });
});
