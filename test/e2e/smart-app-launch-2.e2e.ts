// SMART App Launch 2 behaviours in real launches (issue 16), in Chromium against the demo's dev
// server: the demo EHR creates a launch context that says it shows its own patient banner
// (`need_patient_banner: false`) and offers its style (`smart_style_url`); fhirclient completes
// the launch with the demo authorization server; the kit maps the style onto its --fhir-* tokens,
// hides the summary's identity block, shows only the launch's patient, keeps two tabs' launches
// apart, refreshes an expired access token with the refresh token `online_access` earned, and
// without one (or once it is revoked) says the session expired in every widget.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { DEMO_EHR_STYLE } from '../../demo/auth/smart-auth-server.js';
import { launchBrowser, settledStates, shadowText, startDemoServer, waitForFrame, WIDGETS, type DemoServer } from './harness.js';

let server: DemoServer;
let browser: Browser;

interface Observed {
  /** Every request: URL, method, Authorization header, body (token requests). */
  requests: { url: string; method: string; authorization?: string; body?: string }[];
  tokenResponses: Record<string, unknown>[];
  console: string[];
}

function observe(page: Page): Observed {
  const observed: Observed = { requests: [], tokenResponses: [], console: [] };
  page.on('request', (request) => {
    observed.requests.push({
      url: request.url(),
      method: request.method(),
      authorization: request.headers().authorization,
      body: request.postData() ?? undefined,
    });
  });
  page.on('response', async (response) => {
    if (new URL(response.url()).pathname !== '/auth/token' || response.request().method() !== 'POST') return;
    observed.tokenResponses.push((await response.json().catch(() => ({}))) as Record<string, unknown>);
  });
  page.on('console', (message) => observed.console.push(message.text()));
  return observed;
}

async function newPage(context?: BrowserContext): Promise<{ context: BrowserContext; page: Page; observed: Observed }> {
  const ownContext = context ?? (await browser.newContext());
  const page = await ownContext.newPage();
  return { context: ownContext, page, observed: observe(page) };
}

async function familyName(id: string): Promise<string> {
  const patient = (await (await fetch(`${server.origin}/fhir/Patient/${id}`)).json()) as { name?: { family?: string }[] };
  const family = patient.name?.[0]?.family;
  assert.ok(family, `Patient/${id} has a family name`);
  return family;
}

/** Opens the EHR (optionally with `?app=`), selects a patient, returns the app's frame once every widget settled. */
async function ehrLaunch(page: Page, patientId: string, app?: string): Promise<{ frame: Frame; states: Record<string, string> }> {
  await page.goto(`${server.origin}/ehr/${app ? `?app=${encodeURIComponent(app)}` : ''}`);
  await page.locator(`button[data-patient="${patientId}"]`).click();
  const frame = await waitForFrame(page, '/smart/index.html');
  return { frame, states: await settledStates(frame) };
}

function assertLoaded(states: Record<string, string>, when: string): void {
  for (const tag of WIDGETS) assert.ok(['ready', 'empty'].includes(states[tag]), `${when}: ${tag} is ${states[tag]}`);
}

/** Whether the summary renders its identity block (the patient banner). */
async function hasIdentityBlock(frame: Frame | Page): Promise<boolean> {
  return frame.evaluate(() => document.querySelector('fhir-patient-summary')!.shadowRoot!.querySelector('[part~="identity"]') !== null);
}

/** The value a --fhir-* token has at an element, and the computed colour of the summary's text. */
async function tokenAt(frame: Frame | Page, selector: string, token: string): Promise<string> {
  return frame.evaluate(([s, t]) => getComputedStyle(document.querySelector(s)!).getPropertyValue(t).trim(), [selector, token] as const);
}

/** Moves fhirclient's idea of the access token's expiry into the past (time passing, on the app's side). */
async function expireOnClient(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? 'null') as string | null;
    if (!key) throw new Error('no SMART state in this tab');
    const state = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { expiresAt?: number };
    state.expiresAt = Math.floor(Date.now() / 1000) - 60;
    sessionStorage.setItem(key, JSON.stringify(state));
  });
}

async function reloadFrame(frame: Frame): Promise<Record<string, string>> {
  await frame.goto(frame.url(), { waitUntil: 'load' });
  return settledStates(frame);
}

