// Seeded DiagnosticReports and ImagingStudies for <fhir-results>: CBC (58410-2), BMP (51990-0),
// CMP (24323-8) and lipid panels (57698-3) yearly over several years, with abnormal results and one
// critical potassium; one corrected, one preliminary and one entered-in-error report; a chest X-ray
// with a conclusion, a CT with a PDF presentedForm and an ImagingStudy (series, instances, study UID),
// and one ImagingStudy with no report. Pure and deterministic (same patient id and options → same
// resources; the seed changes values only). generateDemoPatients() appends it to RESULTS_PATIENT
// (pat-diabetes, see generator.ts); stories and benchmarks add it to any patient's resources.
import type { FhirResource } from 'fhir/r4';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const INTERP = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

interface Analyte {
  code: string;
  name: string;
  unit: string;
  low: number;
  high: number;
  base: number;
  spread: number;
  criticalHigh?: number;
}

const PANELS: { code: string; name: string; analytes: Analyte[] }[] = [
  {
    code: '58410-2',
    name: 'Complete blood count (CBC)',
    analytes: [
      { code: '6690-2', name: 'White cell count', unit: '10*9/L', low: 4, high: 11, base: 7, spread: 5 },
      { code: '718-7', name: 'Haemoglobin', unit: 'g/L', low: 130, high: 170, base: 140, spread: 25 },
      { code: '777-3', name: 'Platelets', unit: '10*9/L', low: 150, high: 400, base: 250, spread: 120 },
    ],
  },
  {
    code: '51990-0',
    name: 'Basic metabolic panel',
    analytes: [
      { code: '2951-2', name: 'Sodium', unit: 'mmol/L', low: 135, high: 145, base: 140, spread: 6 },
      { code: '2823-3', name: 'Potassium', unit: 'mmol/L', low: 3.5, high: 5.1, base: 4.3, spread: 0.9, criticalHigh: 6.5 },
      { code: '2160-0', name: 'Creatinine', unit: 'mg/dL', low: 0.6, high: 1.2, base: 1, spread: 0.5 },
      { code: '2345-7', name: 'Glucose', unit: 'mg/dL', low: 70, high: 99, base: 95, spread: 30 },
    ],
  },
  {
    code: '57698-3',
    name: 'Lipid panel',
    analytes: [
      { code: '2093-3', name: 'Cholesterol', unit: 'mg/dL', low: 0, high: 200, base: 190, spread: 50 },
      { code: '2085-9', name: 'HDL cholesterol', unit: 'mg/dL', low: 40, high: 200, base: 50, spread: 15 },
      { code: '2571-8', name: 'Triglycerides', unit: 'mg/dL', low: 0, high: 150, base: 140, spread: 60 },
    ],
  },
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (value: number, step: number) => Math.round(value / step) * step;
const b64 = (text: string) => btoa(text);

export interface ResultsDataOptions {
  /** Years of yearly panels (default 5). */
  years?: number;
  /** Panels a year (default 1); benchmarks raise it for 200 reports / 5,000 results. */
  perYear?: number;
  /** Anchor ("today"), default 2026-11-01. */
  now?: string;
  seed?: number;
}

/** Notable ids, for tests and stories. */
export const RESULTS_NOTABLE = {
  criticalPotassium: (patient: string) => `${patient}-res-k-critical`,
  corrected: (patient: string) => `${patient}-dr-corrected`,
  preliminary: (patient: string) => `${patient}-dr-preliminary`,
  enteredInError: (patient: string) => `${patient}-dr-eie`,
  chestXray: (patient: string) => `${patient}-dr-cxr`,
  ctReport: (patient: string) => `${patient}-dr-ct`,
  ctStudy: (patient: string) => `${patient}-is-ct`,
  unreportedStudy: (patient: string) => `${patient}-is-us`,
  studyUid: '1.2.826.0.1.3680043.8.498.10001',
};

/** The results resources of one patient (reports, observations, imaging studies). */
export function generateResults(patient: string, options: ResultsDataOptions = {}): FhirResource[] {
  const years = options.years ?? 5;
  const perYear = options.perYear ?? 1;
  const now = Date.parse(options.now ?? '2026-11-01');
  const random = mulberry32(options.seed ?? 7);
  const out: FhirResource[] = [];
  const subject = { reference: `Patient/${patient}` };
  let n = 0;
  const visits = years * perYear;
  for (let v = 0; v < visits; v++) {
    const when = new Date(now - ((v + 1) * 365 * 86_400_000) / perYear).toISOString().slice(0, 10) + 'T08:30:00Z';
    for (const panel of PANELS) {
      const reportId = `${patient}-dr-${panel.code}-${v}`;
      const refs: { reference: string; display: string }[] = [];
      for (const analyte of panel.analytes) {
        const critical = v === 0 && analyte.criticalHigh !== undefined;
        const id = critical ? RESULTS_NOTABLE.criticalPotassium(patient) : `${patient}-res-${n++}`;
        const step = analyte.base >= 100 ? 1 : 0.1;
        const value = critical ? 6.8 : round(analyte.base + (random() - 0.5) * analyte.spread, step);
        const code = critical ? 'HH' : value > analyte.high ? 'H' : value < analyte.low ? 'L' : 'N';
        out.push({
          resourceType: 'Observation',
          id,
          status: 'final',
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
          code: { coding: [{ system: LOINC, code: analyte.code, display: analyte.name }], text: analyte.name },
          subject,
          effectiveDateTime: when,
          issued: when.replace('08:30', '14:00'),
          valueQuantity: { value: Number(value.toFixed(step < 1 ? 1 : 0)), unit: analyte.unit, system: UCUM, code: analyte.unit },
          interpretation: [{ coding: [{ system: INTERP, code }] }],
          referenceRange: [
            { low: { value: analyte.low, unit: analyte.unit, system: UCUM, code: analyte.unit }, high: { value: analyte.high, unit: analyte.unit, system: UCUM, code: analyte.unit } },
            ...(analyte.criticalHigh ? [{ type: { text: 'Critical' }, high: { value: analyte.criticalHigh, unit: analyte.unit, system: UCUM, code: analyte.unit } }] : []),
          ],
        });
        refs.push({ reference: `Observation/${id}`, display: analyte.name });
      }
      out.push({
        resourceType: 'DiagnosticReport',
        id: reportId,
        status: 'final',
        category: [{ coding: [{ system: V2_0074, code: 'LAB', display: 'Laboratory' }] }],
        code: { coding: [{ system: LOINC, code: panel.code, display: panel.name }], text: panel.name },
        subject,
        effectiveDateTime: when,
        issued: when.replace('08:30', '14:00'),
        performer: [{ display: 'City Hospital Laboratory' }],
        result: refs,
      });
    }
  }
  // Status cases: the newest CBC corrected, a preliminary CMP, an entered-in-error BMP.
  const cbc = out.find((r) => r.id === `${patient}-dr-58410-2-0`);
  if (cbc && cbc.resourceType === 'DiagnosticReport') {
    cbc.id = RESULTS_NOTABLE.corrected(patient);
    cbc.status = 'corrected';
  }
  const recent = new Date(now - 3 * 86_400_000).toISOString().slice(0, 10) + 'T09:00:00Z';
  out.push(
    {
      resourceType: 'Observation',
      id: `${patient}-res-cmp-alb`,
      status: 'preliminary',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
      code: { coding: [{ system: LOINC, code: '1751-7', display: 'Albumin' }], text: 'Albumin' },
      subject,
      effectiveDateTime: recent,
      issued: recent.replace('09:00', '12:00'),
      valueQuantity: { value: 38, unit: 'g/L', system: UCUM, code: 'g/L' },
    },
    {
      resourceType: 'DiagnosticReport',
      id: RESULTS_NOTABLE.preliminary(patient),
      status: 'preliminary',
      category: [{ coding: [{ system: V2_0074, code: 'LAB' }] }],
      code: { coding: [{ system: LOINC, code: '24323-8', display: 'Comprehensive metabolic panel' }], text: 'Comprehensive metabolic panel' },
      subject,
      effectiveDateTime: recent,
      result: [{ reference: `Observation/${patient}-res-cmp-alb` }],
    },
    {
      resourceType: 'DiagnosticReport',
      id: RESULTS_NOTABLE.enteredInError(patient),
      status: 'entered-in-error',
      category: [{ coding: [{ system: V2_0074, code: 'LAB' }] }],
      code: { coding: [{ system: LOINC, code: '51990-0' }], text: 'Basic metabolic panel' },
      subject,
      effectiveDateTime: recent,
    },
  );
  // Imaging.
  const studyDate = new Date(now - 200 * 86_400_000).toISOString().slice(0, 10) + 'T11:00:00Z';
  out.push(
    {
      resourceType: 'DiagnosticReport',
      id: RESULTS_NOTABLE.chestXray(patient),
      status: 'final',
      category: [{ coding: [{ system: V2_0074, code: 'RAD', display: 'Radiology' }] }],
      code: { coding: [{ system: LOINC, code: '36643-5', display: 'XR Chest 2 Views' }], text: 'Chest X-ray' },
      subject,
      effectiveDateTime: new Date(now - 400 * 86_400_000).toISOString().slice(0, 10),
      conclusion: 'No acute cardiopulmonary process. Heart size normal.',
    },
    {
      resourceType: 'ImagingStudy',
      id: RESULTS_NOTABLE.ctStudy(patient),
      status: 'available',
      subject,
      started: studyDate,
      identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${RESULTS_NOTABLE.studyUid}` }],
      modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' }],
      description: 'CT chest with contrast',
      numberOfSeries: 2,
      numberOfInstances: 3,
      series: [
        { uid: `${RESULTS_NOTABLE.studyUid}.1`, number: 1, modality: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' }, bodySite: { system: 'http://snomed.info/sct', code: '51185008', display: 'Chest' }, numberOfInstances: 2, instance: [{ uid: `${RESULTS_NOTABLE.studyUid}.1.1`, sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' } }, { uid: `${RESULTS_NOTABLE.studyUid}.1.2`, sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' } }] },
        { uid: `${RESULTS_NOTABLE.studyUid}.2`, number: 2, modality: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' }, numberOfInstances: 1, instance: [{ uid: `${RESULTS_NOTABLE.studyUid}.2.1`, sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' } }] },
      ],
    },
    {
      resourceType: 'DiagnosticReport',
      id: RESULTS_NOTABLE.ctReport(patient),
      status: 'final',
      category: [{ coding: [{ system: V2_0074, code: 'CT', display: 'CAT Scan' }] }],
      code: { coding: [{ system: LOINC, code: '24627-2', display: 'CT Chest' }], text: 'CT chest' },
      subject,
      effectiveDateTime: studyDate,
      imagingStudy: [{ reference: `ImagingStudy/${RESULTS_NOTABLE.ctStudy(patient)}` }],
      conclusion: 'Small nodule in the right upper lobe; follow-up CT in 12 months.',
      presentedForm: [{ contentType: 'application/pdf', title: 'CT chest report', data: b64('%PDF-1.4\n% demo report\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') }],
    },
    {
      resourceType: 'ImagingStudy',
      id: RESULTS_NOTABLE.unreportedStudy(patient),
      status: 'available',
      subject,
      started: new Date(now - 30 * 86_400_000).toISOString().slice(0, 10) + 'T15:00:00Z',
      identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:1.2.826.0.1.3680043.8.498.10002' }],
      modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'US' }],
      description: 'Ultrasound abdomen (awaiting report)',
      numberOfSeries: 1,
      numberOfInstances: 12,
    },
  );
  return out;
}
