// Hostile or broken servers, over HTTP against the local server's fault injection, through both
// transports (fetch, and a real fhirclient Client): the token never leaves the base's origin, paging
// stops where it must, and every failure is a named error — never a spin, a freeze or a false total.
import { expect } from '@open-wc/testing';
import { FhirError } from '../../src/fhir/errors.js';
import { FhirLoader } from '../../src/fhir/loader.js';
import { ClientTransport } from '../../src/fhir/client-transport.js';
import { HttpTransport, type FhirClientLike, type FhirTransport } from '../../src/fhir/transport.js';
import { requestsTo } from '../helpers/probe-widget.js';

const TOKEN = 'secret-bearer-token-123';
const faultBase = (kind: string): string => new URL(`/faults/${kind}/fhir`, location.href).href;

async function realClient(serverUrl: string): Promise<FhirClientLike> {
  const module = (await import('fhirclient')) as unknown as { default: { client(state: unknown): FhirClientLike } };
  return module.default.client({ serverUrl, tokenResponse: { patient: 'pat-child', access_token: TOKEN } });
}

type Make = (base: string, options?: { timeoutMs?: number; maxResponseBytes?: number }) => Promise<FhirTransport>;
const transports: [string, Make][] = [
  [
    'fetch',
    async (base, options = {}) => new HttpTransport(base, { ...options, headers: { Authorization: `Bearer ${TOKEN}` } }),
  ],
  ['fhirclient', async (base, options = {}) => new ClientTransport(await realClient(base), options.timeoutMs)],
];

function loaderOver(transport: FhirTransport, patientId = 'pat-child'): FhirLoader {
  return new FhirLoader(async () => ({ kind: 'server', transport, patientId }));
}

async function failure(promise: Promise<unknown>): Promise<FhirError> {
  try {
    await promise;
  } catch (error) {
    return error as FhirError;
  }
  throw new Error('expected the request to fail');
}

async function sinkReceived(): Promise<string[]> {
  const response = await fetch(`${faultBase('token-sink')}/$received`);
  return ((await response.json()) as { received: string[] }).received;
}

