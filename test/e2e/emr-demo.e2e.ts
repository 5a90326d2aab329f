// The demo EMR page (`npm start`) end to end, in Chromium against the real dev server and the
// local FHIR server: the patient list, every generated patient's chart, patient switching that
// never shows the previous patient, the batch toggle, the theme switch, another FHIR base.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_NOTABLE, DEMO_PATIENTS, RESULTS_PATIENT } from '../../demo/data/generator.js';
import { HIE_PATIENTS } from '../../demo/data/hie.js';
import { RESULTS_NOTABLE } from '../../demo/data/results.js';
import { launchBrowser, settledStates, shadowText, startDemoServer, waitForShadowText, WIDGETS, type DemoServer } from './harness.js';

let server: DemoServer;
let browser: Browser;

async function familyName(id: string): Promise<string> {
  const patient = (await (await fetch(`${server.origin}/fhir/Patient/${id}`)).json()) as { name?: { family?: string }[] };
  return patient.name?.[0]?.family ?? '';
}

/**
 * Records, on every animation frame, which patient the chart is set to and the text all four
 * widgets show, so a test can tell whether a previous patient's name was ever painted.
 */
const WATCH_CHART = String.raw`(() => {
  const collect = (node) => {
    let text = '';
    if (node.shadowRoot) text += collect(node.shadowRoot);
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.textContent + ' ';
      else if (child.nodeType === Node.ELEMENT_NODE && child.nodeName !== 'STYLE') text += collect(child) + ' ';
    }
    return text;
  };
  const samples = [];
  window.__chartSamples = samples;
  const tick = () => {
    const context = document.querySelector('fhir-context');
    const text = ${JSON.stringify(WIDGETS)}.map((tag) => collect(document.querySelector(tag))).join(' ');
    samples.push({ patient: context.getAttribute('patient'), text: text.replace(/\s+/g, ' ') });
    requestAnimationFrame(tick);
  };
  tick();
})()`;

async function chartSamples(page: Page): Promise<{ patient: string | null; text: string }[]> {
  return page.evaluate('window.__chartSamples.splice(0)') as Promise<{ patient: string | null; text: string }[]>;
}

/** Clicks a patient in the list and waits until the chart shows them with every widget settled. */
async function openFromList(page: Page, id: string, family: string): Promise<Record<string, string>> {
  await page.locator(`button[data-patient="${id}"]`).click();
  await waitForShadowText(page, 'fhir-patient-summary', family).catch(async (error: unknown) => {
    throw new Error(`${id}: the summary never showed ${family}: ${await shadowText(page, 'fhir-patient-summary')} (${String(error)})`);
  });
  return settledStates(page);
}

/** The page's two <fhir-results> (lab flowsheet/reports, imaging), once both have left `loading`. */
const RESULTS_PANELS = ['#results-panel fhir-results', '#imaging-panel fhir-results'] as const;
async function resultsStates(page: Page, timeout = 30_000): Promise<string[]> {
  await page.waitForFunction(
    (selectors) => selectors.every((selector) => !['loading', null].includes(document.querySelector(selector)?.getAttribute('state') ?? null)),
    [...RESULTS_PANELS],
    { timeout },
  );
  return page.evaluate((selectors) => selectors.map((selector) => document.querySelector(selector)!.getAttribute('state')!), [...RESULTS_PANELS]);
}

