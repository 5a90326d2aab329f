// What the end-to-end tests share: the browser (Chromium from CHROME_PATH or Debian's package,
// never downloaded), the demo's real dev server (Vite with the project config: the demo pages,
// the open FHIR server at /fhir, the SMART authorization server at /auth and the token-protected
// FHIR server at /smart/fhir), and helpers to wait for widgets.
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { CHROMIUM_ARGS, findChromium, noChromiumMessage } from '../chromium.mjs';
import type { SmartAuthPluginApi } from '../../demo/auth/vite-plugin.js';
import type { SmartDemo } from '../../demo/auth/smart-demo.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const CHROME_ARGS = [...CHROMIUM_ARGS];

export function chromePath(): string {
  const found = findChromium();
  if (!found) throw new Error(noChromiumMessage('npm test'));
  return found;
}

/**
 * Playwright turns off some Chromium features (its `--disable-features` list). One of them is
 * third-party storage partitioning, which Chrome has on by default and which gives an app framed
 * by another site's EHR its own (partitioned) sessionStorage. Our own list replaces Playwright's:
 * the same features minus that one, so the browser behaves like Chrome for a framed SMART app.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'MediaRouter',
  'PaintHolding',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/**
 * Headless Chromium. `thirdPartyStorage: 'blocked'` keeps Playwright's defaults, under which a
 * cross-site iframe gets no sessionStorage at all (as in browsers that block third-party storage).
 */
export function launchBrowser(options: { thirdPartyStorage?: 'partitioned' | 'blocked' } = {}): Promise<Browser> {
  const features = options.thirdPartyStorage === 'blocked' ? [] : [`--disable-features=${DISABLED_FEATURES.join(',')}`];
  return chromium.launch({ executablePath: chromePath(), args: [...CHROME_ARGS, ...features], headless: true });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface DemoServer {
  origin: string;
  vite: ViteDevServer;
  /** The SMART authorization server and token-protected FHIR server of this dev server. */
  smart: SmartDemo;
  close(): Promise<void>;
}

/** Starts the demo's Vite dev server (project config) on a free loopback port, servers ready. */
export async function startDemoServer(): Promise<DemoServer> {
  const port = await freePort();
  const vite = await createServer({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    clearScreen: false,
    // No file watching: edits elsewhere must not restart the server or reload a page mid-launch.
    server: { port, strictPort: true, host: '127.0.0.1', watch: null, hmr: false },
  });
  await vite.listen();
  const origin = `http://127.0.0.1:${port}`;
  const plugin = vite.config.plugins.find((candidate) => candidate.name === 'fhir-elements:smart-auth');
  if (!plugin) throw new Error('vite.config.ts does not mount smartAuthPlugin()');
  const smart = await (plugin.api as SmartAuthPluginApi).ready();
  // The open FHIR server loads in the background: wait until it answers.
  const metadata = await fetch(`${origin}/fhir/metadata`);
  if (!metadata.ok) throw new Error(`The demo FHIR server did not start: ${metadata.status}`);
  // Let the dependency optimizer finish before any page loads (no "optimized, reloading").
  await fetch(`${origin}/`);
  return { origin, vite, smart, close: () => vite.close() };
}

export const WIDGETS = ['fhir-patient-summary', 'fhir-allergy-banner', 'fhir-medication-list', 'fhir-lab-trend'] as const;

/** Waits until every widget in the frame has left `loading`; returns tag → state. */
export async function settledStates(frame: Frame | Page, timeout = 30_000): Promise<Record<string, string>> {
  await frame.waitForFunction(
    (tags) => tags.every((tag) => {
      const element = document.querySelector(tag);
      const state = element?.getAttribute('state');
      return state !== null && state !== undefined && state !== 'loading';
    }),
    [...WIDGETS],
    { timeout },
  );
  return frame.evaluate((tags) => Object.fromEntries(tags.map((tag) => [tag, document.querySelector(tag)!.getAttribute('state')!])), [...WIDGETS]);
}

/**
 * In-page source of a function returning the visible text of an element and its (nested) shadow
 * trees, whitespace collapsed. Kept as text: tsx would wrap named inner functions in a `__name`
 * helper that does not exist in the page.
 */
const SHADOW_TEXT = String.raw`(selector) => {
  const collect = (node) => {
    let text = '';
    if (node.shadowRoot) text += collect(node.shadowRoot);
    for (const child of node.childNodes) {
      if (child.nodeName === 'STYLE' || child.nodeName === 'SCRIPT') continue;
      if (child.nodeType === Node.TEXT_NODE) text += child.textContent + ' ';
      else if (child.nodeType === Node.ELEMENT_NODE) text += collect(child) + ' ';
    }
    return text;
  };
  const element = document.querySelector(selector);
  return element ? collect(element).replace(/\s+/g, ' ').trim() : '';
}`;

/** The visible text of an element's shadow tree (and nested shadow trees), whitespace collapsed. */
export async function shadowText(frame: Frame | Page, selector: string): Promise<string> {
  return frame.evaluate(`(${SHADOW_TEXT})(${JSON.stringify(selector)})`) as Promise<string>;
}

/** Waits until the element's (shadow) text contains `text`, case-insensitively. */
export async function waitForShadowText(frame: Frame | Page, selector: string, text: string, timeout = 30_000): Promise<void> {
  // A function, not a string: a string predicate that is not true at once is polled through eval,
  // which the demo pages' CSP (no unsafe-eval, Trusted Types) blocks. No named inner function (tsx
  // would wrap it in a `__name` helper the page lacks): the tree is walked with a stack.
  await frame.waitForFunction(
    ({ selector, text }) => {
      const element = document.querySelector(selector);
      if (!element) return false;
      let collected = '';
      const stack: Node[] = [element];
      while (stack.length) {
        const node = stack.pop()!;
        if (node.nodeType === Node.TEXT_NODE) {
          collected += `${node.textContent ?? ''} `;
          continue;
        }
        if (node.nodeName === 'STYLE' || node.nodeName === 'SCRIPT') continue;
        const shadow = node instanceof Element ? node.shadowRoot : null;
        const children: Node[] = [...(shadow ? [shadow] : []), ...node.childNodes];
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      }
      return collected.replace(/\s+/g, ' ').toUpperCase().includes(text);
    },
    { selector, text: text.toUpperCase() },
    { timeout },
  );
}

/** The frame whose URL path is `pathname` (e.g. the SMART app inside the EHR page). */
export async function waitForFrame(page: Page, pathname: string, timeout = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = page.frames().find((candidate) => {
      try {
        return new URL(candidate.url()).pathname === pathname;
      } catch {
        return false;
      }
    });
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`No frame at ${pathname}; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
