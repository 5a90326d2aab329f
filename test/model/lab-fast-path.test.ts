// The columnar fast path of the lab-series model against the model it replaced (kept unchanged in
// lab-series-oracle.ts): over generated records — every demo patient, scale patients over every
// numeric series, and seeded mutations of them (statuses, other patients, date forms, undated,
// comparators, critical ranges, integers, text values, shuffled order) — both give exactly the
// same series, points, flags, gaps and counts.
import { expect } from '@open-wc/testing';
import { generateDemoPatients, generateScalePatient, resourcesOf, SCALE_SERIES_CODES } from '../../demo/data/generator.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { buildLabTrend, DIRECTION_CODE, gapThresholdOf, SEVERITY_CODE, startLabTrend, type LabSeries, type LabTrendModel } from '../../src/model/lab-series.js';
import { instantToTime } from '../../src/model/lab/observation-reading.js';
import { sortByTime } from '../../src/model/lab/time-sort.js';
import { fhirDateToTime } from '../../src/model/dates.js';
import { loadUnitConverter } from '../../src/model/unit-conversion.js';
import { buildLabTrend as oracleBuild, gapThreshold, type LabTrendModel as OracleModel } from './lab-series-oracle.js';
import { createRng } from '../mutation/prng.js';

const VALUE_KIND_TEXT = { 'sampled-data': 'SampledData', attachment: 'Attachment' } as const;

/**
 * A series' severity and direction columns (what the chart draws its markers from) say what its
 * points in full say.
 */
function expectColumnsAsPoints(series: LabSeries): void {
  for (let i = 0; i < series.length; i += 1) {
    const { severity, direction } = series.point(i).interpretation;
    expect(series.severities[i], `severity of point ${i}`).to.equal(severity ? SEVERITY_CODE[severity] : 0);
    expect(series.directions[i], `direction of point ${i}`).to.equal(direction ? DIRECTION_CODE[direction] : 0);
  }
}

/** The model as plain JSON (undefined fields dropped), points in full, gaps per series; its columns checked against its points. */
function plain(model: LabTrendModel): unknown {
  for (const panel of model.panels) for (const series of panel.series) expectColumnsAsPoints(series);
  return JSON.parse(
    JSON.stringify({
      ...model,
      textResults: model.textResults.map(({ valueKind, ...rest }) => (valueKind ? { ...rest, text: VALUE_KIND_TEXT[valueKind] } : rest)),
      panels: model.panels.map((panel) => ({
        unit: panel.unit,
        unitKey: panel.unitKey,
        series: panel.series.map((s) => ({
          measure: s.measure,
          name: s.name,
          unit: s.unit,
          unitKey: s.unitKey,
          conversions: s.conversions,
          points: s.points,
          gaps: gapThresholdOf(s.times),
        })),
      })),
    }),
  );
}

function plainOracle(model: OracleModel): unknown {
  return JSON.parse(
    JSON.stringify({
      ...model,
      panels: model.panels.map((panel) => ({
        unit: panel.unit,
        unitKey: panel.unitKey,
        series: panel.series.map((s) => ({ ...s, gaps: gapThreshold(s.points) })),
      })),
    }),
  );
}

/** A small seeded generator (the mutation suite's mulberry32). */
const random = (seed: number): (() => number) => createRng(seed).next;

type Mutable = Record<string, unknown>;