describe('demo EMR page', { timeout: 240_000 }, () => {
  let page: Page;
  const requests: { method: string; url: string }[] = [];
  const errors: string[] = [];

  before(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
    page = await browser.newPage();
    page.on('request', (request) => requests.push({ method: request.method(), url: request.url() }));
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the generated patients from the local FHIR server', async () => {
    await page.goto(`${server.origin}/`);
    await page.locator('button[data-patient]').first().waitFor();
    const listed = await page.locator('button[data-patient]').evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).dataset.patient));
    for (const patient of DEMO_PATIENTS) assert.ok(listed.includes(patient.id), `${patient.id} is listed`);
    assert.match((await page.locator('#patient-list-status').textContent()) ?? '', new RegExp(`^${listed.length} patients`));
    assert.ok(await page.locator('fhir-context').evaluate((element) => (element as HTMLElement).hidden), 'no chart before a patient is chosen');
    // Before a patient is chosen the widgets wait, neutral: idle, never error, no alert.
    const states = await settledStates(page);
    for (const tag of WIDGETS) assert.equal(states[tag], 'idle', `${tag} waits idle before a patient is chosen`);
    for (const tag of WIDGETS) {
      const alerts = await page.locator(tag).evaluate((element) => element.shadowRoot?.querySelectorAll('[role="alert"]').length ?? 0);
      assert.equal(alerts, 0, `${tag} shows no alert before a patient is chosen`);
    }
  });

  it("shows every generated patient's chart, and never the previous patient's name after a switch", async () => {
    await page.evaluate(WATCH_CHART);
    const order = [...DEMO_PATIENTS.map((patient) => patient.id), DEMO_PATIENTS[0].id];
    let previous: { id: string; family: string } | undefined;
    for (const id of order) {
      const family = await familyName(id);
      assert.ok(family, `${id} has a family name`);
      const states = await openFromList(page, id, family);
      for (const tag of WIDGETS) assert.ok(['ready', 'empty'].includes(states[tag]), `${id}: ${tag} is ${states[tag]}`);
      for (const [i, state] of (await resultsStates(page)).entries()) assert.ok(['ready', 'empty'].includes(state), `${id}: ${RESULTS_PANELS[i]} is ${state}`);
      const samples = await chartSamples(page);
      if (previous && previous.family.toUpperCase() !== family.toUpperCase()) {
        const stale = samples.filter((sample) => sample.patient === id && sample.text.toUpperCase().includes(previous!.family.toUpperCase()));
        assert.equal(stale.length, 0, `${previous.id}'s name was painted while ${id} was selected: ${stale[0]?.text.slice(0, 200)}`);
        assert.ok(samples.some((sample) => sample.patient === id), 'the watcher sampled the switch');
      }
      assert.equal(await page.locator(`button[data-patient="${id}"]`).getAttribute('aria-current'), 'true');
      assert.equal(new URL(page.url()).searchParams.get('patient'), id);
      previous = { id, family };
    }
  });

  it('results and imaging panels fill for the patient with results; choosing a flowsheet row opens its trend', async () => {
    const id = RESULTS_PATIENT;
    await openFromList(page, id, await familyName(id));
    assert.deepEqual(await resultsStates(page), ['ready', 'ready']);
    const flowsheet = page.locator('#results-panel fhir-results');
    assert.equal(await flowsheet.getAttribute('view'), 'flowsheet');
    // The grid: a row per test; the critical potassium is marked as critical, not only coloured.
    assert.match(await shadowText(page, '#results-panel fhir-results'), /Cholesterol/);
    // A long grid draws its first rows at `ready` and the rest in the next frames (aria-busy meanwhile).
    await page.waitForFunction(() => !document.querySelector('#results-panel fhir-results')?.shadowRoot?.querySelector('[aria-busy="true"]'));
    assert.ok((await flowsheet.locator('[part~="cell"][data-severity="critical"]').count()) > 0, 'a critical cell is flagged');

    // Choosing a test (its row header, Enter) sets the trend's code, and the trend loads it.
    const before = await page.locator('fhir-lab-trend').getAttribute('code');
    const row = flowsheet.locator('[part~="row-header"]').filter({ has: page.locator('.test-name', { hasText: /^Cholesterol$/ }) });
    await row.click();
    await row.press('Enter');
    await page.waitForFunction((previous) => document.querySelector('fhir-lab-trend')?.getAttribute('code') !== previous, before);
    assert.equal(await page.locator('fhir-lab-trend').getAttribute('code'), 'http://loinc.org|2093-3');
    assert.equal(await page.locator('#trend-code').inputValue(), 'http://loinc.org|2093-3');
    assert.equal((await settledStates(page))['fhir-lab-trend'], 'ready');

    // The switch shows the reports: the corrected CBC is marked, the entered-in-error one is not shown.
    await page.locator('#results-view').selectOption('reports');
    assert.equal(await flowsheet.getAttribute('view'), 'reports');
    await page.waitForFunction(() => document.querySelector('#results-panel fhir-results')?.shadowRoot?.querySelector('[part~="report"]'));
    assert.equal((await resultsStates(page))[0], 'ready');
    const reports = await shadowText(page, '#results-panel fhir-results');
    assert.match(reports, /Corrected/);
    assert.match(reports, /1 entry hidden: entered in error/);
    await page.locator('#results-view').selectOption('flowsheet');

    // Imaging: the CT study's viewer link carries the bare study UID; the unreported study is listed.
    const imaging = page.locator('#imaging-panel fhir-results');
    const ct = imaging.locator('[part~="report-toggle"]', { hasText: 'CT chest' });
    await ct.click();
    // The opened report's own link (its detail is drawn once its module has loaded; the unreported study's link is there before).
    const link = imaging.locator('[part~="report-detail"] [part~="viewer-link"]').first();
    assert.equal(await link.getAttribute('href'), `https://viewer.ohif.org/viewer?StudyInstanceUIDs=${RESULTS_NOTABLE.studyUid}`);
    assert.match(await shadowText(page, '#imaging-panel fhir-results'), /Imaging studies without a report \(1\)/);
    assert.equal(DEMO_NOTABLE[id].ctStudy, RESULTS_NOTABLE.ctStudy(id));
  });

  it('the batch toggle sends the first requests as one FHIR batch, and the chart still fills', async () => {
    await page.locator('#batch-toggle').check();
    assert.equal(await page.locator('fhir-context').getAttribute('batch'), '');
    const before = requests.length;
    const id = DEMO_PATIENTS[1].id;
    const family = await familyName(id);
    const states = await openFromList(page, id, family);
    for (const tag of WIDGETS) assert.ok(['ready', 'empty'].includes(states[tag]), `${tag} is ${states[tag]}`);
    const sent = requests.slice(before);
    assert.ok(
      sent.some((request) => request.method === 'POST' && /^\/fhir\/?$/.test(new URL(request.url).pathname)),
      `a batch POST to the base: ${sent.map((request) => `${request.method} ${request.url}`).join(', ')}`,
    );
    await page.locator('#batch-toggle').uncheck();
  });

  it('"Include regional HIE" merges the HIE (source labels, the HIE-only allergy); "Make the HIE fail" leaves the chart partial, the HIE named', async () => {
    const id = 'pat-child';
    await openFromList(page, id, await familyName(id));
    assert.equal(await page.locator('#hie-fail-toggle').isDisabled(), true, 'the fail control waits for the HIE');
    assert.equal(await page.locator('fhir-context fhir-source').count(), 0);
    assert.doesNotMatch(await shadowText(page, 'fhir-allergy-banner'), /ibuprofen/i, 'the EMR alone does not know the ibuprofen allergy');

    await page.locator('#hie-toggle').check();
    const source = page.locator('fhir-context > fhir-source');
    assert.equal(await source.getAttribute('patient'), HIE_PATIENTS[id]);
    assert.equal(await source.getAttribute('label'), 'Regional HIE');
    await page.waitForFunction(() => {
      const banner = document.querySelector('fhir-allergy-banner');
      return banner?.getAttribute('state') === 'ready' && /ibuprofen/i.test(banner.shadowRoot?.textContent ?? '');
    });
    const banner = await shadowText(page, 'fhir-allergy-banner');
    assert.match(banner, /Regional HIE/, 'rows name their source');
    assert.match(banner, /Riverside|localhost|127\.0\.0\.1/, 'the EMR is named too');
    assert.equal(await page.locator('fhir-allergy-banner').getAttribute('partial'), null);
    const states = await settledStates(page);
    for (const tag of WIDGETS) assert.ok(['ready', 'empty'].includes(states[tag]), `${tag} is ${states[tag]}`);

    await page.locator('#hie-fail-toggle').check();
    assert.match((await source.getAttribute('server')) ?? '', /\/hie\/faults\/500\/fhir$/);
    await page.waitForFunction(() => document.querySelector('fhir-allergy-banner')?.hasAttribute('partial'));
    // A function, not waitForShadowText's string: the page's CSP blocks a string polled by eval.
    await page.waitForFunction(() => /unavailable from Regional HIE/.test(document.querySelector('fhir-allergy-banner')?.shadowRoot?.textContent ?? ''));
    const failed = await settledStates(page);
    for (const tag of WIDGETS) {
      assert.ok(['ready', 'empty'].includes(failed[tag]), `${tag} is ${failed[tag]}`);
      assert.equal(await page.locator(tag).getAttribute('partial'), '', `${tag} is partial`);
      assert.match(await shadowText(page, tag), /Regional HIE/, `${tag} names the failed source`);
    }
    assert.doesNotMatch(await shadowText(page, 'fhir-allergy-banner'), /No known allergies/);

    // Off again: the EMR alone, nothing partial.
    await page.locator('#hie-fail-toggle').uncheck();
    await page.locator('#hie-toggle').uncheck();
    assert.equal(await page.locator('fhir-context fhir-source').count(), 0);
    await page.waitForFunction(() => !document.querySelector('fhir-allergy-banner')?.hasAttribute('partial'));
    await settledStates(page);
    assert.doesNotMatch(await shadowText(page, 'fhir-allergy-banner'), /Regional HIE/);
  });

  it('the theme switch turns the page and the widgets dark through CSS custom properties', async () => {
    const scheme = () => page.locator('fhir-allergy-banner').evaluate((element) => getComputedStyle(element).colorScheme);
    const textColour = () => page.locator('fhir-allergy-banner').evaluate((element) => getComputedStyle(element).color);
    await page.evaluate(() => {
      document.documentElement.dataset.theme = 'light';
    });
    const lightColour = await textColour();
    assert.equal(await scheme(), 'light');
    await page.locator('#theme-toggle').click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    assert.equal(await page.locator('#theme-toggle').getAttribute('aria-pressed'), 'true');
    assert.equal(await scheme(), 'dark');
    assert.notEqual(await textColour(), lightColour, 'the widget text colour follows the theme');
    await page.locator('#theme-toggle').click();
    assert.equal(await scheme(), 'light');
  });

  it('pointing at a failing FHIR base shows errors, not an empty list or chart', async () => {
    await page.locator('#server-field').fill(`${server.origin}/faults/500/fhir`);
    await page.locator('#patient-field').fill('pat-ckd');
    await page.locator('#source-form button[type="submit"]').click();
    await page.waitForFunction(() => /could not be loaded/.test(document.getElementById('patient-list-status')?.textContent ?? ''));
    const states = await settledStates(page);
    for (const tag of WIDGETS) assert.equal(states[tag], 'error', `${tag} shows the failure`);
    assert.deepEqual(await resultsStates(page), ['error', 'error'], 'the results panels show the failure');
    assert.match(await shadowText(page, 'fhir-allergy-banner'), /unavailable/i);
    assert.equal(await page.locator('button[data-patient]').count(), 0);
    assert.equal(new URL(page.url()).searchParams.get('server'), `${server.origin}/faults/500/fhir`);

    // And back to the local server by its URL.
    await page.locator('#server-field').fill(`${server.origin}/fhir`);
    await page.locator('#source-form button[type="submit"]').click();
    await page.locator('button[data-patient="pat-ckd"]').waitFor();
    const back = await settledStates(page);
    for (const tag of WIDGETS) assert.ok(['ready', 'empty'].includes(back[tag]), `${tag} is ${back[tag]}`);
  });

  it('logged no uncaught errors (besides the failing server’s own responses)', () => {
    const unexpected = errors.filter((text) => !/status of 500/.test(text));
    assert.deepEqual(unexpected, []);
  });
});
