// The BUILT bundles under a strict host page (issue 16): dist/fhir-elements.js (one file, every tag)
// and dist/fhir-elements-autoloader.js (each tag's code loaded when the tag appears), each loaded by
// a static page served with `Content-Security-Policy: default-src 'self'; script-src 'self';
// style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';
// require-trusted-types-for 'script'` and no Trusted Types policy named by the page. The widgets
// render a demo patient given as `resources` by a same-origin script file (no inline script), the
// CDS cards call the demo CDS service on the same origin. Every `securitypolicyviolation` and every
// console message about CSP or Trusted Types is collected from before the page's first script:
// zero of them, and every widget ready. Needs `npm run build` first (CI runs it before `npm test`).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createCdsHandler } from '../../demo/cds/service.js';
import { generateDemoPatients, resourcesOf } from '../../demo/data/generator.js';
import { STRICT_CSP } from '../../demo/auth/csp.js';
import { launchBrowser, root } from './harness.js';

const DIST = path.join(root, 'dist');
const BUNDLES = { single: 'fhir-elements.js', autoloader: 'fhir-elements-autoloader.js' } as const;
const PATIENT = 'pat-diabetes';
const TREND_CODE = '4548-4';
const TAGS = ['fhir-patient-summary', 'fhir-allergy-banner', 'fhir-medication-list', 'fhir-lab-trend', 'fhir-results', 'fhir-cds-cards'] as const;

/** The policy of the issue, exactly (the demo's STRICT_CSP is the same text). */
const POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";

/** Runs before any page script: keeps each violation the document reports. */
const COLLECT_VIOLATIONS = String.raw`(() => {
  const seen = [];
  Object.defineProperty(window, '__cspViolations', { value: seen });
  document.addEventListener('securitypolicyviolation', (event) => {
    seen.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + (event.sample || '') + ' @' + event.sourceFile + ':' + event.lineNumber);
  });
})()`;

/** pat-diabetes (reports, a trend, medications) with pat-elderly's allergies re-pointed at it: every widget has data. */
function chart(): unknown[] {
  const bundles = generateDemoPatients();
  const of = (id: string) => resourcesOf(bundles.find((b) => resourcesOf(b).some((r) => r.resourceType === 'Patient' && r.id === id))!);
  const allergies = of('pat-elderly')
    .filter((r) => r.resourceType === 'AllergyIntolerance')
    .map((r) => ({ ...r, id: `csp-${r.id}`, patient: { reference: `Patient/${PATIENT}` } }));
  return [...of(PATIENT), ...allergies];
}

