// The local FHIR server refuses a resource its search cannot read (demo/server/search-safety.ts),
// so that one malformed record can never turn every search of its patient into a 500. Found by the
// mutation suite: an Observation whose `code.coding` is an object, or whose coding's `code` is an
// array, was stored and then `Observation?patient=…&code=…` answered 500 for that patient.
import { expect } from '@open-wc/testing';
import type { Bundle, OperationOutcome } from 'fhir/r4';

const base = new URL('/fhir', location.href).href;
const FHIR_JSON = 'application/fhir+json';
const run = Math.random().toString(36).slice(2, 8);
const patientId = `malformed-${run}`;
const LOINC = 'http://loinc.org';
const CODE = '8867-4';

type Json = Record<string, unknown>;

async function send(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${base}/${path}`, {
    method,
    headers: { 'Content-Type': FHIR_JSON },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
}

const observation = (id: string, overrides: Json = {}): Json => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject: { reference: `Patient/${patientId}` },
  code: { coding: [{ system: LOINC, code: CODE }] },
  effectiveDateTime: '2024-01-01T10:00:00Z',
  valueQuantity: { value: 72, unit: '/min' },
  ...overrides,
});

/** Malformations the mutation suite stored and the search then failed on. */
const MALFORMED: [string, Json][] = [
  ['code.coding is an object, not an array', { code: { coding: { system: LOINC, code: CODE } } }],
  ['coding.code is an array', { code: { coding: [{ system: LOINC, code: [CODE] }] } }],
  ['coding.system is a number and coding.code an object', { code: { coding: [{ system: 5, code: { a: 1 } }] } }],
];

const searches = [
  `Observation?patient=${patientId}&code=${encodeURIComponent(`${LOINC}|${CODE}`)}`,
  `Observation?patient=${patientId}&code=${encodeURIComponent(`${LOINC}|${CODE}`)}&_sort=-date`,
  `Observation?subject=Patient/${patientId}`,
];

async function expectSearchesAnswer(ids: string[]): Promise<void> {
  for (const query of searches) {
    const answer = await send('GET', query);
    expect(answer.status, query).to.equal(200);
    const found = ((answer.body as unknown as Bundle).entry ?? []).map((entry) => entry.resource?.id);
    expect(found, query).to.have.members(ids);
  }
}

describe('local FHIR server: malformed resources are refused on write', () => {
  before(async () => {
    expect((await send('PUT', `Patient/${patientId}`, { resourceType: 'Patient', id: patientId })).status).to.be.oneOf([200, 201]);
    expect((await send('PUT', `Observation/${patientId}-good`, observation(`${patientId}-good`))).status).to.be.oneOf([200, 201]);
  });

  for (const [name, overrides] of MALFORMED) {
    it(`refuses an Observation whose ${name} with a 400 naming the search parameter, by PUT and by POST`, async () => {
      const id = `${patientId}-bad`;
      for (const [method, path, body] of [
        ['PUT', `Observation/${id}`, observation(id, overrides)],
        ['POST', 'Observation', { ...observation(id, overrides), id: undefined }],
      ] as const) {
        const answer = await send(method, path, body);
        expect(answer.status, `${method} ${path}`).to.equal(400);
        const outcome = answer.body as unknown as OperationOutcome;
        expect(outcome.resourceType).to.equal('OperationOutcome');
        expect(outcome.issue[0].code).to.equal('invalid');
        expect(outcome.issue[0].details?.text).to.contain('search parameter "code"').and.contain('Observation.code');
      }
      expect((await send('GET', `Observation/${id}`)).status, 'nothing was stored').to.equal(404);
      await expectSearchesAnswer([`${patientId}-good`]);
    });
  }

  it('refuses a malformed update of a stored resource and keeps the stored version', async () => {
    const id = `${patientId}-good`;
    const answer = await send('PUT', `Observation/${id}`, observation(id, MALFORMED[0][1]));
    expect(answer.status).to.equal(400);
    const stored = await send('GET', `Observation/${id}`);
    expect((stored.body.code as { coding: unknown }).coding).to.be.an('array');
    await expectSearchesAnswer([id]);
  });

  it('answers a batch entry by entry: the malformed entry 400, the others stored', async () => {
    const ok = `${patientId}-batch-ok`;
    const bad = `${patientId}-batch-bad`;
    const answer = await send('POST', '', {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { resource: observation(ok), request: { method: 'PUT', url: `Observation/${ok}` } },
        { resource: observation(bad, MALFORMED[1][1]), request: { method: 'PUT', url: `Observation/${bad}` } },
      ],
    });
    expect(answer.status).to.equal(200);
    const statuses = ((answer.body as unknown as Bundle).entry ?? []).map((entry) => entry.response?.status ?? '');
    expect(statuses[0]).to.match(/^20[01]/);
    expect(statuses[1]).to.match(/^400/);
    await expectSearchesAnswer([`${patientId}-good`, ok]);
  });

  it('refuses a transaction with a malformed entry as a whole (nothing of it stored)', async () => {
    const ok = `${patientId}-tx-ok`;
    const bad = `${patientId}-tx-bad`;
    const answer = await send('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: observation(ok), request: { method: 'PUT', url: `Observation/${ok}` } },
        { resource: observation(bad, MALFORMED[2][1]), request: { method: 'PUT', url: `Observation/${bad}` } },
      ],
    });
    expect(answer.status).to.equal(400);
    expect((await send('GET', `Observation/${ok}`)).status).to.equal(404);
    await expectSearchesAnswer([`${patientId}-good`, `${patientId}-batch-ok`]);
  });

  it('still stores well-formed records whose values are odd but readable (unknown codes, a text-only code)', async () => {
    const id = `${patientId}-odd`;
    const answer = await send('PUT', `Observation/${id}`, observation(id, { code: { text: 'Pulse' }, status: 'unknown' }));
    expect(answer.status).to.be.oneOf([200, 201]);
  });
});