/** Requests for FHIR data (not discovery, which fhirclient makes before it has a token). */
function fhirRequests(observed: Observed): Observed['requests'] {
  return observed.requests.filter((request) => {
    const path = new URL(request.url).pathname;
    return path.startsWith('/smart/fhir/') && !path.includes('/.well-known/') && !path.endsWith('/metadata') && request.method !== 'OPTIONS';
  });
}

async function assertSessionExpired(frame: Frame, states: Record<string, string>): Promise<void> {
  for (const tag of WIDGETS) {
    assert.equal(states[tag], 'error', `${tag} says the session expired`);
    const text = await shadowText(frame, tag);
    assert.match(text, /session .*expired/i, `${tag}: ${text}`);
    assert.doesNotMatch(text, /not recorded|no known|no medications|no results/i, `${tag} never looks empty`);
  }
}

describe('SMART App Launch 2 in real launches', { timeout: 300_000 }, () => {
  before(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('EHR launch: the EHR’s style becomes the kit’s tokens, its banner replaces the summary’s identity block', async () => {
    const { context, page, observed } = await newPage();
    const { frame, states } = await ehrLaunch(page, 'pat-child');
    assertLoaded(states, 'after the launch');
    const [token] = observed.tokenResponses;
    assert.equal(token.need_patient_banner, false);
    assert.equal(token.patient, 'pat-child');
    assert.equal(token.smart_style_url, `${server.origin}/auth/smart-style.json`);
    // The style document was fetched without the access token (it is not a FHIR request).
    const style = observed.requests.filter((request) => request.url === token.smart_style_url);
    assert.equal(style.length, 1, 'the style document was fetched once');
    assert.equal(style[0].authorization, undefined, 'no token sent with the style request');
    // Mapped onto the tokens, seen by the widgets.
    await frame.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--fhir-color-accent').trim() !== '');
    assert.equal(await tokenAt(frame, 'fhir-allergy-banner', '--fhir-color-accent'), DEMO_EHR_STYLE.color_highlight);
    assert.equal(await tokenAt(frame, 'fhir-allergy-banner', '--fhir-color-text'), DEMO_EHR_STYLE.color_text);
    assert.equal(await tokenAt(frame, 'fhir-lab-trend', '--fhir-radius'), DEMO_EHR_STYLE.dim_border_radius);
    assert.equal(await tokenAt(frame, 'fhir-lab-trend', '--fhir-font-size'), DEMO_EHR_STYLE.dim_font_size);
    assert.equal(await tokenAt(frame, 'fhir-medication-list', '--fhir-space-4'), DEMO_EHR_STYLE.dim_spacing_size);
    assert.equal(await tokenAt(frame, 'fhir-medication-list', '--fhir-font-family'), DEMO_EHR_STYLE.font_family_body);
    assert.equal(
      await frame.evaluate(() => getComputedStyle(document.querySelector('fhir-allergy-banner')!).color),
      'rgb(27, 31, 36)',
      'the widget’s text is the EHR’s colour_text',
    );
    // need_patient_banner false: the EHR shows who this is; the summary shows the chart only.
    assert.equal(await hasIdentityBlock(frame), false, 'no identity block inside this EHR');
    assert.match(await shadowText(frame, 'fhir-patient-summary'), /peanut/i, 'the summary’s sections still show');
    assert.doesNotMatch(await shadowText(frame, 'fhir-patient-summary'), new RegExp(await familyName('pat-child'), 'i'));
    // A host's own token still wins over the EHR's.
    await frame.evaluate(() => document.body.style.setProperty('--fhir-color-accent', 'rgb(1, 2, 3)'));
    assert.equal(await tokenAt(frame, 'fhir-allergy-banner', '--fhir-color-accent'), 'rgb(1, 2, 3)');
    assert.equal(await tokenAt(frame, 'fhir-allergy-banner', '--fhir-color-text'), DEMO_EHR_STYLE.color_text);
    await context.close();
  });

  it('EHR launch into a cross-site frame (partitioned storage): style from the EHR’s origin, banner hidden', async () => {
    const { context, page, observed } = await newPage();
    const appOrigin = server.origin.replace('127.0.0.1', 'localhost');
    const { frame, states } = await ehrLaunch(page, 'pat-ckd', `${appOrigin}/smart/launch.html`);
    assert.equal(new URL(frame.url()).origin, appOrigin);
    assertLoaded(states, 'after the launch');
    assert.equal(await hasIdentityBlock(frame), false);
    await frame.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--fhir-color-accent').trim() !== '');
    assert.equal(await tokenAt(frame, 'fhir-allergy-banner', '--fhir-color-accent'), DEMO_EHR_STYLE.color_highlight);
    const style = observed.requests.find((request) => new URL(request.url).pathname === '/auth/smart-style.json');
    assert.equal(new URL(style!.url).origin, server.origin, 'fetched from the EHR’s origin');
    assert.equal(style!.authorization, undefined);
    await context.close();
  });

  it('standalone launch: no EHR banner around the app, so the summary shows the identity block', async () => {
    const { context, page, observed } = await newPage();
    const family = await familyName('pat-elderly');
    await page.goto(`${server.origin}/smart/launch.html`);
    await page.waitForURL((url) => url.pathname === '/auth/authorize');
    await page.locator('input[name="patient"][value="pat-elderly"]').check();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.pathname === '/smart/index.html');
    assertLoaded(await settledStates(page), 'after the launch');
    assert.equal(observed.tokenResponses[0].need_patient_banner, true);
    assert.equal(await hasIdentityBlock(page), true);
    assert.match(await shadowText(page, 'fhir-patient-summary'), new RegExp(family, 'i'));
    await context.close();
  });

  it('the patient shown is the launch’s; a context asked for another patient refuses, sending nothing for them', async () => {
    const { context, page, observed } = await newPage();
    const { frame, states } = await ehrLaunch(page, 'pat-ckd');
    assertLoaded(states, 'after the launch');
    assert.ok(fhirRequests(observed).every((request) => !request.url.includes('pat-child')));
    const before = fhirRequests(observed).length;
    await frame.evaluate(() => document.querySelector('fhir-context')!.setAttribute('patient', 'pat-child'));
    await frame.waitForFunction(
      (tags) => tags.every((tag) => document.querySelector(tag)!.getAttribute('state') === 'error'),
      [...WIDGETS],
    );
    for (const tag of WIDGETS) assert.match(await shadowText(frame, tag), /launched for another patient/i, tag);
    assert.equal(fhirRequests(observed).length, before, 'no request was made for the other patient');
    // Asked for the launch's own patient again, the chart comes back.
    await frame.evaluate(() => document.querySelector('fhir-context')!.setAttribute('patient', 'pat-ckd'));
    await frame.waitForFunction(
      (tags) => tags.every((tag) => ['ready', 'empty'].includes(document.querySelector(tag)!.getAttribute('state') ?? '')),
      [...WIDGETS],
    );
    await context.close();
  });

  it('two launches in two tabs of one browser never mix (fhirclient’s state is per tab, in sessionStorage)', async () => {
    const context = await browser.newContext();
    const first = await newPage(context);
    const second = await newPage(context);
    const a = await ehrLaunch(first.page, 'pat-ckd');
    const b = await ehrLaunch(second.page, 'pat-child');
    assertLoaded(a.states, 'tab 1');
    assertLoaded(b.states, 'tab 2');
    const [familyA, familyB] = await Promise.all([familyName('pat-ckd'), familyName('pat-child')]);
    // Each tab's requests carry its own token, for its own patient.
    const tokenA = first.observed.tokenResponses[0].access_token as string;
    const tokenB = second.observed.tokenResponses[0].access_token as string;
    assert.notEqual(tokenA, tokenB);
    assert.equal(server.smart.auth.grantFor(tokenA)?.patient, 'pat-ckd');
    assert.equal(server.smart.auth.grantFor(tokenB)?.patient, 'pat-child');
    for (const request of fhirRequests(first.observed)) assert.equal(request.authorization, `Bearer ${tokenA}`, request.url);
    for (const request of fhirRequests(second.observed)) assert.equal(request.authorization, `Bearer ${tokenB}`, request.url);
    // After both reload (the session revived from storage), each tab still shows its own patient.
    first.observed.requests.length = 0;
    second.observed.requests.length = 0;
    assertLoaded(await reloadFrame(b.frame), 'tab 2 reloaded');
    assertLoaded(await reloadFrame(a.frame), 'tab 1 reloaded');
    for (const request of fhirRequests(first.observed)) assert.equal(request.authorization, `Bearer ${tokenA}`, request.url);
    for (const request of fhirRequests(second.observed)) assert.equal(request.authorization, `Bearer ${tokenB}`, request.url);
    assert.match(await shadowText(a.frame, 'fhir-allergy-banner'), /No known allergies/i, 'tab 1: pat-ckd asserts none');
    assert.match(await shadowText(b.frame, 'fhir-allergy-banner'), /peanut/i, 'tab 2: pat-child’s peanut allergy');
    // The medication list names only the tab's own patient's medicines; the chart texts differ.
    assert.notEqual(await shadowText(a.frame, 'fhir-medication-list'), await shadowText(b.frame, 'fhir-medication-list'));
    // Storage: each tab holds only its own token; nothing in the shared localStorage.
    const storage = async (frame: Frame) =>
      frame.evaluate(() => ({ session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage) }));
    const [storeA, storeB] = await Promise.all([storage(a.frame), storage(b.frame)]);
    assert.ok(storeA.session.includes(tokenA) && !storeA.session.includes(tokenB), 'tab 1 keeps only its token');
    assert.ok(storeB.session.includes(tokenB) && !storeB.session.includes(tokenA), 'tab 2 keeps only its token');
    assert.ok(!storeA.local.includes(tokenA) && !storeA.local.includes(tokenB), 'no token in localStorage');
    assert.ok(familyA !== familyB);
    await context.close();
  });

  it('an expired access token is refreshed with the refresh token online_access earned; the chart keeps loading', async () => {
    const { context, page, observed } = await newPage();
    const { frame, states } = await ehrLaunch(page, 'pat-diabetes');
    assertLoaded(states, 'after the launch');
    const [first] = observed.tokenResponses;
    assert.match(String(first.scope), /(^| )online_access( |$)/);
    assert.ok(typeof first.refresh_token === 'string' && first.refresh_token.length >= 32, 'a refresh token was granted');
    // Time passes: the server ends the access token and the app's clock says it expired.
    server.smart.auth.expireAllTokens();
    await expireOnClient(frame);
    observed.requests.length = 0;
    assertLoaded(await reloadFrame(frame), 'after the refresh');
    const refreshes = observed.requests.filter((request) => new URL(request.url).pathname === '/auth/token' && request.method === 'POST');
    assert.equal(refreshes.length, 1, 'one refresh for all four widgets');
    assert.match(refreshes[0].body ?? '', /grant_type=refresh_token/);
    const refreshed = observed.tokenResponses[1];
    assert.ok(typeof refreshed.access_token === 'string' && refreshed.access_token !== first.access_token);
    assert.equal(server.smart.auth.grantFor(refreshed.access_token)?.patient, 'pat-diabetes');
    for (const request of fhirRequests(observed)) assert.equal(request.authorization, `Bearer ${refreshed.access_token as string}`);
    // Neither token travels in a URL or the console.
    for (const secret of [first.refresh_token as string, refreshed.access_token]) {
      assert.ok(observed.requests.every((request) => !request.url.includes(secret)));
      assert.ok(observed.console.every((message) => !message.includes(secret)));
    }
    await context.close();
  });

  it('without a refresh token, an expired session says so in every widget — never an empty chart', async () => {
    const { context, page, observed } = await newPage();
    const { frame, states } = await ehrLaunch(page, 'pat-diabetes', '/smart/launch.html?refresh=no');
    assertLoaded(states, 'after the launch');
    assert.equal(observed.tokenResponses[0].refresh_token, undefined, 'no refresh token without online_access');
    server.smart.auth.expireAllTokens();
    await expireOnClient(frame);
    await assertSessionExpired(frame, await reloadFrame(frame));
    await context.close();
  });

  it('when the refresh token was revoked too (signed out of the EHR), every widget says the session expired', async () => {
    const { context, page } = await newPage();
    const { frame, states } = await ehrLaunch(page, 'pat-elderly');
    assertLoaded(states, 'after the launch');
    server.smart.auth.expireAllTokens();
    server.smart.auth.revokeRefreshTokens();
    await expireOnClient(frame);
    await assertSessionExpired(frame, await reloadFrame(frame));
    await context.close();
  });

  it('a token ended early by the server (the app’s clock says valid) is also a session expiry, not "no data"', async () => {
    const { context, page } = await newPage();
    const { frame, states } = await ehrLaunch(page, 'pat-child', '/smart/launch.html?refresh=no');
    assertLoaded(states, 'after the launch');
    server.smart.auth.expireAllTokens();
    await assertSessionExpired(frame, await reloadFrame(frame));
    await context.close();
  });
});
