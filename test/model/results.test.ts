// DiagnosticReports → the results models (reports view, flowsheet, values, attachments, imaging):
// real HL7 examples (DSTU2, STU3, R4), Synthea reports with base64 presentedForm, and small
// hand-built cases for R5 shapes and for what the examples do not cover.
import { expect } from '@open-wc/testing';
import { attachmentView, decodeBase64Text, MAX_TEXT_CHARS } from '../../src/model/attachment.js';
import {
  buildResults as buildResultsWith,
  needsReportParts,
  readableReference,
  rememberPoolIndex,
  ResourceIndex,
  reportGroupOf,
  setAttachmentReaders,
  setDetailReader,
  setRowReader,
  statusKindOf,
  unresolvedReferences,
  type ResultsInput,
} from '../../src/model/diagnostic-report.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { buildFlowsheet } from '../../src/model/flowsheet.js';
import { imagingStudyView, studyUidOf, viewerUrl } from '../../src/model/imaging-study.js';
import { flattenResources } from '../../src/model/resources.js';
import { referenceRangesOf, resultInterpretation, resultValueOf, setRareReader } from '../../src/model/result-value.js';
import { rareValueOf } from '../../src/model/result-value-rare.js';
import * as reportParts from '../../src/model/report-parts.js';
import { ATTACHMENT_READERS } from '../../src/model/report-attachments.js';
import { readDetails } from '../../src/model/report-details.js';
import { readResult } from '../../src/model/result-rows.js';
import { loadUnitConverter } from '../../src/model/unit-conversion.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
function b64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
/** The Patient's id and its `urn:uuid:` fullUrl form in a transaction Bundle (Synthea / Inferno). */
function patientOf(bundle: { entry?: { fullUrl?: string; resource?: AnyResource }[] }): { patientId?: string; aliases: string[] } {
  const entry = bundle.entry?.find((e) => e.resource?.resourceType === 'Patient');
  const alias = entry?.fullUrl?.startsWith('urn:uuid:') ? [entry.fullUrl.slice(9)] : [];
  return { patientId: entry?.resource?.id, aliases: alias };
}

function obs(id: string, fields: Record<string, unknown> = {}): AnyResource {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [{ code: 'laboratory' }] }],
    code: { coding: [{ system: LOINC, code: '2823-3' }], text: 'Potassium' },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2024-03-01T09:00:00Z',
    valueQuantity: { value: 4.1, unit: 'mmol/L', system: UCUM, code: 'mmol/L' },
    ...fields,
  };
}
function report(id: string, results: string[], fields: Record<string, unknown> = {}): AnyResource {
  return {
    resourceType: 'DiagnosticReport',
    id,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
    code: { coding: [{ system: LOINC, code: '51990-0' }], text: 'Basic metabolic panel' },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2024-03-01T09:00:00Z',
    result: results.map((r) => ({ reference: r })),
    ...fields,
  };
}
/**
 * `buildResults` as the element calls it: the attachment and imaging readers passed only when
 * `needsReportParts` says the records need them (the model throws if they were needed and not passed,
 * so every case below also checks that gate).
 */
const buildResults = (input: ResultsInput) => buildResultsWith({ ...input, ...(needsReportParts(input, input.category) ? { parts: reportParts } : {}) });

// Attachments, media and result rows are read when a report's detail first asks for them, with the
// readers the report detail's module hands the model when it loads (as here); people, notes,
// conclusion codes and modalities with the reader the list of reports hands it; standalone results
// with the finder the flowsheet's model hands it (imported above).
setAttachmentReaders(ATTACHMENT_READERS);
setRowReader(readResult);
setRareReader(rareValueOf); // the reader of the rarer kinds of value (ratio, range, absent …)
setDetailReader(readDetails);

const split = (resources: AnyResource[]) => ({
  reports: resources.filter((r) => r.resourceType === 'DiagnosticReport'),
  pool: resources.filter((r) => r.resourceType !== 'DiagnosticReport'),
});

