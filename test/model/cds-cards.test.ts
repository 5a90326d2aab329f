import { expect } from '@open-wc/testing';
import { FhirLoader } from '../../src/fhir/loader.js';
import { hookRequest, runPrefetch } from '../../src/fhir/queries/cds.js';
import {
  feedbackBody,
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
