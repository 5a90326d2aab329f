// The local FHIR server (demo/server/fhir-server.ts) over HTTP, as any FHIR client sees it: read,
// search, paging, _include, batch/transaction, metadata, errors, CORS and bearer-token mode.
// Tests that write use their own patient (unique per run), so the demo patients stay as generated.
import { expect } from '@open-wc/testing';
import type { Bundle, BundleEntry, CapabilityStatement, Observation, OperationOutcome, Resource } from 'fhir/r4';

const base = new URL('/fhir', location.href).href;
const FHIR_JSON = 'application/fhir+json';
const LOINC = 'http://loinc.org';

interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

async function call<T = Resource>(url: string, init: RequestInit = {}): Promise<Answer<T>> {
  const response = await fetch(url.startsWith('http') ? url : `${base}/${url}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

const post = <T = Resource>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> =>
  call<T>(url, { method: 'POST', headers: { 'Content-Type': FHIR_JSON, ...headers }, body: JSON.stringify(body) });

const search = (url: string): Promise<Answer<Bundle>> => call<Bundle>(url);

function nextLink(bundle: Bundle): string | undefined {
  return bundle.link?.find((link) => link.relation === 'next')?.url;
}

/** Follows link[next] to the end; returns every page. */
async function allPages(url: string): Promise<Bundle[]> {
  const pages: Bundle[] = [];
  let next: string | undefined = url;
  while (next) {
    const page = await search(next);
    expect(page.status, next).to.equal(200);
    pages.push(page.body);
    next = nextLink(page.body);
    expect(pages.length, 'paging must end').to.be.lessThan(100);
  }
  return pages;
}

const matches = (bundle: Bundle): Resource[] =>
  (bundle.entry ?? []).filter((entry) => entry.search?.mode !== 'include').map((entry) => entry.resource as Resource);
const ids = (bundle: Bundle): string[] => matches(bundle).map((resource) => resource.id as string);
const codeOf = (observation: Observation): string | undefined => observation.code.coding?.[0]?.code;

function expectOutcome(answer: Answer, status: number): OperationOutcome {
  expect(answer.status).to.equal(status);
  expect(answer.headers.get('content-type')).to.contain(FHIR_JSON);
  const outcome = answer.body as OperationOutcome;
  expect(outcome.resourceType).to.equal('OperationOutcome');
  expect(outcome.issue[0].severity).to.equal('error');
  return outcome;
}

// ---- test data: one patient with 120 Observations, in a shuffled order ----------------------------
const run = Math.random().toString(36).slice(2, 8);
const patientId = `srv-${run}`;
const OBSERVATIONS = 120;
const ENTERED_IN_ERROR = 7;
const kinds = [
  { code: '8867-4', category: 'vital-signs' },
  { code: '4548-4', category: 'laboratory' },
  { code: '1558-6', category: 'laboratory' },
];
const dayOf = (i: number): string => new Date(Date.UTC(2020, 0, 1 + i, 9)).toISOString();

function testObservation(i: number): Observation {
  const kind = kinds[i % 3];
  return {
    resourceType: 'Observation',
    id: `${patientId}-obs-${i}`,
    status: i === ENTERED_IN_ERROR ? 'entered-in-error' : 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: kind.category }] },
    ],
    code: { coding: [{ system: LOINC, code: kind.code }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: dayOf(i),
    valueQuantity: { value: i, unit: '1', system: 'http://unitsofmeasure.org', code: '1' },
  };
}

function testRecord(): Bundle {
  const entry: BundleEntry[] = [
    {
      resource: { resourceType: 'Patient', id: patientId, name: [{ family: `Server-${run}`, given: ['Test'] }] },
      request: { method: 'PUT', url: `Patient/${patientId}` },
    },
  ];
  for (let n = 0; n < OBSERVATIONS; n++) {
    const i = (n * 37) % OBSERVATIONS; // a permutation, so insertion order is not date order
    entry.push({ resource: testObservation(i), request: { method: 'PUT', url: `Observation/${patientId}-obs-${i}` } });
  }
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

before(async () => {
  const loaded = await post<Bundle>('', testRecord());
  expect(loaded.status, JSON.stringify(loaded.body)).to.equal(200);
});

describe('local FHIR server: read', () => {
  it('reads a demo patient with FHIR JSON, ETag and Last-Modified', async () => {
    const answer = await call('Patient/pat-ckd');
    expect(answer.status).to.equal(200);
    expect(answer.headers.get('content-type')).to.contain(FHIR_JSON);
    expect(answer.body.resourceType).to.equal('Patient');
    expect(answer.body.id).to.equal('pat-ckd');
    expect(answer.headers.get('etag')).to.match(/^W\/".+"$/);
    expect(answer.headers.get('last-modified')).to.be.a('string');
  });

  it('answers 404 with an OperationOutcome for a missing resource and an unknown type', async () => {
    const missing = expectOutcome(await call('Patient/no-such-patient'), 404);
    expect(missing.issue[0].code).to.equal('not-found');
    expect(missing.issue[0].details?.text).to.contain('Patient/no-such-patient');
    expectOutcome(await call('NoSuchType/1'), 404);
  });

  it('serves the demo patients preloaded: the CKD patient has Observations', async () => {
    const page = await search('Observation?patient=pat-ckd&_count=5');
    expect(page.status).to.equal(200);
    expect(page.body.total).to.be.greaterThan(0);
    for (const resource of matches(page.body)) {
      expect((resource as Observation).subject?.reference).to.equal('Patient/pat-ckd');
    }
  });
});

describe('local FHIR server: search', () => {
  it('finds by patient=<id> and patient=Patient/<id> alike (and subject, type modifier, absolute URL)', async () => {
    const variants = [
      `patient=${patientId}`,
      `patient=Patient/${patientId}`,
      `subject=${patientId}`,
      `subject=Patient/${patientId}`,
      `subject:Patient=${patientId}`,
      `patient=${encodeURIComponent(`${base}/Patient/${patientId}`)}`,
    ];
    const expected = (await search(`Observation?patient=Patient/${patientId}&_count=200`)).body;
    expect(expected.total).to.equal(OBSERVATIONS);
    for (const variant of variants) {
      const answer = await search(`Observation?${variant}&_count=200`);
      expect(answer.status, variant).to.equal(200);
      expect(answer.body.total, variant).to.equal(OBSERVATIONS);
      expect(ids(answer.body).sort(), variant).to.deep.equal(ids(expected).sort());
    }
    expect((await search(`Observation?patient=Patient/someone-else-${run}`)).body.total).to.equal(0);
  });

  it('matches code as system|code, as a bare code, and as a comma-separated list', async () => {
    const hba1c = (await search(`Observation?patient=${patientId}&code=${LOINC}|4548-4&_count=200`)).body;
    expect(hba1c.total).to.equal(40);
    for (const resource of matches(hba1c)) expect(codeOf(resource as Observation)).to.equal('4548-4');
    expect((await search(`Observation?patient=${patientId}&code=4548-4`)).body.total).to.equal(40);
    expect((await search(`Observation?patient=${patientId}&code=http://snomed.info/sct|4548-4`)).body.total).to.equal(0);
    const either = (await search(`Observation?patient=${patientId}&code=${LOINC}|4548-4,${LOINC}|1558-6&_count=200`)).body;
    expect(either.total).to.equal(80);
    expect(new Set(matches(either).map((r) => codeOf(r as Observation)))).to.deep.equal(new Set(['4548-4', '1558-6']));
  });

  it('filters by category and status', async () => {
    expect((await search(`Observation?patient=${patientId}&category=laboratory`)).body.total).to.equal(80);
    expect((await search(`Observation?patient=${patientId}&category=vital-signs`)).body.total).to.equal(40);
    const hidden = (await search(`Observation?patient=${patientId}&status=entered-in-error`)).body;
    expect(ids(hidden)).to.deep.equal([`${patientId}-obs-${ENTERED_IN_ERROR}`]);
    expect((await search(`Observation?patient=${patientId}&status=final`)).body.total).to.equal(OBSERVATIONS - 1);
    expect((await search(`Observation?patient=${patientId}&status:not=entered-in-error`)).body.total).to.equal(OBSERVATIONS - 1);
  });

  it('filters by date with ge, le, gt and lt', async () => {
    const day50 = dayOf(50).slice(0, 10);
    const count = async (query: string): Promise<number> =>
      (await search(`Observation?patient=${patientId}&${query}`)).body.total as number;
    expect(await count(`date=ge${day50}`)).to.equal(70); // days 50..119
    expect(await count(`date=lt${day50}`)).to.equal(50); // days 0..49
    expect(await count(`date=le${day50}`)).to.equal(51);
    expect(await count(`date=gt${day50}`)).to.equal(69);
    expect(await count(`date=ge${dayOf(10).slice(0, 10)}&date=lt${dayOf(20).slice(0, 10)}`)).to.equal(10);
    expect(await count(`date=${day50}`)).to.equal(1);
    const after = (await search(`Observation?patient=${patientId}&date=gt${day50}&_count=200`)).body;
    for (const resource of matches(after)) {
      expect((resource as Observation).effectiveDateTime! > dayOf(50)).to.equal(true);
    }
  });

  it('sorts by _sort=date and _sort=-date across the whole result, not just a page', async () => {
    const ascending = (await search(`Observation?patient=${patientId}&_sort=date&_count=5`)).body;
    expect(ids(ascending)).to.deep.equal([0, 1, 2, 3, 4].map((i) => `${patientId}-obs-${i}`));
    const descending = (await search(`Observation?patient=${patientId}&_sort=-date&_count=5`)).body;
    expect(ids(descending)).to.deep.equal([119, 118, 117, 116, 115].map((i) => `${patientId}-obs-${i}`));
    const all = (await search(`Observation?patient=${patientId}&code=4548-4&_sort=-date&_count=200`)).body;
    const dates = matches(all).map((r) => (r as Observation).effectiveDateTime as string);
    expect(dates).to.deep.equal([...dates].sort().reverse());
  });

  it('honours _count and reports total and absolute self/next links built from the Host', async () => {
    const page = (await search(`Observation?patient=${patientId}&_count=3`)).body;
    expect(page.type).to.equal('searchset');
    expect(page.entry).to.have.length(3);
    expect(page.total).to.equal(OBSERVATIONS);
    const self = page.link?.find((link) => link.relation === 'self')?.url as string;
    expect(self.startsWith(`${base}/Observation?`)).to.equal(true);
    expect(nextLink(page)?.startsWith(`${base}/Observation?`)).to.equal(true);
    for (const entry of page.entry ?? []) {
      expect(entry.fullUrl).to.equal(`${base}/Observation/${entry.resource?.id}`);
      expect(entry.search?.mode).to.equal('match');
    }
    const none = (await search(`Observation?patient=${patientId}&_summary=count`)).body;
    expect(none.total).to.equal(OBSERVATIONS);
    expect(none.entry).to.equal(undefined);
  });

  it('pages with the default page size when _count is absent; following next returns each match once', async () => {
    const pages = await allPages(`${base}/Observation?patient=${patientId}&_sort=date`);
    expect(pages.map((page) => page.entry?.length)).to.deep.equal([50, 50, 20]);
    const seen = pages.flatMap(ids);
    expect(seen).to.have.length(OBSERVATIONS);
    expect(new Set(seen).size).to.equal(OBSERVATIONS);
    expect(seen).to.deep.equal(Array.from({ length: OBSERVATIONS }, (_, i) => `${patientId}-obs-${i}`));
    for (const page of pages) expect(page.total).to.equal(OBSERVATIONS);
    expect(nextLink(pages[2])).to.equal(undefined);
    expect(pages[1].link?.some((link) => link.relation === 'previous')).to.equal(true);
  });
});

