// The package as an adopter gets it: `npm pack`, the tarball installed into small React 19,
// React 18, Vue 3 and Svelte 5 apps (one shared install) and copied onto a plain page, each built
// with Vite and opened in Chromium. Generator data is handed to each app after it has mounted,
// through the framework's own bindings. Also: the install footprint of the tarball alone (npm
// defaults, empty folder), importing every entry in Node, and the shipped types checked by tsc
// with skipLibCheck false (bundler and node16 resolution; a React 19 TSX file using every tag).
// Everything is written under test/hosts/.work/ (git-ignored), the npm cache included.
//   HOSTS_KEEP=1   reuse test/hosts/.work/app/node_modules when the tarball did not change
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoResources } from '../../demo/data/generator.js';
import { launchBrowser, root, shadowText, waitForShadowText } from '../e2e/harness.js';
import { dirSize, packagesIn } from './install-footprint.js';

const work = path.join(root, 'test/hosts/.work');
const apps = path.join(root, 'test/hosts/apps');
const app = path.join(work, 'app');
const npmCache = path.join(work, 'npm-cache');
const WIDGETS = ['fhir-patient-summary', 'fhir-allergy-banner', 'fhir-medication-list', 'fhir-lab-trend'];
const HOSTS = ['react19', 'react18', 'vue', 'svelte', 'plain'] as const;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${path.relative(root, cwd) || '.'}) failed:\n${result.stdout}\n${result.stderr}`);
  }
  return `${result.stdout}\n${result.stderr}`;
}

/** npm with the defaults an adopter has: no project .npmrc applies in these folders; the cache stays in .work. */
const npm = (args: string[], cwd: string) => run('npm', [...args, '--cache', npmCache, '--no-audit', '--no-fund', '--loglevel=warn'], cwd);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/ (CI builds first). */
function ensureBuild(): void {
  const bundle = path.join(root, 'dist/fhir-elements.js');
  const types = path.join(root, 'dist/types/index.d.ts');
  const jsx = path.join(root, 'dist/jsx/react.d.ts');
  const stale = [bundle, types, jsx].some((file) => !existsSync(file)) || statSync(bundle).mtimeMs < newestMtime(path.join(root, 'src'));
  if (stale) run('npm', ['run', 'build'], root);
}

/** A static file server over `dir` on a free loopback port. */
function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = path.join(dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }),
  );
}

/**
 * Page-side recorder, installed before any script: every `state` each widget ever shows (from its
 * insertion on) and every fhir-error, with whether data had been handed over yet.
 */
const RECORDER = `
  window.stateLog = [];
  window.errorLog = [];
  window.dataGiven = false;
  const seen = (el) => window.stateLog.push({ tag: el.localName, state: el.getAttribute('state'), dataGiven: window.dataGiven });
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes' && record.target.localName.startsWith('fhir-')) seen(record.target);
      for (const node of record.addedNodes ?? []) if (node.nodeType === 1 && node.localName.startsWith('fhir-') && node.hasAttribute('state')) seen(node);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['state'] });
  document.addEventListener('fhir-error', (event) => window.errorLog.push({ tag: event.target.localName, dataGiven: window.dataGiven, message: event.detail && event.detail.message }), true);
