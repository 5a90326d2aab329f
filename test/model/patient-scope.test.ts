// One patient scope (DESIGN.md §3 rule 4): decided once from what is given, matched in every
// reference form, other patients' resources dropped and counted.
import { expect } from '@open-wc/testing';
import { givenPatientScope, partitionByScope, serverPatientScope, UNSCOPED } from '../../src/model/patient-scope.js';
import { flattenEntries, flattenResources } from '../../src/model/resources.js';
import { SCOPE_SCENARIOS } from '../helpers/patient-scope-scenarios.js';

describe('givenPatientScope and partitionByScope', () => {
  for (const scenario of SCOPE_SCENARIOS) {
    it(`${scenario.name}: keeps the given Patient's records in every reference form, drops and counts the other's`, () => {
      const scope = givenPatientScope(scenario.resources);
      expect(scope.patientId).to.equal(scenario.patientId);
      for (const reference of scenario.own.filter((r) => r.startsWith('urn:'))) expect(scope.aliases).to.include(reference);
      const all = flattenResources(scenario.resources).filter((r) => r.resourceType !== 'Patient');
      const { kept, otherPatient } = partitionByScope(all, scope);
      expect(otherPatient).to.equal(5);
      expect(kept).to.have.length(5);
      expect(kept.every((r) => String(r.id).startsWith('own-'))).to.equal(true);
    });
  }

  it('keeps the full URL of each entry when flattening', () => {
    const entries = flattenEntries(SCOPE_SCENARIOS[1].resources);
    expect(entries[0].fullUrl).to.match(/^urn:uuid:/);
    expect(flattenEntries([{ resourceType: 'Patient', id: 'x' }])[0]).to.deep.equal({ resource: { resourceType: 'Patient', id: 'x' } });
  });

  it('with a patient named, that patient is the scope, with its entry full URL as an alias', () => {
    const scope = givenPatientScope(SCOPE_SCENARIOS[2].resources, 'p3');
    expect(scope.patientId).to.equal('p3');
    expect(scope.aliases).to.include('urn:uuid:6f1c2a3e-3333-4aaa-8bbb-000000000003');
    const other = givenPatientScope(SCOPE_SCENARIOS[2].resources, 'p9');
    expect(other.patientId).to.equal('p9');
    const { kept } = partitionByScope(flattenResources(SCOPE_SCENARIOS[2].resources), other);
    expect(kept.every((r) => r.resourceType === 'Medication' || String(r.id).startsWith('other-'))).to.equal(true);
  });

  it('a server patient matches Patient/<id> and the absolute URL on that server', () => {
    const scope = serverPatientScope('123', 'https://x.example/fhir/');
    expect(scope.aliases).to.deep.equal(['Patient/123', 'https://x.example/fhir/Patient/123']);
    const obs = (reference: string) => ({ resourceType: 'Observation', subject: { reference } });
    const { kept, otherPatient } = partitionByScope(
      [obs('Patient/123'), obs('https://x.example/fhir/Patient/123'), obs('Patient/124'), { resourceType: 'Medication' }],
      scope,
    );
    expect(kept).to.have.length(3);
    expect(otherPatient).to.equal(1);
  });

  it('with no patient anywhere nothing is dropped', () => {
    const medications = [{ resourceType: 'Medication', id: 'm1' }];
    expect(givenPatientScope(medications)).to.equal(UNSCOPED);
    expect(partitionByScope(medications, UNSCOPED).kept).to.have.length(1);
  });
});
