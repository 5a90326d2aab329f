import { expect } from '@open-wc/testing';
import { FhirLoader } from '../../src/fhir/loader.js';
import { callCdsServices, hookRequest, runPrefetch } from '../../src/fhir/queries/cds.js';
import { MAX_RECORD_DEPTH, nestsDeeperThan } from '../../src/fhir/queries/cds-record.js';
import {
  parseCard,
  parseDiscovery,
  parseServiceAnswer,
  resolvePrefetch,
  safeHttpUrl,
  servicesToCall,
  sortCards,
  tokenMayGoTo,
  type CdsCard,
  type ServiceCard,
} from '../../src/model/cds-cards.js';
import { feedbackBody } from '../../src/model/cds-feedback.js';

const card = (indicator: string, summary = indicator, extra: Record<string, unknown> = {}) => ({
  summary,
  indicator,
  source: { label: 'S' },
  ...extra,
});

describe('CDS Hooks model', () => {
  it('reads discovery, skipping services without id or hook and ids that are not URL-safe', () => {
    const services = parseDiscovery({
      services: [
        { id: 'a', hook: 'patient-view', title: 'A', description: 'd', prefetch: { p: 'Patient/{{context.patientId}}', bad: 3 } },
        { id: 'b', hook: 'order-select', description: '' },
        { hook: 'patient-view' },
        { id: '../x', hook: 'patient-view' },
      ],
    });
    expect(services.map((s) => s.id)).to.deep.equal(['a', 'b']);
    expect(services[0].prefetch).to.deep.equal({ p: 'Patient/{{context.patientId}}' });
    expect(() => parseDiscovery({ cards: [] })).to.throw(/services/);
    expect(servicesToCall(services, 'patient-view').map((s) => s.id)).to.deep.equal(['a']);
    expect(servicesToCall(services, 'order-select', ['a'])).to.deep.equal([]);
  });

  it('drops cards without summary, valid indicator or source label, and counts them', () => {
    const answer = parseServiceAnswer({
      cards: [card('info'), card('urgent'), { summary: 'x', indicator: 'info' }, card('warning', ''), card('critical')],
    });
    expect(answer.cards.map((c) => c.indicator)).to.deep.equal(['info', 'critical']);
    expect(answer.invalid).to.equal(3);
    expect(() => parseServiceAnswer({ services: [] })).to.throw(/cards/);
  });

  it('keeps only http(s) URLs for source, icon and links', () => {
    const parsed = parseCard(
      card('info', 's', {
        source: { label: 'L', url: 'javascript:alert(1)', icon: 'data:image/png;base64,AAAA' },
        links: [
          { label: 'a', url: 'javascript:alert(1)', type: 'absolute' },
          { label: 'b', url: 'https://ok.example/x', type: 'absolute' },
          { label: 'c', url: 'https://ok.example/app', type: 'smart', appContext: 'ctx' },
          { label: 'd', url: 'https://ok.example/x', type: 'weird' },
        ],
      }),
    )!;
    expect(parsed.source).to.deep.equal({ label: 'L' });
    expect(parsed.links.map((l) => l.label)).to.deep.equal(['b', 'c']);
    expect(safeHttpUrl(' HTTPS://x.example/a ')).to.equal('https://x.example/a');
    expect(safeHttpUrl('data:text/html,x')).to.equal(undefined);
    expect(safeHttpUrl('/relative')).to.equal(undefined);
  });

  it('reads suggestions, actions (resourceId as a list) and override reasons', () => {
    const parsed = parseCard(
      card('warning', 's', {
        uuid: 'u1',
        selectionBehavior: 'at-most-one',
        overrideReasons: [{ code: 'r1', display: 'Reason' }, { display: 'no code' }],
        suggestions: [
          { label: 'Stop', uuid: 's1', isRecommended: true, actions: [{ type: 'delete', description: 'd', resourceId: 'MedicationRequest/1' }, { type: 'explode' }] },
          { label: '' },
        ],
      }),
    )!;
    expect(parsed.selectionBehavior).to.equal('at-most-one');
    expect(parsed.overrideReasons).to.deep.equal([{ code: 'r1', display: 'Reason' }]);
    expect(parsed.suggestions).to.have.length(1);
    expect(parsed.suggestions[0].actions).to.deep.equal([{ type: 'delete', description: 'd', resourceId: ['MedicationRequest/1'] }]);
  });

  it('sorts critical → warning → info, then by service order, then as listed', () => {
    const entry = (indicator: string, serviceIndex: number, summary: string): ServiceCard => ({
      card: parseCard(card(indicator, summary)) as CdsCard,
      serviceId: `s${serviceIndex}`,
      serviceIndex,
    });
    const sorted = sortCards([entry('info', 0, 'i0'), entry('warning', 1, 'w1'), entry('critical', 1, 'c1'), entry('warning', 0, 'w0a'), entry('warning', 0, 'w0b')]);
    expect(sorted.map((e) => e.card.summary)).to.deep.equal(['c1', 'w0a', 'w0b', 'w1', 'i0']);
  });

  it('resolves prefetch tokens percent-encoded into a read or a search, or gives up', () => {
    const values = { patientId: 'a b/c', userId: 'Practitioner/p1' };
    expect(resolvePrefetch('Patient/{{context.patientId}}', { patientId: '123' })).to.deep.equal({ kind: 'read', reference: 'Patient/123' });
    expect(resolvePrefetch('Observation?patient={{context.patientId}}&code=http://loinc.org|4548-4', values)).to.deep.equal({
      kind: 'search',
      resourceType: 'Observation',
      params: { patient: 'a b/c', code: 'http://loinc.org|4548-4' },
    });
    expect(resolvePrefetch('Practitioner/{{userPractitionerId}}', values)).to.deep.equal({ kind: 'read', reference: 'Practitioner/p1' });
    expect(resolvePrefetch('Patient/{{userPatientId}}', values)).to.equal(undefined);
    expect(resolvePrefetch('Encounter/{{context.encounterId}}', values)).to.equal(undefined);
    const user = (userId: string, token: string) => resolvePrefetch(`Res/{{${token}}}`, { patientId: 'p', userId, encounterId: 'e1' });
    expect(user('PractitionerRole/r1', 'userPractitionerRoleId')).to.deep.equal({ kind: 'read', reference: 'Res/r1' });
    expect(user('RelatedPerson/q1', 'userRelatedPersonId')).to.deep.equal({ kind: 'read', reference: 'Res/q1' });
    expect(user('Patient/u1', 'userPatientId')).to.deep.equal({ kind: 'read', reference: 'Res/u1' });
    expect(user('Patient/u1', 'userPractitionerId')).to.equal(undefined);
    expect(user('Patient/u1', 'context.userId')).to.deep.equal({ kind: 'read', reference: 'Res/Patient%2Fu1' });
    expect(user('Patient/u1', 'context.encounterId')).to.deep.equal({ kind: 'read', reference: 'Res/e1' });
    for (const unknown of ['context.constructor', 'toString', 'userConstructor', 'context.nothing']) expect(user('toString/x', unknown), unknown).to.equal(undefined);
    expect(resolvePrefetch('https://evil.example/Patient/{{context.patientId}}', values)).to.equal(undefined);
    expect(resolvePrefetch('Observation?code=a&code=b', values)).to.equal(undefined);
  });

  it('allows the token only to https or loopback services', () => {
    expect(tokenMayGoTo('https://cds.example.org/cds-services')).to.equal(true);
    expect(tokenMayGoTo('http://localhost:8080/cds-services')).to.equal(true);
    expect(tokenMayGoTo('http://127.0.0.1/cds-services')).to.equal(true);
    expect(tokenMayGoTo('http://[::1]:3000/cds-services')).to.equal(true);
    expect(tokenMayGoTo('http://cds.example.org/cds-services')).to.equal(false);
    expect(tokenMayGoTo('http://localhost.evil.example/cds-services')).to.equal(false);
    expect(tokenMayGoTo('ftp://localhost/x')).to.equal(false);
  });

  it('builds the hook request with fhirAuthorization only when shared and allowed', () => {
    const token = { accessToken: 'T', tokenType: 'Bearer', scope: 'patient/*.read' };
    const base = { serviceId: 's', hook: 'patient-view', context: { patientId: 'p' }, fhirServer: 'https://fhir.example', token, prefetch: {} };
    const sent = (serviceUrl: string, shareToken: boolean) => 'fhirAuthorization' in hookRequest({ ...base, serviceUrl, shareToken });
    expect(sent('http://cds.example.org/cds-services/s', true)).to.equal(false);
    expect(sent('https://cds.example.org/cds-services/s', false)).to.equal(false);
    expect(sent('https://cds.example.org/cds-services/s', true)).to.equal(true);
    const request = hookRequest({ ...base, serviceUrl: 'https://cds.example.org/cds-services/s', shareToken: true });
    expect(request.fhirAuthorization).to.deep.equal({ access_token: 'T', token_type: 'Bearer', expires_in: 300, scope: 'patient/*.read', subject: 's' });
    expect(request.context).to.deep.equal({ patientId: 'p' });
    expect(request.hookInstance).to.match(/^[0-9a-f-]{36}$/);
  });

  it('sends a prefetch whose request failed (or cannot be resolved) as null', async () => {
    const loader = new FhirLoader(async () => {
      const { HttpTransport } = await import('../../src/fhir/transport.js');
      return { kind: 'server', transport: new HttpTransport(new URL('/faults/500/fhir', location.href).href), patientId: 'pat-ckd' };
    });
    const { prefetch, failed } = await runPrefetch(
      loader,
      { broken: 'Condition?patient={{context.patientId}}', unresolved: 'Encounter/{{context.encounterId}}' },
      { patientId: 'pat-ckd' },
      new AbortController().signal,
    );
    expect(prefetch).to.deep.equal({ broken: null, unresolved: null });
    expect(failed).to.deep.equal(['broken', 'unresolved']);
  });

  it('a prefetch over data given directly holds what the template asked for: the matches, and with _include the records they reference', async () => {
    const subject = { reference: 'Patient/p' };
    const loader = FhirLoader.fromResources(
      [
        { resourceType: 'Patient', id: 'p' },
        { resourceType: 'MedicationRequest', id: 'm1', status: 'active', subject, medicationReference: { reference: 'Medication/med1' } },
        { resourceType: 'Medication', id: 'med1' },
        { resourceType: 'Medication', id: 'med2' },
        { resourceType: 'Condition', id: 'c1', subject },
        { resourceType: 'Observation', id: 'o1', status: 'final', subject },
      ],
      'p',
    );
    const { prefetch } = await runPrefetch(
      loader,
      { medications: 'MedicationRequest?_include=MedicationRequest:medication&patient={{context.patientId}}', conditions: 'Condition?patient={{context.patientId}}' },
      { patientId: 'p' },
      new AbortController().signal,
    );
    const entries = (key: string) =>
      (prefetch[key] as { entry: { resource: { resourceType: string; id: string }; search: { mode: string } }[] }).entry.map(
        (e) => `${e.search.mode} ${e.resource.resourceType}/${e.resource.id}`,
      );
    // (The patient is referenced too: included, as small as it is; Medication/med2 and the others are not.)
    expect(entries('medications')).to.deep.equal(['match MedicationRequest/m1', 'include Patient/p', 'include Medication/med1']);
    expect(entries('conditions')).to.deep.equal(['match Condition/c1']);
  });

  it('writes feedback per spec: accepted with suggestion ids, overridden with the reason', () => {
    const parsed = parseCard(card('info', 's', { uuid: 'card-1', suggestions: [{ label: 'x', uuid: 'sug-1' }] }))!;
    const now = new Date('2026-11-29T10:00:00Z');
    expect(feedbackBody(parsed, { accepted: parsed.suggestions }, now)).to.deep.equal({
      feedback: [{ card: 'card-1', outcome: 'accepted', outcomeTimestamp: '2026-11-29T10:00:00.000Z', acceptedSuggestions: [{ id: 'sug-1' }] }],
    });
    expect(feedbackBody(parsed, { overridden: { code: 'r', system: 'sys' } }, now)).to.deep.equal({
      feedback: [{ card: 'card-1', outcome: 'overridden', outcomeTimestamp: '2026-11-29T10:00:00.000Z', overrideReason: { reason: { code: 'r', system: 'sys' } } }],
    });
    expect(feedbackBody({ ...parsed, uuid: undefined }, { overridden: undefined }, now)).to.equal(undefined);
  });
});