/** Seeded changes to a copy of a record's Observations: every rule the model has gets exercised. */
function mutate(resources: readonly AnyResource[], seed: number): AnyResource[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const out = structuredClone(resources) as unknown as Mutable[];
  for (const resource of out) {
    if (resource.resourceType !== 'Observation' || next() > 0.35) continue;
    const quantity = resource.valueQuantity as Mutable | undefined;
    const date = typeof resource.effectiveDateTime === 'string' ? resource.effectiveDateTime : undefined;
    switch (Math.floor(next() * 14)) {
      case 0:
        resource.status = pick(['preliminary', 'entered-in-error', 'cancelled', 'amended', 'registered', 'corrected']);
        break;
      case 1:
        resource.subject = { reference: 'Patient/someone-else' };
        break;
      case 2:
        if (date) resource.effectiveDateTime = date.slice(0, 10); // a date without a time
        break;
      case 3:
        if (date) resource.effectiveDateTime = date.replace(/Z$|[+-]\d\d:\d\d$/, '.123+02:00');
        break;
      case 4:
        delete resource.effectiveDateTime; // dated by `issued`, or undated
        break;
      case 5:
        if (quantity) quantity.comparator = pick(['<', '>=', ' <= ']);
        break;
      case 6:
        if (quantity && typeof quantity.value === 'number') {
          const v = quantity.value;
          resource.referenceRange = [
            ...((resource.referenceRange as unknown[]) ?? []),
            { type: { text: 'Critical range' }, low: { ...quantity, value: v * 0.5 }, high: { ...quantity, value: v * (next() < 0.5 ? 0.9 : 1.5) } },
          ];
        }
        break;
      case 7:
        if (quantity && typeof quantity.value === 'number') {
          delete resource.valueQuantity;
          resource.valueInteger = Math.round(quantity.value);
        }
        break;
      case 8:
        delete resource.valueQuantity;
        delete resource.component;
        resource.valueString = 'Haemolysed';
        break;
      case 9:
        if (date) resource.effectiveDateTime = `${date.slice(0, 16)}`; // no seconds
        break;
      case 10:
        if (quantity) quantity.value = String(quantity.value); // a number as a string
        break;
      case 11:
        resource.interpretation = pick([[{ coding: [{ code: 'HH' }] }], { coding: [{ code: 'L' }] }, [{ text: 'Odd' }], undefined]);
        break;
      case 12:
        if (date) resource.effectiveDateTime = date.replace(/-\d\dT/, '-31T'); // past the 28th
        break;
      default:
        resource.valueAttachment = next() < 0.5 ? { title: 'scan.pdf' } : {};
        delete resource.valueQuantity;
        delete resource.component;
    }
  }
  // Shuffle a third of them (the model sorts by time; equal times keep reading order).
  for (let i = out.length - 1; i > 0; i -= 3) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out as AnyResource[];
}

/** `system|code` of every coded Observation in a record, blood pressure panels included. */
function codesOf(resources: readonly AnyResource[]): string[] {
  const codes = new Set<string>();
  for (const r of resources) {
    if (r.resourceType !== 'Observation') continue;
    const coding = (r.code as { coding?: { system?: string; code?: string }[] } | undefined)?.coding?.[0];
    if (coding?.code) codes.add(`${coding.system ?? 'http://loinc.org'}|${coding.code}`);
  }
  return [...codes];
}

async function expectSame(observations: readonly AnyResource[], code: string, patientId?: string): Promise<void> {
  const input = { observations, code, patientId, loadConverter: loadUnitConverter };
  const fast = await buildLabTrend(input);
  const old = await oracleBuild(input);
  expect(plain(fast), code).to.deep.equal(plainOracle(old));
}

