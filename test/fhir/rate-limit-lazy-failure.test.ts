// The 429 wait and retry (src/fhir/rate-limit.ts) that cannot be loaded: the 429 is the answer, a
// named rate-limit error (never a network error, never a spin) — no second request is sent. Its own
// file: a fresh page on which that module has not been loaded before.
import { expect } from '@open-wc/testing';
import type { FhirError } from '../../src/fhir/errors.js';
import { FhirLoader } from '../../src/fhir/loader.js';
import { HttpTransport } from '../../src/fhir/transport.js';
import { clearFailedModules, failModule, requested } from '../helpers/lazy-parts.js';
import { requestTag, serverRequests } from '../helpers/request-log.js';

const RATE_LIMIT = '/src/fhir/rate-limit.ts';

describe('the 429 code that cannot be loaded', () => {
  before(async () => {
    expect((await failModule(RATE_LIMIT)).ok).to.equal(true);
  });
  after(async () => {
    expect(await clearFailedModules()).to.deep.equal([]);
    expect((await fetch(RATE_LIMIT)).status).to.equal(200);
  });

  it('a 429 with Retry-After: a rate-limit error naming the 429, after one request', async () => {
    const { tag, headers } = requestTag();
    const transport = new HttpTransport(new URL('/faults/429-once/fhir', location.href).href, { headers });
    const loader = new FhirLoader(async () => ({ kind: 'server', transport, patientId: 'pat-ckd' }));
    let error: FhirError | undefined;
    await loader.searchPatient('AllergyIntolerance', { _count: String(100 + Math.floor(Math.random() * 900)) }).catch((e: FhirError) => (error = e));
    expect(requested(RATE_LIMIT)).to.equal(true);
    expect(error?.kind).to.equal('rate-limited');
    expect(error?.status).to.equal(429);
    expect(error?.message).to.match(/rate limiting requests \(429\)/);
    expect((await serverRequests(tag)).length).to.equal(1);
  });
});
