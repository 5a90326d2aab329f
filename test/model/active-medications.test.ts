import { expect } from '@open-wc/testing';
import { activeMedications } from '../../src/model/active-medications.js';
import type { AnyResource } from '../../src/model/fhir-types.js';

function order(status: string, medication: Record<string, unknown>, patient = 'p1'): AnyResource {
  return { resourceType: 'MedicationRequest', status, subject: { reference: `Patient/${patient}` }, ...medication };
}

describe('activeMedications', () => {
  it('names active orders only, sorted, through the shared name resolver', () => {
    const result = activeMedications(
      [
        order('active', { medicationCodeableConcept: { text: 'Metformin 500 mg tablet' } }),
        order('stopped', { medicationCodeableConcept: { text: 'Ibuprofen' } }),
        order('active', { medicationReference: { reference: 'Medication/m1' } }),
        order('active', { medicationReference: { reference: '#c1' }, contained: [{ resourceType: 'Medication', id: 'c1', code: { text: 'Aspirin 75 mg' } }] }),
        order('entered-in-error', { medicationCodeableConcept: { text: 'Warfarin' } }),
        order('active', { medicationCodeableConcept: { text: 'Digoxin' } }, 'p2'),
        order('active', {}),
      ],
      {
        patientId: 'p1',
        included: [{ resourceType: 'Medication', id: 'm1', code: { text: 'Insulin glargine' } }],
        unnamed: 'Medication name not recorded',
      },
    );
    expect(result.names).to.deep.equal(['Aspirin 75 mg', 'Insulin glargine', 'Medication name not recorded', 'Metformin 500 mg tablet']);
    expect(result.hidden).to.deep.equal({ enteredInError: 1, otherPatient: 1 });
  });
});
