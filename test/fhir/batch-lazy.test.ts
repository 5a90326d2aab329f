// The batch Bundle code (src/fhir/batch.ts) loads only for a source that asks for batches
// (`<fhir-context batch>`): a loader without it never fetches the module; one with it fetches it
// while connecting and sends its first searches as one Bundle (read from the browser's own request
// log and the server's). One page per file, so nothing here was fetched by another test first.
import { expect } from '@open-wc/testing';
import { FhirLoader } from '../../src/fhir/loader.js';
import { HttpTransport } from '../../src/fhir/transport.js';
import { requestTag, serverRequests } from '../helpers/request-log.js';

const base = new URL('/fhir', location.href).href;

function serverLoader(batch: boolean): { loader: FhirLoader; tag: string } {
  const { tag, headers } = requestTag();
  const transport = new HttpTransport(base, { headers });
  return { loader: new FhirLoader(async () => ({ kind: 'server', transport, patientId: 'pat-elderly', batch })), tag };
}

/** Whether the page has requested the batch module so far. */
function batchModuleFetched(): boolean {
  return performance.getEntriesByType('resource').some((entry) => /\/batch(-[\w-]+)?\.[jt]s$/.test(new URL(entry.name).pathname));
}

function searches(loader: FhirLoader) {
  return Promise.all([loader.searchPatient('AllergyIntolerance'), loader.searchPatient('Condition')]);
}

describe('the batch Bundle, loaded lazily', () => {
  it('without batch: two searches, two requests, and the batch code was never fetched', async () => {
    const { loader, tag } = serverLoader(false);
    const [allergies, conditions] = await searches(loader);
    expect(allergies.resources.length).to.be.greaterThan(0);
    expect(conditions.resources.length).to.be.greaterThan(0);
    expect((await serverRequests(tag)).length).to.equal(2);
    expect(batchModuleFetched()).to.equal(false);
  });

  it('with batch: the code is fetched while connecting and the searches go out as one Bundle', async () => {
    const { loader, tag } = serverLoader(true);
    const [allergies, conditions] = await searches(loader);
    expect(allergies.resources.every((r) => r.resourceType === 'AllergyIntolerance')).to.equal(true);
    expect(conditions.resources.length).to.be.greaterThan(0);
    expect((await serverRequests(tag)).length).to.equal(1);
    expect(batchModuleFetched()).to.equal(true);
  });
});
