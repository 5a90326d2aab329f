// `npm run bench` (via bench/run.mjs): builds what it needs, then measures
//   1. bytes a host page pays (1c: the four-widget page through the autoloader, in Chromium)
//   2. render time from `resources`   3. network of the chart page   4. heap across patient switches
// and prints a table (goals beside the numbers) and writes bench/results.json. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { loadGenerator, SCALES } from './data.js';
import { measureMemory } from './memory.js';
import { measureNetwork, type ChartTarget } from './network.js';
import { measurePage, PAGE_PATIENT } from './page.js';
import { previousResultsFile, root, resultsFile, tmpDir } from './paths.js';
import { writeReadme } from './readme.js';
import { measureRender } from './render.js';
import { startBenchServer, type BenchServer } from './serve.js';
import { measurePackage } from './package.js';
import { measureSizes } from './sizes.js';
import { comparisonLines, formatTable, type Results } from './table.js';

/** `page` is section 1c alone (the real autoloader page); `size` includes it. */
const PARTS = ['size', 'page', 'render', 'network', 'memory'] as const;
type Part = (typeof PARTS)[number];

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    switches: { type: 'string' },
    delay: { type: 'string' },
    patient: { type: 'string' },
    code: { type: 'string' },
    cases: { type: 'string' },
    readme: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm run bench [-- options]
  --runs N        timed runs per render case and network case (default 7; warm-up not counted)
  --quick         3 runs, smaller data sets, 20 switches: a smoke test, not numbers for the README
  --only LIST     some of: ${PARTS.join(',')} (size includes page: the autoloader page in Chromium, 1c)
  --no-build      measure dist/ as it is, even if older than src/
  --switches N    patient switches for the memory figure (default 1000; --quick 20)
  --delay MS      added delay per FHIR request for the slow-network case (default 100)
  --patient ID    chart page patient (default pat-diabetes; the autoloader page's: pat-elderly); --code SYSTEM|CODE for its lab trend
  --cases LIST    render only data sets, and measure only autoloader pages (page-4, page-4+results, page-4+results-reports, page-4+cds-cards),
                  whose key contains one of these (e.g. lab-trend-100000; a trailing $ matches a whole key)
  --readme        then write the table into README.md (between the bench markers; not with --quick)
  The previous bench/results.json is kept as bench/results.previous.json and each headline figure
  is printed beside it as a ratio.`);
  process.exit(0);
}

const quick = args.quick;
const runs = Number(args.runs ?? (quick ? 3 : 7));
const switches = Number(args.switches ?? (quick ? 20 : 1000));
const delayMs = Number(args.delay ?? 100);
const only = new Set<Part>(
  (args.only ? args.only.split(',').map((part) => part.trim()) : PARTS).filter((part): part is Part =>
    (PARTS as readonly string[]).includes(part),
  ),
);
const chart: ChartTarget = { patient: args.patient ?? 'pat-diabetes', code: args.code ?? 'http://loinc.org|4548-4' };
const scales = quick ? { medicationOrders: [10, 100], allergies: [0, 10], labPoints: [100, 10_000], results: [[20, 500]] as [number, number][] } : SCALES;

const log = (line: string): void => console.error(line);
const started = performance.now();

/** Runs one part, logging how long it took. */
async function timed<T>(label: string, part: () => Promise<T>): Promise<T> {
  const partStarted = performance.now();
  log(`${label} …`);
  try {
    return await part();
  } finally {
    log(`   (${label}: ${((performance.now() - partStarted) / 1000).toFixed(1)} s)`);
  }
}

/** Newest modification time of the files the bundle is built from. */
function newestSource(): number {
  let newest = 0;
  const visit = (entry: string): void => {
    if (!existsSync(entry)) return;
    const stat = statSync(entry);
    if (stat.isDirectory()) readdirSync(entry).forEach((name) => visit(path.join(entry, name)));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  ['src', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'].forEach((name) => visit(path.join(root, name)));
  return newest;
}

/** Runs `npm run build` when dist/fhir-elements.js is missing or older than the sources. */
function ensureBuild(): void {
  const bundle = path.join(root, 'dist/fhir-elements.js');
  const autoloader = path.join(root, 'dist/fhir-elements-autoloader.js');
  const built = existsSync(bundle) && existsSync(autoloader) ? Math.min(statSync(bundle).mtimeMs, statSync(autoloader).mtimeMs) : 0;
  if (built > newestSource()) return;
  if (args['no-build'] && built > 0) {
    log('dist/fhir-elements.js is older than src/ (--no-build: measuring it anyway)');
    return;
  }
  log(built ? 'dist/ is older than src/: npm run build …' : 'dist/ is missing: npm run build …');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 2, 2] }); // build output to stderr: stdout is the table
  const rebuilt = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  if (result.status !== 0) {
    // the bundle comes from the first step (vite build); later steps (types, manifest) may fail alone
    if (rebuilt > built) log('npm run build failed after writing dist/fhir-elements.js: measuring that bundle.');
    else throw new Error('npm run build failed and dist/fhir-elements.js was not built');
  }
}

function gitCommit(): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

async function main(): Promise<void> {
  ensureBuild();
  mkdirSync(tmpDir, { recursive: true });
  const results: Results = {
    meta: {
      date: new Date().toISOString(),
      commit: gitCommit(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim(),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      memoryGB: Math.round(os.totalmem() / 1e9),
      loadAverage: os.loadavg(),
      runs,
      quick,
    },
  };

  if (only.has('size')) {
    results.sizes = await timed('1. bytes', () => measureSizes(log));
    results.package = await timed('1b. package', () => measurePackage(log));
  }

  const pageRows = only.has('size') || only.has('page');
  const cases = args.cases ? args.cases.split(',') : undefined;
  const needsBrowser = pageRows || only.has('render') || only.has('network') || only.has('memory');
  let browser: Browser | undefined;
  let server: BenchServer | undefined;
  try {
    if (needsBrowser) {
      browser = await launchBrowser();
      results.meta.chromium = browser.version();
      server = await startBenchServer();
      const generator = await loadGenerator();
      if (!generator) log('demo/data/generator.ts is not there yet: the autoloader page (1c), render, network and memory need it; skipped.');

      if (generator && only.has('render')) {
        const [b, s] = [browser, server];
        const render = await timed('2. render', () => measureRender(b, s, generator, { runs, scales, ...(cases ? { cases } : {}) }, log));
        results.render = render.rows;
        results.renderCpu = render.cpu;
      }

      if (generator && (pageRows || only.has('network') || only.has('memory'))) {
        const { createFhirServer } = await import('../demo/server/fhir-server.js');
        const fhir = await timed('   starting the local FHIR server', () => createFhirServer({ patients: generator.generateDemoPatients() }));
        server.setFhir(fhir);
        log(`   local FHIR server: definitions ${fhir.definitionsMilliseconds} ms, preload ${fhir.preloadMilliseconds} ms`);
        if (pageRows) {
          const [b, s] = [browser, server];
          results.page = await timed('1c. the autoloader page in Chromium', () => measurePage(b, s, { patient: args.patient ?? PAGE_PATIENT, ...(cases ? { cases } : {}) }, log));
        }
        if (only.has('network')) {
          // The regional HIE as a second source of the chart page (the two-source rows).
          const { generateHiePatients, HIE_PATIENTS } = await import('../demo/data/hie.js');
          const hiePatient = (HIE_PATIENTS as Record<string, string>)[chart.patient];
          if (hiePatient) {
            const hie = await timed('   starting the regional HIE server', () => createFhirServer({ patients: generateHiePatients() }));
            server.setHie(hie);
            chart.hiePatient = hiePatient;
          } else log(`   ${chart.patient} is not known to the regional HIE: no two-source rows`);
        }
        if (only.has('network')) {
          const [b, s] = [browser, server];
          const rows = await timed('3. network', () => measureNetwork(b, s, chart, { runs: Math.min(runs, 5), delayMs }, log));
          results.network = { ...chart, rows };
        }
        if (only.has('memory')) {
          const [b, s] = [browser, server];
          const patients = generator.DEMO_PATIENTS.map((patient) => patient.id);
          results.memory = await timed('4. memory', () => measureMemory(b, s, chart, patients, switches, log));
        }
      }
    }
  } finally {
    await browser?.close();
    await server?.close();
  }

  results.meta.seconds = (performance.now() - started) / 1000;
  const text = formatTable(results);
  const previous = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Results) : undefined;
  if (previous) copyFileSync(resultsFile, previousResultsFile);
  writeFileSync(resultsFile, JSON.stringify({ ...results, table: text }, null, 2) + '\n');
  console.log(text);
  console.log(['', ...comparisonLines(results, previous)].join('\n'));
  log(`\nwrote ${path.relative(root, resultsFile)}${previous ? ` (the one before: ${path.relative(root, previousResultsFile)})` : ''}`);
  if (args.readme) writeReadme(results);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