describe('lab series fast path = the model it replaced', function () {
  this.timeout(120_000);

  it('on every demo patient, for every code they have', async () => {
    let compared = 0;
    for (const bundle of generateDemoPatients()) {
      const resources = resourcesOf(bundle) as AnyResource[];
      for (const code of codesOf(resources)) {
        await expectSame(resources, code);
        compared += 1;
      }
    }
    expect(compared).to.be.above(20);
  });

  it('on seeded mutations of the demo patients (statuses, patients, dates, values, order)', async () => {
    let seed = 1;
    for (const bundle of generateDemoPatients()) {
      const resources = resourcesOf(bundle) as AnyResource[];
      const patient = resources.find((r) => r.resourceType === 'Patient')!;
      for (let round = 0; round < 3; round += 1) {
        const mutated = mutate(resources, (seed += 1));
        for (const code of codesOf(resources)) await expectSame(mutated, code, round === 1 ? patient.id : undefined);
      }
    }
  });

  it('on scale patients over every numeric series, mutated, with the build read in slices', async () => {
    for (const [k, code] of SCALE_SERIES_CODES.entries()) {
      const resources = resourcesOf(generateScalePatient({ observations: 600, seed: k + 3, codes: [code, SCALE_SERIES_CODES[(k + 1) % SCALE_SERIES_CODES.length]] })) as AnyResource[];
      const mutated = mutate(resources, 100 + k);
      await expectSame(mutated, `http://loinc.org|${code}`);
      // Slicing changes nothing.
      const build = startLabTrend({ observations: mutated, code: `http://loinc.org|${code}` });
      while (!build.read(7));
      const converter = build.needsConverter() ? await loadUnitConverter() : undefined;
      expect(plain(build.finish(converter))).to.deep.equal(plain(await buildLabTrend({ observations: mutated, code: `http://loinc.org|${code}` })));
    }
  });
});

