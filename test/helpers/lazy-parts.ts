// The records and widgets the lazy-part tests share (lab-trend-lazy*, medication-list-lazy,
// lazy-failures, results-lazy-*, cds-cards-lazy, english-parts-loading), and the switch that makes the
// test server refuse a module: each of those files is its own fresh page, so each builds these itself.
import { expect, fixture, html } from '@open-wc/testing';
import type { FhirLabTrend } from '../../src/elements/lab-trend/lab-trend.js';
import type { FhirResults } from '../../src/elements/results/results.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { untilState } from './probe-widget.js';

export const patientP1: AnyResource = { resourceType: 'Patient', id: 'p1' };

/** A urine colour result of Patient/p1 (text, nothing to draw), with `value` (or other fields) added. */
export const urineObservation = (id: string, date: string, value: Record<string, unknown>): AnyResource => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject: { reference: 'Patient/p1' },
  code: { coding: [{ system: 'http://loinc.org', code: '5778-6' }], text: 'Urine colour' },
  effectiveDateTime: date,
  ...value,
});

/** A laboratory result of Patient/p1 (LOINC `code`, named `text`), with its value (or other fields) added. */
export const labResult = (id: string, date: string, code: string, text: string, value: Record<string, unknown>): AnyResource => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code }], text },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: date,
  ...value,
});

/** A final laboratory report of Patient/p1 (id, name) listing `results`. */
export const labPanel = (id: string, name: string, results: AnyResource[]): AnyResource => ({
  resourceType: 'DiagnosticReport',
  id,
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
  code: { text: name },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2024-01-01',
  result: results.map((r) => ({ reference: `Observation/${r.id}` })),
});

/** `<fhir-results view="flowsheet">` given Patient/p1, `panel` and `results`, once it has settled (in any state). */
export async function flowsheetOf(panel: AnyResource, results: AnyResource[]): Promise<FhirResults> {
  const el = await fixture<FhirResults>(html`<fhir-results view="flowsheet" .resources=${[patientP1, panel, ...results]}></fhir-results>`);
  await untilState(el, ['ready', 'empty', 'error'], 30_000);
  await el.updateComplete;
  return el;
}

/** A medication order of Patient/p1. */
export const medicationOrder = (id: string, status: string, text: string): AnyResource => ({
  resourceType: 'MedicationRequest',
  id,
  status,
  intent: 'order',
  subject: { reference: 'Patient/p1' },
  authoredOn: '2024-03-01',
  medicationCodeableConcept: { text },
  dosageInstruction: [{ text: 'One tablet daily' }],
});

/** One current and one past order: a list with `status="all"` shows a past group. */
export const currentAndPastOrders = [patientP1, medicationOrder('m1', 'active', 'Metformin 500 mg tablet'), medicationOrder('m2', 'stopped', 'Simvastatin 40 mg tablet')];

/** HbA1c of a demo patient on the test server, default attributes: an ordinary chart, once ready. */
export async function ordinaryTrend(): Promise<FhirLabTrend> {
  const context = await fixture(html`<fhir-context server="/fhir" patient="pat-diabetes">
    <fhir-lab-trend code="http://loinc.org|4548-4"></fhir-lab-trend>
  </fhir-context>`);
  const el = context.querySelector('fhir-lab-trend') as FhirLabTrend;
  expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
  await el.updateComplete;
  return el;
}

/** Asks the test server to answer 503 for a kit module (test/server/middleware.ts, /__fail-modules). */
export const failModule = (path: string): Promise<Response> => fetch(`/__fail-modules?path=${encodeURIComponent(path)}`, { method: 'POST' });

/** Clears every refused module; resolves with the list left (empty when cleared). */
export const clearFailedModules = async (): Promise<unknown> => (await fetch('/__fail-modules', { method: 'DELETE' })).json();

/** How many times this page fetched the module at `path` (from the resource timings). */
export const moduleRequests = (path: string): number =>
  performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname === path).length;

/** Whether this page fetched the module at `path`. */
export const requested = (path: string): boolean => moduleRequests(path) > 0;
