// <fhir-lab-trend> with a record longer than one read slice: its newest results are drawn first,
// under a note saying the rest are loading, while `state` stays `loading`; the finished trend then
// replaces them and is the trend a one-go build makes (series, flags, counts).
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import type { Bundle, Observation } from 'fhir/r4';
import { generateScalePatient } from '../../demo/data/generator.js';
import { defineElements } from '../../src/define.js';
import type { FhirLabTrend, LabTrendLoadDetail } from '../../src/elements/lab-trend/lab-trend.js';
import { READ_SLICE } from '../../src/elements/lab-trend/sliced-build.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { buildLabTrend } from '../../src/model/lab-series.js';
import { loadLocale } from '../../src/i18n/registry.js';

defineElements();

const CODE = 'http://loinc.org|2339-0';

interface Seen {
  state: string;
  note: string;
  table: boolean;
  latest: boolean;
  hidden: boolean;
  range: boolean;
  markers: number;
  /** Critical markers and their rings drawn (merged into one path per look in a preview: counted by subpath). */
  critical: number;
  rings: number;
}

/** A scale record longer than one slice, with results that must be hidden among the newest. */
function longRecord(): { bundle: Bundle; observations: AnyResource[] } {
  const bundle = generateScalePatient({ observations: READ_SLICE + 2_000 });
  const observations = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is Observation => r?.resourceType === 'Observation');
  const n = observations.length;
  // Among the newest (read first): one entered in error, one of another patient, one critical.
  observations[n - 3].status = 'entered-in-error';
  observations[n - 5].subject = { reference: 'Patient/someone-else' };
  observations[n - 7].interpretation = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'HH' }] }];
  return { bundle, observations: observations as unknown as AnyResource[] };
}

/** Shapes drawn by the chart's elements matching `selector`: one per element, or per `M` of a merged path. */
function subpaths(root: ShadowRoot, selector: string): number {
  let n = 0;
  for (const shape of root.querySelectorAll(`[part="chart-svg"] ${selector}`)) {
    n += shape.localName === 'path' ? ((shape.getAttribute('d') ?? '').match(/M/g) ?? []).length : 1;
  }
  return n;
}

