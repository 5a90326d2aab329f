// A long record given to <fhir-context resources> or <fhir-source resources> (more resources than
// one flattening slice): it is flattened a slice per task, as a widget's own `resources` are, so the
// page runs between slices while every widget stays `loading`; the widgets then show exactly what a
// one-go build of the record gives. Replacing the record (or the patient) mid-way, or taking the
// element out of the page, stops the walk of the old record: its later entries are never read.
//
// How "between slices" is seen without timing: the record's first and last entries are read through
// getters that count their reads. When the walk reads the first entry, a task the page asks to run
// first (user-blocking, like input) is queued; it runs at the first pause of the walk. Flattened in
// one task, the last entry would already have been read by then. (The walk goes on in a message
// task after each slice — src/fhir/yield-to-page.ts — so input, rendering and user-blocking tasks
// run between its slices.)
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import type { FhirSource } from '../../src/elements/context/fhir-source.js';
import type { LabTrendLoadDetail } from '../../src/elements/lab-trend/lab-trend.js';
import { GIVEN_SLICE, type FhirLoader } from '../../src/fhir/loader.js';
import { yieldToPage } from '../../src/fhir/yield-to-page.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { buildLabTrend } from '../../src/model/lab-series.js';
import { givenRecord, partitionByScope } from '../../src/model/patient-scope.js';
import { untilState } from '../helpers/probe-widget.js';
import { squash } from '../helpers/widget-dom.js';

defineElements();

const HBA1C = 'http://loinc.org|4548-4';
/** More results than one slice: the walk pauses at least once. */
const RESULTS = GIVEN_SLICE + 100_000;

type Widget = HTMLElement & { state: string; updateComplete: Promise<unknown> };

interface LongRecord {
  /** What is given as `resources`. */
  given: unknown;
  /** Reads of the record's first and last entries so far. */
  reads: { first: number; last: number };
  /** Called at each read of the first entry (by the walk that flattens the record). */
  onFirstRead?: () => void;
  /** The record's own Conditions (ids), its newest HbA1c value as shown, and its result count. */
  conditions: string[];
  newest: string;
  results: number;
}

/** A resource entry whose `resource` is read through a getter (counted). */
function watchedEntry(resource: AnyResource, onRead: () => void): object {
  return {
    fullUrl: `urn:uuid:${resource.id}`,
    get resource() {
      onRead();
      return resource;
    },
  };
}

/**
 * One patient's long record: the Patient, two Conditions, `RESULTS` HbA1c results (the newest with
 * `newest` as its value), and another patient's Condition and result (dropped and counted). As a
 * collection Bundle, or as an array holding a batch-response of searchset Bundles (nested).
 */
function longRecord(key: string, newest: number, shape: 'collection' | 'nested'): LongRecord {
  const patientId = `${key}-patient`;
  const subject = { reference: `Patient/${patientId}` };
  const other = { reference: 'Patient/someone-else' };
  const start = Date.UTC(2001, 0, 1);
  const results: AnyResource[] = [];
  for (let i = 0; i < RESULTS; i += 1) {
    results.push({
      resourceType: 'Observation',
      id: `${key}-r${i}`,
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '4548-4' }] },
      subject,
      effectiveDateTime: new Date(start + i * 60_000).toISOString(),
      valueQuantity: { value: i === RESULTS - 1 ? newest : 5 + (i % 20) / 10, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
    });
  }
  const conditions: AnyResource[] = [1, 2].map((n) => ({ resourceType: 'Condition', id: `${key}-c${n}`, code: { text: `${key} problem ${n}` }, subject }));
  const others: AnyResource[] = [
    { resourceType: 'Condition', id: `${key}-other-c`, code: { text: 'someone else’s problem' }, subject: other },
    { ...results[0], id: `${key}-other-r`, subject: other, valueQuantity: { value: 13.9, unit: '%' } },
  ];
  const record: LongRecord = {
    given: undefined,
    reads: { first: 0, last: 0 },
    conditions: conditions.map((c) => `Condition/${c.id}`),
    newest: newest.toFixed(1),
    results: RESULTS,
  };
  const first = watchedEntry({ resourceType: 'Patient', id: patientId, name: [{ family: key }] }, () => {
    record.reads.first += 1;
    record.onFirstRead?.();
  });
  const last = watchedEntry(results.pop()!, () => (record.reads.last += 1));
  const middle = [...conditions, ...others, ...results].map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource }));
  if (shape === 'collection') {
    record.given = { resourceType: 'Bundle', type: 'collection', entry: [first, ...middle, last] };
  } else {
    const searchset = (entry: object[]) => ({ resource: { resourceType: 'Bundle', type: 'searchset', entry } });
    const half = middle.length >> 1;
    record.given = [
      { resourceType: 'Bundle', type: 'batch-response', entry: [searchset([first, ...middle.slice(0, half)]), searchset(middle.slice(half))] },
      { resourceType: 'Bundle', type: 'searchset', entry: [last] },
    ];
  }
  return record;
}

