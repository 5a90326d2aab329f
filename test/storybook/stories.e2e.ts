// Every story in the built Storybook, in Chromium: it renders (and its play function passes), its
// widgets settle, and it logs no console error, throws no uncaught error or unhandled rejection,
// and has no axe violation — once in the light theme left-to-right, once dark right-to-left (the
// toolbar's globals). Every autodocs page renders without errors too.
//
// Builds Storybook first (`npm run build-storybook`) unless storybook-static is newer than every
// source it is built from; `STORYBOOK_STATIC=<dir>` tests an existing build as it is.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBrowser, root } from '../e2e/harness.js';

const staticDir = path.resolve(root, process.env.STORYBOOK_STATIC ?? 'storybook-static');
/** What the Storybook build is made from: a change in any of them makes the build stale. */
const SOURCES = ['src', 'stories', '.storybook', 'demo/data', 'custom-elements-manifest.config.mjs', 'package.json', 'vite.config.ts'];
/**
 * Widgets have settled when none is `loading`, or when their states have not changed for this long
 * (the loading stories stay loading by design).
 */
const STEADY_MS = 1_500;
/** The longest wait for widgets to settle. */
const SETTLE_MS = 15_000;

function newestMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(full).map((name) => newestMtime(path.join(entry, name))));
}

function ensureBuilt(): void {
  const index = path.join(staticDir, 'index.json');
  if (process.env.STORYBOOK_STATIC) {
    assert.ok(existsSync(index), `${index} does not exist`);
    return;
  }
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map(newestMtime))) return;
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build-storybook'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  assert.equal(result.status, 0, 'npm run build-storybook failed');
  console.log(`# storybook built in ${Math.round((Date.now() - started) / 1000)} s`);
}