describe('local FHIR server: _include', () => {
  const medicationUrn = 'urn:uuid:6f1c2a3e-3b9b-4b5c-9d7e-0a1b2c3d4e5f';
  let medicationId = '';

  before(async () => {
    const order = (n: number) => ({
      resource: {
        resourceType: 'MedicationRequest',
        status: 'active',
        intent: 'order',
        subject: { reference: `Patient/${patientId}` },
        medicationReference: { reference: medicationUrn },
        dosageInstruction: [{ text: `order ${n}` }],
      },
      request: { method: 'POST', url: 'MedicationRequest' },
    });
    const answer = await post<Bundle>('', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: medicationUrn,
          resource: { resourceType: 'Medication', code: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '860975' }] } },
          request: { method: 'POST', url: 'Medication' },
        },
        order(1),
        order(2),
      ],
    });
    expect(answer.status).to.equal(200);
    medicationId = (answer.body.entry?.[0].resource as Resource).id as string;
  });

  it('adds the referenced Medication once, with search.mode include', async () => {
    const bundle = (await search(`MedicationRequest?patient=${patientId}&_include=MedicationRequest:medication`)).body;
    expect(bundle.total).to.equal(2); // total counts matches only
    const orders = bundle.entry?.filter((entry) => entry.search?.mode === 'match') ?? [];
    const included = bundle.entry?.filter((entry) => entry.search?.mode === 'include') ?? [];
    expect(orders).to.have.length(2);
    for (const entry of orders) {
      expect(entry.resource?.resourceType).to.equal('MedicationRequest');
      expect((entry.resource as { medicationReference: { reference: string } }).medicationReference.reference).to.equal(
        `Medication/${medicationId}`,
      );
    }
    expect(included.map((entry) => `${entry.resource?.resourceType}/${entry.resource?.id}`)).to.deep.equal([
      `Medication/${medicationId}`,
    ]);
  });

  it('includes nothing without _include, and refuses an _include the type does not have', async () => {
    const plain = (await search(`MedicationRequest?patient=${patientId}`)).body;
    expect(plain.entry?.every((entry) => entry.resource?.resourceType === 'MedicationRequest')).to.equal(true);
    expectOutcome(await search(`MedicationRequest?patient=${patientId}&_include=MedicationRequest:nonsense`), 400);
  });

  it('supports _revinclude', async () => {
    const bundle = (await search(`Medication?_id=${medicationId}&_revinclude=MedicationRequest:medication`)).body;
    expect(bundle.total).to.equal(1);
    expect(bundle.entry?.filter((entry) => entry.search?.mode === 'include')).to.have.length(2);
  });
});

