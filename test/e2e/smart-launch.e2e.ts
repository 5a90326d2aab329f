// SMART on FHIR end to end, in Chromium against the demo's real dev server: the demo EHR frames
// the app (demo/smart) and launches it with a launch context (EHR launch), the app launches on its
// own (standalone launch), fhirclient does discovery, authorize (PKCE S256 + state) and the token
// exchange with the demo authorization server (demo/auth), and the widgets load the patient's
// chart from the token-protected FHIR server at /smart/fhir.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchBrowser, settledStates, shadowText, startDemoServer, waitForFrame, WIDGETS, type DemoServer } from './harness.js';

let server: DemoServer;
let browser: Browser;

/** Everything a page showed the outside world: URLs it requested or navigated to, console output. */
interface Observed {
  urls: string[];
  console: string[];
  authorizationHeaders: string[];
  tokenResponses: { status: number; body: string }[];
}

function observe(page: Page): Observed {
  const observed: Observed = { urls: [], console: [], authorizationHeaders: [], tokenResponses: [] };
  page.on('request', (request) => {
    observed.urls.push(request.url());
    const authorization = request.headers().authorization;
    if (authorization && new URL(request.url()).pathname.startsWith('/smart/fhir/')) observed.authorizationHeaders.push(authorization);
  });
  page.on('response', async (response) => {
    const location = response.headers().location;
    if (location) observed.urls.push(location);
    if (new URL(response.url()).pathname === '/auth/token') {
      observed.tokenResponses.push({ status: response.status(), body: await response.text().catch(() => '') });
    }
  });
  page.on('framenavigated', (frame) => observed.urls.push(frame.url()));
  page.on('console', (message) => observed.console.push(message.text()));
  page.on('pageerror', (error) => observed.console.push(String(error)));
  return observed;
}

async function familyName(id: string): Promise<string> {
  const patient = (await (await fetch(`${server.origin}/fhir/Patient/${id}`)).json()) as { name?: { family?: string }[] };
  const family = patient.name?.[0]?.family;
  assert.ok(family, `Patient/${id} has a family name`);
  return family;
}

/** Storage of every frame in the page, as text (keys and values). */
async function storageText(page: Page, kind: 'localStorage' | 'sessionStorage'): Promise<string> {
  const texts = await Promise.all(
    page.frames().map((frame) =>
      frame
        .evaluate((which) => {
          const storage = window[which as 'localStorage'];
          return Object.keys(storage)
            .map((key) => `${key}=${storage.getItem(key)}`)
            .join('\n');
        }, kind)
        .catch(() => ''),
    ),
  );
  return texts.join('\n');
}

/**
 * DESIGN/issue 6: the access token never appears in a URL, in localStorage or in a console message.
 * (It lives in the app's sessionStorage — fhirclient's state — which is checked as a control.)
 */
async function assertTokenKeptSecret(page: Page, observed: Observed, token: string): Promise<void> {
  assert.ok(token.length >= 32, 'a token was issued');
  for (const url of observed.urls) assert.ok(!url.includes(token), `token in a URL: ${url.slice(0, 80)}…`);
  for (const message of observed.console) assert.ok(!message.includes(token), `token in a console message: ${message.slice(0, 80)}…`);
  assert.ok(!(await storageText(page, 'localStorage')).includes(token), 'token in localStorage');
  assert.ok((await storageText(page, 'sessionStorage')).includes(token), 'control: fhirclient keeps the token in sessionStorage');
  assert.ok(observed.authorizationHeaders.includes(`Bearer ${token}`), 'the token travels as an Authorization header');
}

/**
 * The demo EHR launches with `need_patient_banner: false` (it shows the patient itself): the
 * summary then shows the chart without its identity block (smart-app-launch-2.e2e.ts has the rest).
 */
async function assertEhrBanner(frame: Frame | Page, family: string): Promise<void> {
  const summary = await shadowText(frame, 'fhir-patient-summary');
  assert.doesNotMatch(summary, new RegExp(family, 'i'), 'the EHR shows the patient banner, not the app');
  assert.match(summary, /Active problems|Allergies/i, 'the summary shows the chart');
}