describeWithFixtures('results model on the HL7 examples', () => {
  it('reads the R4 lipid Bundle: four results with ranges, performer, laboratory group', async () => {
    const resources = flattenResources(await loadFixture('examples/r4/Bundle-lipids.json'));
    const model = buildResults({ ...split(resources) });
    expect(model.groups.map((g) => g.group)).to.deep.equal(['laboratory']);
    const lipid = model.groups[0].reports[0];
    expect(lipid.name).to.equal('Lipid Panel');
    expect(lipid.performers).to.deep.equal(['Acme Laboratory, Inc']);
    expect(lipid.results.map((r) => r.name)).to.deep.equal(['Cholesterol', 'Triglyceride', 'Cholesterol in HDL', 'LDL Chol. (Calc)']);
    const cholesterol = lipid.results[0];
    expect(cholesterol.value).to.deep.include({ kind: 'quantity' });
    expect(cholesterol.ranges[0].high?.text).to.equal('4.5');
    expect(lipid.missing).to.deep.equal([]);
    expect(model.resultCount).to.equal(4);
  });

  for (const version of ['dstu2', 'stu3']) {
    it(`reads the ${version.toUpperCase()} lipid report with contained results and its performer shape`, async () => {
      const lipid = (await loadFixture(`examples/${version}/DiagnosticReport-lipids.json`)) as unknown as AnyResource;
      const model = buildResults({ reports: [lipid], pool: [] });
      const view = model.groups[0].reports[0];
      expect(view.group).to.equal('laboratory'); // category HM (single concept in both versions)
      expect(view.results).to.have.length(4);
      expect(view.performers).to.deep.equal(['Acme Laboratory, Inc']);
      expect(view.effective).to.equal('2011-03-04T08:30:00+11:00');
      expect(view.issued).to.equal('2013-01-27T11:45:33+11:00');
    });
  }

  it('decodes the Synthea note reports (base64 presentedForm) as text, and reads resultsInterpreter', async () => {
    const bundle = await loadFixture<{ entry?: { fullUrl?: string; resource?: AnyResource }[] }>('synthea/inferno-uscore-patient-85.json');
    const resources = flattenResources(bundle);
    const model = buildResults({ ...split(resources), ...patientOf(bundle) });
    const notes = model.groups.flatMap((g) => g.reports).filter((r) => r.attachments.length);
    expect(notes.length).to.be.greaterThan(0);
    const first = notes[0].attachments[0];
    expect(first.kind).to.equal('text');
    if (first.kind === 'text') expect(first.text.length).to.be.greaterThan(10);
    expect(notes.filter((n) => n.interpreters.includes('Dr. Melvin857 Torp761')).length).to.be.greaterThan(0);
    expect(model.groups.map((g) => g.group)).to.include.members(['imaging', 'pathology']);
  });

  it('resolves Synthea urn:uuid results and reads the ImagingStudy with its UID', async () => {
    const resources = flattenResources(await loadFixture('synthea/jorge-brekke-ac7921e0.json'));
    const model = buildResults({ ...split(resources) });
    const cbc = model.groups[0].reports[0];
    expect(cbc.missing).to.deep.equal([]);
    expect(cbc.results.length).to.be.greaterThan(5);
    expect(model.unreportedStudies).to.have.length(1);
    const study = model.unreportedStudies[0];
    expect(study.studyUid).to.equal('1.2.840.99999999.96017024.1559319183329');
    expect(study.modalities).to.deep.equal(['DX']);
    expect(study.bodySites).to.deep.equal(['Arm']);
    expect(study.numberOfSeries).to.equal(1);
  });
});