describe('local FHIR server: batch and transaction', () => {
  it('answers a batch with a batch-response; searches inside get patient ids, paging and includes', async () => {
    const answer = await post<Bundle>('', {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `Observation?patient=${patientId}&_count=2&_sort=date` } },
        { request: { method: 'GET', url: `Patient/${patientId}` } },
        { request: { method: 'GET', url: 'Patient/no-such-patient' } },
        { request: { method: 'GET', url: `MedicationRequest?patient=${patientId}&_include=MedicationRequest:medication` } },
        { request: { method: 'GET', url: `Observation?patient=${patientId}&nonsense=1` } },
      ],
    });
    expect(answer.status).to.equal(200);
    expect(answer.body.type).to.equal('batch-response');
    const [observations, patient, missing, orders, invalid] = answer.body.entry ?? [];
    expect(observations.response?.status).to.match(/^200/);
    const page = observations.resource as Bundle;
    expect(page.total).to.equal(OBSERVATIONS);
    expect(ids(page)).to.deep.equal([`${patientId}-obs-0`, `${patientId}-obs-1`]);
    expect(nextLink(page)?.startsWith(`${base}/Observation?`)).to.equal(true);
    expect(patient.response?.status).to.match(/^200/);
    expect(patient.resource?.id).to.equal(patientId);
    expect(missing.response?.status).to.match(/^404/);
    expect(missing.response?.outcome?.resourceType).to.equal('OperationOutcome');
    expect((orders.resource as Bundle).entry?.some((entry) => entry.search?.mode === 'include')).to.equal(true);
    expect(invalid.response?.status).to.match(/^400/);
  });

  it('applies a transaction: urn:uuid references are rewritten, 201 entries carry a location', async () => {
    const patientUrn = 'urn:uuid:0b6f2f4e-8f0b-4c7a-9f55-2d1f1c9e7a10';
    const answer = await post<Bundle>('', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: patientUrn, resource: { resourceType: 'Patient', name: [{ family: `Tx-${run}` }] }, request: { method: 'POST', url: 'Patient' } },
        {
          resource: { resourceType: 'Observation', status: 'final', code: { text: 'note' }, subject: { reference: patientUrn } },
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    });
    expect(answer.status).to.equal(200);
    expect(answer.body.type).to.equal('transaction-response');
    const [created, observation] = answer.body.entry ?? [];
    expect(created.response?.status).to.match(/^201/);
    expect(created.response?.location).to.match(/^Patient\/[^/]+\/_history\/.+/);
    const newId = created.resource?.id as string;
    const read = await call<Observation>(`Observation/${observation.resource?.id}`);
    expect(read.body.subject?.reference).to.equal(`Patient/${newId}`);
    expect((await search(`Observation?patient=${newId}`)).body.total).to.equal(1);
  });

  it('rolls a failed transaction back entirely and says which entry failed', async () => {
    const family = `Rollback-${run}`;
    const answer = await post('', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: { resourceType: 'Patient', name: [{ family }] }, request: { method: 'POST', url: 'Patient' } },
        {
          resource: { ...testObservation(200), id: undefined },
          request: { method: 'POST', url: 'Observation' },
        },
        {
          resource: { ...testObservation(0), status: 'cancelled' },
          request: { method: 'PUT', url: `Observation/${patientId}-obs-0` },
        },
        {
          resource: { resourceType: 'Patient', id: `${patientId}-a` },
          request: { method: 'PUT', url: `Patient/${patientId}-b` }, // id does not match the URL
        },
      ],
    });
    const outcome = expectOutcome(answer, 400);
    expect(outcome.issue[0].details?.text).to.contain('Bundle.entry[3]');
    expect((await search(`Patient?family=${family}`)).body.total).to.equal(0);
    expect((await call(`Patient/${patientId}-b`)).status).to.equal(404);
    expect((await search(`Observation?patient=${patientId}`)).body.total).to.equal(OBSERVATIONS);
    expect((await call<Observation>(`Observation/${patientId}-obs-0`)).body.status).to.equal('final');
  });

  it('finds a resource moved to another patient under the new patient only', async () => {
    const id = `${patientId}-moved`;
    const other = `${patientId}-other`;
    const put = (subject: string) =>
      call(`Observation/${id}`, {
        method: 'PUT',
        headers: { 'Content-Type': FHIR_JSON },
        body: JSON.stringify({ ...testObservation(0), id, subject: { reference: `Patient/${subject}` } }),
      });
    expect((await put(other)).status).to.equal(201);
    expect(ids((await search(`Observation?patient=${other}`)).body)).to.deep.equal([id]);
    expect((await put(`${other}-2`)).status).to.equal(200);
    expect((await search(`Observation?patient=${other}`)).body.total).to.equal(0);
    expect(ids((await search(`Observation?subject=Patient/${other}-2`)).body)).to.deep.equal([id]);
    expect((await call(`Observation/${id}`, { method: 'DELETE' })).status).to.equal(200);
    expect((await search(`Observation?patient=${other}-2`)).body.total).to.equal(0);
  });

  it('creates with POST (201, Location, ETag) and updates with PUT', async () => {
    const created = await post<Resource>('Patient', { resourceType: 'Patient', name: [{ family: `Created-${run}` }] });
    expect(created.status).to.equal(201);
    const location = created.headers.get('location') as string;
    expect(location.startsWith(`${base}/Patient/${created.body.id}/_history/`)).to.equal(true);
    expect(created.headers.get('etag')).to.match(/^W\/".+"$/);
    const id = `${patientId}-put`;
    const first = await call(`Patient/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': FHIR_JSON },
      body: JSON.stringify({ resourceType: 'Patient', id, active: true }),
    });
    expect(first.status).to.equal(201);
    const second = await call(`Patient/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': FHIR_JSON },
      body: JSON.stringify({ resourceType: 'Patient', id, active: false }),
    });
    expect(second.status).to.equal(200);
    expect(second.headers.get('etag')).to.not.equal(first.headers.get('etag'));
  });
});

