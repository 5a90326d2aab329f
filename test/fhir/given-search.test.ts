// A search over resources given directly: picked by the runs of one type noted when the given
// Bundle or array was flattened (no resource read again), the same as one pass over them would.
import { expect } from '@open-wc/testing';
import { FhirLoader, GIVEN_SLICE } from '../../src/fhir/loader.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { flattenResources } from '../../src/model/resources.js';

const TYPES = ['Observation', 'Observation', 'DiagnosticReport', 'Patient', 'Observation', 'Condition', 'Condition', 'Observation'];

/** A seeded mix of types in runs of any length, part of it inside nested Bundles. */
function mixed(seed: number, count: number): unknown[] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: unknown[] = [];
  for (let i = 0; i < count; i += 1) {
    const type = i === 0 ? 'Patient' : TYPES[Math.floor(next() * TYPES.length)];
    const resource = { resourceType: type, id: `r${i}`, subject: { reference: 'Patient/r0' } };
    if (next() < 0.1) out.push({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource }, { resource: { ...resource, id: `${resource.id}-b` } }] });
    else out.push(resource);
  }
  return out;
}

describe('search over given resources', () => {
  it('gives each type in the given order, and everything else as included, like one pass', async () => {
    for (let seed = 1; seed <= 12; seed += 1) {
      const given = seed % 2 ? mixed(seed, 300) : { resourceType: 'Bundle', type: 'collection', entry: mixed(seed, 300).map((resource) => ({ resource })) };
      const flat = flattenResources(given);
      const loader = FhirLoader.fromResources(given, 'r0');
      for (const type of ['Observation', 'Condition', 'DiagnosticReport', 'Patient', 'MedicationRequest']) {
        const result = await loader.search(type);
        const ids = (list: readonly AnyResource[]) => list.map((r) => `${r.resourceType}/${r.id}`);
        expect(ids(result.resources), `${seed} ${type}`).to.deep.equal(ids(flat.filter((r) => r.resourceType === type)));
        expect(ids(result.included ?? []), `${seed} ${type} included`).to.deep.equal(ids(flat.filter((r) => r.resourceType !== type)));
      }
    }
  });

  it('a record whose results are one run gives them as one copy, the same as one pass', async () => {
    const patient = { resourceType: 'Patient', id: 'p' };
    const results = Array.from({ length: 50 }, (_, i) => ({ resourceType: 'Observation', id: `o${i}`, subject: { reference: 'Patient/p' } }));
    const report = { resourceType: 'DiagnosticReport', id: 'd' };
    const given = [patient, ...results, report];
    const loader = FhirLoader.fromResources(given, 'p');
    const found = await loader.search('Observation');
    expect(found.resources).to.have.length(50);
    found.resources.forEach((r, i) => expect(r).to.equal(results[i]));
    expect(found.included).to.deep.equal([patient, report]);
    // A copy: the given record itself is not handed out.
    expect(found.resources).to.not.equal(given);
    expect(given).to.have.length(52);
  });

  it(`a record longer than one slice (${GIVEN_SLICE.toLocaleString('en')} resources) is flattened in several tasks into the same record`, async () => {
    const count = GIVEN_SLICE * 2 + 7;
    const given: unknown[] = [{ resourceType: 'Patient', id: 'p' }];
    for (let i = 0; i < count; i += 1) given.push({ resourceType: i % 1000 === 999 ? 'DiagnosticReport' : 'Observation', id: `r${i}` });
    const loader = FhirLoader.fromResources({ resourceType: 'Bundle', type: 'collection', entry: given.map((resource) => ({ resource })) });
    const pending = loader.readiness(); // the first slice is flattened here, in this task
    // A task of the page that asks to run first: it runs at the first pause between slices.
    let ranBetween = false;
    const scheduler = (globalThis as unknown as { scheduler: { postTask: (task: () => void, options: { priority: string }) => Promise<void> } }).scheduler;
    void scheduler.postTask(() => (ranBetween = true), { priority: 'user-blocking' });
    let ranBeforeReady: boolean | undefined;
    const readiness = await pending.then((value) => ((ranBeforeReady = ranBetween), value));
    expect(ranBeforeReady, 'the page ran a task between the slices').to.equal(true);
    expect(readiness).to.deep.equal({ kind: 'ready', scope: { patientId: 'p', aliases: ['Patient/p', 'urn:uuid:p'] } });
    const found = await loader.search('Observation');
    const expected = given.filter((r) => (r as AnyResource).resourceType === 'Observation');
    expect(found.resources.length).to.equal(expected.length);
    expect(found.resources.every((r, i) => r === expected[i])).to.equal(true);
    expect(found.included).to.have.length(given.length - expected.length);
  });

  it('stops flattening a long record when its load is aborted', async () => {
    const given = Array.from({ length: GIVEN_SLICE * 3 }, (_, i) => ({ resourceType: 'Observation', id: `o${i}` }));
    const controller = new AbortController();
    const loader = FhirLoader.fromResources(given, 'p', controller.signal);
    const readiness = loader.readiness();
    controller.abort();
    let failed: unknown;
    await readiness.catch((error: unknown) => (failed = error));
    expect(failed, 'readiness after the abort').to.not.equal(undefined);
  });
});
