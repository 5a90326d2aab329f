#!/usr/bin/env node
// Runs every test in headless Chromium: first the unit and element tests through @web/test-runner,
// then the end-to-end phase (node's test runner + playwright-core: test/e2e/*.e2e.ts — SMART
// launches, the demo EMR page —, test/storybook/*.e2e.ts — every story — and test/hosts/*.e2e.ts —
// the packed tarball installed into React 19, React 18, Vue 3, Svelte 5 and plain-page hosts).
// Finds a browser (CHROME_PATH, then Debian's chromium, then Chrome); never downloads one.
//   TEST_FILES=a.test.ts,b.test.ts npm test   only those browser tests (no end-to-end phase)
//   E2E_FILES=test/e2e/x.e2e.ts npm test      only those end-to-end files (no browser unit tests)
//   SKIP_E2E=1 npm test                       the browser unit tests only
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findChromium, noChromiumMessage } from './chromium.mjs';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const chrome = findChromium();
if (!chrome) {
  console.error(noChromiumMessage('npm test'));
  process.exit(1);
}

const env = { ...process.env, CHROME_PATH: chrome };
let failed = false;

if (!process.env.E2E_FILES) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'node_modules/@web/test-runner/dist/bin.js'), ...process.argv.slice(2)],
    { cwd: root, stdio: 'inherit', env },
  );
  failed ||= result.status !== 0;
}

const e2eFiles = process.env.E2E_FILES
  ? process.env.E2E_FILES.split(',')
  : process.env.TEST_FILES || process.env.SKIP_E2E
    ? []
    : ['test/e2e', 'test/storybook', 'test/hosts'].flatMap((dir) =>
        existsSync(path.join(root, dir))
          ? readdirSync(path.join(root, dir))
              .filter((name) => name.endsWith('.e2e.ts'))
              .sort()
              .map((name) => `${dir}/${name}`)
          : [],
      );
if (e2eFiles.length > 0) {
  console.log(`\nEnd-to-end phase: ${e2eFiles.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...e2eFiles],
    { cwd: root, stdio: 'inherit', env },
  );
  console.log(`End-to-end phase ${result.status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