async function newPage(): Promise<{ context: BrowserContext; page: Page; observed: Observed }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page, observed: observe(page) };
}

/** Opens the EHR, selects a patient (which launches the app in the EHR's iframe), returns the app frame. */
async function ehrLaunch(page: Page, patientId: string, query = ''): Promise<Frame> {
  await page.goto(`${server.origin}/ehr/${query}`);
  await page.locator(`button[data-patient="${patientId}"]`).click();
  return waitForFrame(page, '/smart/index.html');
}

function lastToken(): string {
  const tokens = server.smart.auth.issuedTokens();
  return tokens[tokens.length - 1] ?? '';
}

/** Loads the app page again (a new document: fhirclient revives its session from sessionStorage). */
async function reloadFrame(frame: Frame): Promise<void> {
  await frame.goto(frame.url(), { waitUntil: 'load' });
}

describe('SMART launch end to end', { timeout: 240_000 }, () => {
  before(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('EHR launch inside the EHR iframe renders the launched patient, and keeps the token secret', async () => {
    const { context, page, observed } = await newPage();
    const family = await familyName('pat-ckd');
    const app = await ehrLaunch(page, 'pat-ckd');
    const states = await settledStates(app);
    for (const tag of WIDGETS) assert.ok(['ready', 'empty'].includes(states[tag]), `${tag} is ${states[tag]}`);
    assert.equal(app.parentFrame(), page.mainFrame(), 'the app ran inside the EHR page’s iframe');
    assert.equal(new URL(app.url()).search, '', 'code and state are removed from the app URL');
    await assertEhrBanner(app, family);
    // pat-ckd's record asserts no known allergies (SNOMED 716186003).
    assert.match(await shadowText(app, 'fhir-allergy-banner'), /No known allergies/i);
    const token = lastToken();
    const grant = server.smart.auth.grantFor(token);
    assert.equal(grant?.patient, 'pat-ckd');
    assert.match(grant?.scope ?? '', /(^| )patient\/\*\.read( |$)/);
    await assertTokenKeptSecret(page, observed, token);
    await context.close();
  });

  it('EHR launch with SMART v2 scopes (patient/*.rs)', async () => {
    const { context, page, observed } = await newPage();
    const family = await familyName('pat-elderly');
    await page.goto(`${server.origin}/ehr/`);
    await page.locator('#scopes-v2').check();
    await page.locator('button[data-patient="pat-elderly"]').click();
    const app = await waitForFrame(page, '/smart/index.html');
    const states = await settledStates(app);
    for (const tag of WIDGETS) assert.ok(['ready', 'empty'].includes(states[tag]), `${tag} is ${states[tag]}`);
    await assertEhrBanner(app, family);
    const token = lastToken();
    const grant = server.smart.auth.grantFor(token);
    assert.equal(grant?.patient, 'pat-elderly');
    assert.match(grant?.scope ?? '', /(^| )patient\/\*\.rs( |$)/);
    await assertTokenKeptSecret(page, observed, token);
    await context.close();
  });

  it('standalone launch in a top-level tab: the user picks the patient at the authorization server', async () => {
    const { context, page, observed } = await newPage();
    const family = await familyName('pat-child');
    await page.goto(`${server.origin}/smart/launch.html`);
    await page.waitForURL((url) => url.pathname === '/auth/authorize');
    await page.locator('input[name="patient"][value="pat-child"]').check();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.pathname === '/smart/index.html');
    const states = await settledStates(page);
    for (const tag of WIDGETS) assert.ok(['ready', 'empty'].includes(states[tag]), `${tag} is ${states[tag]}`);
    assert.match(await shadowText(page, 'fhir-patient-summary'), new RegExp(family, 'i'));
    // pat-child has a high-criticality peanut allergy.
    assert.match(await shadowText(page, 'fhir-allergy-banner'), /peanut/i);
    const token = lastToken();
    assert.equal(server.smart.auth.grantFor(token)?.patient, 'pat-child');
    assert.match(server.smart.auth.grantFor(token)?.scope ?? '', /(^| )launch\/patient( |$)/);
    await assertTokenKeptSecret(page, observed, token);
    await context.close();
  });

  it('EHR launch into a cross-site iframe (app on localhost, EHR on 127.0.0.1), storage partitioned as in Chrome', async () => {
    const { context, page, observed } = await newPage();
    const family = await familyName('pat-diabetes');
    const appOrigin = server.origin.replace('127.0.0.1', 'localhost');
    const app = await ehrLaunch(page, 'pat-diabetes', `?app=${encodeURIComponent(`${appOrigin}/smart/launch.html`)}`);
    assert.equal(new URL(app.url()).origin, appOrigin);
    const states = await settledStates(app);
    for (const tag of WIDGETS) assert.ok(['ready', 'empty'].includes(states[tag]), `${tag} is ${states[tag]}`);
    await assertEhrBanner(app, family);
    const token = lastToken();
    assert.equal(server.smart.auth.grantFor(token)?.patient, 'pat-diabetes');
    await assertTokenKeptSecret(page, observed, token);
    // The EHR page (another site) cannot see the app's storage.
    assert.ok(!(await page.evaluate(() => JSON.stringify(sessionStorage))).includes(token));
    await context.close();
  });

  it('where third-party storage is blocked, the framed app says so and completes in a tab of its own', async () => {
    const blocking = await launchBrowser({ thirdPartyStorage: 'blocked' });
    try {
      const context = await blocking.newContext();
      const page = await context.newPage();
      const family = await familyName('pat-elderly');
      await page.goto(`${server.origin}/ehr/?app=${encodeURIComponent(`${server.origin.replace('127.0.0.1', 'localhost')}/smart/launch.html`)}`);
      await page.locator('button[data-patient="pat-elderly"]').click();
      const launchFrame = await waitForFrame(page, '/smart/launch.html');
      const link = launchFrame.getByRole('link', { name: 'Open the app in a new tab' });
      await link.waitFor();
      assert.match((await launchFrame.locator('#launch-status').textContent()) ?? '', /third-party storage is blocked/);
      const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
      await tab.waitForURL((url) => url.pathname === '/smart/index.html', { timeout: 30_000 });
      const states = await settledStates(tab);
      for (const tag of WIDGETS) assert.ok(['ready', 'empty'].includes(states[tag]), `${tag} is ${states[tag]}`);
      await assertEhrBanner(tab, family);
    } finally {
      await blocking.close();
    }
  });

  it('a wrong PKCE verifier is rejected: no token, and the widgets show the failed launch', async () => {
    const { context, page } = await newPage();
    const issuedBefore = server.smart.auth.issuedTokens().length;
    await page.route('**/auth/token', async (route) => {
      const body = new URLSearchParams(route.request().postData() ?? '');
      body.set('code_verifier', 'W'.repeat(64));
      await route.continue({ postData: body.toString() });
    });
    const tokenResponse = page.waitForResponse((response) => new URL(response.url()).pathname === '/auth/token');
    const app = await ehrLaunch(page, 'pat-ckd');
    const response = await tokenResponse;
    assert.equal(response.status(), 400);
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_grant');
    const states = await settledStates(app);
    for (const tag of WIDGETS) assert.equal(states[tag], 'error', `${tag} shows the failure`);
    assert.match(await shadowText(app, 'fhir-allergy-banner'), /unavailable/i);
    assert.doesNotMatch(await shadowText(app, 'fhir-allergy-banner'), /not recorded|no known/i);
    assert.equal(server.smart.auth.issuedTokens().length, issuedBefore, 'no token was issued');
    await context.close();
  });

  it('a replayed authorization code is rejected and revokes the token it produced', async () => {
    const { context, page } = await newPage();
    let redirect: URL | undefined;
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/smart/index.html' && url.searchParams.has('code')) redirect = url;
    });
    const app = await ehrLaunch(page, 'pat-child');
    const states = await settledStates(app);
    for (const tag of WIDGETS) assert.ok(['ready', 'empty'].includes(states[tag]), `${tag} is ${states[tag]}`);
    const token = lastToken();
    assert.ok(server.smart.auth.verifyToken(token));
    assert.ok(redirect, 'saw the redirect with the code');
    // An attacker who saw the code replays it (even knowing a well-formed verifier).
    const replay = await fetch(`${server.origin}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: redirect.searchParams.get('code')!,
        client_id: 'fhir-elements-demo',
        redirect_uri: `${redirect.origin}${redirect.pathname}`,
        code_verifier: 'A'.repeat(64),
      }),
    });
    assert.equal(replay.status, 400);
    const body = (await replay.json()) as { error: string; error_description: string };
    assert.equal(body.error, 'invalid_grant');
    assert.match(body.error_description, /already used/);
    assert.ok(!server.smart.auth.verifyToken(token), 'the token from that code is revoked');
    // The app's next load is refused (401): every widget says so, none looks empty.
    await reloadFrame(app);
    const after = await settledStates(app);
    for (const tag of WIDGETS) assert.equal(after[tag], 'error', `${tag} after the token was revoked`);
    assert.match(await shadowText(app, 'fhir-medication-list'), /401|authori[sz]/i);
    await context.close();
  });

  it('a tampered state is refused by the app, and the authorization server requires state', async () => {
    const { context, page } = await newPage();
    const issuedBefore = server.smart.auth.issuedTokens().length;
    let redirect: URL | undefined;
    // Between the authorization server and the app, someone swaps the state in the redirect.
    await page.route(
      (url) => url.pathname === '/auth/authorize',
      async (route) => {
        const response = await route.fetch({ maxRedirects: 0 });
        redirect = new URL(response.headers().location);
        const tampered = new URL(redirect);
        tampered.searchParams.set('state', 'tampered-state-value');
        await route.fulfill({ status: 302, headers: { location: tampered.href } });
      },
    );
    const app = await ehrLaunch(page, 'pat-ckd');
    const states = await settledStates(app);
    assert.ok(redirect?.searchParams.get('code'), 'the authorization server redirected with a code');
    const appPage = redirect as URL;
    for (const tag of WIDGETS) assert.equal(states[tag], 'error', `${tag} refuses the launch`);
    assert.match(await shadowText(app, 'fhir-patient-summary'), /state/i);
    assert.equal(server.smart.auth.issuedTokens().length, issuedBefore, 'the code was never exchanged');

    // The authorization server itself refuses a request without state (no code, no redirect).
    const authorize = new URL(`${server.origin}/auth/authorize`);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: 'fhir-elements-demo',
      redirect_uri: `${appPage.origin}${appPage.pathname}`,
      scope: 'launch/patient patient/*.read',
      aud: `${server.origin}/smart/fhir`,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const noState = await fetch(authorize, { redirect: 'manual' });
    assert.equal(noState.status, 400);
    assert.equal(noState.headers.get('location'), null);
    await context.close();
  });

  it('an expired token shows an error in every widget, not an empty chart', async () => {
    const { context, page } = await newPage();
    const app = await ehrLaunch(page, 'pat-diabetes');
    const before = await settledStates(app);
    for (const tag of WIDGETS) assert.ok(['ready', 'empty'].includes(before[tag]), `${tag} is ${before[tag]}`);
    server.smart.auth.expireAllTokens();
    await reloadFrame(app);
    const after = await settledStates(app);
    for (const tag of WIDGETS) assert.equal(after[tag], 'error', `${tag} after the token expired`);
    const banner = await shadowText(app, 'fhir-allergy-banner');
    assert.match(banner, /unavailable/i);
    assert.doesNotMatch(banner, /not recorded/i);
    assert.match(await shadowText(app, 'fhir-lab-trend'), /401|authori[sz]/i);
    await context.close();
  });
});