describe('results model: statuses and safety', () => {
  it('maps statuses: provisional, revised, cancelled', () => {
    expect(['preliminary', 'partial', 'registered'].map(statusKindOf)).to.deep.equal(['provisional', 'provisional', 'provisional']);
    expect(['amended', 'corrected', 'appended'].map(statusKindOf)).to.deep.equal(['revised', 'revised', 'revised']);
    expect(statusKindOf('cancelled')).to.equal('cancelled');
    expect(statusKindOf('final')).to.equal('final');
  });

  it('hides and counts entered-in-error reports and results, nested ones included', () => {
    const model = buildResults({
      reports: [
        report('r1', ['Observation/a', 'Observation/b', 'Observation/panel']),
        report('r2', ['Observation/c'], { status: 'entered-in-error' }),
      ],
      pool: [
        obs('a'),
        obs('b', { status: 'entered-in-error' }),
        obs('c'),
        obs('panel', { valueQuantity: undefined, hasMember: [{ reference: 'Observation/m1' }, { reference: 'Observation/m2' }] }),
        obs('m1'),
        obs('m2', { status: 'entered-in-error' }),
      ],
    });
    expect(model.hidden.reportsEnteredInError).to.equal(1);
    expect(model.hidden.resultsEnteredInError).to.equal(2);
    const view = model.groups[0].reports[0];
    expect(view.results.map((r) => r.id)).to.deep.equal(['a', 'panel']);
    expect(view.results[1].members.map((r) => r.id)).to.deep.equal(['m1']);
    expect(model.reportCount).to.equal(1);
  });

  it('names missing and failed result references', () => {
    const model = buildResults({
      reports: [report('r1', ['Observation/a', 'Observation/gone', 'Observation/broken'], { result: [{ reference: 'Observation/a' }, { reference: 'Observation/gone', display: 'Sodium' }, { reference: 'Observation/broken' }] })],
      pool: [obs('a')],
      failedReads: [
        { reference: 'Observation/gone', status: 404, message: 'not found' },
        { reference: 'Observation/broken', status: 500, message: 'boom' },
      ],
    });
    const view = model.groups[0].reports[0];
    expect(view.missing).to.deep.equal([
      { reference: 'Observation/gone', display: 'Sodium', reason: 'not-found', message: 'not found' },
      { reference: 'Observation/broken', reason: 'failed', message: 'boom' },
    ]);
    expect(model.missingCount).to.equal(2);
  });

  it('drops and counts reports and results of another patient', () => {
    const model = buildResults({
      patientId: 'p1',
      reports: [report('r1', ['Observation/a', 'Observation/x']), report('r9', [], { subject: { reference: 'Patient/p2' } })],
      pool: [obs('a'), obs('x', { subject: { reference: 'Patient/p2' } })],
    });
    expect(model.hidden.otherPatient).to.equal(2);
    expect(model.groups[0].reports[0].results.map((r) => r.id)).to.deep.equal(['a']);
  });

  it('the scope it is given decides for reports, results and standalone Observations alike; with none it infers nothing', () => {
    const input = {
      reports: [report('r1', ['Observation/a', 'Observation/x']), report('r9', [], { subject: { reference: 'Patient/p2' } })],
      pool: [obs('a'), obs('x', { subject: { reference: 'Patient/p2' } })],
      observations: [obs('s1', { subject: { reference: 'urn:uuid:p1' } }), obs('s2', { subject: { reference: 'Patient/p2' } })],
    };
    // Aliases only (a given Bundle's urn:uuid form): no patient id is guessed from the reports.
    const scoped = buildResults({ ...input, aliases: ['Patient/p1', 'urn:uuid:p1'] });
    expect(scoped.groups[0].reports.map((r) => r.id)).to.deep.equal(['r1']);
    expect(scoped.groups[0].reports[0].results.map((r) => r.id)).to.deep.equal(['a']);
    expect(scoped.standalone.map((r) => r.id)).to.deep.equal(['s1']);
    expect(scoped.hidden.otherPatient).to.equal(3);
    // No patient named at all (the UNSCOPED PatientScope): nothing is dropped, nothing is guessed.
    const unscoped = buildResults({ ...input });
    expect(unscoped.groups[0].reports.map((r) => r.id).sort()).to.deep.equal(['r1', 'r9']);
    expect(unscoped.hidden.otherPatient).to.equal(0);
  });

  it('an index remembered for a pool serves that very array only: a filtered copy (one source kept to its patient) is indexed afresh', () => {
    const mine = obs('a');
    const theirs = obs('x', { subject: { reference: 'Patient/p2' } });
    const pool = [mine, theirs];
    rememberPoolIndex(pool, new ResourceIndex(pool));
    const reports = [report('r1', ['Observation/a', 'Observation/x'])];
    // The same pool: its index is used, and the other patient's result is dropped and counted.
    const same = buildResults({ reports, pool, patientId: 'p1' });
    expect(same.groups[0].reports[0].results.map((r) => r.id)).to.deep.equal(['a']);
    expect(same.hidden.otherPatient).to.equal(1);
    // Their result already filtered out (as fhirWidget does per source): a missing reference, never shown.
    const filtered = buildResults({ reports, pool: [mine], patientId: 'p1' });
    expect(filtered.groups[0].reports[0].results.map((r) => r.id)).to.deep.equal(['a']);
    expect(filtered.groups[0].reports[0].missing.map((m) => m.reference)).to.deep.equal(['Observation/x']);
  });

  it('tells critical from abnormal, by code and by a critical range', () => {
    const high = obs('h', { interpretation: [{ coding: [{ code: 'H' }] }] });
    const hh = obs('hh', { interpretation: [{ coding: [{ code: 'HH' }] }] });
    const byRange = obs('r', {
      valueQuantity: { value: 6.8, unit: 'mmol/L', system: UCUM, code: 'mmol/L' },
      referenceRange: [
        { low: { value: 3.5, code: 'mmol/L', system: UCUM }, high: { value: 5.1, code: 'mmol/L', system: UCUM } },
        { type: { text: 'Critical' }, high: { value: 6.5, code: 'mmol/L', system: UCUM } },
      ],
    });
    const read = (o: AnyResource) => {
      const value = resultValueOf(o);
      return resultInterpretation(o, value, referenceRangesOf(o.referenceRange)).severity;
    };
    expect([read(high), read(hh), read(byRange)]).to.deep.equal(['abnormal', 'critical', 'critical']);
  });

  it('groups reports by category and sorts newest first; range counts back from the newest', () => {
    const model = buildResults({
      reports: [
        report('old', [], { effectiveDateTime: '2018-01-01' }),
        report('new', [], { effectiveDateTime: '2024-01-01' }),
        report('xr', [], { category: [{ coding: [{ code: 'RAD' }] }], effectiveDateTime: '2023-06-01', conclusion: 'No acute disease' }),
      ],
      pool: [],
      range: '5y',
    });
    expect(model.groups.map((g) => [g.group, g.reports.map((r) => r.id)])).to.deep.equal([
      ['laboratory', ['new']],
      ['imaging', ['xr']],
    ]);
    expect(model.hidden.outOfRange).to.equal(1);
    expect(buildResults({ reports: [report('xr', [], { category: [{ coding: [{ code: 'RAD' }] }] })], pool: [], category: 'lab' }).groups).to.deep.equal([]);
  });

  it('lists the references a query must still read', () => {
    const refs = unresolvedReferences([report('r1', ['Observation/a', 'Observation/b', '#c', 'urn:uuid:z'])], [obs('a')]);
    expect(refs).to.deep.equal(['Observation/b']);
    expect(readableReference('https://x.example/fhir/Observation/b/_history/2')).to.equal('Observation/b');
    expect(readableReference('javascript:alert(1)')).to.equal(undefined);
  });
});