`;

async function states(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate((tags) => Object.fromEntries(tags.map((tag) => [tag, document.querySelector(tag)?.getAttribute('state') ?? null])), WIDGETS);
}

async function untilAllReady(page: Page): Promise<void> {
  try {
    await page.waitForFunction((tags) => tags.every((tag) => document.querySelector(tag)?.getAttribute('state') === 'ready'), WIDGETS, {
      timeout: 30_000,
    });
  } catch (error) {
    throw new Error(`not every widget reached ready: ${JSON.stringify(await states(page))}`, { cause: error });
  }
}

async function giveData(page: Page, patientId: string): Promise<void> {
  const resources = demoResources(patientId);
  await page.evaluate(
    ([resources, patientId]) => {
      (window as unknown as { dataGiven: boolean }).dataGiven = true;
      (window as unknown as { hostApp: { setData(r: unknown, p: string): void } }).hostApp.setData(resources, patientId as string);
    },
    [resources, patientId] as const,
  );
}

let tarball = '';
const buildOutput: Record<string, string> = {};
let browser: Browser | undefined;
let site: { server: Server; origin: string } | undefined;

describe('fhir-elements in host apps (packed tarball)', { timeout: 600_000 }, () => {
  before(async () => {
    mkdirSync(work, { recursive: true });
    ensureBuild();
    // Pack into .work (the repo's .npmrc applies to packing only, as for a publish).
    for (const old of readdirSync(work).filter((name) => name.endsWith('.tgz'))) rmSync(path.join(work, old));
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work, '--cache', npmCache, '--loglevel=warn'], root).split('\n\n')[0] || '[]') as {
      filename: string;
    }[];
    tarball = path.join(work, packed[0]?.filename ?? readdirSync(work).find((name) => name.endsWith('.tgz'))!);

    // One install shared by every host app.
    const manifest = readFileSync(path.join(apps, 'package.json'), 'utf8').replace('"fhir-elements": "FHIR_ELEMENTS_TARBALL"', `"fhir-elements": ${JSON.stringify(`file:${tarball}`)}`);
    const stamp = path.join(app, '.tarball-stamp');
    const digest = createHash('sha256').update(readFileSync(tarball)).digest('hex');
    const sameTarball = existsSync(stamp) && readFileSync(stamp, 'utf8') === digest;
    if (!(process.env.HOSTS_KEEP && sameTarball && existsSync(path.join(app, 'node_modules')))) {
      rmSync(app, { recursive: true, force: true });
    }
    cpSync(apps, app, { recursive: true });
    writeFileSync(path.join(app, 'package.json'), manifest);
    npm(['install', '--install-links'], app);
    writeFileSync(stamp, digest);

    // The plain page: the one-file bundle and its chunks/ copied beside index.html, nothing else.
    const dist = path.join(app, 'node_modules/fhir-elements/dist');
    cpSync(path.join(dist, 'fhir-elements.js'), path.join(app, 'plain/dist/fhir-elements.js'));
    cpSync(path.join(dist, 'chunks'), path.join(app, 'plain/dist/chunks'), { recursive: true });
    cpSync(path.join(app, 'plain/index.html'), path.join(app, 'plain/dist/index.html'));
    for (const host of HOSTS.filter((name) => name !== 'plain')) {
      buildOutput[host] = run(process.execPath, [path.join(app, 'node_modules/vite/bin/vite.js'), 'build', '--base', `/${host}/`], path.join(app, host));
    }
    // One site: /<host>/ is each app's build.
    const siteDir = path.join(work, 'site');
    rmSync(siteDir, { recursive: true, force: true });
    for (const host of HOSTS) cpSync(path.join(app, host, 'dist'), path.join(siteDir, host), { recursive: true });
    site = await serve(siteDir);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    site?.server.close();
  });

  it('installs from the tarball into an empty folder with npm defaults: no Expo, React Native or Hermes', () => {
    const folder = path.join(work, 'footprint');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'empty', private: true }));
    const output = npm(['install', tarball], folder);
    const packages = packagesIn(path.join(folder, 'node_modules'));
    const unwanted = packages.filter((name) => /(^|\/)(expo|expo-[^/]*|react-native[^/]*|hermes[^/]*|@expo\/.*|@react-native\/.*|@unimodules\/.*)$/.test(name));
    assert.deepEqual(unwanted, [], 'Expo / React Native / Hermes packages installed');
    const bytes = dirSize(path.join(folder, 'node_modules'));
    console.log(`# install footprint: ${packages.length} packages, ${(bytes / 1e6).toFixed(1)} MB (node_modules), tarball ${(statSync(tarball).size / 1e3).toFixed(0)} kB`);
    assert.ok(packages.length < 20, `${packages.length} packages: ${packages.join(', ')}`);
    assert.doesNotMatch(output, /deprecated|ERESOLVE|peer dep/i, 'install warnings');
  });

  it('builds every host with Vite with no warning about the package (e.g. CommonJS shims)', () => {
    for (const [host, output] of Object.entries(buildOutput)) {
      assert.doesNotMatch(output, /fhir-elements|COMMONJS|isomorphic-webcrypto|fhirclient/i, `${host} build output`);
    }
  });

  it('ships custom-elements.json with paths to shipped files, editor data, LICENSE and CHANGELOG', () => {
    const installed = path.join(app, 'node_modules/fhir-elements');
    const manifest = JSON.parse(readFileSync(path.join(installed, 'custom-elements.json'), 'utf8')) as { modules: { path: string }[] };
    const missing = manifest.modules.map((module) => module.path).filter((file) => !existsSync(path.join(installed, file)));
    assert.deepEqual(missing, [], 'custom-elements.json module paths not in the package');
    const pkg = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.ok(existsSync(path.join(installed, pkg['web-types'] as string)), 'web-types');
    const vscode = JSON.parse(readFileSync(path.join(installed, 'dist/editor/vscode.html-custom-data.json'), 'utf8')) as { tags: { name: string }[] };
    assert.deepEqual(vscode.tags.map((tag) => tag.name).sort(), [
      'fhir-allergy-banner',
      'fhir-cds-cards',
      'fhir-context',
      'fhir-lab-trend',
      'fhir-medication-list',
      'fhir-patient-summary',
      'fhir-results',
      'fhir-source',
    ]);
    assert.match(readFileSync(path.join(installed, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0/);
    assert.ok(existsSync(path.join(installed, 'CHANGELOG.md')));
  });

  it('imports every entry in Node without throwing (SSR)', () => {
    const pkg = JSON.parse(readFileSync(path.join(app, 'node_modules/fhir-elements/package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const entries = Object.entries(pkg.exports)
      .filter(([subpath, target]) => typeof target === 'object' && target !== null && 'import' in target && !subpath.startsWith('./react'))
      // A pattern export (`./locales/*.js`) stands for each shipped language.
      .flatMap(([subpath]) => (subpath.includes('*') ? ['es', 'de', 'ar'].map((lang) => subpath.replace('*', lang)) : [subpath]))
      .map((subpath) => `fhir-elements${subpath.slice(1)}`);
    assert.ok(entries.length >= 8, entries.join(' '));
    const script = `for (const entry of ${JSON.stringify(entries)}) await import(entry); console.log('imported', ${entries.length});`;
    const output = run(process.execPath, ['--input-type=module', '-e', script], app);
    assert.match(output, /imported/);
    // The React entry needs React, which the app has.
    run(process.execPath, ['--input-type=module', '-e', "await import('fhir-elements/react');"], app);
  });

  it('ships dist/fhir-elements.js as one file: no static import of a chunk', () => {
    const code = readFileSync(path.join(app, 'node_modules/fhir-elements/dist/fhir-elements.js'), 'utf8');
    assert.doesNotMatch(code, /^import\s*[{*\w]|[;}]\s*import\s*[{*\w][^(]*?from\s*["'`]/m, 'static import in the one-file bundle');
    // fhirclient stays lazy: loaded only by the SMART path's own lazy chunk, never by the file itself.
    assert.match(code, /import\(`\.\/chunks\/smart-/, 'the SMART path is a lazy chunk beside the file');
    const chunks = path.join(app, 'node_modules/fhir-elements/dist/chunks');
    const smart = readdirSync(chunks).find((name) => /^smart-[\w-]+\.js$/.test(name));
    assert.ok(smart, 'dist/chunks/smart-*.js is shipped');
    assert.match(readFileSync(path.join(chunks, smart), 'utf8'), /import\(`\.\/fhirclient-/, 'which loads fhirclient lazily');
  });

  it('type-checks a TypeScript consumer (skipLibCheck false; bundler and node16 resolution)', () => {
    const tsc = path.join(app, 'node_modules/typescript/bin/tsc');
    run(process.execPath, [tsc, '-p', 'consumer/tsconfig.bundler.json'], app);
    run(process.execPath, [tsc, '-p', 'consumer/tsconfig.node16.json'], app);
  });

  it('type-checks a React 19 TSX file using every tag with typed props and events', () => {
    run(process.execPath, [path.join(app, 'node_modules/typescript/bin/tsc'), '-p', 'react19/tsconfig.json'], app);
  });

  it('type-checks the same with the newest TypeScript', (t) => {
    const bin = ['bin/tsc', 'bin/tsgo'].map((file) => path.join(app, 'node_modules/typescript-next', file)).find((file) => existsSync(file));
    if (!bin) {
      t.skip('typescript-next has no tsc binary here');
      return;
    }
    const version = run(process.execPath, [bin, '--version'], app).trim();
    t.diagnostic(`newest TypeScript: ${version}`);
    for (const project of ['consumer/tsconfig.bundler.json', 'consumer/tsconfig.node16.json', 'react19/tsconfig.json']) {
      run(process.execPath, [bin, '-p', project], app);
    }
  });

  for (const host of HOSTS) {
    describe(host, () => {
      let page: Page;
      before(async () => {
        page = await browser!.newPage();
        page.on('pageerror', (error) => console.error(`[${host}] page error: ${error.message}`));
        await page.addInitScript(RECORDER);
        await page.goto(`${site!.origin}/${host}/`);
        await page.waitForFunction(() => 'hostApp' in window && document.querySelectorAll('[state]').length >= 4, undefined, { timeout: 30_000 });
        // Let the framework settle with no data before handing it over.
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
      });
      after(() => page.close());

      it('renders every widget once generator data arrives after mount', async () => {
        await giveData(page, 'pat-elderly');
        await untilAllReady(page);
        assert.match(await shadowText(page, 'fhir-patient-summary'), /Whitfield/i);
        assert.match(await shadowText(page, 'fhir-allergy-banner'), /penicillin/i);
        const react = await page.evaluate(() => (window as unknown as { hostReactVersion?: string }).hostReactVersion);
        if (host === 'react18') assert.match(react ?? '', /^18\./);
        if (host === 'react19') assert.match(react ?? '', /^19\./);
      });

      it('reports fhir-load to the host handlers', async () => {
        const events = await page.evaluate(() => (window as unknown as { hostEvents: { type: string; tag: string }[] }).hostEvents);
        const loaded = new Set(events.filter((event) => event.type === 'fhir-load').map((event) => event.tag));
        assert.deepEqual([...loaded].sort(), [...WIDGETS].sort());
      });

      it('reports fhir-select to the host handler', async () => {
        await page.locator('fhir-medication-list').locator('[part~="name"]').first().click();
        await page.waitForFunction(() =>
          (window as unknown as { hostEvents: { type: string }[] }).hostEvents.some((event) => event.type === 'fhir-select'),
        );
      });

      it('switches patients', async () => {
        await giveData(page, 'pat-ckd');
        await waitForShadowText(page, 'fhir-patient-summary', 'Margaret');
        await untilAllReady(page);
        assert.doesNotMatch(await shadowText(page, 'fhir-patient-summary'), /Whitfield/);
      });

      // Waits on the widget base's neutral state before a source exists (the `arch` branch).
      it('shows no error and fires no fhir-error before the data arrives', async () => {
        const log = await page.evaluate(() => ({
          states: (window as unknown as { stateLog: { tag: string; state: string; dataGiven: boolean }[] }).stateLog,
          errors: (window as unknown as { errorLog: { tag: string; dataGiven: boolean; message: string }[] }).errorLog,
        }));
        assert.ok(log.states.some((entry) => !entry.dataGiven), 'states were recorded before the data arrived');
        assert.deepEqual(log.errors, [], 'fhir-error events');
        assert.deepEqual(
          log.states.filter((entry) => entry.state === 'error'),
          [],
          'widgets in state="error"',
        );
      });
    });
  }
});
