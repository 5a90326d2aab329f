// One patient scope (DESIGN.md §3 rule 4): decided once from what is given, matched in every
// reference form, other patients' resources dropped and counted.
import { expect } from '@open-wc/testing';
import { givenPatientScope, givenRecord, partitionByScope, serverPatientScope, startGivenRecord, UNSCOPED } from '../../src/model/patient-scope.js';
import { flattenEntries, flattenResources, startEntryWalk } from '../../src/model/resources.js';
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

describe('flattening given resources in steps', () => {
  const nested = (): unknown[] => [
    { resourceType: 'Patient', id: 'p' },
    [{ resourceType: 'Observation', id: 'o1', subject: { reference: 'Patient/p' } }, 'not a resource', null],
    {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [
        { resource: { resourceType: 'Bundle', type: 'searchset', entry: [{ fullUrl: 'urn:uuid:o2', resource: { resourceType: 'Observation', id: 'o2' } }, {}] } },
        { fullUrl: 'https://x/fhir/Patient/p', resource: { resourceType: 'Patient', id: 'p' } },
        null,
        { fullUrl: '', resource: { resourceType: 'Condition', id: 'c1' } },
      ],
    },
    ...Array.from({ length: 7 }, (_, i) => ({ resourceType: 'Observation', id: `o${i + 3}` })),
    { resourceType: 'AllergyIntolerance', id: 'a1' },
  ];

  for (const input of [nested(), SCOPE_SCENARIOS[0].resources, SCOPE_SCENARIOS[1].resources, { resourceType: 'Observation', id: 'alone' }, [], 'text']) {
    for (const patientId of [undefined, 'p']) {
      it(`gives the same record whatever the step (${Array.isArray(input) ? `${input.length} items` : typeof input}, patient ${patientId ?? 'not named'})`, () => {
        const whole = givenRecord(input, patientId);
        expect(whole.resources).to.deep.equal(flattenResources(input));
        for (const size of [1, 2, 3, 5, 1000]) {
          const build = startGivenRecord(input, patientId);
          expect(() => build.result()).to.throw();
          let steps = 1;
          while (!build.step(size)) steps += 1;
          const total = flattenResources(input).length;
          // Each step but the last flattens exactly `size` resources.
          expect(steps).to.equal(Math.max(1, Math.ceil(total / size)));
          expect(build.step(size)).to.equal(true);
          const stepped = build.result();
          expect(stepped.resources.length).to.equal(whole.resources.length);
          stepped.resources.forEach((resource, i) => expect(resource).to.equal(whole.resources[i]));
          expect(stepped.scope).to.deep.equal(whole.scope);
          expect(stepped.runs).to.deep.equal(whole.runs);
        }
      });
    }
  }

  it('a stepped walk visits each resource once, in order, with its entry full URL', () => {
    const seen: string[] = [];
    const walk = startEntryWalk(nested(), (resource, fullUrl) => seen.push(`${String(resource.id)}@${fullUrl ?? ''}`));
    expect(walk.step(4)).to.equal(false);
    expect(seen).to.have.length(4);
    while (!walk.step(2));
    const whole: string[] = [];
    flattenEntries(nested()).forEach((entry) => whole.push(`${String(entry.resource.id)}@${entry.fullUrl ?? ''}`));
    expect(seen).to.deep.equal(whole);
    expect(seen).to.include('o2@urn:uuid:o2').and.include('p@https://x/fhir/Patient/p').and.include('c1@');
  });
});
