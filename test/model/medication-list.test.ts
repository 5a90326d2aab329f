// The medication list view model and the drug–allergy conflict check.
import { expect } from '@open-wc/testing';
import { allergyConflicts, conflictingAllergySubstances } from '../../src/model/allergy-conflict.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { medicationListModel, medicationStatus } from '../../src/model/medication-list.js';
import { medicationName } from '../../src/model/medication-name.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';

const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const SCT = 'http://snomed.info/sct';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

function order(id: string, status: string, code: [string, string, string], extra: Record<string, unknown> = {}): AnyResource {
  return {
    resourceType: 'MedicationRequest',
    id,
    status,
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    medicationCodeableConcept: { coding: [{ system: code[0], code: code[1] }], text: code[2] },
    authoredOn: '2026-01-15',
    requester: { reference: 'Practitioner/1', display: 'Dr A Smith' },
    ...extra,
  };
}

function allergy(id: string, coding: [string, string], text: string, clinical = 'active', verification = 'confirmed'): AnyResource {
  return {
    resourceType: 'AllergyIntolerance',
    id,
    patient: { reference: 'Patient/p1' },
    clinicalStatus: { coding: [{ system: CLINICAL, code: clinical }] },
    verificationStatus: { coding: [{ system: VERIFICATION, code: verification }] },
    code: { coding: [{ system: coding[0], code: coding[1] }], text },
  };
}

const amoxicillin = order('amox', 'active', [RX, '723', 'Amoxicillin 500 mg capsule']);
const metformin = order('met', 'active', [RX, '6809', 'Metformin 500 mg tablet']);

describe('allergy conflict check', () => {
  it('a penicillin allergy (RxNorm 7980) matches amoxicillin (RxNorm 723) through the class map', () => {
    const allergies = conflictingAllergySubstances([allergy('pen', [RX, '7980'], 'Penicillin')]);
    expect(allergyConflicts(medicationName(amoxicillin), allergies).map((a) => a.label)).to.deep.equal(['Penicillin']);
    expect(allergyConflicts(medicationName(metformin), allergies)).to.deep.equal([]);
  });

  it('SNOMED penicillin codes (764146007 substance, 91936005 finding) match too', () => {
    for (const code of ['764146007', '91936005']) {
      const allergies = conflictingAllergySubstances([allergy('pen', [SCT, code], 'Penicillin')]);
      expect(allergyConflicts(medicationName(amoxicillin), allergies)).to.have.length(1);
    }
  });

  it('same code matches directly; ingredient codes match', () => {
    const allergies = conflictingAllergySubstances([allergy('a', [RX, '315266'], 'Acetaminophen')]);
    const withIngredient: AnyResource = {
      resourceType: 'MedicationStatement',
      status: 'active',
      medicationReference: { reference: '#m' },
      contained: [{ resourceType: 'Medication', id: 'm', code: { text: 'Tylenol PM' }, ingredient: [{ itemCodeableConcept: { coding: [{ system: RX, code: '315266' }] } }] }],
    };
    expect(allergyConflicts(medicationName(withIngredient), allergies)).to.have.length(1);
  });

  it('entered-in-error, refuted, inactive and resolved allergies and "no known allergy" never conflict; unconfirmed does', () => {
    const excluded = [
      allergy('e', [RX, '7980'], 'Penicillin', 'active', 'entered-in-error'),
      allergy('r', [RX, '7980'], 'Penicillin', 'active', 'refuted'),
      allergy('i', [RX, '7980'], 'Penicillin', 'inactive'),
      allergy('s', [RX, '7980'], 'Penicillin', 'resolved'),
      allergy('n', [SCT, '716186003'], 'No known allergy'),
      { resourceType: 'AllergyIntolerance', id: 'dstu2', status: 'refuted', substance: { coding: [{ system: RX, code: '7980' }] } },
      { resourceType: 'AllergyIntolerance', id: 'stu3', clinicalStatus: 'resolved', code: { coding: [{ system: RX, code: '7980' }] } },
    ];
    expect(conflictingAllergySubstances(excluded)).to.deep.equal([]);
    const unconfirmed = conflictingAllergySubstances([allergy('u', [RX, '7980'], 'Penicillin', 'active', 'unconfirmed')]);
    expect(unconfirmed).to.have.length(1);
    expect(unconfirmed[0].unconfirmed).to.equal(true);
  });
});

