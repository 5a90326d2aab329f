// The seeded demo data generator: determinism, bundle shape, referential integrity, the clinical
// content each archetype promises (the facts widget tests rely on), and the scale patient.
import { expect } from '@open-wc/testing';
import type {
  AllergyIntolerance,
  Bundle,
  CodeableConcept,
  Condition,
  DiagnosticReport,
  Dosage,
  FhirResource,
  ImagingStudy,
  Medication,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Patient,
  Quantity,
} from 'fhir/r4';
import {
  DEMO_FHIR_BASE,
  DEMO_NOTABLE,
  DEMO_PATIENTS,
  SCALE_SERIES_CODES,
  demoResources,
  generateDemoPatients,
  generateScalePatient,
  generatedNotableIds,
  resourcesOf,
} from '../../demo/data/generator.js';

const bundles = generateDemoPatients();
const byPatient = new Map(DEMO_PATIENTS.map((patient, index) => [patient.id, bundles[index]!]));

function resources(patientId: string): FhirResource[] {
  return resourcesOf(byPatient.get(patientId)!);
}
function ofType<T extends FhirResource['resourceType']>(patientId: string, type: T) {
  return resources(patientId).filter((resource) => resource.resourceType === type) as Extract<FhirResource, { resourceType: T }>[];
}
function byId<T extends FhirResource>(patientId: string, id: string): T {
  const found = resources(patientId).find((resource) => resource.id === id);
  expect(found, `${patientId} has ${id}`).to.exist;
  return found as T;
}
const hasCode = (concept: CodeableConcept | undefined, code: string, system?: string) =>
  (concept?.coding ?? []).some((coding) => coding.code === code && (system === undefined || coding.system === system));
const loincOf = (observation: Observation) => observation.code.coding?.find((c) => c.system === 'http://loinc.org')?.code;
const interpretationOf = (observation: Observation) => observation.interpretation?.[0]?.coding?.[0]?.code;
const observationsWith = (patientId: string, loinc: string) =>
  ofType(patientId, 'Observation')
    .filter((observation) => loincOf(observation) === loinc)
    .sort((a, b) => Date.parse(a.effectiveDateTime!) - Date.parse(b.effectiveDateTime!));
const allBundlesResources = () => bundles.flatMap((bundle) => resourcesOf(bundle));
const allDosages = (): Dosage[] =>
  allBundlesResources().flatMap((resource) =>
    resource.resourceType === 'MedicationRequest' ? (resource.dosageInstruction ?? []) : [],
  );
const SNOMED = 'http://snomed.info/sct';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const UCUM = 'http://unitsofmeasure.org';