ensureBuilt();

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
}
const entries = Object.values(
  (JSON.parse(readFileSync(path.join(staticDir, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> }).entries,
);
const stories = entries.filter((entry) => entry.type === 'story');
const docs = entries.filter((entry) => entry.type === 'docs');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Serves the static build on a loopback port. */
async function serveStatic(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = path.join(staticDir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(staticDir + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

/** Problems a page reported: console.error, uncaught errors and rejections, non-network log errors. */
async function watchProblems(page: Page): Promise<{ problems: string[]; session: CDPSession }> {
  const problems: string[] = [];
  const session = await page.context().newCDPSession(page);
  await session.send('Runtime.enable');
  await session.send('Log.enable');
  session.on('Runtime.consoleAPICalled', (event) => {
    if (event.type === 'error' || event.type === 'assert') {
      problems.push(`console.${event.type}: ${event.args.map((arg) => arg.value ?? arg.description ?? '').join(' ')}`);
    }
  });
  session.on('Runtime.exceptionThrown', (event) => {
    const details = event.exceptionDetails;
    problems.push(`uncaught: ${details.exception?.description ?? details.text}`);
  });
  // A story that shows a connection failure makes one on purpose: network entries are not faults.
  session.on('Log.entryAdded', (event) => {
    if (event.entry.level === 'error' && event.entry.source !== 'network') problems.push(`${event.entry.source}: ${event.entry.text}`);
  });
  return { problems, session };
}

const AXE = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe on the story root (shadow trees included). `region` is a page-level rule: a story is not a page. */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: AXE });
  return page.evaluate(
    `axe.run(document.querySelector('#storybook-root'), { resultTypes: ['violations'], rules: { region: { enabled: false } } })
      .then((results) => results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`,
  ) as Promise<AxeViolation[]>;
}

/** Waits for the story's render (and play function) to finish, then for its widgets to settle. */
async function settle(page: Page): Promise<string> {
  await page.waitForFunction(
    `['finished', 'completed', 'errored', 'aborted'].includes(window.__STORYBOOK_PREVIEW__?.currentRender?.phase)`,
    undefined,
    { timeout: 30_000 },
  );
  const phase = (await page.evaluate('window.__STORYBOOK_PREVIEW__.currentRender.phase')) as string;
  await widgetsSettled(page, '#storybook-root');
  return phase;
}

/** Waits until no widget under `scope` is loading, or their states stay the same for STEADY_MS. */
async function widgetsSettled(page: Page, scope: string): Promise<void> {
  const states = `[...document.querySelectorAll(${JSON.stringify(`${scope} [state]`)})].map((e) => e.getAttribute('state')).join()`;
  const deadline = Date.now() + SETTLE_MS;
  let last = '';
  let since = Date.now();
  while (Date.now() < deadline) {
    const current = (await page.evaluate(states)) as string;
    if (!current.split(',').includes('loading')) return;
    if (current !== last) {
      last = current;
      since = Date.now();
    } else if (Date.now() - since >= STEADY_MS) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const VARIANTS = [
  { label: 'light, ltr', globals: 'theme:light;direction:ltr' },
  // Arabic too: every story renders its words from the lazily loaded `ar` locale, right to left.
  { label: 'dark, rtl, Arabic', globals: 'theme:dark;direction:rtl;locale:ar' },
] as const;

/** Stories open in this many tabs at once (CI has 2 cores). */
const TABS = Number(process.env.STORY_TABS ?? 2);

interface Tab {
  page: Page;
  problems: string[];
}

describe('Storybook: every story', { timeout: 15 * 60_000, concurrency: TABS }, () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  const idle: Tab[] = [];
  const waiting: ((tab: Tab) => void)[] = [];

  /** Runs `use` in a free tab, its problem list emptied first. */
  async function inTab(use: (tab: Tab) => Promise<void>): Promise<void> {
    const tab = idle.pop() ?? (await new Promise<Tab>((resolve) => waiting.push(resolve)));
    tab.problems.length = 0;
    try {
      await use(tab);
    } finally {
      const next = waiting.shift();
      if (next) next(tab);
      else idle.push(tab);
    }
  }

  before(async () => {
    let served: { server: Server; origin: string };
    [browser, served] = await Promise.all([launchBrowser(), serveStatic()]);
    ({ server, origin } = served);
    for (let index = 0; index < TABS; index++) {
      const page = await browser.newPage();
      idle.push({ page, problems: (await watchProblems(page)).problems });
    }
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('the index lists stories for every widget and the context', () => {
    for (const title of ['Allergy banner', 'Patient summary', 'Medication list', 'Lab trend', 'Context', 'Sources']) {
      assert.ok(stories.some((story) => story.title.endsWith(title)), `stories for ${title}`);
      assert.ok(docs.some((page) => page.title.endsWith(title)), `an autodocs page for ${title}`);
    }
  });

  for (const variant of VARIANTS) {
    for (const story of stories) {
      it(`${story.title} › ${story.name} (${variant.label})`, () =>
        inTab(async ({ page, problems }) => {
          await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story&globals=${variant.globals}`);
          const phase = await settle(page);
          assert.ok(['finished', 'completed'].includes(phase), `the story ${phase === 'errored' ? 'threw (or its play function failed)' : phase}`);
          assert.equal(
            await page.locator('.fhir-story-frame').getAttribute('dir'),
            variant.globals.includes('rtl') ? 'rtl' : 'ltr',
            'the direction global reached the story',
          );
          const violations = await axeViolations(page);
          assert.deepEqual(problems, [], 'console errors, uncaught errors or rejections');
          assert.deepEqual(
            violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(' | ')}`),
            [],
            'axe violations',
          );
        }));
    }
  }

  for (const entry of docs) {
    it(`${entry.title} › docs page renders without errors`, () =>
      inTab(async ({ page, problems }) => {
        await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=docs`);
        await page.locator('.sbdocs-content [state]').first().waitFor({ timeout: 30_000 });
        await widgetsSettled(page, '.sbdocs-content');
        assert.equal(await page.locator('.sb-show-errordisplay').count(), 0, 'Storybook shows an error');
        assert.deepEqual(problems, [], 'console errors, uncaught errors or rejections');
      }));
  }
});