describe('result values', () => {
  it('reads every value kind', () => {
    expect(resultValueOf({ valueQuantity: { value: 5, comparator: '<', unit: 'mg/L' } })).to.deep.include({ kind: 'quantity' });
    expect((resultValueOf({ valueQuantity: { value: 5.0, comparator: '<', unit: 'mg/L' } }) as { quantity: { comparator: string } }).quantity.comparator).to.equal('<');
    expect(resultValueOf({ valueString: '<b>x</b>' })).to.deep.equal({ kind: 'string', text: '<b>x</b>' });
    expect(resultValueOf({ valueCodeableConcept: { coding: [{ code: '10828004', display: 'Positive' }] } })).to.deep.equal({ kind: 'coded', text: 'Positive', code: '10828004' });
    const ratio = resultValueOf({ valueRatio: { numerator: { value: 1 }, denominator: { value: 128 } } });
    expect(ratio.kind).to.equal('ratio');
    const range = resultValueOf({ valueRange: { low: { value: 0.5, unit: 'g' }, high: { value: 1.50, unit: 'g' } } });
    expect(range.kind === 'range' && [range.low?.text, range.high?.text]).to.deep.equal(['0.5', '1.5']);
    expect(resultValueOf({ valueBoolean: false })).to.deep.equal({ kind: 'boolean', value: false });
    expect(resultValueOf({ dataAbsentReason: { text: 'Sample haemolysed' } })).to.deep.equal({ kind: 'absent', reason: 'Sample haemolysed' });
    expect(resultValueOf({ valueInteger: 3 }).kind).to.equal('quantity');
  });

  it('keeps appliesTo and age of reference ranges', () => {
    const ranges = referenceRangesOf([
      { low: { value: 3.5 }, high: { value: 5 }, appliesTo: [{ text: 'Male' }], age: { low: { value: 18, unit: 'years' }, high: { value: 65, unit: 'years' } } },
      { text: 'Negative' },
    ]);
    expect(ranges[0].appliesTo).to.deep.equal(['Male']);
    expect(ranges[0].age?.low?.text).to.equal('18');
    expect(ranges[1].text).to.equal('Negative');
  });
});

