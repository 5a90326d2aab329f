// A search over resources given directly: picked by the runs of one type noted when the given
// Bundle or array was flattened (no resource read again), the same as one pass over them would.
import { expect } from '@open-wc/testing';
import { FhirLoader } from '../../src/fhir/loader.js';
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
});