describe('local FHIR server: history', () => {
  it('lists versions newest first, every time', async () => {
    const id = `${patientId}-history`;
    for (const active of [true, false, true]) {
      await call(`Patient/${id}`, {
        method: 'PUT',
        headers: { 'Content-Type': FHIR_JSON },
        body: JSON.stringify({ resourceType: 'Patient', id, active, name: [{ family: String(active) }] }),
      });
    }
    const current = await call(`Patient/${id}`);
    for (let read = 0; read < 3; read++) {
      const history = (await call<Bundle>(`Patient/${id}/_history`)).body;
      expect(history.type).to.equal('history');
      expect(history.entry).to.have.length(3);
      expect(history.entry?.[0].resource?.meta?.versionId).to.equal(current.body.meta?.versionId);
    }
  });
});

describe('local FHIR server: metadata', () => {
  it('serves an R4 CapabilityStatement listing resources, search parameters and includes', async () => {
    const answer = await call<CapabilityStatement>('metadata');
    expect(answer.status).to.equal(200);
    expect(answer.headers.get('content-type')).to.contain(FHIR_JSON);
    const statement = answer.body;
    expect(statement.resourceType).to.equal('CapabilityStatement');
    expect(statement.fhirVersion).to.equal('4.0.1');
    expect(statement.format).to.include('json');
    const rest = statement.rest?.[0];
    expect(rest?.interaction?.map((i) => i.code)).to.include.members(['batch', 'transaction']);
    const observation = rest?.resource?.find((r) => r.type === 'Observation');
    expect(observation?.searchParam?.map((p) => p.name)).to.include.members(['patient', 'subject', 'code', 'category', 'date', 'status']);
    expect(observation?.searchParam?.map((p) => p.name)).to.not.include('value-quantity'); // not evaluable here
    const orders = rest?.resource?.find((r) => r.type === 'MedicationRequest');
    expect(orders?.searchInclude).to.include('MedicationRequest:medication');
    expect(orders?.interaction?.map((i) => i.code)).to.include.members(['read', 'search-type', 'create', 'update']);
  });
});