describe('attachments', () => {
  it('shows text/plain and text/html as text, never markup', () => {
    const plain = attachmentView({ contentType: 'text/plain; charset=utf-8', data: b64('Line 1\nLine 2') });
    expect(plain).to.deep.include({ kind: 'text', text: 'Line 1\nLine 2', markup: false });
    const html = attachmentView({ contentType: 'text/html', data: b64('<script>alert(1)</script><p>Hi</p>') });
    expect(html).to.deep.include({ kind: 'text', text: '<script>alert(1)</script><p>Hi</p>', markup: true });
  });

  it('offers PDFs and images as links from data or http(s) urls; refuses other schemes', () => {
    expect(attachmentView({ contentType: 'application/pdf', data: b64('%PDF-1.4') })).to.deep.include({ kind: 'link', blobType: 'application/pdf', download: false });
    expect(attachmentView({ contentType: 'image/svg+xml', data: b64('<svg onload="alert(1)"/>') })).to.deep.include({ kind: 'link', blobType: 'application/octet-stream', download: true });
    expect(attachmentView({ contentType: 'application/pdf', url: 'https://files.example/r.pdf' })).to.deep.include({ kind: 'link', url: 'https://files.example/r.pdf' });
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'Binary/1', ' JaVaScRiPt:alert(1)']) {
      expect(attachmentView({ contentType: 'application/pdf', url })).to.deep.include({ kind: 'refused', reason: 'scheme' });
    }
    expect(attachmentView({ contentType: 'text/plain' })).to.deep.include({ kind: 'refused', reason: 'empty' });
    expect(attachmentView({ contentType: 'text/plain', data: '@@not base64@@' })).to.deep.include({ kind: 'refused', reason: 'undecodable' });
  });

  it('decodes only the start of a huge text attachment', () => {
    const big = b64('x'.repeat(MAX_TEXT_CHARS * 3));
    const decoded = decodeBase64Text(big)!;
    expect(decoded.truncated).to.equal(true);
    expect(decoded.text.length).to.equal(MAX_TEXT_CHARS);
  });
});

