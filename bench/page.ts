// 1c. The four-widget page through the autoloader, in Chromium: what a real page fetches.
// bench/pages/autoload.html holds <fhir-context server="/fhir" patient="pat-elderly"> with the four
// original widgets and loads nothing but dist/fhir-elements-autoloader.js. Against the local FHIR
// server, each case is rendered in a fresh browser context until every widget has settled
// (ready / empty / error), plus a short quiet time; every JS file the page fetched is recorded
// (Playwright's network events, the response bodies as received) and compressed like section 1
// (gzip level 9, brotli quality 11, each file alone, summed). Excluded from the total, and named:
// the fhirclient and ucum-lhc chunks and non-English locale chunks (recognised by their source
// maps), with the files only they import. A static-closure figure (section 1) misses chunks behind
// a dynamic import() that every ordinary render loads; this one does not.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, CDPSession, Response } from 'playwright-core';
import { reportPageErrors } from './browser.js';
import { root } from './paths.js';
import type { BenchServer } from './serve.js';
import { autoloadTargets, compressedSizes, importsOf, staticClosure } from './sizes.js';

export interface PageCase {
  /** Selects the case with --cases: `page-4`, `page-4+results`, `page-4+results-reports`, `page-4+cds-cards`. */
  key: string;
  label: string;
  /** Widgets added to the four (autoload.html `extra`). */
  extras: string[];
}

export const PAGE_CASES: PageCase[] = [
  { key: 'page-4', label: 'page: 4 widgets + context via autoloader', extras: [] },
  { key: 'page-4+results', label: '  + <fhir-results> (lab flowsheet)', extras: ['results'] },
  { key: 'page-4+results-reports', label: '  + <fhir-results> (its default: reports)', extras: ['results-reports'] },
  { key: 'page-4+cds-cards', label: '  + <fhir-cds-cards> (demo CDS service)', extras: ['cds-cards'] },
];

/** The tag an `extra` adds (`results-reports` is `<fhir-results>` in its default view). */
const tagOf = (extra: string) => `fhir-${extra.replace(/-reports$/, '')}`;

/** The page's patient: every widget has something to show (allergies too), and the demo CDS service returns cards. */
export const PAGE_PATIENT = 'pat-elderly';
const AUTOLOADER = 'fhir-elements-autoloader.js';
const WIDGETS = ['fhir-patient-summary', 'fhir-allergy-banner', 'fhir-medication-list', 'fhir-lab-trend', 'fhir-results', 'fhir-cds-cards'];
const TERMINAL = ['ready', 'empty', 'error'];
/** After every widget settled: how long the page is left alone for late fetches (counted, and marked). */
const QUIET_MS = 500;

export interface PageFile {
  /** Path under dist/ (or the URL path when the file is not from dist/). */
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
  /** Milliseconds from navigation start until the request was sent. */
  requestedMs: number;
  /** Fetched after every widget had settled (during the quiet time). */
  afterSettle: boolean;
  /** Not in the static import closure of the autoloader and the page's tag chunks: reached through import(). */
  lazy: boolean;
  /** Why the file is not in the total (`fhirclient`, `ucum-lhc`, `locale es` …), or undefined: counted. */
  excluded?: string;
  /** Of `raw`, the characters V8 ran in this render (precise block coverage), and their gzip alone. */
  ran?: { raw: number; gzip: number };
}

export interface PageRow {
  key: string;
  patient?: string;
  label: string;
  extras: string[];
  /** Each widget's state when the page had settled. */
  states?: Record<string, string>;
  /** Milliseconds from navigation start until every widget had settled. */
  settledMs?: number;
  files?: PageFile[];
  /** Raw / gzip / brotli of the counted files (everything fetched but the exclusions). */
  total?: { files: number; raw: number; gzip: number; brotli: number };
  /** The extra widgets' rows: the counted files the four-widget page did not fetch. */
  onTop?: { files: number; raw: number; gzip: number; brotli: number };
  /**
   * The code of the counted files (and of those on top) that ran in this render (V8 block coverage):
   * what no lazy split could take off this page, since it all ran.
   */
  ran?: { raw: number; gzip: number };
  ranOnTop?: { raw: number; gzip: number };
  /** The same page's static-closure files (autoloader + its tag chunks' static imports), for comparison. */
  staticFiles?: string[];
  /** Why the row does not count (a widget in error), or why it was not measured. */
  invalid?: string;
  skipped?: string;
  /** The two runs fetched different files (they should not). */
  varied?: string;
}