for (const [name, make] of transports) {
  describe(`hostile servers through the ${name} transport`, () => {
    it('lets go of the caller\'s abort signal once a request settles, answered or failed (no listener kept per request)', async () => {
      const controller = new AbortController();
      const { signal } = controller;
      let listening = 0;
      const add = signal.addEventListener.bind(signal);
      const remove = signal.removeEventListener.bind(signal);
      signal.addEventListener = ((type: string, listener: EventListener, options?: AddEventListenerOptions) => {
        if (type === 'abort') listening += 1;
        add(type, listener, options);
      }) as typeof signal.addEventListener;
      signal.removeEventListener = ((type: string, listener: EventListener, options?: EventListenerOptions) => {
        if (type === 'abort') listening -= 1;
        remove(type, listener, options);
      }) as typeof signal.removeEventListener;
      const answering = await make(new URL('/fhir', location.href).href);
      const patient = (await answering.request({ url: 'Patient/pat-child', signal })) as { id?: string };
      expect(patient.id).to.equal('pat-child');
      expect(listening).to.equal(0);
      const failing = await make(faultBase('redirect-other-origin'));
      await failure(failing.request({ url: 'AllergyIntolerance?patient=pat-child', signal }));
      expect(listening).to.equal(0);
      expect(signal.aborted).to.equal(false);
    });

    it('never follows link[next] to another origin, so the token is not sent there; the error names it', async () => {
      const before = await sinkReceived();
      const loader = loaderOver(await make(faultBase('next-other-origin')));
      const error = await failure(loader.searchPatient('AllergyIntolerance'));
      expect(error).to.be.instanceOf(FhirError);
      expect(error.kind).to.equal('other-origin');
      expect(error.message).to.match(/another address \(http:\/\/(127\.0\.0\.1|localhost):\d+\)/);
      expect(error.message).not.to.include(TOKEN);
      expect(await sinkReceived()).to.deep.equal(before);
      expect(requestsTo('/faults/token-sink/fhir/AllergyIntolerance')).to.have.length(0);
    });

    it('refuses a read of an absolute reference on another origin before any request', async () => {
      const loader = loaderOver(await make(faultBase('token-sink')));
      const other = new URL(location.href);
      other.hostname = other.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
      const error = await failure(loader.read(`${other.origin}/faults/token-sink/fhir/Patient/x`));
      expect(error.kind).to.equal('other-origin');
      expect(requestsTo(`${other.host}/faults/token-sink`)).to.have.length(0);
    });

    it('refuses a redirect to another origin, without the token reaching it', async () => {
      const before = await sinkReceived();
      const loader = loaderOver(await make(faultBase('redirect-other-origin')));
      const error = await failure(loader.searchPatient('AllergyIntolerance'));
      expect(error.kind).to.equal('other-origin');
      expect(error.message).to.match(/redirect to another address/);
      const after = (await sinkReceived()).slice(before.length);
      expect(after.filter((header) => header.includes(TOKEN))).to.deep.equal([]);
    });

    it('retries a 429 once after Retry-After, within the timeout, then succeeds', async () => {
      const loader = loaderOver(await make(faultBase('429-once')), 'pat-ckd');
      const marker = `_count=${40 + Math.floor(Math.random() * 50)}${name.length}`;
      const result = await loader.searchPatient('AllergyIntolerance', { _count: marker.split('=')[1] });
      expect(result.resources.length).to.be.greaterThan(0);
    });

    it('names the rate limit when the server still refuses after one retry', async () => {
      const loader = loaderOver(await make(faultBase('429')));
      const error = await failure(loader.searchPatient('AllergyIntolerance'));
      expect(error.kind).to.equal('rate-limited');
      expect(error.message).to.match(/rate limiting requests \(429\), also when asked again once/);
    });

    it('does not wait for a Retry-After longer than the timeout', async () => {
      const loader = loaderOver(await make(faultBase('429'), { timeoutMs: 1000 }));
      const error = await failure(loader.searchPatient('AllergyIntolerance'));
      expect(error.kind).to.equal('rate-limited');
      expect(error.message).not.to.match(/asked again/);
    });

    it('stops a body that drips past the timeout with a timeout error', async () => {
      const loader = loaderOver(await make(faultBase('drip'), { timeoutMs: 600 }));
      const error = await failure(loader.searchPatient('AllergyIntolerance'));
      expect(error.kind).to.equal('timeout');
      expect(error.message).to.match(/0\.6 s/);
    });

    it('names a truncated JSON body as an invalid response', async () => {
      const loader = loaderOver(await make(faultBase('truncated')));
      const error = await failure(loader.searchPatient('AllergyIntolerance'));
      expect(error.kind).to.equal('invalid-response');
      // The parser's message (which quotes the data) never reaches the error text.
      expect(error.message).not.to.match(/Fault allergen|Unexpected|JSON at position/);
    });

    it('makes no claim beyond what was received when Bundle.total lies', async () => {
      const loader = loaderOver(await make(faultBase('total-lies')));
      const result = await loader.searchPatient('AllergyIntolerance');
      expect(result.resources).to.have.length(2);
      expect(result.total).to.equal(undefined);
      expect(result.truncated).to.equal(true);
    });

    it('stops paging when link[next] loops back to a page already read, and names it', async () => {
      const loader = loaderOver(await make(faultBase('next-loop')));
      const before = requestsTo('/faults/next-loop/').length;
      const error = await failure(loader.searchPatient('AllergyIntolerance'));
      expect(error.kind).to.equal('paging-loop');
      expect(requestsTo('/faults/next-loop/').length - before).to.equal(2); // page 1, page 2, then the loop is seen
    });
  });
}

describe('hostile servers: response size', () => {
  it('stops reading a 50 MB answer at the size limit and names it', async () => {
    const transport = new HttpTransport(faultBase('huge'), { maxResponseBytes: 2 * 1024 * 1024 });
    const error = await failure(loaderOver(transport).searchPatient('AllergyIntolerance'));
    expect(error.kind).to.equal('too-large');
    expect(error.message).to.match(/larger than 2 MB/);
    const [entry] = performance.getEntriesByType('resource').filter((e) => e.name.includes('/faults/huge/')) as PerformanceResourceTiming[];
    // Reading stopped near the limit, not at 50 MB (transfer size is 0 when the browser does not report it).
    if (entry && entry.encodedBodySize > 0) expect(entry.encodedBodySize).to.be.lessThan(20 * 1024 * 1024);
  });

  it('has a default limit that stops the 50 MB answer too', async () => {
    const error = await failure(loaderOver(new HttpTransport(faultBase('huge'))).searchPatient('AllergyIntolerance'));
    expect(error.kind).to.equal('too-large');
  });
});
