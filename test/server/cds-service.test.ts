// The demo CDS Hooks service over HTTP (as mounted on the test server): its rules' edges, fetching
// what the caller did not prefetch (only from loopback FHIR servers, with the shared token), and
// CORS.
import { expect } from '@open-wc/testing';

const CDS = new URL('/cds-services', location.href).href;
const FHIR = new URL('/fhir', location.href).href;

type Card = { indicator: string; summary: string; suggestions?: { actions: { type: string; resourceId?: string[] }[] }[] };

async function call(id: string, body: Record<string, unknown>): Promise<{ status: number; cards: Card[] }> {
  const response = await fetch(`${CDS}/${id}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ hook: 'patient-view', hookInstance: crypto.randomUUID(), context: { patientId: 'p1' }, ...body }),
  });
  const json = (await response.json()) as { cards?: Card[] };
  return { status: response.status, cards: json.cards ?? [] };
}

const bundle = (...resources: unknown[]) => ({ resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) });
const med = (text: string, status = 'active') => ({ resourceType: 'MedicationRequest', id: text.split(' ')[0], status, medicationCodeableConcept: { text } });
const allergy = (text: string, verification = 'confirmed', clinical = 'active') => ({
  resourceType: 'AllergyIntolerance',
  code: { text },
  clinicalStatus: { coding: [{ code: clinical }] },
  verificationStatus: { coding: [{ code: verification }] },
});
const egfr = (value: number, days = 5) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '33914-3' }] },
  effectiveDateTime: new Date(Date.now() - days * 86_400_000).toISOString(),
  valueQuantity: { value },
});
const diabetes = { resourceType: 'Condition', code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006' }] } };
const hba1c = (days: number) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '4548-4' }] },
  effectiveDateTime: new Date(Date.now() - days * 86_400_000).toISOString(),
  valueQuantity: { value: 7.1 },
});

describe('demo CDS service rules', () => {
  it('drug–allergy: critical for an active allergy; none for refuted, entered-in-error or resolved ones, or stopped drugs', async () => {
    const meds = bundle(med('Amoxicillin 500 mg capsule'));
    expect((await call('medication-safety', { prefetch: { medications: meds, allergies: bundle(allergy('Penicillin')) } })).cards.map((c) => c.indicator)).to.deep.equal(['critical']);
    for (const quiet of [allergy('Penicillin', 'refuted'), allergy('Penicillin', 'entered-in-error'), allergy('Penicillin', 'confirmed', 'resolved')]) {
      expect((await call('medication-safety', { prefetch: { medications: meds, allergies: bundle(quiet) } })).cards).to.deep.equal([]);
    }
    const stopped = bundle(med('Amoxicillin 500 mg capsule', 'stopped'));
    expect((await call('medication-safety', { prefetch: { medications: stopped, allergies: bundle(allergy('Penicillin')) } })).cards).to.deep.equal([]);
  });

  it('ONC high-priority pairs graded as listed: methotrexate–trimethoprim and warfarin–NSAID warning, nitrate–PDE5 critical', async () => {
    const { cards } = await call('medication-safety', {
      prefetch: {
        medications: bundle(med('Methotrexate 2.5 mg'), med('Trimethoprim 200 mg'), med('Warfarin 5 mg'), med('Naproxen 250 mg'), med('Isosorbide mononitrate 30 mg'), med('Sildenafil 50 mg')),
        allergies: bundle(),
      },
    });
    expect(cards.map((c) => `${c.indicator} ${c.summary}`)).to.deep.equal([
      'warning Interaction: methotrexate with trimethoprim',
      'warning Interaction: warfarin with naproxen',
      'critical Interaction: isosorbide with sildenafil',
    ]);
  });

  it('NSAID with eGFR < 30: a warning with a delete suggestion naming the order; none at 30 or more', async () => {
    const medications = bundle(med('Ibuprofen 400 mg'));
    const { cards } = await call('renal-dosing', { prefetch: { medications, egfr: bundle(egfr(45, 400), egfr(22, 3)) } });
    expect(cards.map((c) => c.indicator)).to.deep.equal(['warning']);
    expect(cards[0].suggestions?.[0].actions).to.deep.include({ type: 'delete', resourceId: ['MedicationRequest/Ibuprofen'], description: 'Discontinue Ibuprofen 400 mg' });
    expect((await call('renal-dosing', { prefetch: { medications, egfr: bundle(egfr(30)) } })).cards).to.deep.equal([]);
    expect((await call('renal-dosing', { prefetch: { medications, egfr: bundle(egfr(22, 400), egfr(40, 3)) } })).cards).to.deep.equal([]);
  });

  it('diabetes without an HbA1c in 6 months: info with a ServiceRequest and a smart link; none with a recent one', async () => {
    const { cards } = await call('diabetes-monitoring', { prefetch: { conditions: bundle(diabetes), hba1c: bundle(hba1c(300)) } });
    expect(cards.map((c) => c.indicator)).to.deep.equal(['info']);
    expect((await call('diabetes-monitoring', { prefetch: { conditions: bundle(diabetes), hba1c: bundle(hba1c(60)) } })).cards).to.deep.equal([]);
    expect((await call('diabetes-monitoring', { prefetch: { conditions: bundle(), hba1c: bundle() } })).cards).to.deep.equal([]);
  });

  it('fetches what was not prefetched from a loopback FHIR server, with the shared token; refuses other servers', async () => {
    await fetch(`${CDS}/_log`, { method: 'DELETE' });
    const token = new URL('/token-required/fhir', location.href).href;
    const fetched = await call('medication-safety', { context: { patientId: 'pat-elderly' }, fhirServer: token, fhirAuthorization: { access_token: 'test-token', token_type: 'Bearer', expires_in: 60, scope: 'patient/*.read', subject: 'x' } });
    expect(fetched.status).to.equal(200);
    expect(fetched.cards.some((c) => /Amoxicillin/.test(c.summary))).to.equal(true);
    const unauthorised = await call('medication-safety', { context: { patientId: 'pat-elderly' }, fhirServer: token });
    expect(unauthorised.status).to.equal(500);
    const elsewhere = await call('medication-safety', { context: { patientId: 'pat-elderly' }, fhirServer: 'https://fhir.example.org/r4' });
    expect(elsewhere.status).to.equal(412);
    const open = await call('renal-dosing', { context: { patientId: 'pat-ckd' }, fhirServer: FHIR, prefetch: { medications: null } });
    expect(open.status).to.equal(200);
    const log = (await (await fetch(`${CDS}/_log`)).json()) as { calls: { serviceId: string; fetched: string[]; prefetch: Record<string, string> }[] };
    const renal = log.calls.find((c) => c.serviceId === 'renal-dosing')!;
    expect(renal.prefetch).to.deep.equal({ medications: 'null', egfr: 'absent' });
    expect(renal.fetched).to.have.length(2);
  });

  it('answers discovery and preflight with CORS for any origin', async () => {
    const discovery = await fetch(CDS);
    expect(discovery.headers.get('access-control-allow-origin')).to.equal('*');
    const { services } = (await discovery.json()) as { services: { id: string; hook: string; prefetch: Record<string, string> }[] };
    expect(services.map((s) => s.id)).to.deep.equal(['medication-safety', 'renal-dosing', 'diabetes-monitoring']);
    expect(services.every((s) => s.hook === 'patient-view')).to.equal(true);
    const preflight = await fetch(`${CDS}/renal-dosing`, { method: 'OPTIONS' });
    expect(preflight.status).to.equal(204);
    expect(preflight.headers.get('access-control-allow-headers')).to.match(/Content-Type/);
  });
});
