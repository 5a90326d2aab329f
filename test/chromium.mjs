// The one place that knows how this project finds and starts Chromium: the test runner, the
// end-to-end tests and the benchmarks all use it. Nothing is ever downloaded.
import { existsSync } from 'node:fs';

/** Where a browser is looked for, in order. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Flags for a headless, quiet Chromium on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** CHROME_PATH, else the first candidate that exists; undefined when there is none. */
export function findChromium() {
  return [process.env.CHROME_PATH, ...CHROMIUM_CANDIDATES].find((candidate) => candidate && existsSync(candidate));
}

/** How to get a browser, for the message printed when none is found. */
export function noChromiumMessage(command) {
  return [
    `${command} needs a Chromium or Chrome browser, and none was found.`,
    'Either set CHROME_PATH to a Chrome/Chromium executable, e.g.',
    `  CHROME_PATH=/path/to/chrome ${command}`,
    "or install Debian's chromium:",
    '  sudo apt-get update && sudo apt-get install -y chromium',
    'Nothing is downloaded by the test tools.',
  ].join('\n');
}