describe('local FHIR server: errors are OperationOutcomes', () => {
  it('400 for an unknown parameter, a bad date, a bad _count, an unsupported parameter type', async () => {
    const unknown = expectOutcome(await search(`Observation?patient=${patientId}&colour=blue`), 400);
    expect(unknown.issue[0].details?.text).to.contain('colour');
    expectOutcome(await search(`Observation?patient=${patientId}&date=ge-yesterday`), 400);
    expectOutcome(await search(`Observation?patient=${patientId}&_count=lots`), 400);
    expectOutcome(await search(`Observation?patient=${patientId}&value-quantity=5`), 400);
    expectOutcome(await search(`Observation?patient.name=Smith`), 400);
    expectOutcome(await search(`?_type=Patient`), 400); // not an empty Bundle that looks like "nothing there"
  });

  it('ignores unknown parameters with Prefer: handling=lenient', async () => {
    const answer = await call<Bundle>(`Observation?patient=${patientId}&colour=blue&_count=1`, {
      headers: { Prefer: 'handling=lenient' },
    });
    expect(answer.status).to.equal(200);
    expect(answer.body.total).to.equal(OBSERVATIONS);
    expect(answer.body.link?.[0].url).to.not.contain('colour');
  });

  it('400 for a body that is not JSON or a Bundle that is not batch/transaction', async () => {
    const notJson = await call('', { method: 'POST', headers: { 'Content-Type': FHIR_JSON }, body: '{ not json' });
    expectOutcome(notJson, 400);
    expectOutcome(await post('', { resourceType: 'Bundle', type: 'collection', entry: [] }), 400);
    expectOutcome(await post('Observation', { resourceType: 'Patient' }), 400);
  });

  it('405 with Allow for a method the path does not take; 406 for a non-JSON format', async () => {
    const deleted = expectOutcome(await call('metadata', { method: 'DELETE' }), 405);
    expect(deleted.issue[0].details?.text).to.contain('DELETE');
    const history = await call(`Patient/${patientId}/_history/1`, { method: 'POST' });
    expectOutcome(history, 405);
    expect(history.headers.get('allow')).to.contain('GET');
    expectOutcome(await call('Patient/pat-ckd', { headers: { Accept: 'application/fhir+xml' } }), 406);
    expectOutcome(await call('Patient/pat-ckd?_format=xml'), 406);
  });

  it('500 answers are OperationOutcomes too (fault-injected)', async () => {
    const outcome = expectOutcome(await call(new URL('/faults/500/fhir/Patient/pat-ckd', location.href).href), 500);
    expect(outcome.issue[0].code).to.equal('exception');
  });
});

