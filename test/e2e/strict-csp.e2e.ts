// Strict host pages (issue 16): the demo EMR page, the demo EHR, the SMART app's launch page and
// the app itself are served with a strict Content-Security-Policy — no inline script or style, no
// eval, `require-trusted-types-for 'script'` with no policy named by the page — and everything
// they do (the widgets loading a chart, an EHR launch in a frame, a standalone launch) raises no
// violation: every `securitypolicyviolation` event in every frame is collected from before the
// first script runs, with every console message that mentions CSP or Trusted Types. A planted
// violation proves the collector catches both kinds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { STRICT_CSP } from '../../demo/auth/csp.js';
import { launchBrowser, settledStates, shadowText, startDemoServer, waitForFrame, WIDGETS, type DemoServer } from './harness.js';

let server: DemoServer;
let browser: Browser;

/** Runs in every frame before its scripts: keeps each violation the document reports. */
const COLLECT_VIOLATIONS = String.raw`(() => {
  const seen = [];
  Object.defineProperty(window, '__cspViolations', { value: seen });
  document.addEventListener('securitypolicyviolation', (event) => {
    const target = event.target instanceof Element ? '<' + event.target.localName + ' ' + (event.target.getAttribute('part') || event.target.className || '') + '>' : '';
    seen.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + (event.sample || '') + ' ' + target + ' @' + event.sourceFile + ':' + event.lineNumber);
  });
})()`;

interface Watched {
  context: BrowserContext;
  page: Page;
  console: string[];
  /** Content-Security-Policy header of each document loaded, by URL path. */
  policies: Map<string, string>;
}

async function watchedPage(): Promise<Watched> {
  const context = await browser.newContext();
  await context.addInitScript(COLLECT_VIOLATIONS);
  const page = await context.newPage();
  const watched: Watched = { context, page, console: [], policies: new Map() };
  page.on('console', (message) => {
    if (/content.security.policy|trusted.?type|refused to/i.test(message.text())) watched.console.push(message.text());
  });
  page.on('pageerror', (error) => watched.console.push(`pageerror: ${String(error)}`));
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'document') return;
    const header = await response.headerValue('content-security-policy');
    watched.policies.set(new URL(response.url()).pathname, header ?? '');
  });
  return watched;
}

async function violations(frame: Frame | Page): Promise<string[]> {
  return frame.evaluate('Array.from(window.__cspViolations ?? [])') as Promise<string[]>;
}

async function assertNoViolations(watched: Watched, frames: (Frame | Page)[]): Promise<void> {
  for (const frame of frames) assert.deepEqual(await violations(frame), [], `violations in ${frame.url()}`);
  assert.deepEqual(watched.console, [], 'console messages about CSP or Trusted Types');
}

/** The served policy includes every directive of the strict policy, unrelaxed. */
function assertStrict(policy: string | undefined, page: string): void {
  assert.ok(policy, `${page} is served with a Content-Security-Policy`);
  for (const directive of STRICT_CSP.split('; ')) assert.ok(policy.split('; ').includes(directive), `${page}: ${directive}`);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|unsafe-hashes|trusted-types\s/, `${page} relaxes nothing`);
}

function assertSettled(states: Record<string, string>): void {
  for (const tag of WIDGETS) assert.ok(['ready', 'empty'].includes(states[tag]), `${tag} is ${states[tag]}`);
}

describe('strict host pages: CSP + Trusted Types', { timeout: 240_000 }, () => {
  before(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the collector catches a planted inline style attribute and a Trusted Types sink', async () => {
    const watched = await watchedPage();
    await watched.page.goto(`${server.origin}/`);
    await watched.page.evaluate(() => {
      document.body.setAttribute('style', 'outline: 1px solid red');
      try {
        document.createElement('div').innerHTML = '<b>planted</b>';
      } catch {
        // Trusted Types refuse the string; the violation is what this test looks for.
      }
    });
    await watched.page.waitForFunction('(window.__cspViolations ?? []).length >= 2');
    const seen = await violations(watched.page);
    assert.ok(seen.some((text) => text.startsWith('style-src')), `an inline style violation: ${seen.join(' | ')}`);
    assert.ok(seen.some((text) => text.startsWith('require-trusted-types-for')), `a Trusted Types violation: ${seen.join(' | ')}`);
    await watched.context.close();
  });

  it('the demo EMR page: a chart loads and the patient switches with zero violations', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await page.goto(`${server.origin}/`);
    assert.equal(watched.policies.get('/'), STRICT_CSP, 'the EMR page is served with exactly the strict policy');
    for (const id of ['pat-child', 'pat-ckd']) {
      await page.locator(`button[data-patient="${id}"]`).click();
      await page.waitForFunction((patient) => document.querySelector('fhir-context')?.getAttribute('patient') === patient, id);
      assertSettled(await settledStates(page));
    }
    assert.match(await shadowText(page, 'fhir-allergy-banner'), /No known allergies/i);
    // The lab trend's tooltip (positioned per point), its table and the theme switch also run under the policy.
    assert.equal(await page.locator('fhir-lab-trend').getAttribute('state'), 'ready', 'pat-ckd has a trend to point at');
    await page.locator('fhir-lab-trend [part~="chart-svg"]').first().hover();
    await page.locator('fhir-lab-trend [part~="tooltip"]').first().waitFor();
    await page.locator('fhir-lab-trend [part~="table-toggle"]').first().click();
    await page.locator('#theme-toggle').click();
    await assertNoViolations(watched, [page]);
    await watched.context.close();
  });

  it('an EHR launch into the EHR’s frame: the EHR, the launch page and the app raise zero violations', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await page.goto(`${server.origin}/ehr/`);
    await page.locator('button[data-patient="pat-child"]').click();
    const app = await waitForFrame(page, '/smart/index.html');
    assertSettled(await settledStates(app));
    assert.match(await shadowText(app, 'fhir-allergy-banner'), /peanut/i);
    assertStrict(watched.policies.get('/ehr/'), 'the EHR');
    assertStrict(watched.policies.get('/smart/launch.html'), 'the launch page');
    assertStrict(watched.policies.get('/smart/index.html'), 'the SMART app');
    await assertNoViolations(watched, [page, app]);
    await watched.context.close();
  });

  it('a standalone launch raises zero violations on the app’s pages', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await page.goto(`${server.origin}/smart/launch.html`);
    await page.waitForURL((url) => url.pathname === '/auth/authorize');
    await page.locator('input[name="patient"][value="pat-elderly"]').check();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.pathname === '/smart/index.html');
    assertSettled(await settledStates(page));
    assertStrict(watched.policies.get('/smart/index.html'), 'the SMART app');
    await assertNoViolations(watched, [page]);
    await watched.context.close();
  });
});
