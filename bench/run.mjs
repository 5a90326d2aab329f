#!/usr/bin/env node
// `npm run bench`: size, render, network and memory numbers (numbers, not pass/fail).
// Finds Chromium (CHROME_PATH, then Debian's chromium, then Chrome; nothing is downloaded) and runs
// bench/main.ts under tsx, passing the arguments through (see bench/README.md):
//   npm run bench                      the full run (about 5 minutes on 2 cores)
//   npm run bench -- --quick           fewer runs and smaller sizes, for a smoke test
//   npm run bench -- --only size,render --runs 3
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findChromium, noChromiumMessage } from '../test/chromium.mjs';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const chrome = findChromium();
if (!chrome) {
  console.error(noChromiumMessage('npm run bench'));
  process.exit(1);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/main.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: chrome },
});
process.exit(result.status ?? 1);