describe('instantToTime', () => {
  it('agrees with fhirDateToTime on the forms it reads, and leaves the rest to it', () => {
    const next = random(42);
    for (let i = 0; i < 2000; i += 1) {
      const t = Date.UTC(1900, 0, 1) + Math.floor(next() * 200 * 365.25 * 86_400_000);
      const iso = new Date(t).toISOString();
      const offset = `${next() < 0.5 ? '+' : '-'}${String(Math.floor(next() * 14)).padStart(2, '0')}:${pickMinutes(next())}`;
      for (const value of [iso, iso.replace(/\.\d{3}Z$/, 'Z'), iso.replace(/Z$/, offset), iso.replace(/\.\d{3}Z$/, offset)]) {
        const fast = instantToTime(value);
        if (fast !== undefined) expect(fast, value).to.equal(fhirDateToTime(value));
      }
    }
    for (const odd of ['2020-02-30T10:00:00Z', '2020-01-01T24:00:00Z', '0099-01-01T00:00:00Z', '2020-01-01T10:00Z', '2020-01-01T10:00:00.5Z', ' 2020-01-01T10:00:00Z', '2020-01-01T10:00:00']) {
      expect(instantToTime(odd), odd).to.equal(undefined);
    }
    expect(instantToTime('2020-01-01T10:00:00.123+02:00')).to.equal(fhirDateToTime('2020-01-01T10:00:00.123+02:00'));
    // Month ends and leap days are read too; days a month does not have are left to the general reader.
    for (const end of ['2020-02-29T10:00:00Z', '2000-02-29T00:00:00+05:30', '2021-01-31T23:59:59.999Z', '2021-04-30T12:00:00-03:00', '2021-12-31T00:00:00Z']) {
      expect(instantToTime(end), end).to.be.a('number');
      expect(instantToTime(end), end).to.equal(fhirDateToTime(end));
    }
    for (const none of ['2019-02-29T10:00:00Z', '1900-02-29T10:00:00Z', '2021-04-31T10:00:00Z', '2021-06-31T10:00:00Z']) {
      expect(instantToTime(none), none).to.equal(undefined);
    }
    // The day count is arithmetic (no Date.UTC): every year from 1000 to 9999, century and leap
    // years, each month's first and last day, and any time of day, as Date counts them.
    const from = Date.UTC(1000, 0, 1);
    const to = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    for (let i = 0; i < 4000; i += 1) {
      const t = from + Math.floor(next() * (to - from));
      const iso = new Date(t).toISOString();
      expect(instantToTime(iso), iso).to.equal(t);
      expect(instantToTime(iso.replace(/\.\d{3}Z$/, 'Z')), iso).to.equal(Math.floor(t / 1000) * 1000);
    }
    for (const year of [1000, 1600, 1700, 1899, 1900, 1970, 1999, 2000, 2024, 2100, 2400, 9999]) {
      for (let month = 1; month <= 12; month += 1) {
        for (const day of [1, new Date(Date.UTC(year, month, 0)).getUTCDate()]) {
          const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00Z`;
          expect(instantToTime(iso), iso).to.equal(Date.UTC(year, month - 1, day));
        }
      }
    }
  });
});

describe('sortByTime (a long series sorted in runs, then merged, a step at a time)', () => {
  it('gives the order of one sort by time, then reading order, whatever the run length', () => {
    const next = random(9);
    for (const [n, run] of [[0, 4], [1, 4], [5, 8], [100, 7], [1000, 16], [1000, 999], [4097, 64]] as const) {
      // Few distinct times (many ties), some ascending stretches, some descending.
      const times = Float64Array.from({ length: n }, (_, i) => (next() < 0.3 ? i : next() < 0.5 ? n - i : Math.floor(next() * 20)));
      const expected = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => times[a] - times[b] || a - b);
      const indices = Uint32Array.from({ length: n }, (_, i) => i);
      let steps = 0;
      for (const _ of sortByTime(times, indices, run)) steps += 1;
      expect([...indices], `${n} points in runs of ${run}`).to.deep.equal([...expected]);
      // More than one run: sorted in several steps (the page can breathe between them).
      if (n > run) expect(steps, `${n} points in runs of ${run}`).to.be.at.least(Math.ceil(n / run));
    }
  });
});

function pickMinutes(r: number): string {
  return ['00', '30', '45'][Math.floor(r * 3)];
}

/** Observations of a record oldest first (by their date text), a few near neighbours swapped, and
 * some results repeated at the same time with another value (ties that reading order decides). */
function oldestFirst(resources: readonly AnyResource[], seed: number, swaps = true): AnyResource[] {
  const next = random(seed);
  const dated = (r: AnyResource) => String(r.effectiveDateTime ?? r.issued ?? '');
  const out = resources.filter((r) => r.resourceType === 'Observation').sort((a, b) => (dated(a) < dated(b) ? -1 : dated(a) > dated(b) ? 1 : 0));
  for (let i = out.length - 2; i > 1 && swaps; i -= 5) if (next() < 0.5) [out[i], out[i - 1]] = [out[i - 1], out[i]];
  const twins: AnyResource[] = [];
  for (let i = 1; i < out.length - 1; i += 9) {
    const twin = structuredClone(out[i]) as Record<string, unknown>;
    twin.id = `${String(out[i].id)}-twin`;
    const quantity = twin.valueQuantity as { value?: unknown } | undefined;
    if (quantity && typeof quantity.value === 'number') quantity.value += 1;
    // A panel's components as text: two table results of one result at one time, in component order.
    if (Array.isArray(twin.component)) {
      for (const component of twin.component as Record<string, unknown>[]) {
        delete component.valueQuantity;
        component.valueString = `${String(twin.id)} ${String((component.code as { coding?: { code?: string }[] })?.coding?.[0]?.code)}`;
      }
    }
    twins.push(twin as AnyResource);
  }
  for (const twin of twins) out.splice(out.findIndex((r) => r.id === String(twin.id).replace(/-twin$/, '')) + (next() < 0.5 ? 0 : 1), 0, twin);
  // The newest result twice under two names, the renamed first: the trend is named by the first.
  const newest = structuredClone(out[out.length - 1]) as Record<string, unknown>;
  newest.id = `${String(newest.id)}-renamed`;
  newest.code = { ...(newest.code as object), text: 'Renamed twin' };
  out.splice(out.length - 1, 0, newest as AnyResource);
  return out;
}

describe('lab series read newest first (the progressive first drawing)', function () {
  this.timeout(120_000);

  async function expectSameNewestFirst(observations: readonly AnyResource[], code: string, slice: number, newestDrawnFirst = false): Promise<number> {
    const input = { observations, code };
    const build = startLabTrend({ ...input, newestFirst: true });
    let previews = 0;
    let first = true;
    while (!build.read(slice)) {
      const preview = build.preview();
      if (!preview) continue;
      previews += 1;
      // What is drawn early is the results read so far, nothing else, and never claims a table or counts.
      expect(preview.read).to.be.at.most(preview.total);
      expect(preview.model.textResults).to.deep.equal([]);
      expect(preview.model.hidden).to.deep.equal({ enteredInError: 0, cancelled: 0, otherPatient: 0 });
      const series = preview.model.panels.flatMap((p) => p.series);
      expect(series.reduce((n, s) => n + s.length, 0)).to.equal(preview.shown);
      for (const s of series) for (let i = 1; i < s.length; i += 1) expect(s.times[i]).to.be.at.least(s.times[i - 1]);
      for (const s of series) expectColumnsAsPoints(s);
      if (first && newestDrawnFirst) {
        // Oldest first given, newest read first: the first drawing holds the newest result.
        const newest = Math.max(...observations.map((o) => Date.parse(String(o.effectiveDateTime ?? o.issued ?? ''))).filter((t) => !Number.isNaN(t)));
        expect(Math.max(...series.map((s) => (s.length ? s.times[s.length - 1] : -Infinity)))).to.equal(newest);
        first = false;
      }
    }
    const converter = build.needsConverter() ? await loadUnitConverter() : undefined;
    const progressive = build.finish(converter);
    expect(plain(progressive), code).to.deep.equal(plain(await buildLabTrend({ ...input, loadConverter: loadUnitConverter })));
    return previews;
  }

  it('gives the same trend as reading first to last: series, flags, gaps, table, counts, title', async () => {
    for (const [k, code] of SCALE_SERIES_CODES.entries()) {
      const resources = resourcesOf(generateScalePatient({ observations: 400, seed: k + 11, codes: [code] })) as AnyResource[];
      // As generated (one unit): a first drawing after every slice, the newest result in the first.
      const previews = await expectSameNewestFirst(oldestFirst(resources, 500 + k), `http://loinc.org|${code}`, 50, true);
      expect(previews, code).to.be.at.least(7);
      // In date order throughout (read newest first, the points need no moving back).
      await expectSameNewestFirst(oldestFirst(resources, 550 + k, false), `http://loinc.org|${code}`, 50, true);
      // Mutated (statuses, other patients, date forms, units, text values): the same trend at the end.
      await expectSameNewestFirst(oldestFirst(mutate(resources, 300 + k), 600 + k), `http://loinc.org|${code}`, 50);
    }
  });

  it('on every demo patient (blood pressure panels, text results, hidden results, units)', async () => {
    let compared = 0;
    for (const [k, bundle] of generateDemoPatients().entries()) {
      const resources = mutate(resourcesOf(bundle) as AnyResource[], 900 + k);
      const ordered = oldestFirst(resources, 700 + k);
      for (const code of codesOf(resources)) {
        const observations = ordered.filter((r) => codeMatches(r, code));
        if (observations.length < 3) continue;
        await expectSameNewestFirst(observations, code, 2);
        compared += 1;
      }
      // As generated and in date order (no swaps): read newest first, every measure's points already
      // ascend (blood pressure: systolic and diastolic each), so none is moved back.
      const inOrder = oldestFirst(resourcesOf(bundle) as AnyResource[], 750 + k, false);
      for (const code of codesOf(inOrder)) {
        const observations = inOrder.filter((r) => codeMatches(r, code));
        if (observations.length >= 3) await expectSameNewestFirst(observations, code, 3);
      }
    }
    expect(compared).to.be.above(10);
  });
});

/** Whether an Observation carries `system|code` (directly or as a blood pressure component's panel). */
function codeMatches(r: AnyResource, token: string): boolean {
  const [system, code] = token.split('|');
  const codings = (r.code as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? [];
  return codings.some((c) => c.code === code && (c.system ?? 'http://loinc.org') === system);
}