interface Fetched {
  url: string;
  requestedMs: number;
  body?: Buffer;
}

/** V8's precise coverage of one script: its functions' block ranges (offsets in the script's text). */
interface ScriptCoverage {
  url: string;
  functions: { ranges: { startOffset: number; endOffset: number; count: number }[] }[];
}

/**
 * The part of a script that ran: each character takes the count of the innermost range holding it
 * (V8 lists a function's range first, then its blocks; outer ranges start earlier or are longer).
 * The characters that ran, concatenated, gzipped alone: an estimate of the bytes a page would
 * still fetch if every line that did not run were moved behind import().
 */
export function ranOf(text: string, coverage: ScriptCoverage): { raw: number; gzip: number } {
  const ran = new Uint8Array(text.length);
  const ranges = coverage.functions
    .flatMap((fn) => fn.ranges)
    .sort((a, b) => a.startOffset - b.startOffset || b.endOffset - b.startOffset - (a.endOffset - a.startOffset));
  for (const range of ranges) ran.fill(range.count > 0 ? 1 : 0, range.startOffset, Math.min(range.endOffset, text.length));
  let kept = '';
  let raw = 0;
  for (let start = 0; start < text.length; ) {
    let end = start;
    while (end < text.length && ran[end] === ran[start]) end++;
    if (ran[start]) {
      kept += text.slice(start, end);
      raw += end - start;
    }
    start = end;
  }
  return { raw, gzip: gzipSync(kept, { level: 9 }).length };
}

/** Why a dist file is left out of the page's total, from its source map (or name), or undefined. */
function exclusionOf(dist: string, file: string): string | undefined {
  const mapFile = path.join(dist, `${file}.map`);
  const sources = existsSync(mapFile) ? ((JSON.parse(readFileSync(mapFile, 'utf8')) as { sources?: string[] }).sources ?? []) : [];
  const normal = sources.map((source) => source.replace(/\\/g, '/'));
  if (normal.some((source) => source.includes('node_modules/fhirclient/'))) return 'fhirclient';
  if (normal.some((source) => source.includes('node_modules/@lhncbc/ucum-lhc/'))) return 'ucum-lhc';
  const locales = normal.map((source) => /src\/locales\/([a-z]{2,3}(?:-[A-Za-z]+)?)\.ts$/.exec(source)?.[1]);
  if (normal.length > 0 && locales.every((lang) => lang && lang !== 'en')) return `locale ${locales[0]}`;
  const base = path.posix.basename(file);
  if (normal.length === 0 && /^fhirclient-/.test(base)) return 'fhirclient';
  if (normal.length === 0 && /^ucum-lhc-/.test(base)) return 'ucum-lhc';
  return undefined;
}

/**
 * Which fetched files are left out: each excluded file, and what only excluded files import (a
 * runtime helper beside ucum-lhc, say). Kept = reached from the autoloader through static imports
 * and through dynamic imports of files not excluded; a fetched file not reached that way belongs to
 * the excluded group whose static closure holds it (else it is counted).
 */
export function exclusions(dist: string, fetched: string[]): Map<string, string> {
  const excluded = new Map<string, string>();
  for (const file of fetched) {
    const reason = exclusionOf(dist, file);
    if (reason) excluded.set(file, reason);
  }
  const fetchedSet = new Set(fetched);
  const kept = new Set<string>();
  const visit = (file: string): void => {
    if (kept.has(file) || excluded.has(file) || !existsSync(path.join(dist, file))) return;
    kept.add(file);
    const { staticImports, dynamicImports } = importsOf(dist, file);
    staticImports.forEach(visit);
    dynamicImports.filter((target) => fetchedSet.has(target)).forEach(visit);
  };
  visit(AUTOLOADER);
  for (const [root, reason] of [...excluded]) {
    for (const file of staticClosure(dist, root).files) if (fetchedSet.has(file) && !kept.has(file) && !excluded.has(file)) excluded.set(file, `${reason} (imported by it)`);
  }
  return excluded;
}