async function load(bundle: Bundle, lang = 'en'): Promise<{ el: FhirLabTrend; seen: Seen[]; detail: LabTrendLoadDetail; paintedPreviews: number }> {
  const host = document.createElement('div');
  document.body.append(host);
  render(html`<div lang=${lang}><fhir-lab-trend code=${CODE} range="all"></fhir-lab-trend></div>`, host);
  const el = host.querySelector('fhir-lab-trend') as FhirLabTrend;
  await el.updateComplete;
  const seen: Seen[] = [];
  const root = el.shadowRoot!;
  // Recorded as each drawing lands, before any later task can change the state.
  const observer = new MutationObserver(() => {
    const note = root.querySelector('[data-kind="preview"][role="status"]');
    if (!note) return;
    seen.push({
      state: el.state,
      note: (note.textContent ?? '').replace(/\s+/g, ' ').trim(),
      table: !!root.querySelector('table'),
      latest: !!root.querySelector('[part="latest"]'),
      hidden: !!root.querySelector('[part="hidden"]'),
      range: !!root.querySelector('[part="range"]'),
      markers: root.querySelectorAll('[part="chart-svg"] .marker').length,
      critical: subpaths(root, '.marker.critical path'),
      rings: subpaths(root, '.critical-ring'),
    });
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  // Frames that painted the preview: an animation frame callback sees what that frame paints.
  let paintedPreviews = 0;
  let looking = true;
  const look = (): void => {
    if (!looking) return;
    if (el.state === 'loading' && root.querySelector('[data-kind="preview"]')) paintedPreviews += 1;
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  const loaded = oneEvent(el, 'fhir-load');
  el.resources = bundle;
  const { detail } = (await loaded) as CustomEvent<LabTrendLoadDetail>;
  await waitUntil(() => el.state === 'ready' && !el.isUpdatePending, 'not ready', { timeout: 60_000 });
  await el.updateComplete;
  observer.disconnect();
  looking = false;
  return { el, seen, detail, paintedPreviews };
}

describe('<fhir-lab-trend> progressive first drawing', function () {
  this.timeout(180_000);

  afterEach(() => {
    for (const el of document.querySelectorAll('body > div')) el.remove();
  });

  it('draws the newest results first, still loading and saying so; the finished trend is the one-go trend', async () => {
    const { bundle, observations } = longRecord();
    const { el, seen, detail, paintedPreviews } = await load(bundle);
    expect(seen.length, 'a first drawing before ready').to.be.above(0);
    // Drawn is not enough: a frame must paint it before the finished trend replaces it.
    expect(paintedPreviews, 'frames that painted the first drawing').to.be.above(0);
    const first = seen[0];
    expect(first.state).to.equal('loading');
    expect(first.note).to.match(/^Showing 4,99\d results read so far \(of 52,00\d records\); the rest are loading\.$/);
    // Nothing that claims the whole record: no table, latest value, hidden counts or range controls.
    expect(first).to.include({ table: false, latest: false, hidden: false, range: false });
    expect(first.markers, 'the critical result among the newest is drawn').to.be.at.least(1);
    expect(first.critical, 'critical markers in the first drawing').to.be.at.least(1);
    expect(first.rings, 'each critical marker ringed').to.equal(first.critical);
    expect(seen.every((s) => s.state === 'loading')).to.equal(true);

    // Ready: the note is gone, the full chart is there, and it is the trend of a one-go build.
    const root = el.shadowRoot!;
    expect(root.querySelector('[data-kind="preview"]')).to.equal(null);
    expect(root.querySelector('[part="latest"]')).to.not.equal(null);
    const model = await buildLabTrend({ observations, code: CODE, patientId: 'pat-scale', aliases: ['Patient/pat-scale'] });
    const series = model.panels.flatMap((p) => p.series);
    expect(detail).to.deep.include({
      points: model.pointCount,
      textResults: model.textResults.length,
      series: series.length,
      enteredInError: 1,
      otherPatient: 1,
      cancelled: model.hidden.cancelled,
    });
    expect(model.hidden).to.deep.equal({ enteredInError: 1, otherPatient: 1, cancelled: 0 });
    const summary = (root.querySelector('[id^="summary-"]')?.textContent ?? '').trim();
    expect(summary).to.match(new RegExp(`^${model.pointCount.toLocaleString('en')} results`));
    expect(root.querySelector('[data-kind="entered-in-error"]')?.textContent).to.include('1');
  });

  it('says it in the page language (Spanish, German, Arabic)', async () => {
    const { bundle } = longRecord();
    const expected: Record<string, RegExp> = {
      es: /^Se muestran .+ resultados leídos hasta ahora \(de .+ registros\); el resto se está cargando\.$/,
      de: /^Angezeigt: .+ bisher gelesene Befunde \(von .+ Datensätzen\); der Rest wird geladen\.$/,
      ar: /^تُعرض .+ نتيجة قُرئت حتى الآن \(من .+ سجلًا\)؛ يجري تحميل البقية\.$/,
    };
    for (const [lang, pattern] of Object.entries(expected)) {
      await loadLocale(lang); // the language is there before the record is given
      const { seen } = await load(bundle, lang);
      expect(seen.length, lang).to.be.above(0);
      for (const s of seen) expect(s.note, lang).to.match(pattern);
      expect(seen.every((s) => s.state === 'loading')).to.equal(true);
      for (const el of document.querySelectorAll('body > div')) el.remove();
    }
  });

  it('a record of one slice or less is not drawn early', async () => {
    const bundle = generateScalePatient({ observations: 3_000 });
    const { seen, detail } = await load(bundle);
    expect(seen).to.deep.equal([]);
    expect(detail.points).to.equal(3_000);
  });
});
