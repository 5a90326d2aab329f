// The data layer against the local FHIR server over HTTP: dedupe, paging, limits, batch, errors.
import { expect } from '@open-wc/testing';
import { FhirError } from '../../src/fhir/errors.js';
import { FhirLoader } from '../../src/fhir/loader.js';
import { HttpTransport } from '../../src/fhir/transport.js';
import { requestsTo } from '../helpers/probe-widget.js';
import { requestTag, serverRequests } from '../helpers/request-log.js';

const base = new URL('/fhir', location.href).href;

/** Requests the page sent to the FHIR server (not the kit's own modules, e.g. /src/fhir/batch.ts, loaded with `batch`). */
function fhirServerRequests(): PerformanceResourceTiming[] {
  return requestsTo('/fhir').filter((entry) => new URL(entry.name).pathname.startsWith('/fhir/'));
}

/** Loaders whose requests the test server logs under one tag per loader. */
const tags = new WeakMap<FhirLoader, string>();

function serverLoader(patientId: string, options: { batch?: boolean; base?: string; timeoutMs?: number } = {}) {
  const { tag, headers } = requestTag();
  const transport = new HttpTransport(options.base ?? base, { timeoutMs: options.timeoutMs, headers });
  const loader = new FhirLoader(async () => ({ kind: 'server', transport, patientId, batch: options.batch }));
  tags.set(loader, tag);
  return loader;
}

/** How many requests of this loader the server received. */
async function requestsReceived(loader: FhirLoader): Promise<number> {
  return (await serverRequests(tags.get(loader)!)).length;
}

async function failure(promise: Promise<unknown>): Promise<FhirError> {
  try {
    await promise;
  } catch (error) {
    return error as FhirError;
  }
  throw new Error('expected the request to fail');
}

describe('FhirLoader against the local FHIR server', () => {
  it('follows link[next] to the end and returns every match exactly once', async () => {
    const loader = serverLoader('pat-diabetes');
    const all = await loader.searchPatient('Observation', { code: 'http://loinc.org|4548-4', _count: '7' });
    expect(all.truncated).to.equal(false);
    expect(all.resources.length).to.be.greaterThan(20);
    const ids = all.resources.map((r) => r.id);
    expect(new Set(ids).size).to.equal(ids.length);
    if (all.total !== undefined) expect(all.resources.length).to.equal(all.total);
    // More than one page was requested: ceil(n / 7) requests.
    expect(await requestsReceived(loader)).to.equal(Math.ceil(all.resources.length / 7));
    for (const r of all.resources) expect((r.subject as { reference: string }).reference).to.equal('Patient/pat-diabetes');
  });

  it('stops at a stated limit and reports the result as truncated, with the total', async () => {
    const loader = serverLoader('pat-diabetes');
    const some = await loader.searchPatient('Observation', { code: 'http://loinc.org|4548-4', _count: '5' }, { limit: 10 });
    expect(some.truncated).to.equal(true);
    expect(some.resources.length).to.equal(10);
    expect(some.total).to.be.greaterThan(10);
  });

  it('dedupes identical searches: one request, one cached result', async () => {
    const loader = serverLoader('pat-child');
    const marker = 'AllergyIntolerance?_count=97&patient=pat-child';
    const [a, b] = await Promise.all([
      loader.searchPatient('AllergyIntolerance', { _count: '97' }),
      // Same search written differently: parameter order and undefined values do not matter.
      loader.searchPatient('AllergyIntolerance', { _count: '97', 'clinical-status': undefined }),
    ]);
    expect(a).to.equal(b);
    expect(await requestsReceived(loader)).to.equal(1);
    expect(requestsTo(marker)).to.have.length(1);
    const again = await loader.searchPatient('AllergyIntolerance', { _count: '97' });
    expect(again).to.equal(a);
    expect(requestsTo(marker)).to.have.length(1);
  });

  it('reads a resource once however often it is asked for', async () => {
    const loader = serverLoader('pat-ckd');
    const [p1, p2] = await Promise.all([loader.read('Patient/pat-ckd'), loader.read('Patient/pat-ckd')]);
    expect(p1).to.equal(p2);
    expect(p1.resourceType).to.equal('Patient');
    expect(await requestsReceived(loader)).to.equal(1);
  });

  it('sends the first searches of several consumers as one batch Bundle', async () => {
    const loader = serverLoader('pat-elderly', { batch: true });
    const before = fhirServerRequests().length;
    const [allergies, orders, conditions] = await Promise.all([
      loader.searchPatient('AllergyIntolerance'),
      loader.searchPatient('MedicationRequest', { _include: 'MedicationRequest:medication' }),
      loader.searchPatient('Condition'),
    ]);
    expect(await requestsReceived(loader)).to.equal(1);
    expect(fhirServerRequests().length - before).to.equal(1);
    expect(allergies.resources.length).to.be.greaterThan(0);
    expect(orders.resources.length).to.be.greaterThan(14);
    expect(orders.resources.every((r) => r.resourceType === 'MedicationRequest')).to.equal(true);
    expect(conditions.resources.every((r) => r.resourceType === 'Condition')).to.equal(true);
  });

  it('cancels work when disposed, so nothing lands for an old patient', async () => {
    const loader = serverLoader('pat-ckd', { base: new URL('/faults/timeout/fhir', location.href).href });
    const pending = loader.searchPatient('Observation');
    loader.dispose();
    const error = await failure(pending);
    expect((error as Error).name).to.equal('AbortError');
    expect(await failure(loader.searchPatient('Condition'))).to.have.property('name', 'AbortError');
  });

  it('does not cache failures: a retry asks the server again', async () => {
    const loader = serverLoader('pat-ckd', { base: new URL('/faults/500/fhir', location.href).href });
    await failure(loader.searchPatient('Condition'));
    await failure(loader.searchPatient('Condition'));
    expect(await requestsReceived(loader)).to.equal(2);
  });
});

