// The regional HIE's FHIR base (/hie/fhir, demo/server/hie-server.ts) over HTTP beside the EMR's
// (/fhir): its own store and ids, the overlap facts merging widgets rely on (HIE_NOTABLE in
// demo/data/hie.ts), and the fault endpoints in front of it (/hie/faults/<kind>/fhir).
import { expect } from '@open-wc/testing';
import type {
  AllergyIntolerance,
  Bundle,
  MedicationRequest,
  Observation,
  OperationOutcome,
  Patient,
  Resource,
} from 'fhir/r4';
import {
  HIE_ENTERPRISE_ID_SYSTEM,
  HIE_NOTABLE,
  HIE_PATIENTS,
  birthDateTypo,
  generatedHieNotableIds,
  generateHiePatients,
} from '../../demo/data/hie.js';

const emrBase = new URL('/fhir', location.href).href;
const hieBase = new URL('/hie/fhir', location.href).href;
const hieFaultBase = (kind: string): string => new URL(`/hie/faults/${kind}/fhir`, location.href).href;
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const SNOMED = 'http://snomed.info/sct';
const MRN_SYSTEM = 'https://riverside-health.example/fhir/sid/mrn';

async function read<T extends Resource>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}/${path}`);
  expect(response.status, `${base}/${path}`).to.equal(200);
  return (await response.json()) as T;
}

async function search<T extends Resource>(base: string, query: string): Promise<T[]> {
  const bundle = await read<Bundle>(base, query);
  expect(bundle.type).to.equal('searchset');
  return (bundle.entry ?? []).map((entry) => entry.resource as T);
}

async function outcomeOf(response: Response, status: number): Promise<OperationOutcome> {
  expect(response.status).to.equal(status);
  expect(response.headers.get('content-type')).to.contain('application/fhir+json');
  const outcome = (await response.json()) as OperationOutcome;
  expect(outcome.resourceType).to.equal('OperationOutcome');
  return outcome;
}

const codes = (concept: { coding?: { system?: string; code?: string }[] } | undefined): string[] =>
  (concept?.coding ?? []).map((coding) => `${coding.system}|${coding.code}`);
const statusOf = (concept: { coding?: { code?: string }[] } | undefined): string | undefined => concept?.coding?.[0]?.code;

describe('the HIE FHIR base: /hie/fhir', () => {
  it('answers metadata and searches with its own base in the links', async () => {
    const metadata = await read<Resource & { fhirVersion?: string }>(hieBase, 'metadata');
    expect(metadata.resourceType).to.equal('CapabilityStatement');
    const bundle = await read<Bundle>(hieBase, `Observation?patient=${HIE_PATIENTS['pat-diabetes']}&_count=2`);
    expect(bundle.total).to.be.greaterThan(2);
    expect(bundle.entry).to.have.length(2);
    expect(bundle.link?.find((link) => link.relation === 'next')?.url.startsWith(`${hieBase}/Observation?`)).to.equal(true);
    for (const entry of bundle.entry ?? []) expect(entry.fullUrl?.startsWith(`${hieBase}/Observation/hie-7301-obs-`)).to.equal(true);
  });

  it('holds every HIE_PATIENTS person under the HIE id, and only those; the two stores are separate', async () => {
    const patients = await search<Patient>(hieBase, 'Patient?_count=100');
    expect(patients.map((patient) => patient.id).sort()).to.deep.equal(Object.values(HIE_PATIENTS).sort());
    expect(Object.keys(HIE_PATIENTS)).not.to.include('pat-infant');
    expect((await fetch(`${hieBase}/Patient/pat-ckd`)).status).to.equal(404);
    expect((await fetch(`${emrBase}/Patient/${HIE_PATIENTS['pat-ckd']}`)).status).to.equal(404);
    expect(await search(hieBase, 'Observation?patient=pat-ckd')).to.have.length(0);
  });

  it('finds a person by the EMR MRN it carries beside its own enterprise id', async () => {
    const emr = await read<Patient>(emrBase, 'Patient/pat-ckd');
    const mrn = emr.identifier?.find((identifier) => identifier.system === MRN_SYSTEM)?.value;
    const found = await search<Patient>(hieBase, `Patient?identifier=${encodeURIComponent(`${MRN_SYSTEM}|${mrn}`)}`);
    expect(found.map((patient) => patient.id)).to.deep.equal([HIE_PATIENTS['pat-ckd']]);
    expect(found[0]!.identifier?.some((identifier) => identifier.system === HIE_ENTERPRISE_ID_SYSTEM)).to.equal(true);
  });
});

describe('HIE data: what overlaps with the EMR and what does not', () => {
  it('keeps HIE_NOTABLE equal to the generated ids, whatever the seed and anchor', () => {
    expect(generatedHieNotableIds()).to.deep.equal(HIE_NOTABLE);
    expect(generatedHieNotableIds({ seed: 99, now: '2031-02-28' })).to.deep.equal(HIE_NOTABLE);
    expect(JSON.stringify(generateHiePatients({ seed: 5 }))).to.equal(JSON.stringify(generateHiePatients({ seed: 5 })));
  });

  it('pat-child: an active ibuprofen allergy only the HIE knows, against an active EMR ibuprofen order', async () => {
    const notable = HIE_NOTABLE['pat-child'];
    const allergy = await read<AllergyIntolerance>(hieBase, `AllergyIntolerance/${notable.ibuprofenAllergy}`);
    expect(allergy.patient.reference).to.equal(`Patient/${HIE_PATIENTS['pat-child']}`);
    expect(statusOf(allergy.clinicalStatus)).to.equal('active');
    expect(statusOf(allergy.verificationStatus)).to.equal('confirmed');
    expect(codes(allergy.code)).to.include(`${RXNORM}|5640`);

    const order = await read<MedicationRequest>(emrBase, `MedicationRequest/${notable.emrIbuprofenOrder}`);
    expect(order.subject.reference).to.equal('Patient/pat-child');
    expect(order.status).to.equal('active');
    expect(codes(order.medicationCodeableConcept)).to.include(`${RXNORM}|5640`);

    const emrAllergies = await search<AllergyIntolerance>(emrBase, 'AllergyIntolerance?patient=pat-child');
    expect(emrAllergies.length).to.be.greaterThan(0);
    expect(emrAllergies.flatMap((a) => codes(a.code)).filter((code) => code === `${RXNORM}|5640`)).to.have.length(0);
  });

  it('pat-child: the peanut allergy is the same coded substance and status in both', async () => {
    const notable = HIE_NOTABLE['pat-child'];
    const [hie, emr] = await Promise.all([
      read<AllergyIntolerance>(hieBase, `AllergyIntolerance/${notable.duplicatePeanutAllergy}`),
      read<AllergyIntolerance>(emrBase, `AllergyIntolerance/${notable.emrPeanutAllergy}`),
    ]);
    expect(codes(hie.code)).to.deep.equal(codes(emr.code));
    expect(statusOf(hie.clinicalStatus)).to.equal(statusOf(emr.clinicalStatus));
    expect(statusOf(hie.clinicalStatus)).to.equal('active');
    expect(statusOf(hie.verificationStatus)).to.equal(statusOf(emr.verificationStatus));
    expect(hie.recorder?.reference, 'no reference to the EMR practitioner').to.equal(undefined);
  });

  it('pat-diabetes: the latest HbA1c is a duplicate (code, time, value, unit); the next-day copy is not', async () => {
    const notable = HIE_NOTABLE['pat-diabetes'];
    const [hie, emr, near] = await Promise.all([
      read<Observation>(hieBase, `Observation/${notable.duplicateLatestHba1c}`),
      read<Observation>(emrBase, `Observation/${notable.emrLatestHba1c}`),
      read<Observation>(hieBase, `Observation/${notable.nearDuplicateHba1c}`),
    ]);
    expect(hie.id).not.to.equal(emr.id);
    expect(hie.subject?.reference).to.equal(`Patient/${HIE_PATIENTS['pat-diabetes']}`);
    expect(codes(hie.code)).to.deep.equal(codes(emr.code));
    expect(codes(hie.code)).to.include('http://loinc.org|4548-4');
    expect(hie.effectiveDateTime).to.equal(emr.effectiveDateTime);
    expect(hie.valueQuantity).to.deep.equal(emr.valueQuantity);
    expect(near.valueQuantity).to.deep.equal(emr.valueQuantity);
    expect(Date.parse(near.effectiveDateTime!) - Date.parse(emr.effectiveDateTime!)).to.equal(86_400_000);
  });

  it('pat-diabetes: results and a medication only the HIE has, "no known allergy" only the HIE asserts', async () => {
    const hieId = HIE_PATIENTS['pat-diabetes'];
    expect(await search(emrBase, 'Observation?patient=pat-diabetes&code=http://loinc.org|13457-7')).to.have.length(0);
    const ldl = await search<Observation>(hieBase, `Observation?patient=${hieId}&code=http://loinc.org|13457-7`);
    expect(ldl).to.have.length(3);
    expect(ldl.map((o) => o.id)).to.include(HIE_NOTABLE['pat-diabetes'].ldlCholesterol);

    const hba1cTimes = async (base: string, patient: string): Promise<string[]> =>
      (await search<Observation>(base, `Observation?patient=${patient}&code=http://loinc.org|4548-4&_count=100`)).map(
        (o) => o.effectiveDateTime!,
      );
    const hieOnly = await read<Observation>(hieBase, `Observation/${HIE_NOTABLE['pat-diabetes'].hieOnlyHba1c}`);
    expect(await hba1cTimes(emrBase, 'pat-diabetes')).not.to.include(hieOnly.effectiveDateTime);
    expect(await hba1cTimes(hieBase, hieId)).to.include(hieOnly.effectiveDateTime);

    const empagliflozin = await read<MedicationRequest>(hieBase, `MedicationRequest/${HIE_NOTABLE['pat-diabetes'].empagliflozin}`);
    expect(empagliflozin.status).to.equal('active');
    const emrOrders = await search<MedicationRequest>(emrBase, 'MedicationRequest?patient=pat-diabetes&_count=100');
    const empagliflozinCode = codes(empagliflozin.medicationCodeableConcept)[0];
    expect(emrOrders.some((order) => codes(order.medicationCodeableConcept).includes(empagliflozinCode!))).to.equal(false);

    expect(await search(emrBase, 'AllergyIntolerance?patient=pat-diabetes')).to.have.length(0);
    const hieAllergies = await search<AllergyIntolerance>(hieBase, `AllergyIntolerance?patient=${hieId}`);
    expect(hieAllergies.map((a) => codes(a.code))).to.deep.equal([[`${SNOMED}|716186003`]]);
  });

  it('pat-ckd: same name and gender, birth date with the day digits transposed (21 ↔ 12 by default)', async () => {
    const [hie, emr] = await Promise.all([
      read<Patient>(hieBase, `Patient/${HIE_NOTABLE['pat-ckd'].patient}`),
      read<Patient>(emrBase, 'Patient/pat-ckd'),
    ]);
    expect(hie.name).to.deep.equal(emr.name);
    expect(hie.gender).to.equal(emr.gender);
    expect(hie.birthDate).not.to.equal(emr.birthDate);
    expect(hie.birthDate).to.equal(birthDateTypo(emr.birthDate!));
    expect([emr.birthDate, hie.birthDate]).to.deep.equal(['1952-09-21', '1952-09-12']);
    expect(birthDateTypo('1966-03-15'), 'a transposition that is no date falls back to one key over').to.equal('1966-03-16');
  });

  it('pat-ckd: an active allergy at the HIE contradicts the EMR "no known allergy"', async () => {
    const notable = HIE_NOTABLE['pat-ckd'];
    const [hie, emr] = await Promise.all([
      read<AllergyIntolerance>(hieBase, `AllergyIntolerance/${notable.sulfonamideAllergy}`),
      read<AllergyIntolerance>(emrBase, `AllergyIntolerance/${notable.emrNoKnownAllergy}`),
    ]);
    expect(codes(emr.code)).to.deep.equal([`${SNOMED}|716186003`]);
    expect(statusOf(hie.clinicalStatus)).to.equal('active');
    expect(codes(hie.code)).not.to.include(`${SNOMED}|716186003`);
  });

  it('pat-elderly: amlodipine at a different dose is the same product and status, not the same order', async () => {
    const notable = HIE_NOTABLE['pat-elderly'];
    const [hie, emr] = await Promise.all([
      read<MedicationRequest>(hieBase, `MedicationRequest/${notable.differentDoseAmlodipine}`),
      read<MedicationRequest>(emrBase, `MedicationRequest/${notable.emrAmlodipine}`),
    ]);
    expect(codes(hie.medicationCodeableConcept)).to.deep.equal(codes(emr.medicationCodeableConcept));
    expect(hie.status).to.equal(emr.status);
    expect(hie.dosageInstruction?.[0]?.doseAndRate?.[0]?.doseQuantity?.value).to.equal(2);
    expect(emr.dosageInstruction?.[0]?.doseAndRate?.[0]?.doseQuantity?.value).to.equal(1);
  });
});