describe('local FHIR server: CORS for browser apps', () => {
  const otherHost = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
  const crossOriginBase = `${location.protocol}//${otherHost}:${location.port}/fhir`;

  it('allows any origin and exposes Location, ETag and Content-Location', async () => {
    const answer = await call('Patient/pat-ckd');
    expect(answer.headers.get('access-control-allow-origin')).to.equal('*'); // same-origin GET has no Origin
    const exposed = answer.headers.get('access-control-expose-headers') ?? '';
    for (const header of ['Location', 'ETag', 'Content-Location']) expect(exposed).to.contain(header);
    const created = await post('Basic', { resourceType: 'Basic', code: { text: `cors-${run}` } });
    expect(created.headers.get('access-control-allow-origin')).to.equal(location.origin); // POST carries Origin
  });

  it('passes a real cross-origin preflight for Authorization, Content-Type, Accept and Prefer', async () => {
    const response = await fetch(`${crossOriginBase}/Patient`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer anything',
        'Content-Type': FHIR_JSON,
        Accept: FHIR_JSON,
        Prefer: 'return=representation',
      },
      body: JSON.stringify({ resourceType: 'Patient', name: [{ family: `Cors-${run}` }] }),
    });
    expect(response.status).to.equal(201);
    expect(response.headers.get('location')).to.contain(`/fhir/Patient/`); // readable only if exposed
    expect(response.headers.get('etag')).to.match(/^W\//);
    const body = (await response.json()) as Resource;
    expect(body.resourceType).to.equal('Patient');
  });
});

