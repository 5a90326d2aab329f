// <fhir-results category="lab"> reads only laboratory (and pathology) reports: an imaging report's
// study is not read from the server and the imaging readers are not loaded for it (read from the
// server's request log and the browser's own); nor does the flowsheet, which shows laboratory results
// only, under its default `category="all"`; the reports view under `all` still reads and shows everything.
// Its own file: a fresh page, no imaging readers loaded before.
import { expect, fixture, html } from '@open-wc/testing';
import { demoResources, RESULTS_PATIENT } from '../../demo/data/generator.js';
import { defineElements } from '../../src/define.js';
import type { FhirResults } from '../../src/elements/results/results.js';
import { FhirLoader } from '../../src/fhir/loader.js';
import { fetchResults } from '../../src/fhir/queries/results.js';
import { HttpTransport } from '../../src/fhir/transport.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { untilState } from '../helpers/probe-widget.js';
import { requestTag, serverRequests } from '../helpers/request-log.js';
import { parts } from '../helpers/widget-dom.js';

defineElements();

const P = RESULTS_PATIENT;
const base = new URL('/fhir', location.href).href;
const generated = demoResources(P) as unknown as AnyResource[];
const ctReport = generated.find((r) => r.resourceType === 'DiagnosticReport' && r.imagingStudy !== undefined);

function taggedLoader(): { loader: FhirLoader; tag: string } {
  const { tag, headers } = requestTag();
  const transport = new HttpTransport(base, { headers });
  return { loader: new FhirLoader(async () => ({ kind: 'server', transport, patientId: P })), tag };
}

const imagingReadersRequested = () => performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.includes('/src/model/report-parts.'));

describe('<fhir-results category="lab"> reads no imaging report', function () {
  this.timeout(60_000);

  it('the demo record has a CT report that links its study (else this file proves nothing)', () => {
    expect(ctReport, 'a generated report with imagingStudy').to.not.equal(undefined);
  });

  it('a laboratory flowsheet on the server: ready, without the imaging readers', async () => {
    const context = await fixture(html`<fhir-context server="/fhir" patient=${P} timeout="30000">
      <fhir-results view="flowsheet" category="lab"></fhir-results>
    </fhir-context>`);
    const el = context.querySelector('fhir-results') as FhirResults;
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    expect(parts(el, 'row-header').length).to.be.greaterThan(0);
    expect(imagingReadersRequested(), 'report-parts fetched for a laboratory view').to.equal(false);
  });

  it('a flowsheet under every category (its default) reads as a laboratory one: no ImagingStudy search or read', async () => {
    performance.clearResourceTimings();
    const context = await fixture(html`<fhir-context server="/fhir" patient=${P} timeout="30000">
      <fhir-results view="flowsheet"></fhir-results>
    </fhir-context>`);
    const el = context.querySelector('fhir-results') as FhirResults;
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    expect(parts(el, 'row-header').length).to.be.greaterThan(0);
    const fetched = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(fetched.some((path) => path.startsWith('/fhir/DiagnosticReport')), 'the page saw its own searches').to.equal(true);
    expect(fetched.filter((path) => path.includes('ImagingStudy'))).to.deep.equal([]);
    expect(imagingReadersRequested()).to.equal(false);
  });

  it('the laboratory query reads no ImagingStudy; every category reads (searches) them', async () => {
    const lab = taggedLoader();
    const labData = await fetchResults(lab.loader, { category: 'lab', view: 'flowsheet' }, new AbortController().signal);
    const labRequests = await serverRequests(lab.tag);
    expect(labRequests.length).to.be.greaterThan(0);
    expect(labRequests.filter((r) => r.url.includes('ImagingStudy')).map((r) => r.url)).to.deep.equal([]);
    expect(labData.failedReads).to.deep.equal([]);

    const all = taggedLoader();
    const allData = await fetchResults(all.loader, { category: 'all', view: 'reports' }, new AbortController().signal);
    expect((await serverRequests(all.tag)).some((r) => r.url.includes('ImagingStudy'))).to.equal(true);
    // The laboratory reports' results are in both pools alike.
    const key = (r: AnyResource) => `${r.resourceType}/${r.id}`;
    const labResults = labData.pool.filter((r) => r.resourceType === 'Observation').map(key).sort();
    const allObservations = new Set(allData.pool.filter((r) => r.resourceType === 'Observation').map(key));
    expect(labResults.filter((k) => !allObservations.has(k) && !labData.observations.some((o) => key(o) === k))).to.deep.equal([]);
  });

  it('every category on the server shows the CT with its study', async () => {
    const context = await fixture(html`<fhir-context server="/fhir" patient=${P} timeout="30000">
      <fhir-results category="all"></fhir-results>
    </fhir-context>`);
    const el = context.querySelector('fhir-results') as FhirResults;
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    expect(parts(el, 'group').map((g) => g.dataset.group)).to.include('imaging');
    expect(imagingReadersRequested()).to.equal(true);
  });
});