describe('the HIE failing: /hie/faults/<kind>/fhir', () => {
  const patient = HIE_PATIENTS['pat-ckd'];

  it('500, 401 and 404 answer OperationOutcomes, with the HIE patient ids', async () => {
    const internal = await outcomeOf(await fetch(`${hieFaultBase('500')}/Patient/${patient}`), 500);
    expect(internal.issue[0].details?.text).to.equal('Internal error');
    const login = await fetch(`${hieFaultBase('401')}/AllergyIntolerance?patient=${patient}`);
    expect(login.headers.get('www-authenticate')).to.match(/^Bearer/);
    expect((await outcomeOf(login, 401)).issue[0].code).to.equal('login');
    const unknown = await outcomeOf(await fetch(`${hieFaultBase('nonsense')}/Patient/${patient}`), 404);
    expect(unknown.issue[0].details?.text).to.contain('page2-500');
  });

  it('page2-500 serves the HIE first page and fails the next one', async () => {
    const first = await fetch(`${hieFaultBase('page2-500')}/Observation?patient=${patient}&_count=1`);
    expect(first.status).to.equal(200);
    const page = (await first.json()) as Bundle;
    expect((page.entry?.[0]?.resource as Observation).subject?.reference).to.equal(`Patient/${patient}`);
    const next = page.link?.find((link) => link.relation === 'next')?.url as string;
    expect(next.startsWith(hieFaultBase('page2-500'))).to.equal(true);
    await outcomeOf(await fetch(next), 500);
  });

  it('timeout holds the HIE request without holding up the EMR or the HIE itself', async () => {
    const abort = new AbortController();
    let settled = false;
    const pending = fetch(`${hieFaultBase('timeout')}/Patient/${patient}`, { signal: abort.signal }).finally(() => {
      settled = true;
    });
    expect((await fetch(`${emrBase}/Patient/pat-ckd`)).status).to.equal(200);
    expect((await fetch(`${hieBase}/Patient/${patient}`)).status).to.equal(200);
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

  it('the EMR fault endpoints still serve the EMR, not the HIE', async () => {
    const first = await fetch(new URL(`/faults/page2-500/fhir/Patient/pat-ckd`, location.href).href);
    expect(first.status).to.equal(200);
    expect((await fetch(new URL(`/faults/page2-500/fhir/Patient/${patient}`, location.href).href)).status).to.equal(404);
  });
});
