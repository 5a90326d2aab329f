// The summary's latest vital signs and a trend asked for at the same time share ONE Observation
// search (the loader merges searches by code), and each still gets exactly what its own search
// gave before: compared with the searches main sent (one per widget), at the models and on the
// page, with the requests counted where they arrive (the test server's request log).
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import { labSeries, LAB_TREND_LIMIT } from '../../src/fhir/queries/lab-series.js';
import { patientSummary, VITAL_SIGNS_LIMIT, VITAL_SIGNS_SEARCH } from '../../src/fhir/queries/patient-summary.js';
import { FhirLoader, type SearchResult } from '../../src/fhir/loader.js';
import { HttpTransport } from '../../src/fhir/transport.js';
import { buildLabTrend, trendQuery, trendSearchCode } from '../../src/model/lab-series.js';
import { latestVitalSigns } from '../../src/model/vital-signs.js';
import { requestsTo, untilState } from '../helpers/probe-widget.js';
import { requestTag, serverRequests } from '../helpers/request-log.js';
import { squash } from '../helpers/widget-dom.js';

defineElements();

const base = new URL('/fhir', location.href).href;

function taggedLoader(patientId: string, batch = false): { loader: FhirLoader; tag: string } {
  const { tag, headers } = requestTag();
  const transport = new HttpTransport(base, { headers });
  return { loader: new FhirLoader(async () => ({ kind: 'server', transport, patientId, batch })), tag };
}

/** What main sent: the summary's vital-sign search and the trend's own search, each on its own. */
async function searchesBefore(patientId: string, code: string): Promise<{ vitals: SearchResult; trend: SearchResult }> {
  const { loader } = taggedLoader(patientId);
  const vitals = await loader.searchPatient(VITAL_SIGNS_SEARCH.resourceType, VITAL_SIGNS_SEARCH.params, { limit: VITAL_SIGNS_LIMIT });
  const trend = await loader.searchPatient(
    'Observation',
    { code: trendSearchCode(trendQuery(code)), _sort: 'date', _count: '1000' },
    { limit: LAB_TREND_LIMIT },
  );
  return { vitals, trend };
}

const ids = (result: SearchResult) => result.resources.map((r) => `${r.resourceType}/${r.id}`);
const CASES: [patient: string, code: string][] = [
  ['pat-diabetes', 'http://loinc.org|4548-4'], // a lab beside the vital signs
  ['pat-diabetes', 'http://loinc.org|85354-9'], // a vital sign the summary also reads
  ['pat-ckd', 'http://loinc.org|8480-6'], // a blood pressure component (55284-4 panels)
  ['pat-ckd', 'http://loinc.org|2160-0'],
];

describe('one Observation search for the summary and a trend', () => {
  for (const [patient, code] of CASES) {
    it(`${patient}, ${code}: one request, and both get exactly what their own searches gave`, async () => {
      const before = await searchesBefore(patient, code);
      const { loader, tag } = taggedLoader(patient);
      const signal = new AbortController().signal;
      const sections = { allergies: false, problems: false, medications: false, vitals: true };
      const [summary, trend] = await Promise.all([
        patientSummary(loader, sections, signal),
        labSeries(loader, { code, pageSize: 1000, noCodeMessage: 'no code' }, signal),
      ]);
      const observationRequests = (await serverRequests(tag)).filter((r) => r.url.includes('/Observation'));
      expect(observationRequests, JSON.stringify(observationRequests)).to.have.length(1);

      const vitals = (summary.vitals as { value: SearchResult }).value;
      expect(ids(vitals)).to.deep.equal(ids(before.vitals));
      expect(vitals.truncated).to.equal(before.vitals.truncated);
      expect(new Set(ids(trend))).to.deep.equal(new Set(ids(before.trend)));
      expect(trend.resources).to.have.length(before.trend.resources.length);
      expect(trend.truncated).to.equal(before.trend.truncated);
      expect(trend.resources.length, 'the case has a trend to compare').to.be.greaterThan(0);

      const owner = { patientId: patient };
      expect(latestVitalSigns(vitals.resources, owner)).to.deep.equal(latestVitalSigns(before.vitals.resources, owner));
      // The trend's model as data: every series' points in full (a series reads its points' details on demand).
      const model = async (result: SearchResult) => {
        const built = await buildLabTrend({ observations: result.resources, included: result.included, code, ...owner, truncated: result.truncated, total: result.total });
        const series = built.panels.flatMap((panel) => panel.series.map((s) => ({ panel: panel.unitKey, name: s.name, unit: s.unit, points: s.points })));
        return JSON.parse(JSON.stringify({ ...built, panels: undefined, series }));
      };
      const [shared, own] = [await model(trend), await model(before.trend)];
      expect(shared.series.length, 'the case has a series to compare').to.be.greaterThan(0);
      expect(shared).to.deep.equal(own);
    });
  }

  it('with batch, the Patient read and every first page go in one round trip', async () => {
    const { loader, tag } = taggedLoader('pat-diabetes', true);
    const signal = new AbortController().signal;
    const sections = { allergies: true, problems: true, medications: true, vitals: true };
    const [summary, trend] = await Promise.all([
      patientSummary(loader, sections, signal),
      labSeries(loader, { code: 'http://loinc.org|4548-4', pageSize: 1000, noCodeMessage: 'no code' }, signal),
    ]);
    const requests = await serverRequests(tag);
    expect(requests.map((r) => `${r.method} ${r.url}`)).to.have.length(1);
    expect(requests[0].method).to.equal('POST');
    expect(summary.patient?.id).to.equal('pat-diabetes');
    expect(trend.resources.length).to.be.greaterThan(0);
    expect((summary.vitals as { value: SearchResult }).value.resources.length).to.be.greaterThan(0);
  });

  it('on the page: the summary and the trend show what each showed alone, from one Observation request', async () => {
    const code = 'http://loinc.org|85354-9';
    const shown = async (markup: ReturnType<typeof html>) => {
      const context = await fixture<FhirContext>(markup);
      const widgets = [...context.querySelectorAll('fhir-patient-summary, fhir-lab-trend')] as (HTMLElement & { state: string })[];
      for (const widget of widgets) await untilState(widget, ['ready', 'empty', 'error']);
      return widgets.map((w) => `${w.localName} ${w.state}: ${squash(w.shadowRoot!.textContent)}`);
    };
    const alone = [
      ...(await shown(html`<fhir-context server="/fhir" patient="pat-diabetes"><fhir-patient-summary></fhir-patient-summary></fhir-context>`)),
      ...(await shown(html`<fhir-context server="/fhir" patient="pat-diabetes"><fhir-lab-trend code=${code} range="all"></fhir-lab-trend></fhir-context>`)),
    ];
    const observationsBefore = requestsTo('/fhir/Observation').length;
    const together = await shown(html`<fhir-context server="/fhir" patient="pat-diabetes">
      <fhir-patient-summary></fhir-patient-summary>
      <fhir-lab-trend code=${code} range="all"></fhir-lab-trend>
    </fhir-context>`);
    expect(requestsTo('/fhir/Observation').length - observationsBefore).to.equal(1);
    expect(together).to.deep.equal(alone);
    expect(together[0]).to.match(/ready/);
    expect(together[1]).to.match(/ready/);
  });
});