describe('imaging studies', () => {
  it('reads the UID from urn:dicom:uid, Synthea urn:oid identifiers, and DSTU2 uid', () => {
    expect(studyUidOf({ resourceType: 'ImagingStudy', identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:2.16.124.113543.6003.1154777499.30246.19789.3503430045' }] })).to.equal(
      '2.16.124.113543.6003.1154777499.30246.19789.3503430045',
    );
    expect(studyUidOf({ resourceType: 'ImagingStudy', uid: 'urn:oid:2.16.124.113543.6003.1154777499' })).to.equal('2.16.124.113543.6003.1154777499');
    expect(studyUidOf({ resourceType: 'ImagingStudy', identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:1.2.3"><script>' }] })).to.equal(undefined);
  });

  it('builds percent-encoded viewer URLs only for http(s) templates', () => {
    expect(viewerUrl('https://viewer.example/?StudyInstanceUIDs={studyUid}', '1.2.3')).to.equal('https://viewer.example/?StudyInstanceUIDs=1.2.3');
    expect(viewerUrl('javascript:alert({studyUid})', '1.2.3')).to.equal(undefined);
    expect(viewerUrl('https://viewer.example/', '1.2.3')).to.equal(undefined);
  });

  it('reads an R5 report: study, media, note, and its ImagingStudy series', () => {
    const study: AnyResource = {
      resourceType: 'ImagingStudy',
      id: 's1',
      status: 'available',
      subject: { reference: 'Patient/p1' },
      started: '2024-02-01T10:00:00Z',
      modality: [{ coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' }] }],
      identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:1.2.840.1' }],
      series: [{ uid: '1.2.840.1.1', modality: { coding: [{ code: 'CT' }] }, bodySite: { concept: { text: 'Chest' } }, instance: [{ uid: '1.2.840.1.1.1' }, { uid: '1.2.840.1.1.2' }] }],
    };
    const r5 = report('ct', [], {
      category: [{ coding: [{ code: 'RAD' }] }],
      study: [{ reference: 'ImagingStudy/s1' }],
      note: [{ text: 'Compared with 2020.' }],
      media: [{ comment: 'Key image', link: { reference: 'DocumentReference/d1', display: 'Axial slice' } }],
      conclusionCode: [{ concept: { text: 'Normal' } }],
    });
    const model = buildResults({ reports: [r5], pool: [study] });
    const view = model.groups[0].reports[0];
    expect(view.studies[0].numberOfInstances).to.equal(2);
    expect(view.modalities).to.deep.equal(['CT']);
    expect(view.bodySites).to.deep.equal(['Chest']);
    expect(view.notes).to.deep.equal(['Compared with 2020.']);
    expect(view.media[0]).to.deep.include({ comment: 'Key image', link: 'Axial slice' });
    expect(view.conclusionCodes).to.deep.equal(['Normal']);
    expect(model.unreportedStudies).to.deep.equal([]);
    expect(imagingStudyView(study).studyUid).to.equal('1.2.840.1');
    expect(reportGroupOf(r5)).to.equal('imaging');
  });
});

describe('report parts (imaging readers) load only for records that have them', () => {
  const lab = [report('bmp', ['Observation/k1']), obs('k1')];
  it('a laboratory report with results needs none, and is read without them', () => {
    expect(needsReportParts(split(lab))).to.equal(false);
    const model = buildResultsWith(split(lab));
    expect(model.groups[0].reports[0].results.map((r) => r.name)).to.deep.equal(['Potassium']);
  });

  it('a study reference or an ImagingStudy anywhere needs them; without them the model says so', () => {
    const contained = report('ct', [], {
      contained: [{ resourceType: 'ImagingStudy', id: 's', status: 'available' }],
      imagingStudy: [{ reference: '#s' }],
    });
    const study: AnyResource = { resourceType: 'ImagingStudy', id: 's2', status: 'available', subject: { reference: 'Patient/p1' } };
    for (const input of [
      { reports: [contained], pool: [] },
      { reports: [], pool: [study] },
      { reports: lab.slice(0, 1), pool: lab.slice(1), studies: [study] },
    ]) {
      expect(needsReportParts(input), JSON.stringify(input.reports.map((r) => r.id))).to.equal(true);
    }
    expect(() => buildResultsWith({ reports: [contained], pool: [] })).to.throw(/parts/);
    expect(() => buildResultsWith({ reports: [], pool: [study] })).to.throw(/parts/);
    expect(buildResults({ reports: [contained], pool: [] }).groups[0].reports[0].studies).to.have.length(1);
  });

  it('a view of one category reads only its own reports: their studies, results and counts', () => {
    const ct = report('ct', ['Observation/ct-eie'], {
      category: [{ coding: [{ code: 'RAD' }] }],
      code: { text: 'CT chest' },
      effectiveDateTime: '2025-06-01T09:00:00Z',
      imagingStudy: [{ reference: 'ImagingStudy/s9' }],
    });
    const wrongCt = report('ct-wrong', [], { category: [{ coding: [{ code: 'RAD' }] }], status: 'entered-in-error' });
    const records = { reports: [report('bmp', ['Observation/k1']), ct, wrongCt], pool: [obs('k1'), obs('ct-eie', { status: 'entered-in-error' })] };
    // A laboratory view: the CT's study is never read (no imaging readers: building without them
    // does not throw), nor its entered-in-error result or the entered-in-error CT counted.
    expect(needsReportParts(records, 'lab')).to.equal(false);
    const lab = buildResultsWith({ ...records, category: 'lab' });
    expect(lab.groups.map((g) => [g.group, g.reports.map((r) => r.id)])).to.deep.equal([['laboratory', ['bmp']]]);
    expect(lab.hidden).to.deep.equal({ reportsEnteredInError: 0, resultsEnteredInError: 0, otherPatient: 0, outOfRange: 0 });
    expect(lab.missingCount).to.equal(0);
    expect(unresolvedReferences(records.reports, records.pool)).to.include('ImagingStudy/s9');
    // The same records in every category: all of it read and counted, as before.
    expect(needsReportParts(records, 'all')).to.equal(true);
    expect(() => buildResultsWith({ ...records, category: 'all' })).to.throw(/parts/);
    const all = buildResults({ ...records, category: 'all' });
    expect(all.hidden).to.deep.equal({ reportsEnteredInError: 1, resultsEnteredInError: 1, otherPatient: 0, outOfRange: 0 });
    expect(all.missingCount).to.equal(1); // the study, never read here
    // `range` counts back from the view's own newest report: the CT a year later hides no lab report.
    expect(buildResults({ ...records, category: 'lab', range: '1y' }).hidden.outOfRange).to.equal(0);
    expect(buildResults({ ...records, category: 'all', range: '1y' }).hidden.outOfRange).to.equal(1);
  });

  it('a presentedForm or media needs none: the list is read without them, the attachments when a detail asks', () => {
    const pdf = report('pdf', [], { presentedForm: [{ contentType: 'application/pdf', data: b64('%PDF-1.4') }] });
    const photo: AnyResource = { resourceType: 'Media', id: 'x', subject: { reference: 'Patient/p1' }, content: { contentType: 'image/png', url: 'https://files.example/x.png' } };
    const media = report('m', [], { media: [{ comment: 'Lesion', link: { reference: 'Media/x' } }] });
    for (const input of [{ reports: [pdf], pool: [] }, { reports: [media], pool: [photo] }]) {
      expect(needsReportParts(input), JSON.stringify(input.reports.map((r) => r.id))).to.equal(false);
    }
    const [mediaView, pdfView] = buildResultsWith({ reports: [pdf, media], pool: [photo] }).groups[0].reports.sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''));
    expect(mediaView.id).to.equal('m');
    expect(pdfView.attachments).to.have.length(1);
    expect(pdfView.attachments[0]).to.deep.include({ kind: 'link', blobType: 'application/pdf' });
    expect(pdfView.media).to.deep.equal([]);
    expect(mediaView.attachments).to.deep.equal([]);
    expect(mediaView.media).to.have.length(1);
    expect(mediaView.media[0]).to.deep.include({ comment: 'Lesion', link: 'Media/x' });
    expect(mediaView.media[0].attachment).to.deep.include({ kind: 'link', url: 'https://files.example/x.png' });
  });
});

describe('flowsheet', () => {
  it('puts tests in rows by panel, times newest first, same-day results in separate columns', async () => {
    const model = buildResults({
      reports: [
        report('r1', ['Observation/a1'], { effectiveDateTime: '2024-03-01T08:00:00Z' }),
        report('r2', ['Observation/a2'], { effectiveDateTime: '2024-03-01T18:00:00Z' }),
      ],
      pool: [
        obs('a1', { effectiveDateTime: '2024-03-01T08:00:00Z' }),
        obs('a2', { effectiveDateTime: '2024-03-01T18:00:00Z', valueQuantity: { value: 6.9, code: 'mmol/L', system: UCUM, unit: 'mmol/L' }, interpretation: [{ coding: [{ code: 'HH' }] }] }),
      ],
    });
    const sheet = await buildFlowsheet({ reports: model.groups[0].reports });
    expect(sheet.columns.map((c) => c.date)).to.deep.equal(['2024-03-01T18:00:00Z', '2024-03-01T08:00:00Z']);
    expect(sheet.groups[0].name).to.equal('Basic metabolic panel');
    const row = sheet.groups[0].rows[0];
    expect(row.cells.get(0)?.[0].interpretation.severity).to.equal('critical');
    expect(row.cells.get(1)?.[0].id).to.equal('a1');
  });

  it('converts a convertible unit change and says so; splits what cannot be converted', async () => {
    const creat = (id: string, date: string, value: number, unit: string, code = '2160-0') =>
      obs(id, { code: { coding: [{ system: LOINC, code }], text: 'Creatinine' }, effectiveDateTime: date, valueQuantity: { value, unit, system: UCUM, code: unit } });
    const resources = [
      creat('c1', '2020-01-01', 1.2, 'mg/dL'),
      creat('c2', '2024-01-01', 100, 'umol/L'),
      obs('h1', { code: { coding: [{ system: LOINC, code: '4548-4' }], text: 'HbA1c' }, effectiveDateTime: '2020-01-01', valueQuantity: { value: 7, unit: '%', system: UCUM, code: '%' } }),
      obs('h2', { code: { coding: [{ system: LOINC, code: '4548-4' }], text: 'HbA1c' }, effectiveDateTime: '2024-01-01', valueQuantity: { value: 53, unit: 'mmol/mol', system: UCUM, code: 'mmol/mol' } }),
    ];
    const model = buildResults({ reports: [report('r', ['Observation/c1', 'Observation/c2', 'Observation/h1', 'Observation/h2'])], pool: resources });
    const sheet = await buildFlowsheet({ reports: model.groups[0].reports, loadConverter: loadUnitConverter });
    const rows = sheet.groups[0].rows;
    const creatinine = rows.filter((r) => r.name === 'Creatinine');
    expect(creatinine).to.have.length(1);
    expect(creatinine[0].converted).to.deep.equal([{ from: 'mg/dL', count: 1 }]);
    const hba1c = rows.filter((r) => r.name === 'HbA1c');
    expect(hba1c.map((r) => r.unit)).to.deep.equal(['mmol/mol', '%']);
    expect(hba1c[0].splitFrom).to.deep.equal(['%']);
  });
});

describe('flowsheet: laboratory results no report lists', () => {
  it('are found by the flowsheet\'s own reading: in their test\'s row, else under no panel (last), with their status and flags; entered in error and other patients\' counted, never placed', async () => {
    const model = buildResults({
      reports: [report('r1', ['Observation/a1'])],
      pool: [obs('a1')],
      observations: [
        obs('a1'), // also listed by r1: placed once, with its panel
        obs('s1', { status: 'preliminary', effectiveDateTime: '2024-04-01T09:00:00Z', valueQuantity: { value: 6.9, unit: 'mmol/L', system: UCUM, code: 'mmol/L' }, interpretation: [{ coding: [{ code: 'HH' }] }] }),
        obs('s2', { status: 'entered-in-error', effectiveDateTime: '2024-05-01T09:00:00Z' }),
        obs('s3', { subject: { reference: 'Patient/p2' }, effectiveDateTime: '2024-06-01T09:00:00Z' }),
        obs('s4', { category: [{ coding: [{ code: 'vital-signs' }] }], effectiveDateTime: '2024-07-01T09:00:00Z' }),
        obs('s5', { effectiveDateTime: undefined, issued: undefined }),
        obs('s6', { code: { coding: [{ system: LOINC, code: '4548-4' }], text: 'HbA1c' }, effectiveDateTime: '2024-02-01', valueQuantity: { value: 48, unit: 'mmol/mol', system: UCUM, code: 'mmol/mol' } }),
      ],
      patientId: 'p1',
    });
    expect(model.standalone.map((r) => r.id)).to.deep.equal(['s1', 's5', 's6']);
    expect(model.hidden.resultsEnteredInError).to.equal(1);
    expect(model.hidden.otherPatient).to.equal(1);
    const sheet = await buildFlowsheet({ reports: model.groups[0].reports, standalone: model.standalone });
    expect(sheet.undated).to.equal(1);
    expect(sheet.resultCount).to.equal(3);
    expect(sheet.columns.map((c) => c.date)).to.deep.equal(['2024-04-01T09:00:00Z', '2024-03-01T09:00:00Z', '2024-02-01']);
    expect(sheet.groups.map((g) => g.name)).to.deep.equal(['Basic metabolic panel', undefined]);
    expect(sheet.groups[1].rows.map((r) => [r.name, r.unit, [...r.cells.keys()]])).to.deep.equal([['HbA1c', 'mmol/mol', [2]]]);
    const [row] = sheet.groups[0].rows;
    expect(row.cells.get(1)?.map((c) => c.id)).to.deep.equal(['a1']);
    const [cell] = row.cells.get(0)!;
    expect(cell.id).to.equal('s1');
    expect(cell.statusKind).to.equal('provisional');
    expect(cell.interpretation.severity).to.equal('critical');
    expect(cell.value).to.deep.include({ kind: 'quantity' });
  });
});

describe('demo results data', () => {
  it('has the cases the issue asks for', async () => {
    const { generateResults, RESULTS_NOTABLE } = await import('../../demo/data/results.js');
    const resources = generateResults('pat-x') as unknown as AnyResource[];
    const model = buildResults({ ...split(resources), patientId: 'pat-x' });
    const reports = model.groups.flatMap((g) => g.reports);
    expect(model.hidden.reportsEnteredInError).to.equal(1);
    expect(reports.find((r) => r.id === RESULTS_NOTABLE.corrected('pat-x'))?.statusKind).to.equal('revised');
    expect(reports.find((r) => r.id === RESULTS_NOTABLE.preliminary('pat-x'))?.statusKind).to.equal('provisional');
    const critical = reports.flatMap((r) => r.results).filter((r) => r.interpretation.severity === 'critical');
    expect(critical.map((r) => r.id)).to.deep.equal([RESULTS_NOTABLE.criticalPotassium('pat-x')]);
    const ct = reports.find((r) => r.name === 'CT chest')!;
    expect(ct.studies[0].studyUid).to.equal(RESULTS_NOTABLE.studyUid);
    expect(ct.attachments[0]).to.deep.include({ kind: 'link', blobType: 'application/pdf' });
    expect(model.unreportedStudies).to.have.length(1);
    const sheet = await buildFlowsheet({ reports: model.groups[0].reports });
    expect(sheet.columns.length).to.be.greaterThan(4);
  });
});
