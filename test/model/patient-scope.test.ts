// One patient scope (DESIGN.md §3 rule 4): decided once from what is given, matched in every
// reference form, other patients' resources dropped and counted.
import { expect } from '@open-wc/testing';
import { givenPatientScope, partitionByScope, serverPatientScope, UNSCOPED } from '../../src/model/patient-scope.js';
import { flattenEntries, flattenResources } from '../../src/model/resources.js';
import { activeMedications } from '../../src/model/active-medications.js';
import { allergyStatus } from '../../src/model/allergy-status.js';
import { activeProblems } from '../../src/model/conditions.js';
import { buildLabTrend } from '../../src/model/lab-series.js';
import { medicationListModel } from '../../src/model/medication-list.js';
import { HBA1C, OTHER, OWN, SCOPE_SCENARIOS } from '../helpers/patient-scope-scenarios.js';

describe('givenPatientScope and partitionByScope', () => {
  for (const scenario of SCOPE_SCENARIOS) {
    it(`${scenario.name}: keeps the given Patient's records in every reference form, drops and counts the other's`, () => {
      const scope = givenPatientScope(scenario.resources);
      expect(scope.patientId).to.equal(scenario.patientId);
      for (const reference of scenario.own.filter((r) => r.startsWith('urn:'))) expect(scope.aliases).to.include(reference);
      const all = flattenResources(scenario.resources).filter((r) => r.resourceType !== 'Patient');
      const { kept, otherPatient } = partitionByScope(all, scope);
      expect(otherPatient).to.equal(6); // allergy, condition, order, two HbA1c, a report
      expect(kept).to.have.length(6);
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

describe('every model function honours the one scope', () => {
  for (const scenario of SCOPE_SCENARIOS) {
    it(`${scenario.name}: allergies, problems, medications, medication list and trend`, async () => {
      const scope = givenPatientScope(scenario.resources);
      const all = flattenResources(scenario.resources);
      const allergies = allergyStatus(all, scope);
      expect(allergies.active.map((a) => a.allergen)).to.deep.equal([OWN.allergy]);
      expect(allergies.hidden.otherPatient).to.equal(1);
      const problems = activeProblems(all, scope);
      expect(problems.problems.map((p) => p.text)).to.deep.equal([OWN.problem]);
      expect(problems.hidden.otherPatient).to.equal(1);
      const requests = all.filter((r) => r.resourceType === 'MedicationRequest');
      const medications = activeMedications(requests, scope);
      expect(medications.names).to.deep.equal([OWN.medication]);
      expect(medications.hidden.otherPatient).to.equal(1);
      const list = medicationListModel({ requests, allergies: all, ...scope });
      expect(list.current.map((row) => row.name.name)).to.deep.equal([OWN.medication]);
      expect(list.otherPatient).to.equal(1);
      const trend = await buildLabTrend({ observations: all, code: HBA1C, ...scope });
      const values = trend.panels.flatMap((panel) => panel.series.flatMap((series) => series.points.map((point) => point.value)));
      expect(values).to.have.length(2);
      expect(values.every((value) => value < OTHER.hba1c)).to.equal(true);
      expect(trend.hidden.otherPatient).to.equal(2);
    });
  }
});