// Issue 16: one record nested thousands of levels deep made JSON.stringify of every hook request
// overflow the stack, so the widget lost all decision support. Over the demo CDS service.
describe('CDS prefetch: a record nested too deep to send is left out and counted', () => {
  const CDS = new URL('/cds-services', location.href).href;
  const subject = { reference: 'Patient/p' };
  /**
   * `depth` levels of `{ extension: [...] }` (as the mutation suite's deepNest), around a leaf that
   * lost a field: an object V8 keeps as a dictionary, which sends JSON.stringify down its recursive
   * path, where a few thousand levels overflow the stack (plain literals take a path that does not).
   */
  const nest = (depth: number): unknown => {
    const leaf: Record<string, unknown> = { url: 'http://example.org/x', valueString: 'leaf', id: 'gone' };
    delete leaf.id;
    let node: unknown = leaf;
    for (let i = 0; i < depth; i++) node = { extension: [node] };
    return node;
  };
  const patient = { resourceType: 'Patient', id: 'p' };
  const amoxicillin = { resourceType: 'MedicationRequest', id: 'amox', status: 'active', intent: 'order', subject, medicationCodeableConcept: { text: 'Amoxicillin 500 mg capsule' } };
  const penicillin = {
    resourceType: 'AllergyIntolerance',
    id: 'pen',
    patient: subject,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
    code: { text: 'Penicillin' },
    criticality: 'high',
  };
  const deep = { resourceType: 'MedicationRequest', id: 'deep', status: 'active', intent: 'order', subject, medicationCodeableConcept: { text: 'Aspirin' }, extension: [nest(3_000)] };
  const options = (services: string[]) => ({ base: CDS, hook: 'patient-view', services, timeoutMs: 10_000, shareToken: false, signal: new AbortController().signal });
  const medicationsSent = (prefetch: Record<string, unknown>) =>
    (prefetch.medications as { entry: { resource: { id: string } }[] }).entry.map((e) => e.resource.id);

  it('measures nesting without recursion, stopping past the limit', () => {
    // (Objects and arrays each count; the resource itself is level 1.)
    const chain = (levels: number) => {
      let node: unknown = {};
      for (let i = 1; i < levels; i++) node = i % 2 ? [node] : { a: node };
      return node;
    };
    expect(nestsDeeperThan(chain(MAX_RECORD_DEPTH), MAX_RECORD_DEPTH)).to.equal(false);
    expect(nestsDeeperThan(chain(MAX_RECORD_DEPTH + 1), MAX_RECORD_DEPTH)).to.equal(true);
    expect(nestsDeeperThan(nest(100_000), MAX_RECORD_DEPTH)).to.equal(true);
    expect(nestsDeeperThan(penicillin, MAX_RECORD_DEPTH)).to.equal(false);
    expect(nestsDeeperThan('text', 0)).to.equal(false);
  });

  it('one source (resources): the deep record is not sent, counted once, and the others reach every service', async () => {
    // The record this is about: serializing it overflows the stack (the hook request failed with it).
    expect(() => JSON.stringify(deep), 'this record no longer overflows JSON.stringify: make it deeper').to.throw(RangeError);
    const loader = FhirLoader.fromResources([patient, amoxicillin, penicillin, deep], 'p');
    const { prefetch, malformed } = await runPrefetch(
      loader,
      { medications: 'MedicationRequest?patient={{context.patientId}}' },
      { patientId: 'p' },
      new AbortController().signal,
    );
    expect(medicationsSent(prefetch)).to.deep.equal(['amox']);
    expect(malformed).to.deep.equal(['MedicationRequest/deep']);

    const result = await callCdsServices(loader, 'p', options([]));
    expect(result.outcomes.map((o) => `${o.service.id} ${o.ok}`)).to.deep.equal(['medication-safety true', 'renal-dosing true', 'diabetes-monitoring true']);
    // Two services prefetch the medications: the record is still one.
    expect(result.malformed).to.equal(1);
    const safety = result.outcomes[0];
    expect(safety.ok && safety.answer.cards.map((c) => `${c.indicator} ${c.summary}`)).to.deep.equal([`critical ${String(safety.ok && safety.answer.cards[0]?.summary)}`]);
    expect(safety.ok && safety.answer.cards[0]?.summary).to.match(/Amoxicillin .* penicillin allergy/);
  });

  it('several sources: the deep record at the second source is not sent and counted; the rest of both records is', async () => {
    const result = await callCdsServices(
      [
        { label: 'EMR', loader: FhirLoader.fromResources([patient, amoxicillin], 'p'), patientId: 'p' },
        { label: 'HIE', loader: FhirLoader.fromResources([patient, penicillin, deep], 'p'), patientId: 'p' },
      ],
      'p',
      options(['medication-safety']),
    );
    expect(result.malformed).to.equal(1);
    expect(result.sourceFailures).to.deep.equal([]);
    // The HIE sent its allergy (and not the deep record): the EMR's amoxicillin meets it. (The EMR's
    // Patient goes along as the record its order references: `_include`.)
    expect(result.sources).to.deep.equal([
      { source: 'EMR', records: 2, otherPatient: 0 },
      { source: 'HIE', records: 1, otherPatient: 0 },
    ]);
    const [safety] = result.outcomes;
    expect(safety.ok && safety.answer.cards.map((c) => c.indicator)).to.deep.equal(['critical']);
  });
});