/** Every `reference` string inside a value, with its JSON path. */
function referencesIn(value: unknown, path = ''): { path: string; reference: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => referencesIn(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) =>
      key === 'reference' && typeof child === 'string'
        ? [{ path, reference: child }]
        : referencesIn(child, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

describe('demo data generator', () => {
  describe('determinism', () => {
    it('gives byte-identical JSON for the same seed and different values for another seed', () => {
      const again = JSON.stringify(generateDemoPatients());
      expect(again).to.equal(JSON.stringify(bundles));
      expect(JSON.stringify(generateDemoPatients({ seed: 1, now: '2026-11-01' }))).to.equal(again);
      const other = generateDemoPatients({ seed: 2 });
      expect(JSON.stringify(other)).not.to.equal(again);
      // Structure (ids, types) does not depend on the seed, only values and times do.
      const shape = (list: Bundle[]) => list.map((bundle) => resourcesOf(bundle).map((r) => `${r.resourceType}/${r.id}`));
      expect(shape(other)).to.deep.equal(shape(bundles));
    });

    it('computes every date from the `now` anchor', () => {
      const later = generateDemoPatients({ now: '2027-11-01' });
      const birth = (list: Bundle[]) => (resourcesOf(list[2]!).find((r) => r.resourceType === 'Patient') as Patient).birthDate;
      expect(birth(bundles)).to.equal('2022-03-18');
      expect(birth(later)).to.equal('2023-03-18');
      expect(() => generateDemoPatients({ now: 'yesterday' })).to.throw(RangeError);
    });

    it('keeps DEMO_NOTABLE equal to the generated ids, whatever the seed', () => {
      expect(generatedNotableIds()).to.deep.equal(DEMO_NOTABLE);
      expect(generatedNotableIds({ seed: 99 })).to.deep.equal(DEMO_NOTABLE);
    });
  });

  describe('bundle shape', () => {
    it('lists the demo patients in bundle order', () => {
      expect(DEMO_PATIENTS.map((p) => p.id)).to.deep.equal(['pat-diabetes', 'pat-ckd', 'pat-child', 'pat-elderly', 'pat-infant']);
      expect(bundles).to.have.length(DEMO_PATIENTS.length);
      for (const patient of DEMO_PATIENTS) {
        expect(patient.label).to.be.a('string').and.not.empty;
        expect(patient.description).to.be.a('string').and.not.empty;
      }
    });

    it('is a transaction of PUT <Type>/<id> entries with absolute fullUrls and unique, valid ids', () => {
      for (const [patientId, bundle] of byPatient) {
        expect(bundle.resourceType).to.equal('Bundle');
        expect(bundle.type).to.equal('transaction');
        const seen = new Set<string>();
        for (const entry of bundle.entry!) {
          const resource = entry.resource!;
          const path = `${resource.resourceType}/${resource.id}`;
          expect(resource.id).to.match(/^[A-Za-z0-9\-.]{1,64}$/);
          expect(resource.id!.startsWith(patientId), path).to.equal(true);
          expect(entry.request).to.deep.equal({ method: 'PUT', url: path });
          expect(entry.fullUrl).to.equal(`${DEMO_FHIR_BASE}/${path}`);
          expect(seen.has(path), `duplicate ${path}`).to.equal(false);
          seen.add(path);
        }
        const types = resourcesOf(bundle).map((r) => r.resourceType);
        expect(types.filter((t) => t === 'Patient')).to.have.length(1);
        expect(types).to.include.members(['Practitioner', 'Organization']);
        expect(resourcesOf(bundle).find((r) => r.resourceType === 'Patient')!.id).to.equal(patientId);
      }
    });

    it('resolves every reference inside its bundle or to a contained resource, and only to its own patient', () => {
      for (const [patientId, bundle] of byPatient) {
        const ids = new Set(resourcesOf(bundle).map((r) => `${r.resourceType}/${r.id}`));
        for (const resource of resourcesOf(bundle)) {
          const contained = new Set(
            ((resource as { contained?: FhirResource[] }).contained ?? []).map((c) => `#${c.id}`),
          );
          for (const { path, reference } of referencesIn(resource)) {
            const where = `${resource.resourceType}/${resource.id} ${path} → ${reference}`;
            if (reference.startsWith('#')) expect(contained.has(reference), where).to.equal(true);
            else expect(ids.has(reference), where).to.equal(true);
            if (reference.startsWith('Patient/')) expect(reference, where).to.equal(`Patient/${patientId}`);
          }
        }
      }
    });

    it('gives every patient a name, an MRN identifier with a type, a birth date, gender and address', () => {
      for (const patientId of byPatient.keys()) {
        const patient = ofType(patientId, 'Patient')[0]!;
        expect(patient.name?.[0]?.family, patientId).to.be.a('string');
        expect(patient.name?.[0]?.given?.length, patientId).to.be.greaterThan(0);
        expect(patient.birthDate).to.match(/^\d{4}-\d{2}-\d{2}$/);
        expect(patient.gender).to.be.oneOf(['male', 'female']);
        expect(patient.address?.[0]?.city).to.be.a('string');
        const mrn = patient.identifier!.find((identifier) => hasCode(identifier.type, 'MR', 'http://terminology.hl7.org/CodeSystem/v2-0203'));
        expect(mrn?.value, patientId).to.be.a('string');
      }
      expect(ofType('pat-diabetes', 'Patient')[0]!.name![0]!.prefix).to.deep.equal(['Mr']);
      const nhs = ofType('pat-elderly', 'Patient')[0]!.identifier!.find((i) => i.system === 'https://fhir.nhs.uk/Id/nhs-number')!;
      expect(nhs.type?.text).to.equal('NHS number');
      // Modulus-11 check digit.
      const digits = nhs.value!.split('').map(Number);
      const sum = digits.slice(0, 9).reduce((total, digit, index) => total + digit * (10 - index), 0);
      expect((11 - (sum % 11)) % 11).to.equal(digits[9]);
    });
  });

  describe('observations', () => {
    const everyObservation = () => allBundlesResources().filter((r): r is Observation => r.resourceType === 'Observation');

    it('has status, category, LOINC code, subject, effective and issued times on every Observation', () => {
      for (const observation of everyObservation()) {
        const where = observation.id;
        expect(observation.status, where).to.be.oneOf(['final', 'amended', 'corrected', 'preliminary', 'entered-in-error']);
        const category = observation.category?.[0]?.coding?.[0];
        expect(category?.system, where).to.equal('http://terminology.hl7.org/CodeSystem/observation-category');
        expect(category?.code, where).to.be.oneOf(['laboratory', 'vital-signs']);
        expect(loincOf(observation), where).to.match(/^\d+-\d$/);
        expect(observation.code.coding![0]!.display, where).to.be.a('string');
        expect(observation.effectiveDateTime, where).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
        expect(Date.parse(observation.issued!), where).to.be.at.least(Date.parse(observation.effectiveDateTime!));
      }
    });

    it('uses UCUM quantities whose reference range is in the same unit', () => {
      const quantities: [string, Quantity][] = [];
      for (const observation of everyObservation()) {
        if (observation.valueQuantity) quantities.push([observation.id!, observation.valueQuantity]);
        for (const component of observation.component ?? []) quantities.push([observation.id!, component.valueQuantity!]);
        for (const range of observation.referenceRange ?? []) {
          for (const limit of [range.low, range.high]) {
            if (!limit) continue;
            expect(limit.code, observation.id).to.equal(observation.valueQuantity!.code);
            expect(limit.unit, observation.id).to.equal(observation.valueQuantity!.unit);
          }
        }
      }
      for (const [id, quantity] of quantities) {
        expect(quantity.system, id).to.equal(UCUM);
        expect(quantity.value, id).to.be.a('number');
        expect(quantity.unit, id).to.be.a('string');
        expect(quantity.code, id).to.be.a('string');
      }
      const codes = new Set(quantities.map(([, q]) => q.code));
      for (const code of ['%', 'mg/dL', 'umol/L', 'g/dL', 'g/L', 'mmol/L', 'mL/min/{1.73_m2}', 'mm[Hg]', '/min', 'Cel', 'kg', 'cm', 'kg/m2']) {
        expect(codes.has(code), code).to.equal(true);
      }
    });

    it('gives every interpretation that agrees with the value and the reference range', () => {
      let checked = 0;
      const seen = new Set<string>();
      for (const observation of everyObservation()) {
        const code = interpretationOf(observation);
        if (!code) continue;
        expect(observation.interpretation![0]!.coding![0]!.system).to.equal(
          'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
        );
        const quantity = observation.valueQuantity!;
        const range = observation.referenceRange![0]!;
        // A text-only range ("<30 mg/g") is read as its number.
        const textHigh = range.text ? Number(/^<\s*([\d.]+)/.exec(range.text)?.[1]) : undefined;
        const low = range.low?.value;
        const high = range.high?.value ?? textHigh;
        const value = quantity.value!;
        const where = `${observation.id} ${quantity.comparator ?? ''}${value} [${low}, ${high}] ${code}`;
        if (quantity.comparator === '<') expect(code === 'N' && high !== undefined && value <= high, where).to.equal(true);
        else if (code === 'N') expect((low === undefined || value >= low) && (high === undefined || value <= high), where).to.equal(true);
        else if (code === 'H' || code === 'HH') expect(high !== undefined && value > high, where).to.equal(true);
        else if (code === 'L' || code === 'LL') expect(low !== undefined && value < low, where).to.equal(true);
        else expect.fail(`unexpected interpretation ${where}`);
        seen.add(code);
        checked++;
      }
      expect(checked).to.be.greaterThan(200);
      expect([...seen].sort()).to.deep.equal(['H', 'HH', 'L', 'LL', 'N']);
      // Lab results with a numeric range always carry an interpretation.
      for (const observation of everyObservation()) {
        if (observation.valueQuantity && observation.referenceRange && !observation.valueQuantity.comparator) {
          expect(interpretationOf(observation), observation.id).to.be.a('string');
        }
      }
    });

    it('marks critical values HH/LL only beyond critical limits (potassium ≥ 6.5, hemoglobin ≤ 7 g/dL)', () => {
      for (const observation of observationsWith('pat-ckd', '2823-3')) {
        expect(interpretationOf(observation) === 'HH', observation.id).to.equal(observation.valueQuantity!.value! >= 6.5);
      }
      const critical = byId<Observation>('pat-ckd', DEMO_NOTABLE['pat-ckd'].criticalHemoglobin);
      expect(interpretationOf(critical)).to.equal('LL');
      expect(critical.valueQuantity).to.include({ value: 68, code: 'g/L' });
    });
  });

  describe('pat-diabetes', () => {
    const id = 'pat-diabetes';
    const notable = DEMO_NOTABLE[id];

    it('has quarterly HbA1c over 8 years rising from ~6% to ~10% with N, H and HH', () => {
      const hba1c = observationsWith(id, '4548-4').filter((o) => o.status !== 'entered-in-error');
      expect(hba1c.length).to.be.within(30, 34);
      const years = (Date.parse(hba1c.at(-1)!.effectiveDateTime!) - Date.parse(hba1c[0]!.effectiveDateTime!)) / (365.25 * 86_400_000);
      expect(years).to.be.within(7.5, 8.5);
      const mean = (list: Observation[]) => list.reduce((sum, o) => sum + o.valueQuantity!.value!, 0) / list.length;
      expect(mean(hba1c.slice(0, 4))).to.be.within(5, 6.5);
      expect(mean(hba1c.slice(-4))).to.be.within(9, 11);
      expect([...new Set(hba1c.map(interpretationOf))]).to.include.members(['N', 'H', 'HH']);
      for (const o of hba1c) expect(o.valueQuantity).to.include({ unit: '%', code: '%' });
      expect(byId<Observation>(id, notable.amendedHba1c).status).to.equal('amended');
      expect(byId<Observation>(id, notable.latestHba1c).effectiveDateTime).to.equal(hba1c.at(-1)!.effectiveDateTime);
      expect(observationsWith(id, '17856-6').length).to.be.greaterThan(0);
    });

    it('has exactly one entered-in-error HbA1c', () => {
      const wrong = observationsWith(id, '4548-4').filter((o) => o.status === 'entered-in-error');
      expect(wrong.map((o) => o.id)).to.deep.equal([notable.enteredInErrorHba1c]);
    });

    it('has fasting glucose and BP as panel 85354-9 with systolic and diastolic components', () => {
      expect(observationsWith(id, '1558-6').length).to.be.greaterThan(20);
      const bp = observationsWith(id, '85354-9');
      expect(bp.length).to.be.within(20, 40);
      for (const reading of bp) {
        expect(hasCode(reading.category![0], 'vital-signs')).to.equal(true);
        expect(reading.component!.map((c) => c.code.coding![0]!.code)).to.deep.equal(['8480-6', '8462-4']);
        for (const c of reading.component!) expect(c.valueQuantity).to.include({ code: 'mm[Hg]', system: UCUM });
        expect(reading.component![0]!.valueQuantity!.value!).to.be.greaterThan(reading.component![1]!.valueQuantity!.value!);
      }
    });

    it('has a text-only reference range and a preliminary result', () => {
      const acr = byId<Observation>(id, notable.textRangeUrineAcr);
      expect(acr.referenceRange).to.deep.equal([{ text: '<30 mg/g' }]);
      expect(byId<Observation>(id, notable.preliminaryUrineAcr).status).to.equal('preliminary');
    });

    it('has metformin then insulin, and no AllergyIntolerance at all', () => {
      expect(ofType(id, 'AllergyIntolerance')).to.have.length(0);
      const stopped = byId<MedicationRequest>(id, notable.stoppedMetformin);
      const metformin = byId<MedicationRequest>(id, notable.activeMetformin);
      const insulin = byId<MedicationRequest>(id, notable.insulinGlargine);
      expect(hasCode(stopped.medicationCodeableConcept, '861007', RXNORM)).to.equal(true);
      expect(stopped.status).to.equal('stopped');
      expect(metformin.status).to.equal('active');
      expect(metformin.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity).to.include({ value: 1000, code: 'mg' });
      expect(insulin.medicationReference!.reference).to.equal(`Medication/${notable.insulinMedication}`);
      expect(Date.parse(stopped.authoredOn!)).to.be.lessThan(Date.parse(insulin.authoredOn!));
      const medication = byId<Medication>(id, notable.insulinMedication);
      expect(medication.form).to.exist;
      expect(medication.ingredient![0]!.strength!.numerator).to.include({ value: 100 });
      const statement = byId<MedicationStatement>(id, notable.medicationStatement);
      expect(statement.informationSource!.reference).to.equal(`Patient/${id}`);
      expect(statement.dateAsserted).to.be.a('string');
      const eie = byId<Condition>(id, notable.enteredInErrorCondition);
      expect(hasCode(eie.verificationStatus, 'entered-in-error')).to.equal(true);
      expect(eie.clinicalStatus).to.equal(undefined);
    });

    it('has lab panels and imaging for <fhir-results>: CBC, BMP, CMP, lipids over years; every status case; studies', () => {
      const reports = ofType(id, 'DiagnosticReport');
      const panelYears = (loinc: string) =>
        reports.filter((r) => hasCode(r.code, loinc) && r.status !== 'entered-in-error').map((r) => r.effectiveDateTime!.slice(0, 4));
      for (const panel of ['58410-2', '51990-0', '57698-3']) expect(new Set(panelYears(panel)).size, panel).to.be.at.least(4);
      expect(panelYears('24323-8')).to.have.length(1);
      expect(byId<DiagnosticReport>(id, notable.correctedCbcReport).status).to.equal('corrected');
      expect(hasCode(byId<DiagnosticReport>(id, notable.correctedCbcReport).code, '58410-2')).to.equal(true);
      expect(byId<DiagnosticReport>(id, notable.preliminaryCmpReport).status).to.equal('preliminary');
      expect(byId<DiagnosticReport>(id, notable.enteredInErrorBmpReport).status).to.equal('entered-in-error');
      expect(reports.filter((r) => r.status === 'entered-in-error').map((r) => r.id)).to.deep.equal([notable.enteredInErrorBmpReport]);
      const critical = byId<Observation>(id, notable.criticalPotassium);
      expect([loincOf(critical), interpretationOf(critical)]).to.deep.equal(['2823-3', 'HH']);
      const resultIds = new Set(reports.flatMap((r) => (r.result ?? []).map((ref) => ref.reference)));
      expect(resultIds.has(`Observation/${notable.criticalPotassium}`)).to.equal(true);
      const flags = new Set(reports.flatMap((r) => (r.result ?? []).map((ref) => interpretationOf(byId<Observation>(id, ref.reference!.split('/')[1]!)))));
      expect([...flags]).to.include.members(['N', 'HH']);
      expect(flags.has('H') || flags.has('L')).to.equal(true);
      // Imaging: a chest X-ray with a conclusion, a CT with a PDF and its study, a study without a report.
      expect(byId<DiagnosticReport>(id, notable.chestXrayReport).conclusion).to.be.a('string').and.not.empty;
      const ct = byId<DiagnosticReport>(id, notable.ctReport);
      expect(ct.presentedForm?.[0]?.contentType).to.equal('application/pdf');
      expect(atob(ct.presentedForm![0]!.data!)).to.match(/^%PDF-/);
      expect(ct.imagingStudy?.[0]?.reference).to.equal(`ImagingStudy/${notable.ctStudy}`);
      const study = byId<ImagingStudy>(id, notable.ctStudy);
      expect(study.identifier?.[0]).to.deep.equal({ system: 'urn:dicom:uid', value: 'urn:oid:1.2.826.0.1.3680043.8.498.10001' });
      expect(study.series?.reduce((sum, series) => sum + (series.instance?.length ?? 0), 0)).to.equal(study.numberOfInstances);
      const studies = ofType(id, 'ImagingStudy').map((s) => `ImagingStudy/${s.id}`);
      const reported = new Set(reports.flatMap((r) => (r.imagingStudy ?? []).map((ref) => ref.reference)));
      expect(studies.filter((s) => !reported.has(s))).to.deep.equal([`ImagingStudy/${notable.unreportedStudy}`]);
      // Only pat-diabetes has results; no results code collides with its lab trends.
      for (const other of DEMO_PATIENTS.filter((p) => p.id !== id)) expect(ofType(other.id, 'DiagnosticReport'), other.id).to.have.length(0);
      const trendCodes = new Set(['4548-4', '17856-6', '1558-6', '14959-1', '85354-9']);
      const resultCodes = new Set(reports.flatMap((r) => (r.result ?? []).map((ref) => loincOf(byId<Observation>(id, ref.reference!.split('/')[1]!)))));
      for (const code of resultCodes) expect(trendCodes.has(code!), code).to.equal(false);
    });
  });

  describe('pat-ckd', () => {
    const id = 'pat-ckd';
    const notable = DEMO_NOTABLE[id];

    it('has eGFR falling while creatinine rises and switches mg/dL (2160-0) → umol/L (14682-9)', () => {
      const egfr = observationsWith(id, '33914-3');
      expect(egfr.length).to.be.greaterThan(20);
      expect(egfr[0]!.id).to.equal(notable.firstEgfr);
      expect(egfr.at(-1)!.id).to.equal(notable.latestEgfr);
      expect(egfr[0]!.valueQuantity!.value! - egfr.at(-1)!.valueQuantity!.value!).to.be.greaterThan(25);
      for (const o of egfr) expect(o.valueQuantity).to.include({ code: 'mL/min/{1.73_m2}' });
      const mass = observationsWith(id, '2160-0');
      const molar = observationsWith(id, '14682-9');
      expect(mass.length).to.be.greaterThan(5);
      expect(molar.length).to.be.greaterThan(5);
      for (const o of mass) expect(o.valueQuantity).to.include({ code: 'mg/dL' });
      for (const o of molar) expect(o.valueQuantity).to.include({ code: 'umol/L' });
      expect(Date.parse(mass.at(-1)!.effectiveDateTime!)).to.be.lessThan(Date.parse(molar[0]!.effectiveDateTime!));
      expect(mass.at(-1)!.id).to.equal(notable.lastCreatinineMgDl);
      expect(molar[0]!.id).to.equal(notable.firstCreatinineUmolL);
      // Rising: in umol/L, last > first converted.
      expect(molar.at(-1)!.valueQuantity!.value!).to.be.greaterThan(mass[0]!.valueQuantity!.value! * 88.4);
      expect(byId<Observation>(id, notable.correctedCreatinine).status).to.equal('corrected');
    });

    it('has hemoglobin 718-7 in g/dL then g/L under one code', () => {
      const hemoglobin = observationsWith(id, '718-7');
      const units = hemoglobin.map((o) => o.valueQuantity!.code);
      const firstGL = units.indexOf('g/L');
      expect(firstGL).to.be.greaterThan(0);
      expect(units.slice(0, firstGL).every((u) => u === 'g/dL')).to.equal(true);
      expect(units.slice(firstGL).every((u) => u === 'g/L')).to.equal(true);
      expect(hemoglobin[firstGL]!.id).to.equal(notable.firstHemoglobinGL);
      expect(hemoglobin[firstGL - 1]!.id).to.equal(notable.lastHemoglobinGdl);
      expect(byId<Observation>(id, notable.preliminaryHemoglobin).status).to.equal('preliminary');
    });

    it('has exactly one potassium ≥ 6.5 mmol/L, flagged HH', () => {
      const potassium = observationsWith(id, '2823-3');
      expect(potassium.length).to.be.greaterThan(20);
      const critical = potassium.filter((o) => o.valueQuantity!.value! >= 6.5);
      expect(critical.map((o) => o.id)).to.deep.equal([notable.criticalPotassium]);
      expect(interpretationOf(critical[0]!)).to.equal('HH');
      expect(potassium.filter((o) => interpretationOf(o) === 'HH')).to.have.length(1);
      expect(potassium.some((o) => interpretationOf(o) === 'H')).to.equal(true);
    });

    it('has CRP 1988-5 "<5 mg/L" with comparator, and non-numeric culture results', () => {
      const crp = byId<Observation>(id, notable.crpBelowDetection);
      expect(loincOf(crp)).to.equal('1988-5');
      expect(crp.valueQuantity).to.deep.equal({ value: 5, comparator: '<', unit: 'mg/L', system: UCUM, code: 'mg/L' });
      expect(observationsWith(id, '1988-5').filter((o) => o.valueQuantity!.comparator)).to.have.length(1);
      const coded = byId<Observation>(id, notable.urineCultureCoded);
      expect(hasCode(coded.valueCodeableConcept, '112283007', SNOMED)).to.equal(true);
      expect(hasCode(coded.category![0], 'laboratory')).to.equal(true);
      expect(byId<Observation>(id, notable.urineCultureText).valueString).to.equal('No growth after 48 hours');
    });

    it('has BP as 55284-4 with components and a no-known-allergy assertion as its only allergy record', () => {
      const bp = observationsWith(id, '55284-4');
      expect(bp.length).to.be.within(20, 40);
      for (const reading of bp) expect(reading.component!.map((c) => c.code.coding![0]!.code)).to.deep.equal(['8480-6', '8462-4']);
      const allergies = ofType(id, 'AllergyIntolerance');
      expect(allergies.map((a) => a.id)).to.deep.equal([notable.noKnownAllergy]);
      expect(hasCode(allergies[0]!.code, '716186003', SNOMED)).to.equal(true);
      expect(hasCode(allergies[0]!.verificationStatus, 'confirmed')).to.equal(true);
      expect(hasCode(allergies[0]!.clinicalStatus, 'active')).to.equal(true);
    });
  });

  describe('pat-child', () => {
    const id = 'pat-child';
    const notable = DEMO_NOTABLE[id];

    it('is a young child (3–6 years at the anchor)', () => {
      const birth = Date.parse(ofType(id, 'Patient')[0]!.birthDate!);
      const years = (Date.parse('2026-11-01') - birth) / (365.25 * 86_400_000);
      expect(years).to.be.within(3, 6);
    });

    it('has a high-criticality peanut food allergy with severe and moderate reactions', () => {
      const peanut = byId<AllergyIntolerance>(id, notable.peanutAllergy);
      expect(hasCode(peanut.code, '91935009', SNOMED)).to.equal(true);
      expect(hasCode(peanut.code, '256349002', SNOMED)).to.equal(true);
      expect(peanut).to.include({ criticality: 'high', type: 'allergy' });
      expect(peanut.category).to.deep.equal(['food']);
      expect(peanut.onsetDateTime).to.be.a('string');
      expect(peanut.recordedDate).to.be.a('string');
      const reactions = peanut.reaction!;
      expect(reactions.map((r) => r.severity)).to.deep.equal(['severe', 'moderate']);
      expect(hasCode(reactions[0]!.manifestation[0], '39579001', SNOMED)).to.equal(true);
      expect(hasCode(reactions[1]!.manifestation[0], '126485001', SNOMED)).to.equal(true);
      for (const reaction of reactions) expect(reaction.onset).to.be.a('string');
      const egg = byId<AllergyIntolerance>(id, notable.resolvedEggAllergy);
      expect(hasCode(egg.clinicalStatus, 'resolved')).to.equal(true);
    });

    it('has growth vitals: weight, height, BMI, heart rate and temperature', () => {
      for (const loinc of ['29463-7', '8302-2', '39156-5', '8867-4', '8310-5']) {
        const series = observationsWith(id, loinc);
        expect(series.length, loinc).to.be.greaterThan(4);
        for (const o of series) expect(hasCode(o.category![0], 'vital-signs'), loinc).to.equal(true);
      }
      const weights = observationsWith(id, '29463-7').map((o) => o.valueQuantity!.value!);
      expect(weights[0]).to.be.lessThan(5);
      expect(weights.at(-1)).to.be.greaterThan(15);
      expect(interpretationOf(byId(id, notable.feverTemperature))).to.equal('H');
      const epinephrine = byId<MedicationRequest>(id, notable.epinephrine).dosageInstruction![0]!;
      expect(hasCode(epinephrine.asNeededCodeableConcept, '39579001', SNOMED)).to.equal(true);
      expect(epinephrine.doseAndRate![0]!.doseQuantity).to.include({ value: 0.15, code: 'mg' });
    });
  });

  describe('pat-elderly', () => {
    const id = 'pat-elderly';
    const notable = DEMO_NOTABLE[id];
    const requests = () => ofType(id, 'MedicationRequest');

    it('has 15+ medication orders in every status', () => {
      expect(requests().length).to.be.at.least(15);
      expect(new Set(requests().map((r) => r.status))).to.have.all.keys(
        'active', 'on-hold', 'stopped', 'completed', 'cancelled', 'draft', 'entered-in-error',
      );
      expect(byId<MedicationRequest>(id, notable.enteredInErrorOrder).status).to.equal('entered-in-error');
      for (const request of requests()) {
        expect(request.intent).to.equal('order');
        expect(request.requester?.display).to.equal('Dr Helen Bradshaw');
        expect(request.authoredOn).to.be.a('string');
      }
    });

    it('has a penicillin allergy and an active amoxicillin order: the drug–allergy conflict', () => {
      const penicillin = byId<AllergyIntolerance>(id, notable.penicillinAllergy);
      expect(hasCode(penicillin.code, '764146007', SNOMED)).to.equal(true);
      expect(hasCode(penicillin.code, '7980', RXNORM)).to.equal(true);
      expect(hasCode(penicillin.clinicalStatus, 'active')).to.equal(true);
      expect(penicillin.category).to.deep.equal(['medication']);
      const amoxicillin = byId<MedicationRequest>(id, notable.amoxicillin);
      expect(amoxicillin.status).to.equal('active');
      expect(hasCode(amoxicillin.medicationCodeableConcept, '723', RXNORM)).to.equal(true);
      const repeat = amoxicillin.dosageInstruction![0]!.timing!.repeat!;
      expect(repeat.boundsDuration).to.include({ value: 7, code: 'd' });
    });

    it('has unconfirmed, inactive, entered-in-error allergies and an intolerance', () => {
      const status = (allergyId: string) => byId<AllergyIntolerance>(id, allergyId);
      expect(hasCode(status(notable.unconfirmedAllergy).verificationStatus, 'unconfirmed')).to.equal(true);
      expect(hasCode(status(notable.inactiveAllergy).clinicalStatus, 'inactive')).to.equal(true);
      const wrong = status(notable.enteredInErrorAllergy);
      expect(hasCode(wrong.verificationStatus, 'entered-in-error')).to.equal(true);
      expect(wrong.clinicalStatus).to.equal(undefined);
      expect(status(notable.codeineIntolerance).type).to.equal('intolerance');
    });

    it('has a prednisolone taper: three dosage instructions in sequence, each with a duration', () => {
      const taper = byId<MedicationRequest>(id, notable.prednisoloneTaper).dosageInstruction!;
      expect(taper.map((d) => d.sequence)).to.deep.equal([1, 2, 3]);
      expect(taper.map((d) => d.doseAndRate![0]!.doseQuantity!.value)).to.deep.equal([30, 20, 10]);
      for (const step of taper) expect(step.timing!.repeat!.boundsDuration).to.include({ value: 5, code: 'd' });
    });

    it('references a Medication in the bundle and a contained #med1', () => {
      const enoxaparin = byId<MedicationRequest>(id, notable.completedEnoxaparin);
      expect(enoxaparin.medicationReference!.reference).to.equal(`Medication/${notable.enoxaparinMedication}`);
      const folic = byId<MedicationRequest>(id, notable.folicAcidContained);
      expect(folic.medicationReference!.reference).to.equal('#med1');
      expect((folic.contained![0] as Medication).ingredient![0]!.strength!.numerator).to.include({ value: 5, code: 'mg' });
    });

    it('has problems that are active, recurrent, resolved and entered-in-error', () => {
      const statuses = ofType(id, 'Condition').map(
        (c) => c.clinicalStatus?.coding?.[0]?.code ?? c.verificationStatus?.coding?.[0]?.code,
      );
      expect(statuses).to.include.members(['active', 'recurrence', 'resolved', 'entered-in-error']);
      for (const condition of ofType(id, 'Condition')) expect(condition.code!.coding![0]!.system).to.equal(SNOMED);
    });
  });

  describe('structured dosages across the demo patients', () => {
    it('covers every dosage shape the medication widgets render', () => {
      const dosages = allDosages();
      const some = (label: string, test: (d: Dosage) => boolean) => expect(dosages.some(test), label).to.equal(true);
      some('doseRange', (d) => !!d.doseAndRate?.[0]?.doseRange);
      some('rateQuantity', (d) => d.doseAndRate?.[0]?.rateQuantity?.code === 'mL/h');
      some('when ACM', (d) => !!d.timing?.repeat?.when?.includes('ACM'));
      some('when HS', (d) => !!d.timing?.repeat?.when?.includes('HS'));
      some('dayOfWeek mon', (d) => !!d.timing?.repeat?.dayOfWeek?.includes('mon') && d.timing.repeat.periodUnit === 'wk');
      some('timeOfDay', (d) => !!d.timing?.repeat?.timeOfDay?.length);
      some('boundsPeriod', (d) => !!d.timing?.repeat?.boundsPeriod?.end);
      some('count', (d) => d.timing?.repeat?.count !== undefined);
      for (const code of ['BID', 'TID', 'QID', 'Q4H']) {
        some(code, (d) => hasCode(d.timing?.code, code, 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation'));
      }
      for (const route of ['26643006', '34206005', '447694001']) some(route, (d) => hasCode(d.route, route, SNOMED));
      some('asNeededBoolean', (d) => d.asNeededBoolean === true);
      some('PRN for pain', (d) => hasCode(d.asNeededCodeableConcept, '22253000', SNOMED));
      some('max 4 g / 24 h', (d) =>
        d.maxDosePerPeriod?.numerator?.value === 4 && d.maxDosePerPeriod.numerator.code === 'g' && d.maxDosePerPeriod.denominator?.value === 24,
      );
      some('additionalInstruction', (d) => !!d.additionalInstruction?.length);
      some('0.5 mg', (d) => d.doseAndRate?.[0]?.doseQuantity?.value === 0.5);
      some('1000 mg', (d) => d.doseAndRate?.[0]?.doseQuantity?.value === 1000);
      const withText = dosages.filter((d) => d.text).length;
      expect(withText).to.be.within(2, 4);
      expect(dosages.length - withText).to.be.greaterThan(25);
    });
  });

  describe('pat-infant', () => {
    it('is a few weeks old with vitals and nothing else recorded', () => {
      const birth = Date.parse(ofType('pat-infant', 'Patient')[0]!.birthDate!);
      expect((Date.parse('2026-11-01') - birth) / 86_400_000).to.be.within(14, 60);
      for (const type of ['AllergyIntolerance', 'MedicationRequest', 'Condition'] as const) {
        expect(ofType('pat-infant', type), type).to.have.length(0);
      }
      expect(byId<Observation>('pat-infant', DEMO_NOTABLE['pat-infant'].birthWeight).valueQuantity!.code).to.equal('kg');
    });
  });

  describe('helpers', () => {
    it('resourcesOf returns entry resources in order and skips entries without one', () => {
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: { resourceType: 'Patient', id: 'a' } }, { fullUrl: 'urn:x' }, { resource: { resourceType: 'Patient', id: 'b' } }],
      };
      expect(resourcesOf(bundle).map((r) => r.id)).to.deep.equal(['a', 'b']);
      expect(resourcesOf({ resourceType: 'Bundle', type: 'collection' })).to.deep.equal([]);
    });

    it('demoResources gives one patient’s resources, empty for an unknown id', () => {
      expect(JSON.stringify(demoResources('pat-ckd'))).to.equal(JSON.stringify(resources('pat-ckd')));
      expect(demoResources('pat-nobody')).to.deep.equal([]);
    });
  });

  describe('scale patient', () => {
    it('has N lab observations with unique ids, one subject and consistent interpretations', () => {
      const bundle = generateScalePatient({ observations: 20_000 });
      const all = resourcesOf(bundle);
      const observations = all.filter((r): r is Observation => r.resourceType === 'Observation');
      expect(observations).to.have.length(20_000);
      expect(all.filter((r) => r.resourceType === 'Patient').map((r) => r.id)).to.deep.equal(['pat-scale']);
      expect(new Set(all.map((r) => `${r.resourceType}/${r.id}`)).size).to.equal(all.length);
      const codes = new Set<string>();
      const first = Date.parse(observations[0]!.effectiveDateTime!);
      const last = Date.parse(observations.at(-1)!.effectiveDateTime!);
      expect((last - first) / (365.25 * 86_400_000)).to.be.within(19, 21);
      for (let index = 0; index < observations.length; index += 7) {
        const o = observations[index]!;
        expect(o.subject!.reference).to.equal('Patient/pat-scale');
        expect(loincOf(o)).to.equal('2339-0');
        const value = o.valueQuantity!.value!;
        const code = interpretationOf(o)!;
        codes.add(code);
        const { low, high } = o.referenceRange![0]!;
        if (code === 'N') expect(value >= low!.value! && value <= high!.value!).to.equal(true);
        if (code.startsWith('H')) expect(value).to.be.greaterThan(high!.value!);
        if (code.startsWith('L')) expect(value).to.be.lessThan(low!.value!);
      }
      expect([...codes]).to.include.members(['N', 'H', 'L']);
      expect(JSON.stringify(generateScalePatient({ observations: 200 }))).to.equal(
        JSON.stringify(generateScalePatient({ observations: 200 })),
      );
    });

    it('takes an id, several codes, and rejects unknown codes', () => {
      const bundle = generateScalePatient({ observations: 300, id: 'pat-big', codes: ['2339-0', 'http://loinc.org|2823-3', '718-7'] });
      const observations = resourcesOf(bundle).filter((r): r is Observation => r.resourceType === 'Observation');
      expect(observations[0]!.id).to.equal('pat-big-obs-0001');
      expect(observations.map(loincOf).slice(0, 3)).to.deep.equal(['2339-0', '2823-3', '718-7']);
      expect(SCALE_SERIES_CODES).to.include('4548-4');
      expect(() => generateScalePatient({ observations: 1, codes: ['0000-0'] })).to.throw(RangeError);
      expect(() => generateScalePatient({ observations: -1 })).to.throw(RangeError);
      expect(resourcesOf(generateScalePatient({ observations: 0 })).map((r) => r.resourceType)).to.deep.equal([
        'Organization',
        'Practitioner',
        'Patient',
      ]);
    });
  });
});