describe('medicationListModel', () => {
  const resources = [
    amoxicillin,
    metformin,
    order('hold', 'on-hold', [RX, '1', 'Warfarin 1 mg tablet']),
    order('draft', 'draft', [RX, '2', 'Zopiclone 3.75 mg tablet']),
    order('stop', 'stopped', [RX, '3', 'Simvastatin 40 mg tablet'], { authoredOn: '2024-01-01' }),
    order('done', 'completed', [RX, '4', 'Prednisolone 5 mg tablet'], { authoredOn: '2025-06-01' }),
    order('cxl', 'cancelled', [RX, '5', 'Naproxen 250 mg tablet']),
    order('eie', 'entered-in-error', [RX, '6', 'Digoxin 125 microgram tablet']),
    order('other', 'active', [RX, '7', 'Other patient drug'], { subject: { reference: 'Patient/p2' } }),
  ];
  const allergies = [allergy('pen', [RX, '7980'], 'Penicillin')];

  it('status="active": current group only, past counted, entered-in-error and other patients hidden and counted', () => {
    const model = medicationListModel({ requests: resources, allergies, patientId: 'p1' });
    expect(model.current.map((r) => r.name.name)).to.deep.equal([
      'Amoxicillin 500 mg capsule',
      'Metformin 500 mg tablet',
      'Warfarin 1 mg tablet',
      'Zopiclone 3.75 mg tablet',
    ]);
    expect(model.past).to.deep.equal([]);
    expect(model.pastHidden).to.equal(3);
    expect(model.enteredInError).to.equal(1);
    expect(model.otherPatient).to.equal(1);
    expect(model.current.find((r) => r.key === 'MedicationRequest/amox')?.conflicts.map((c) => c.label)).to.deep.equal(['Penicillin']);
    expect(model.current.find((r) => r.key === 'MedicationRequest/met')?.conflicts).to.deep.equal([]);
    expect(model.current[0]).to.include({ who: 'Dr A Smith', whoRole: 'prescriber', date: '2026-01-15', dateRole: 'authored' });
  });

  it('status="all": stopped / completed / cancelled in the past group, most recent first', () => {
    const model = medicationListModel({ requests: resources, allergies, patientId: 'p1', status: 'all' });
    expect(model.past.map((r) => r.status)).to.deep.equal(['cancelled', 'completed', 'stopped']);
    expect(model.pastHidden).to.equal(0);
  });

  it('a failed allergy search is reported, never read as "no conflict"', () => {
    const model = medicationListModel({ requests: resources, allergies: { error: 'The FHIR server had an internal error (500)' }, patientId: 'p1' });
    expect(model.allergyCheck).to.equal('failed');
    expect(model.allergyError).to.include('500');
    expect(model.current).to.have.length(4);
  });

  it('maps every version\'s statuses', () => {
    const s = (resource: Record<string, unknown>) => medicationStatus({ resourceType: 'MedicationStatement', ...resource });
    expect(s({ status: 'recorded' })).to.equal('active'); // R5
    expect(s({ status: 'active', taken: 'n' })).to.equal('not-taken'); // STU3
    expect(s({ status: 'active', wasNotTaken: true })).to.equal('not-taken'); // DSTU2
    expect(medicationStatus({ resourceType: 'MedicationRequest', status: 'ended' })).to.equal('completed'); // R5
    expect(medicationStatus({ resourceType: 'MedicationRequest', status: 'nonsense' })).to.equal('unknown');
    expect(medicationStatus({ resourceType: 'MedicationRequest' })).to.equal('unknown');
  });
});

describeWithFixtures('medicationListModel on HL7 examples', () => {
  it('MedicationStatement-example005 (entered-in-error) is hidden and counted', async () => {
    const hidden = await loadFixture<AnyResource>('examples/r4/MedicationStatement-example005.json');
    const shown = await loadFixture<AnyResource>('examples/r4/MedicationStatement-example001.json');
    const model = medicationListModel({ requests: [], statements: [hidden, shown], allergies: [], status: 'all' });
    expect(model.enteredInError).to.equal(1);
    expect(model.current.map((r) => r.key)).to.deep.equal(['MedicationStatement/example001']);
    expect(model.current[0]).to.include({ who: 'Donald Duck', whoRole: 'source', date: '2015-02-22', dateRole: 'asserted' });
  });

  it('STU3 requester.agent and DSTU2 prescriber / dateWritten', async () => {
    const stu3 = await loadFixture<AnyResource>('examples/stu3/MedicationRequest-medrx0302.json');
    const dstu2 = await loadFixture<AnyResource>('examples/dstu2/MedicationOrder-medrx001.json');
    // Two different patients (pat1, f001): together, one would be dropped as another patient's record.
    const together = medicationListModel({ requests: [stu3], orders: [dstu2], allergies: [], status: 'all' });
    expect(together.current.length + together.past.length).to.equal(1);
    expect(together.otherPatient).to.equal(1);
    const rows = [stu3, dstu2].flatMap((r) => {
      const model = medicationListModel({ requests: [], orders: [r], allergies: [], status: 'all' });
      return [...model.current, ...model.past];
    });
    expect(rows).to.have.length(2);
    const order = rows.find((r) => r.resource.resourceType === 'MedicationOrder');
    expect(order?.date).to.equal(dstu2.dateWritten);
    expect(order?.who).to.equal((dstu2.prescriber as { display?: string }).display);
    const request = rows.find((r) => r.resource.resourceType === 'MedicationRequest');
    expect(request?.who).to.equal('Patrick Pump');
  });
});