function sum(files: PageFile[]): { files: number; raw: number; gzip: number; brotli: number } {
  return files.reduce((total, file) => ({ files: total.files + 1, raw: total.raw + file.raw, gzip: total.gzip + file.gzip, brotli: total.brotli + file.brotli }), {
    files: 0,
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}

/** One load of the page in a fresh context: every script fetched, each widget's state. */
async function loadPage(
  browser: Browser,
  server: BenchServer,
  patient: string,
  extras: string[],
  log: (line: string) => void,
  coverage = false,
): Promise<{ fetched: Fetched[]; states: Record<string, string>; settledMs: number; settledAt: number; unrecorded: string[]; scripts?: ScriptCoverage[] }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    const page = await context.newPage();
    reportPageErrors(page, log);
    let cdp: CDPSession | undefined;
    if (coverage) {
      cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.startPreciseCoverage', { callCount: false, detailed: true });
    }
    const fetched: Fetched[] = [];
    const bodies: Promise<void>[] = [];
    const started = Date.now();
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (request.resourceType() === 'script' || /\.m?js$/.test(pathname)) fetched.push({ url: request.url(), requestedMs: Date.now() - started });
    });
    page.on('response', (response: Response) => {
      const entry = fetched.find((item) => item.url === response.url() && !item.body);
      if (!entry) return;
      bodies.push(
        response.body().then(
          (body) => {
            entry.body = body;
          },
          () => undefined,
        ),
      );
    });
    const query = new URLSearchParams({ patient });
    if (extras.length > 0) query.set('extra', extras.join(','));
    await page.goto(`${server.origin}/pages/autoload.html?${query}`);
    const tags = ['fhir-patient-summary', 'fhir-allergy-banner', 'fhir-medication-list', 'fhir-lab-trend', ...extras.map(tagOf)];
    await page.waitForFunction(
      ({ tags: names, terminal }) => names.every((tag) => terminal.includes(document.querySelector(tag)?.getAttribute('state') ?? '')),
      { tags, terminal: TERMINAL },
      { timeout: 60_000, polling: 'raf' },
    );
    const settledAt = Date.now() - started;
    const settledMs = (await page.evaluate('performance.now()')) as number;
    await page.waitForTimeout(QUIET_MS);
    const states = (await page.evaluate(
      `Object.fromEntries(${JSON.stringify(WIDGETS)}.filter((tag) => document.querySelector(tag)).map((tag) => [tag, document.querySelector(tag).getAttribute('state')]))`,
    )) as Record<string, string>;
    // Cross-check: every script the page's own resource timing lists was recorded.
    const timed = (await page.evaluate(
      `performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => /\\.m?js$/.test(new URL(name).pathname))`,
    )) as string[];
    const unrecorded = timed.filter((url) => !fetched.some((entry) => entry.url === url));
    const scripts = cdp ? ((await cdp.send('Profiler.takePreciseCoverage')).result as ScriptCoverage[]) : undefined;
    await Promise.all(bodies);
    return { fetched, states, settledMs, settledAt, unrecorded, ...(scripts ? { scripts } : {}) };
  } finally {
    await context.close();
  }
}

