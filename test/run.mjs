#!/usr/bin/env node
// Runs every test in headless Chromium through @web/test-runner.
// Finds a browser (CHROME_PATH, then Debian's chromium, then Chrome); never downloads one.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].filter(Boolean);
const chrome = candidates.find((candidate) => existsSync(candidate));
if (!chrome) {
  console.error(
    [
      'npm test needs a Chromium or Chrome browser, and none was found.',
      'Either set CHROME_PATH to a Chrome/Chromium executable, e.g.',
      '  CHROME_PATH=/path/to/chrome npm test',
      "or install Debian's chromium:",
      '  sudo apt-get update && sudo apt-get install -y chromium',
      'Nothing is downloaded by the test tools.',
    ].join('\n'),
  );
  process.exit(1);
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', path.join(root, 'node_modules/@web/test-runner/dist/bin.js'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, CHROME_PATH: chrome } },
);
process.exit(result.status ?? 1);