/**
 * Calls `during` in a task the page asks to run first (user-blocking, like input), queued when the
 * walk reads the record's first entry: it runs at the walk's first pause.
 */
function atFirstPause(record: LongRecord, during: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const scheduler = (globalThis as unknown as { scheduler: { postTask: (task: () => void, options: { priority: string }) => Promise<void> } }).scheduler;
    record.onFirstRead = () => {
      record.onFirstRead = undefined;
      scheduler.postTask(during, { priority: 'user-blocking' }).then(resolve, reject);
    };
  });
}

/** Whether the page has fetched the words of data-layer failures (a stopped walk is no failure). */
function errorTextFetched(): boolean {
  return performance.getEntriesByType('resource').some((entry) => /\/error-text(-[\w-]+)?\.[jt]s$/.test(new URL(entry.name).pathname));
}

/** Lets every walk already paused run its next slice (paused walks go on in the order they paused). */
async function letPausedWalksRun(): Promise<void> {
  // A message task queued now runs after the ones the paused walks queued (the same task source).
  for (let i = 0; i < 3; i += 1) await yieldToPage();
}

/** Full collections, each in a task of its own (as test/elements/memory.test.ts does). */
async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('gc() is not exposed: start Chromium with --js-flags=--expose-gc (web-test-runner.config.mjs)');
  for (let round = 0; round < 4; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
  }
}

/**
 * Gives `context` a long record and replaces it with `next` at the walk's first pause; returns weak
 * references to the first record and the loader that walked it (a function of its own, so that no
 * local of the test holds them).
 */
async function replacedMidWay(context: FhirContext, next: LongRecord): Promise<{ record: WeakRef<object>; loader: WeakRef<FhirLoader> }> {
  const first = longRecord('a', 8.8, 'nested');
  const loaderOf = () => (context as unknown as { loader: FhirLoader }).loader;
  let loader: WeakRef<FhirLoader> | undefined;
  const paused = atFirstPause(first, () => {
    loader = new WeakRef(loaderOf());
    context.resources = next.given;
  });
  context.resources = first.given;
  await paused;
  return { record: new WeakRef(first.given as object), loader: loader! };
}

function loaded(widgets: Widget[]): Promise<CustomEvent[]> {
  return Promise.all(widgets.map((widget) => oneEvent(widget, 'fhir-load') as Promise<CustomEvent>));
}

function listed(widget: Widget): string[] {
  return [...widget.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent ?? '').sort();
}

/** What a one-go build of `given` gives the lab trend (flattened in one call, the model built in one). */
async function oneGoTrend(given: unknown): Promise<Pick<LabTrendLoadDetail, 'points' | 'series' | 'textResults' | 'otherPatient'>> {
  const { resources, scope } = givenRecord(given);
  const observations = resources.filter((r) => r.resourceType === 'Observation');
  const model = await buildLabTrend({ observations, code: HBA1C, patientId: scope.patientId, aliases: scope.aliases });
  return { points: model.pointCount, series: model.panels.flatMap((p) => p.series).length, textResults: model.textResults.length, otherPatient: model.hidden.otherPatient };
}

