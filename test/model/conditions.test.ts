import { expect } from '@open-wc/testing';
import { activeProblems } from '../../src/model/conditions.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';

const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';

function condition(text: string, clinical?: string, verification?: string, extra: Record<string, unknown> = {}): AnyResource {
  return {
    resourceType: 'Condition',
    ...(clinical ? { clinicalStatus: { coding: [{ system: CLINICAL, code: clinical }] } } : {}),
    ...(verification ? { verificationStatus: { coding: [{ system: VERIFICATION, code: verification }] } } : {}),
    code: { text },
    subject: { reference: 'Patient/p1' },
    ...extra,
  };
}

describe('activeProblems', () => {
  it('keeps active, recurrence and relapse; drops resolved, inactive, remission and refuted', () => {
    const { problems } = activeProblems(
      [
        condition('Asthma', 'active', 'confirmed', { onsetDateTime: '2001-01-01' }),
        condition('Gout', 'recurrence', undefined, { onsetDateTime: '2020-05-01' }),
        condition('Depression', 'relapse', undefined, { onsetDateTime: '2010-05-01' }),
        condition('Appendicitis', 'resolved'),
        condition('Eczema', 'inactive'),
        condition('Leukaemia', 'remission'),
        condition('Lupus', 'active', 'refuted'),
      ],
      { patientId: 'p1' },
    );
    // Newest onset first.
    expect(problems.map((p) => [p.text, p.clinicalStatus])).to.deep.equal([
      ['Gout', 'recurrence'],
      ['Depression', 'relapse'],
      ['Asthma', 'active'],
    ]);
  });

  it('hides and counts entered-in-error, and drops other patients', () => {
    const result = activeProblems(
      [
        condition('Diabetes', 'active', 'entered-in-error'),
        { ...condition('Flu', 'active'), subject: { reference: 'Patient/p2' } },
        condition('Hypertension', 'active', 'provisional'),
      ],
      { patientId: 'p1' },
    );
    expect(result.problems.map((p) => [p.text, p.verification])).to.deep.equal([['Hypertension', 'provisional']]);
    expect(result.hidden).to.deep.equal({ enteredInError: 1, otherPatient: 1 });
  });

  it('reads STU3/DSTU2 plain-code statuses and treats a missing status by its abatement', () => {
    const { problems } = activeProblems([
      { resourceType: 'Condition', clinicalStatus: 'active', verificationStatus: 'confirmed', code: { text: 'A' } },
      { resourceType: 'Condition', clinicalStatus: 'resolved', code: { text: 'B' } },
      { resourceType: 'Condition', code: { text: 'C' } },
      { resourceType: 'Condition', code: { text: 'D' }, abatementDateTime: '2020-01-01' },
      { resourceType: 'Condition', clinicalStatus: 7, code: 'junk' },
    ]);
    // A status that cannot be read is not taken as "resolved": the problem stays visible.
    expect(problems.map((p) => p.text).sort()).to.deep.equal(['A', 'C', 'junk']);
  });
});

describeWithFixtures('activeProblems: Synthea', () => {
  it('jorge-brekke: every active condition, none resolved', async () => {
    const bundle = await loadFixture<{ entry: { resource: AnyResource }[] }>('synthea/jorge-brekke-ac7921e0.json');
    const resources = bundle.entry.map((e) => e.resource);
    const conditions = resources.filter((r) => r.resourceType === 'Condition');
    const expected = conditions.filter((c) => JSON.stringify(c.clinicalStatus).includes('"active"')).length;
    const patient = resources.find((r) => r.resourceType === 'Patient') as AnyResource;
    const result = activeProblems(resources, { patientId: patient.id, aliases: [`urn:uuid:${patient.id}`] });
    expect(expected).to.be.greaterThan(0);
    expect(result.problems).to.have.length(expected);
    expect(result.hidden.otherPatient).to.equal(0);
  });
});