describe('FhirLoader error classes', () => {
  const cases: [string, Partial<FhirError>, RegExp][] = [
    ['500', { kind: 'server', status: 500 }, /internal error \(500\)/],
    ['401', { kind: 'unauthorized', status: 401 }, /authorization \(401\)/],
    ['403', { kind: 'forbidden', status: 403 }, /refused access \(403\)/],
    ['404', { kind: 'not-found', status: 404 }, /\(404\)/],
    ['429', { kind: 'rate-limited', status: 429 }, /rate limiting/],
    ['html', { kind: 'invalid-response' }, /not with FHIR JSON/],
    ['oo-400', { kind: 'client', status: 400 }, /<img src=x onerror=alert\(1\)>/],
  ];
  for (const [fault, expected, message] of cases) {
    it(`turns a ${fault} answer into a typed error with a readable message`, async () => {
      const loader = serverLoader('pat-ckd', { base: new URL(`/faults/${fault}/fhir`, location.href).href });
      const error = await failure(loader.searchPatient('AllergyIntolerance'));
      expect(error).to.be.instanceOf(FhirError);
      expect(error).to.include(expected);
      expect(error.message).to.match(message);
    });
  }

  it('turns a server that never answers into a timeout', async () => {
    const loader = serverLoader('pat-ckd', { base: new URL('/faults/timeout/fhir', location.href).href, timeoutMs: 300 });
    const error = await failure(loader.searchPatient('AllergyIntolerance'));
    expect(error.kind).to.equal('timeout');
    expect(error.message).to.match(/did not answer/);
  });

  it('turns an unreachable server into a network error', async () => {
    const loader = serverLoader('pat-ckd', { base: 'http://127.0.0.1:9/fhir' });
    const error = await failure(loader.searchPatient('AllergyIntolerance'));
    expect(error.kind).to.equal('network');
    expect(error.message).to.match(/could not be reached/);
  });

  it('fails the whole search when a later page fails, never returning a partial list', async () => {
    const loader = serverLoader('pat-diabetes', { base: new URL('/faults/page2-500/fhir', location.href).href });
    const error = await failure(loader.searchPatient('Observation', { _count: '5' }));
    expect(error.status).to.equal(500);
  });
});
