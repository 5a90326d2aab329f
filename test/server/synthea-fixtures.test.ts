// Real third-party data through the local FHIR server: every Synthea transaction Bundle in
// ../shared/fixtures/synthea POSTs to the base and is then searchable, with paging and _include.
import { expect } from '@open-wc/testing';
import type { Bundle, BundleEntry, MedicationRequest, Resource } from 'fhir/r4';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';

const base = new URL('/fhir', location.href).href;
const SYNTHEA = [
  'don-moore-d65926d8.json',
  'felipa-okeefe-70660c70.json',
  'inferno-uscore-patient-85.json',
  'jorge-brekke-ac7921e0.json',
  'luigi-wiegand-e27d88b0.json',
];

async function upload(file: string): Promise<{ sent: Bundle; answer: Bundle }> {
  const sent = await loadFixture<Bundle>(`synthea/${file}`);
  const response = await fetch(base, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify(sent),
  });
  const answer = (await response.json()) as Bundle;
  expect(response.status, `${file}: ${JSON.stringify(answer).slice(0, 300)}`).to.equal(200);
  return { sent, answer };
}

const created = (answer: Bundle, type: string): Resource[] =>
  (answer.entry ?? []).map((entry) => entry.resource as Resource).filter((resource) => resource?.resourceType === type);

async function everyPage(url: string): Promise<Bundle[]> {
  const pages: Bundle[] = [];
  for (let next: string | undefined = url; next; ) {
    const response = await fetch(next);
    expect(response.status).to.equal(200);
    const page = (await response.json()) as Bundle;
    pages.push(page);
    next = page.link?.find((link) => link.relation === 'next')?.url;
    expect(pages.length).to.be.lessThan(50);
  }
  return pages;
}

describeWithFixtures('local FHIR server with the Synthea fixtures', function () {
  this.timeout(60_000);

  for (const file of SYNTHEA) {
    it(`${file} POSTs as a transaction and its patient is then readable and searchable`, async () => {
      const { sent, answer } = await upload(file);
      expect(answer.type).to.equal('transaction-response');
      expect(answer.entry).to.have.length(sent.entry?.length ?? -1);
      for (const entry of answer.entry ?? []) expect(entry.response?.status).to.match(/^20[01]/);
      const [patient] = created(answer, 'Patient');
      const read = await fetch(`${base}/Patient/${patient.id}`);
      expect(read.status).to.equal(200);
      const sentObservations = (sent.entry ?? []).filter((e: BundleEntry) => e.resource?.resourceType === 'Observation');
      const found = (await (await fetch(`${base}/Observation?patient=${patient.id}&_summary=count`)).json()) as Bundle;
      if (file.startsWith('inferno')) {
        expect(found.total).to.be.at.least(sentObservations.length); // Patient/85 is PUT: earlier uploads add up
      } else {
        expect(found.total).to.equal(sentObservations.length);
      }
    });
  }

  it("pages through don-moore's 435 laboratory Observations by patient, each exactly once", async () => {
    const { answer } = await upload('don-moore-d65926d8.json');
    const [patient] = created(answer, 'Patient');
    const pages = await everyPage(`${base}/Observation?patient=${patient.id}&category=laboratory`);
    expect(pages.length).to.be.greaterThan(1);
    const ids = pages.flatMap((page) => (page.entry ?? []).map((entry) => entry.resource?.id));
    expect(ids).to.have.length(435);
    expect(new Set(ids).size).to.equal(435);
    const uploaded = new Set(
      created(answer, 'Observation')
        .filter((resource) => JSON.stringify((resource as { category?: unknown }).category).includes('laboratory'))
        .map((resource) => resource.id),
    );
    expect(ids.every((id) => uploaded.has(id))).to.equal(true);
    for (const page of pages) expect(page.total).to.equal(435);
  });

  it('inferno patient 85: MedicationRequest with _include returns the referenced Medication', async () => {
    const { answer } = await upload('inferno-uscore-patient-85.json');
    const [medication] = created(answer, 'Medication');
    const orders = created(answer, 'MedicationRequest') as MedicationRequest[];
    const referring = orders.filter((order) => order.medicationReference?.reference === `Medication/${medication.id}`);
    expect(referring.length).to.be.greaterThan(0);
    const response = await fetch(
      `${base}/MedicationRequest?patient=85&_include=MedicationRequest:medication&_count=1000`,
    );
    const bundle = (await response.json()) as Bundle;
    const matched = new Set(bundle.entry?.filter((e) => e.search?.mode === 'match').map((e) => e.resource?.id));
    for (const order of orders) expect(matched.has(order.id)).to.equal(true);
    const included = bundle.entry?.filter((e) => e.search?.mode === 'include').map((e) => e.resource) ?? [];
    expect(included.some((resource) => resource?.resourceType === 'Medication' && resource.id === medication.id)).to.equal(true);
  });
});