/** How many of the record's resources a one-go build keeps for its patient, and how many it drops. */
function oneGoCounts(given: unknown): { records: number; otherPatient: number } {
  const { resources, scope } = givenRecord(given);
  const { kept, otherPatient } = partitionByScope(resources, scope);
  return { records: kept.length, otherPatient };
}

/** The Conditions a one-go build of `given` keeps for its patient, and how many it drops. */
function oneGoConditions(given: unknown): { ids: string[]; otherPatient: number } {
  const { resources, scope } = givenRecord(given);
  const { kept, otherPatient } = partitionByScope(
    resources.filter((r) => r.resourceType === 'Condition'),
    scope,
  );
  return { ids: kept.map((r) => `Condition/${r.id}`).sort(), otherPatient };
}

async function expectRecordShown(probe: Widget, trend: Widget, loads: CustomEvent[], record: LongRecord): Promise<void> {
  await Promise.all([probe.updateComplete, trend.updateComplete]);
  expect([probe.state, trend.state]).to.deep.equal(['ready', 'ready']);
  const conditions = oneGoConditions(record.given);
  expect(conditions.ids).to.deep.equal(record.conditions);
  expect(listed(probe)).to.deep.equal(conditions.ids);
  expect(loads[0].detail).to.deep.equal({ shown: 2, otherPatient: conditions.otherPatient });
  expect(conditions.otherPatient).to.equal(1);
  const expected = await oneGoTrend(record.given);
  expect(expected).to.deep.include({ points: record.results, otherPatient: 1 });
  expect(loads[1].detail).to.deep.include(expected);
  const latest = squash(trend.shadowRoot!.querySelector('[part="latest"]')?.textContent);
  expect(latest).to.contain(record.newest);
}