/** The page rows: the four widgets, then each increment (on top of the four-widget page's files). */
export async function measurePage(
  browser: Browser,
  server: BenchServer,
  options: { patient: string; cases?: string[] },
  log: (line: string) => void,
): Promise<PageRow[]> {
  const dist = path.join(root, 'dist');
  if (!existsSync(path.join(dist, AUTOLOADER))) return [{ ...PAGE_CASES[0], skipped: `dist/${AUTOLOADER} is not built` }];
  const selected = PAGE_CASES.filter(
    (item) => !options.cases || options.cases.some((part) => (part.endsWith('$') ? item.key === part.slice(0, -1) : item.key.includes(part))),
  );
  const targets = autoloadTargets(dist, AUTOLOADER);
  const distPrefix = `${server.origin}/dist/`;
  const rows: PageRow[] = [];
  let base: PageRow | undefined;
  // The increments need the four-widget page's files: it is measured whenever any case is.
  const cases = selected.length > 0 && !selected.includes(PAGE_CASES[0]) ? [PAGE_CASES[0], ...selected] : selected;
  for (const item of cases) {
    const row: PageRow = { key: item.key, patient: options.patient, label: item.label, extras: item.extras };
    if (selected.includes(item)) rows.push(row);
    try {
      // a warm-up load (the server's caches), then the measured one; a second measured load checks the file list is stable
      await loadPage(browser, server, options.patient, item.extras, log);
      const run = await loadPage(browser, server, options.patient, item.extras, log);
      // … with V8's block coverage on (what ran), which does not change what is fetched
      const again = await loadPage(browser, server, options.patient, item.extras, log, true);
      const names = (fetched: Fetched[]) => fetched.map((entry) => (entry.url.startsWith(distPrefix) ? entry.url.slice(distPrefix.length).split('?')[0] : new URL(entry.url).pathname));
      const first = names(run.fetched);
      const second = names(again.fetched);
      const differ = [...first.filter((name) => !second.includes(name)), ...second.filter((name) => !first.includes(name))];
      if (differ.length > 0) row.varied = `the files differed between two loads: ${differ.join(', ')}`;
      if (run.unrecorded.length > 0) row.varied = `${row.varied ? `${row.varied}; ` : ''}resource timing lists scripts not recorded: ${run.unrecorded.join(', ')}`;
      const tags = ['fhir-context', 'fhir-patient-summary', 'fhir-allergy-banner', 'fhir-medication-list', 'fhir-lab-trend', ...item.extras.map(tagOf)];
      const staticFiles = new Set(staticClosure(dist, AUTOLOADER).files);
      for (const tag of tags) {
        const chunk = targets.get(tag);
        if (chunk) staticClosure(dist, chunk).files.forEach((file) => staticFiles.add(file));
      }
      const excluded = exclusions(dist, first.filter((name) => existsSync(path.join(dist, name))));
      row.files = run.fetched.map((entry, index) => {
        const file = first[index];
        const body = entry.body ?? (existsSync(path.join(dist, file)) ? readFileSync(path.join(dist, file)) : Buffer.alloc(0));
        const sizes = compressedSizes(body);
        const reason = excluded.get(file);
        const covered = again.scripts?.find((script) => script.url.split('?')[0] === entry.url.split('?')[0]);
        return {
          file,
          ...sizes,
          ...(covered ? { ran: ranOf(body.toString('utf8'), covered) } : {}),
          requestedMs: entry.requestedMs,
          afterSettle: entry.requestedMs > run.settledAt,
          lazy: !staticFiles.has(file),
          ...(reason ? { excluded: reason } : {}),
        };
      });
      row.staticFiles = [...staticFiles];
      row.states = run.states;
      row.settledMs = run.settledMs;
      row.total = sum(row.files.filter((file) => !file.excluded));
      const ranSum = (files: PageFile[]) =>
        files.every((file) => file.ran)
          ? files.reduce((total, file) => ({ raw: total.raw + file.ran!.raw, gzip: total.gzip + file.ran!.gzip }), { raw: 0, gzip: 0 })
          : undefined;
      const ran = ranSum(row.files.filter((file) => !file.excluded));
      if (ran) row.ran = ran;
      const failed = Object.entries(run.states).filter(([, state]) => state === 'error');
      if (failed.length > 0) row.invalid = `${failed.map(([tag]) => tag).join(', ')} in error`;
      if (item === PAGE_CASES[0]) base = row;
      else if (base?.files) {
        const had = new Set(base.files.map((file) => file.file));
        row.onTop = sum(row.files.filter((file) => !file.excluded && !had.has(file.file)));
        const ranOnTop = ranSum(row.files.filter((file) => !file.excluded && !had.has(file.file)));
        if (ranOnTop) row.ranOnTop = ranOnTop;
      }
      const lazy = row.files.filter((file) => file.lazy && !file.excluded).map((file) => file.file);
      log(
        `  ${item.label.trim()}: ${row.total.files} JS files, ${(row.total.gzip / 1000).toFixed(1)} kB gzip counted` +
          `${row.onTop ? ` (${(row.onTop.gzip / 1000).toFixed(1)} kB on top)` : ''}; lazy chunks loaded: ${lazy.join(', ') || 'none'}; ` +
          `states ${Object.entries(run.states).map(([tag, state]) => `${tag.replace(/^fhir-/, '')}=${state}`).join(' ')}${row.varied ? `; ${row.varied}` : ''}`,
      );
    } catch (error) {
      row.skipped = `failed: ${(error as Error).message.split('\n')[0]}`;
      log(`  ${item.label.trim()}: ${row.skipped}`);
    }
  }
  return rows;
}
