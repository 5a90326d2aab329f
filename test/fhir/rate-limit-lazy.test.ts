// The 429 wait and retry (src/fhir/rate-limit.ts) loads only when a server says 429: a loader whose
// requests are answered never fetches it; one told to slow down fetches it, waits as asked and asks
// once more (read from the browser's own request log and the server's). One page per file, so nothing
// here was fetched by another test first.
import { expect } from '@open-wc/testing';
import { FhirLoader } from '../../src/fhir/loader.js';
import { HttpTransport } from '../../src/fhir/transport.js';
import { requested } from '../helpers/lazy-parts.js';
import { requestTag, serverRequests } from '../helpers/request-log.js';

const RATE_LIMIT = '/src/fhir/rate-limit.ts';

function loaderOver(path: string, patientId: string): { loader: FhirLoader; tag: string } {
  const { tag, headers } = requestTag();
  const transport = new HttpTransport(new URL(path, location.href).href, { headers });
  return { loader: new FhirLoader(async () => ({ kind: 'server', transport, patientId })), tag };
}

describe('the 429 wait and retry, loaded lazily', () => {
  it('answered searches: results, and the rate-limit code was never fetched', async () => {
    const { loader } = loaderOver('/fhir', 'pat-elderly');
    const [allergies, conditions] = await Promise.all([loader.searchPatient('AllergyIntolerance'), loader.searchPatient('Condition')]);
    expect(allergies.resources.length).to.be.greaterThan(0);
    expect(conditions.resources.length).to.be.greaterThan(0);
    expect(requested(RATE_LIMIT)).to.equal(false);
  });

  it('a 429 with Retry-After: the code is fetched, the search is sent once more and succeeds', async () => {
    const { loader, tag } = loaderOver('/faults/429-once/fhir', 'pat-ckd');
    const marker = String(100 + Math.floor(Math.random() * 900)); // a URL the fault has not refused yet
    const result = await loader.searchPatient('AllergyIntolerance', { _count: marker });
    expect(result.resources.length).to.be.greaterThan(0);
    expect(requested(RATE_LIMIT)).to.equal(true);
    expect((await serverRequests(tag)).length).to.equal(2);
  });
});