describe('a long record given to <fhir-context> or <fhir-source>', function () {
  this.timeout(180_000);

  describe('<fhir-context resources>', () => {
    async function chart(): Promise<{ context: FhirContext; probe: Widget; trend: Widget }> {
      const context = await fixture<FhirContext>(html`<fhir-context>
        <probe-widget resource-type="Condition"></probe-widget>
        <fhir-lab-trend code=${HBA1C} range="all"></fhir-lab-trend>
      </fhir-context>`);
      return { context, probe: context.querySelector('probe-widget')!, trend: context.querySelector('fhir-lab-trend')! };
    }

    it('is flattened a slice per task, every widget loading meanwhile; then the one-go data, the other patient counted', async () => {
      const { context, probe, trend } = await chart();
      const record = longRecord('a', 8.8, 'collection');
      let during: unknown;
      const paused = atFirstPause(record, () => (during = { reads: { ...record.reads }, states: [probe.state, trend.state] }));
      const loads = loaded([probe, trend]);
      context.resources = record.given;
      await paused;
      expect(during, 'the page ran between slices, with every widget loading').to.deep.equal({ reads: { first: 1, last: 0 }, states: ['loading', 'loading'] });
      const shown = await loads;
      expect(record.reads, 'the record was walked once').to.deep.equal({ first: 1, last: 1 });
      await expectRecordShown(probe, trend, shown, record);
    });

    it('a record replaced mid-way: only the new record is shown, and the old one is no longer walked', async () => {
      const { context, probe, trend } = await chart();
      const first = longRecord('a', 8.8, 'collection');
      const second = longRecord('b', 4.4, 'nested');
      let states: string[] = [];
      const paused = atFirstPause(first, () => {
        states = [probe.state, trend.state];
        context.resources = second.given;
      });
      const loads = loaded([probe, trend]);
      context.resources = first.given;
      await paused;
      expect(states).to.deep.equal(['loading', 'loading']);
      const shown = await loads;
      await letPausedWalksRun();
      expect(first.reads, 'the first record’s walk stopped at its first pause').to.deep.equal({ first: 1, last: 0 });
      expect(second.reads).to.deep.equal({ first: 1, last: 1 });
      await expectRecordShown(probe, trend, shown, second);
      expect(squash(trend.shadowRoot!.textContent)).not.to.contain('8.8');
      expect(errorTextFetched(), 'no failure words fetched for the stopped walk').to.equal(false);
    });

    it('keeps nothing of a record replaced mid-way: its resources and the loader that walked them can be collected', async () => {
      const { context, probe, trend } = await chart();
      const second = longRecord('b', 4.4, 'collection');
      const loads = loaded([probe, trend]);
      const earlier = await replacedMidWay(context, second);
      await expectRecordShown(probe, trend, await loads, second);
      await collectGarbage();
      // Booleans: a failure message never prints a loader or a record of 300,000 resources.
      expect(earlier.loader.deref() === undefined, 'the loader of the replaced record was collected').to.equal(true);
      expect(earlier.record.deref() === undefined, 'the replaced record was collected').to.equal(true);
    });

    it('a patient changed mid-way: the old walk stops, the record is walked again for the new patient', async () => {
      const { context, probe, trend } = await chart();
      const record = longRecord('a', 8.8, 'collection');
      context.patient = 'someone-else';
      await context.updateComplete;
      const paused = atFirstPause(record, () => (context.patient = 'a-patient'));
      const loads = loaded([probe, trend]);
      context.resources = record.given;
      await paused;
      const shown = await loads;
      await letPausedWalksRun();
      expect(record.reads, 'walked to the end once: the walk for the earlier patient stopped').to.deep.equal({ first: 2, last: 1 });
      await expectRecordShown(probe, trend, shown, record);
    });

    it('a context taken out mid-way stops walking; put back, it loads the record afresh', async () => {
      const { context, probe, trend } = await chart();
      const record = longRecord('a', 8.8, 'nested');
      const parent = context.parentElement!;
      const failures: string[] = [];
      for (const widget of [probe, trend]) widget.addEventListener('fhir-error', () => failures.push(widget.localName));
      const paused = atFirstPause(record, () => context.remove());
      context.resources = record.given;
      await paused;
      await letPausedWalksRun();
      await Promise.all([probe.updateComplete, trend.updateComplete]);
      expect(record.reads, 'out of the page, the walk stopped').to.deep.equal({ first: 1, last: 0 });
      expect(errorTextFetched(), 'no failure words fetched for the stopped walk').to.equal(false);
      // Stopped is not failed: the widgets wait, loading, and no fhir-error reaches the host.
      expect([probe.state, trend.state]).to.deep.equal(['loading', 'loading']);
      expect(failures).to.deep.equal([]);
      const loads = loaded([probe, trend]);
      parent.append(context);
      const shown = await loads;
      expect(record.reads).to.deep.equal({ first: 2, last: 1 });
      await expectRecordShown(probe, trend, shown, record);
    });
  });

  describe('<fhir-source resources>', () => {
    const primaryPatient = { resourceType: 'Patient', id: 'primary-patient' };
    const primary = [primaryPatient, { resourceType: 'Condition', id: 'primary-c', subject: { reference: 'Patient/primary-patient' } }];

    async function chart(): Promise<{ source: FhirSource; probe: Widget; trend: Widget }> {
      const context = await fixture<FhirContext>(html`<fhir-context .resources=${primary} label="Clinic">
        <fhir-source label="Lab"></fhir-source>
        <probe-widget resource-type="Condition"></probe-widget>
        <fhir-lab-trend code=${HBA1C} range="all"></fhir-lab-trend>
      </fhir-context>`);
      const probe = context.querySelector<Widget>('probe-widget')!;
      const trend = context.querySelector<Widget>('fhir-lab-trend')!;
      // The primary record alone first (its one Condition; no results).
      await untilState(probe, ['ready']);
      await untilState(trend, ['empty']);
      return { source: context.querySelector('fhir-source')!, probe, trend };
    }

    /** The source's record merged with the primary one: its Conditions next to the primary's, its results alone. */
    async function expectMerged(probe: Widget, trend: Widget, loads: CustomEvent[], record: LongRecord): Promise<void> {
      await Promise.all([probe.updateComplete, trend.updateComplete]);
      expect([probe.state, trend.state]).to.deep.equal(['ready', 'ready']);
      expect(probe.hasAttribute('partial')).to.equal(false);
      expect(listed(probe)).to.deep.equal(['Condition/primary-c', ...oneGoConditions(record.given).ids].sort());
      // Each source's resources of another patient dropped and counted per source (as a one-go build counts them).
      const counts = oneGoCounts(record.given);
      expect(counts.otherPatient).to.equal(2);
      const perSource = { sources: 2, 'records@Clinic': 2, 'otherPatient@Clinic': 0, 'records@Lab': counts.records, 'otherPatient@Lab': counts.otherPatient };
      expect(loads[0].detail).to.deep.equal({ shown: 3, otherPatient: 0, ...perSource });
      const { otherPatient, ...trendExpected } = await oneGoTrend(record.given);
      expect(otherPatient).to.equal(1);
      expect(trendExpected.points).to.equal(record.results);
      expect(loads[1].detail).to.deep.include({ ...trendExpected, otherPatient: 0, ...perSource });
      expect(squash(trend.shadowRoot!.querySelector('[part="latest"]')?.textContent)).to.contain(record.newest);
    }

    it('is flattened a slice per task, every widget loading meanwhile; then merged as a one-go build is', async () => {
      const { source, probe, trend } = await chart();
      const record = longRecord('a', 8.8, 'nested');
      let during: unknown;
      const paused = atFirstPause(record, () => (during = { reads: { ...record.reads }, states: [probe.state, trend.state] }));
      const loads = loaded([probe, trend]);
      source.resources = record.given;
      await paused;
      expect(during, 'the page ran between slices, with every widget loading').to.deep.equal({ reads: { first: 1, last: 0 }, states: ['loading', 'loading'] });
      const shown = await loads;
      expect(record.reads, 'the record was walked once (its patient decided in the same walk)').to.deep.equal({ first: 1, last: 1 });
      await expectMerged(probe, trend, shown, record);
    });

    it('a record replaced mid-way: only the new record is merged, and the old one is no longer walked', async () => {
      const { source, probe, trend } = await chart();
      const first = longRecord('a', 8.8, 'nested');
      const second = longRecord('b', 4.4, 'collection');
      let states: string[] = [];
      const paused = atFirstPause(first, () => {
        states = [probe.state, trend.state];
        source.resources = second.given;
      });
      const loads = loaded([probe, trend]);
      source.resources = first.given;
      await paused;
      expect(states).to.deep.equal(['loading', 'loading']);
      const shown = await loads;
      await letPausedWalksRun();
      expect(first.reads, 'the first record’s walk stopped at its first pause').to.deep.equal({ first: 1, last: 0 });
      expect(second.reads).to.deep.equal({ first: 1, last: 1 });
      await expectMerged(probe, trend, shown, second);
      expect(squash(trend.shadowRoot!.textContent)).not.to.contain('8.8');
    });

    it('a source taken out mid-way stops walking, and the widgets show the primary record alone', async () => {
      const { source, probe } = await chart();
      const record = longRecord('a', 8.8, 'collection');
      const paused = atFirstPause(record, () => source.remove());
      const loads = loaded([probe]);
      source.resources = record.given;
      await paused;
      await letPausedWalksRun();
      expect(record.reads, 'out of the page, the walk stopped').to.deep.equal({ first: 1, last: 0 });
      const [load] = await loads;
      await probe.updateComplete;
      expect(listed(probe)).to.deep.equal(['Condition/primary-c']);
      expect(load.detail).to.deep.include({ shown: 1 });
    });
  });
});