describe('local FHIR server: bearer-token mode', () => {
  const secured = new URL('/token-required/fhir', location.href).href;

  it('answers 401 with WWW-Authenticate: Bearer and an OperationOutcome without a valid token', async () => {
    const missing = await call(`${secured}/Patient/pat-ckd`);
    expectOutcome(missing, 401);
    expect(missing.headers.get('www-authenticate')).to.match(/^Bearer/);
    const wrong = await call(`${secured}/Patient/pat-ckd`, { headers: { Authorization: 'Bearer not-the-token' } });
    expectOutcome(wrong, 401);
    expect(wrong.headers.get('www-authenticate')).to.contain('invalid_token');
  });

  it('serves the same data with the token, and metadata without one', async () => {
    const read = await call(`${secured}/Patient/pat-ckd`, { headers: { Authorization: 'Bearer test-token' } });
    expect(read.status).to.equal(200);
    expect(read.body.id).to.equal('pat-ckd');
    const searchLinks = await call<Bundle>(`${secured}/Observation?patient=${patientId}&_count=1`, {
      headers: { Authorization: 'Bearer test-token' },
    });
    expect(nextLink(searchLinks.body)?.startsWith(`${secured}/Observation?`)).to.equal(true);
    expect((await call(`${secured}/metadata`)).status).to.equal(200);
  });
});