function page(bundle: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>fhir-elements ${bundle} under a strict CSP</title>
    <script src="/chart-data.js"></script>
    <script type="module" src="/dist/${bundle}"></script>
    <script type="module" src="/page.js"></script>
  </head>
  <body>
    <fhir-context patient="${PATIENT}">
      <fhir-patient-summary></fhir-patient-summary>
      <fhir-allergy-banner></fhir-allergy-banner>
      <fhir-medication-list status="all"></fhir-medication-list>
      <fhir-lab-trend code="http://loinc.org|${TREND_CODE}"></fhir-lab-trend>
      <fhir-results view="reports"></fhir-results>
      <fhir-results view="flowsheet"></fhir-results>
      <fhir-cds-cards service="/cds-services"></fhir-cds-cards>
    </fhir-context>
  </body>
</html>`;
}

const PAGE_SCRIPT = `document.querySelector('fhir-context').resources = window.__chart;\n`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json' };

function startStaticServer(): Promise<{ origin: string; server: Server }> {
  const cds = createCdsHandler();
  const data = `window.__chart = ${JSON.stringify(chart())};\n`;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('Content-Security-Policy', POLICY);
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/single.html') return send(200, 'text/html; charset=utf-8', page(BUNDLES.single));
    if (url.pathname === '/autoloader.html') return send(200, 'text/html; charset=utf-8', page(BUNDLES.autoloader));
    if (url.pathname === '/chart-data.js') return send(200, 'text/javascript', data);
    if (url.pathname === '/page.js') return send(200, 'text/javascript', PAGE_SCRIPT);
    if (url.pathname.startsWith('/dist/')) {
      const file = path.normalize(path.join(DIST, url.pathname.slice('/dist/'.length)));
      if (file.startsWith(DIST + path.sep) && existsSync(file)) {
        return send(200, TYPES[path.extname(file)] ?? 'application/octet-stream', readFileSync(file));
      }
      return send(404, 'text/plain', 'not found');
    }
    if (cds(req, res)) return;
    send(404, 'text/plain', 'not found');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server });
    });
  });
}

let browser: Browser;
let origin: string;
let server: Server;

async function states(page: Page): Promise<string[]> {
  return page.evaluate(
    (tags) => tags.flatMap((tag) => [...document.querySelectorAll(tag)].map((el) => `${tag}${el.getAttribute('view') ? `[${el.getAttribute('view')}]` : ''} ${el.getAttribute('state')}`)),
    [...TAGS],
  );
}

async function loadUnderPolicy(file: string): Promise<{ seen: string[]; console: string[]; states: string[]; header: string | null }> {
  const context = await browser.newContext();
  await context.addInitScript(COLLECT_VIOLATIONS);
  const tab = await context.newPage();
  const consoleLines: string[] = [];
  tab.on('console', (message) => {
    if (/content.security.policy|trusted.?type|refused to/i.test(message.text())) consoleLines.push(message.text());
  });
  tab.on('pageerror', (error) => consoleLines.push(`pageerror: ${String(error)}`));
  const failed: string[] = [];
  tab.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  const response = await tab.goto(`${origin}/${file}`);
  const header = (await response?.headerValue('content-security-policy')) ?? null;
  // Every widget settled (left idle/loading), then one frame for late renders.
  await tab.waitForFunction(
    (tags) =>
      tags.every((tag) => {
        const all = [...document.querySelectorAll(tag)];
        return all.length > 0 && all.every((el) => ['ready', 'empty', 'error'].includes(el.getAttribute('state') ?? ''));
      }),
    [...TAGS],
    { timeout: 30_000 },
  ).catch(async (error: unknown) => {
    const seen = (await tab.evaluate('Array.from(window.__cspViolations ?? [])')) as string[];
    throw new Error(
      `${file}: widgets did not settle (${String(error)}): ${(await states(tab)).join(', ')}; ` +
        `violations: ${seen.join(' | ') || 'none'}; console: ${consoleLines.join(' | ') || 'none'}; failed requests: ${failed.join(', ') || 'none'}`,
    );
  });
  await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));
  const result = {
    seen: (await tab.evaluate('Array.from(window.__cspViolations ?? [])')) as string[],
    console: consoleLines,
    states: await states(tab),
    header,
  };
  await context.close();
  return result;
}

function assertClean(result: Awaited<ReturnType<typeof loadUnderPolicy>>): void {
  assert.equal(result.header, POLICY, 'the page is served with exactly the strict policy');
  assert.deepEqual(result.seen, [], 'securitypolicyviolation events');
  assert.deepEqual(result.console, [], 'console messages about CSP or Trusted Types, or page errors');
  // Every widget ready; the CDS cards answered (the demo rules may find nothing to say: empty).
  for (const line of result.states) {
    const expected = line.startsWith('fhir-cds-cards') ? /(ready|empty)$/ : /ready$/;
    assert.match(line, expected, line);
  }
  assert.equal(result.states.length, TAGS.length + 1, `every widget found: ${result.states.join(', ')}`);
}

describe('built bundles under a strict CSP + Trusted Types', { timeout: 180_000 }, () => {
  before(async () => {
    const missing = Object.values(BUNDLES).filter((file) => !existsSync(path.join(DIST, file)));
    if (missing.length) {
      throw new Error(`dist/${missing.join(' and dist/')} missing: run \`npm run build\` before this test (CI runs it before \`npm test\`).`);
    }
    assert.equal(POLICY, STRICT_CSP, 'the policy tested is the demo pages’ strict policy');
    ({ origin, server } = await startStaticServer());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('the collector sees a planted violation on the same page (an inline style attribute)', async () => {
    const context = await browser.newContext();
    await context.addInitScript(COLLECT_VIOLATIONS);
    const tab = await context.newPage();
    await tab.goto(`${origin}/single.html`);
    await tab.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
    await tab.waitForFunction('(window.__cspViolations ?? []).length >= 1');
    const seen = (await tab.evaluate('Array.from(window.__cspViolations)')) as string[];
    assert.ok(seen.some((text) => text.startsWith('style-src')), seen.join(' | '));
    await context.close();
  });

  it('dist/fhir-elements.js: every widget ready from resources, zero violations', async () => {
    assertClean(await loadUnderPolicy('single.html'));
  });

  it('dist/fhir-elements-autoloader.js: every tag loaded on first sight, every widget ready, zero violations', async () => {
    assertClean(await loadUnderPolicy('autoloader.html'));
  });
});
