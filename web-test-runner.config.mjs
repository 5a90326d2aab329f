// @web/test-runner: every test in headless Chromium, with the local FHIR server, the
// fault-injecting server and the shared fixtures mounted on the test server's origin.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from './test/chromium.mjs';
import { testServerMiddleware } from './test/server/middleware.ts';

/**
 * CommonJS packages the kit imports lazily (`import('@lhncbc/ucum-lhc')`, `import('fhirclient')`): Vite bundles them for
 * the kit; the test server serves each one bundled by esbuild as an ES module (default export).
 */
function commonJsPackages(names) {
  const bundles = new Map();
  const prefix = '/__commonjs/';
  return {
    name: 'commonjs-packages',
    resolveImport({ source }) {
      return names.includes(source) ? `${prefix}${source}.js` : undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(prefix)) return undefined;
      const name = context.path.slice(prefix.length, -'.js'.length);
      if (!names.includes(name)) return undefined;
      if (!bundles.has(name)) {
        // Resolved by esbuild itself (platform browser), so a package's `browser` entry wins.
        const contents = `import * as m from '${name}'; export default (m.default ?? m);`;
        bundles.set(
          name,
          build({
            stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
            bundle: true,
            format: 'esm',
            platform: 'browser',
            write: false,
            logLevel: 'error',
          }).then((result) => result.outputFiles[0].text),
        );
      }
      return { body: await bundles.get(name), type: 'js' };
    },
  };
}

const chromeArgs = [
  ...CHROMIUM_ARGS,
  // Test pages run one at a time, but never let a page be throttled as a background tab.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  // window.gc(): test/elements/memory.test.ts forces a full collection to see what stays reachable.
  '--js-flags=--expose-gc',
];

export default {
  rootDir: '.',
  files: process.env.TEST_FILES ? process.env.TEST_FILES.split(',') : ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  // One test page at a time: a page in a background tab gets no animation frames, and Lit
  // fixtures wait for frames (a hang, not a failure). The machines have 2 cores anyway.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  browserStartTimeout: 120000,
  testFramework: { config: { timeout: 20000 } },
  plugins: [
    commonJsPackages(['@lhncbc/ucum-lhc', 'fhirclient']),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
  ],
  middleware: await testServerMiddleware(),
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: process.env.CHROME_PATH, headless: true, args: chromeArgs },
    }),
  ],
  // The dev-mode banner is expected (tests run Lit's development build); any other Lit dev-mode
  // warning fails the test it happened in (test/helpers/fail-on-lit-warnings.js).
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
  testRunnerHtml: (testFramework) => `<html>
    <body>
      <script type="module" src="/test/helpers/fail-on-lit-warnings.js"></script>
      <script type="module" src="${testFramework}"></script>
    </body>
  </html>`,
};
