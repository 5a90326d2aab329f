// The fault-injecting endpoints (/faults/<kind>/fhir/…) answer as client tests expect them to.
import { expect } from '@open-wc/testing';
import type { Bundle, OperationOutcome } from 'fhir/r4';

const faultBase = (kind: string): string => new URL(`/faults/${kind}/fhir`, location.href).href;

async function outcomeOf(response: Response, status: number): Promise<OperationOutcome> {
  expect(response.status).to.equal(status);
  expect(response.headers.get('content-type')).to.contain('application/fhir+json');
  const outcome = (await response.json()) as OperationOutcome;
  expect(outcome.resourceType).to.equal('OperationOutcome');
  return outcome;
}

describe('fault injection: /faults/<kind>/fhir', () => {
  it('500 answers an OperationOutcome "Internal error"', async () => {
    const outcome = await outcomeOf(await fetch(`${faultBase('500')}/Patient/pat-ckd`), 500);
    expect(outcome.issue[0].details?.text).to.equal('Internal error');
    expect(outcome.issue[0].code).to.equal('exception');
  });

  it('401 asks for a bearer token', async () => {
    const response = await fetch(`${faultBase('401')}/Observation?patient=pat-ckd`);
    expect(response.headers.get('www-authenticate')).to.match(/^Bearer/);
    expect((await outcomeOf(response, 401)).issue[0].code).to.equal('login');
  });

  it('403 and 404 answer OperationOutcomes', async () => {
    expect((await outcomeOf(await fetch(`${faultBase('403')}/Patient/pat-ckd`), 403)).issue[0].code).to.equal('forbidden');
    expect((await outcomeOf(await fetch(`${faultBase('404')}/Patient/pat-ckd`), 404)).issue[0].code).to.equal('not-found');
  });

  it('429 says when to retry', async () => {
    const response = await fetch(`${faultBase('429')}/Observation?patient=pat-ckd`);
    expect(Number(response.headers.get('retry-after'))).to.be.greaterThan(0);
    expect((await outcomeOf(response, 429)).issue[0].code).to.equal('throttled');
  });

  it('timeout never answers, and does not hold up other requests', async () => {
    const abort = new AbortController();
    let settled = false;
    const pending = fetch(`${faultBase('timeout')}/Patient/pat-ckd`, { signal: abort.signal }).finally(() => {
      settled = true;
    });
    const meanwhile = await fetch(new URL('/fhir/metadata', location.href).href);
    expect(meanwhile.status).to.equal(200);
    expect(settled).to.equal(false);
    abort.abort();
    let error: unknown;
    try {
      await pending;
    } catch (caught) {
      error = caught;
    }
    expect((error as DOMException | undefined)?.name).to.equal('AbortError');
  });

  it('slow answers as the real server does, reads and batch POSTs alike (only later)', async () => {
    const direct = await (await fetch(new URL('/fhir/Patient/pat-ckd', location.href).href)).json();
    const late = await fetch(`${faultBase('slow')}/Patient/pat-ckd`);
    expect(late.status).to.equal(200);
    expect(await late.json()).to.deep.equal(direct);
    const batch = { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: 'Patient/pat-ckd' } }] };
    const answer = await fetch(`${faultBase('slow')}/`, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(batch) });
    expect(answer.status).to.equal(200);
    const bundle = await answer.json();
    expect(bundle.type).to.equal('batch-response');
    expect(bundle.entry[0].resource).to.deep.equal(direct);
  });

  it('html answers 200 with a page that is not JSON', async () => {
    const response = await fetch(`${faultBase('html')}/Patient/pat-ckd`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.contain('text/html');
    let parsed = true;
    try {
      await response.json();
    } catch {
      parsed = false;
    }
    expect(parsed).to.equal(false);
  });

  it('oo-400 carries markup in its diagnostics, to test that clients render it as text', async () => {
    const outcome = await outcomeOf(await fetch(`${faultBase('oo-400')}/Observation?patient=pat-ckd`), 400);
    expect(outcome.issue[0].diagnostics).to.contain('<img src=x onerror=alert(1)>');
  });

  it('page2-500 serves the first page from the real server and fails the next one', async () => {
    const first = await fetch(`${faultBase('page2-500')}/Observation?patient=pat-ckd&_count=1`);
    expect(first.status).to.equal(200);
    const page = (await first.json()) as Bundle;
    expect(page.entry).to.have.length(1);
    const next = page.link?.find((link) => link.relation === 'next')?.url as string;
    expect(next.startsWith(faultBase('page2-500'))).to.equal(true);
    const outcome = await outcomeOf(await fetch(next), 500);
    expect(outcome.issue[0].details?.text).to.equal('Internal error');
  });

  it('an unknown kind is a 404 naming the known kinds', async () => {
    const outcome = await outcomeOf(await fetch(`${faultBase('nonsense')}/Patient/pat-ckd`), 404);
    expect(outcome.issue[0].details?.text).to.contain('page2-500');
  });
});
