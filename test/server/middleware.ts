// Koa middleware for the @web/test-runner dev server: everything the browser tests reach over HTTP
// on the test page's own origin.
//   /fixtures/*                the shared third-party fixtures (../shared/fixtures), 404 where that folder is absent
//   /fhir/*                    the local FHIR R4 server (demo/server/fhir-server.ts), open, preloaded with
//                              the generated demo patients
//   /token-required/fhir/*     the same data behind bearer-token mode: only `Authorization: Bearer
//                              test-token` is accepted (metadata stays open)
//   /cds-services, /cds-faults/* the demo CDS Hooks service and its fault modes (test/server/cds-routes.ts)
//   /faults/<kind>/fhir/*      fault injection (demo/server/fault-injection.ts): kind = 500 | 401 | 403 |
//                              404 | 429 | timeout | html | oo-400 | page2-500, and hostile servers:
//                              next-other-origin | token-sink | redirect-other-origin | 429-once | drip |
//                              truncated | huge | total-lies | next-loop
//   /hie/fhir/*                a second FHIR server, the regional HIE (demo/server/hie-server.ts): its
//                              own ids, some of the same people (HIE_PATIENTS in demo/data/hie.ts)
//   /hie/faults/<kind>/fhir/*  the HIE failing, with the same fault kinds
//   /__request-log?tag=<tag>   the requests the server received carrying `X-Request-Log-Tag: <tag>`
//                              (JSON `[{ method, url }]`): tests count requests where they arrive
//   /__fail-modules?path=<p>   POST: the server answers 503 for that path (a kit module) until DELETE
//                              clears the list: a lazy part that cannot be loaded
// The FHIR handlers take the raw Node request and response (`ctx.respond = false`).
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendStartupFailure } from '../../demo/server/fhir-http.js';
import { cdsTestMiddleware } from './cds-routes.js';
import type { FhirServer } from '../../demo/server/fhir-server.js';

type Next = () => Promise<unknown>;
interface KoaContext {
  path: string;
  method: string;
  status: number;
  body: unknown;
  respond?: boolean;
  req: import('node:http').IncomingMessage;
  res: import('node:http').ServerResponse;
  set(name: string, value: string): void;
}
export type Middleware = (ctx: KoaContext, next: Next) => Promise<unknown>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.resolve(root, '../shared/fixtures');

/** The one bearer token `/token-required/fhir` accepts. */
export const TEST_BEARER_TOKEN = 'test-token';

function fixtures(): Middleware {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/fixtures/')) return next();
    const relative = decodeURIComponent(ctx.path.slice('/fixtures/'.length));
    const file = path.resolve(fixturesDir, relative);
    if (!file.startsWith(fixturesDir + path.sep) || !existsSync(file)) {
      ctx.status = 404;
      ctx.body = 'fixture not found (is ../shared/fixtures present?)';
      return;
    }
    ctx.set('Content-Type', file.endsWith('.json') ? 'application/json' : 'text/plain');
    ctx.body = await readFile(file);
  };
}

interface FhirServers {
  open: FhirServer;
  tokenRequired: FhirServer;
  hie: FhirServer;
}

/** Starts loading at once (definitions + demo patients, ~2 s); requests wait for it. */
function startFhirServers(): Promise<FhirServers> {
  const started = (async () => {
    const [{ createFhirServer }, { loadDemoPatients }, { loadHiePatients }] = await Promise.all([
      import('../../demo/server/fhir-server.js'),
      import('../../demo/server/demo-patients.js'),
      import('../../demo/server/hie-server.js'),
    ]);
    const open = await createFhirServer({ patients: await loadDemoPatients() });
    const tokenRequired = await createFhirServer({
      repo: open.repo,
      requireToken: (token) => token === TEST_BEARER_TOKEN,
    });
    const hie = await createFhirServer({ patients: await loadHiePatients() });
    return { open, tokenRequired, hie };
  })();
  started.catch((error: unknown) => console.error('[test server] the local FHIR server failed to start:', error));
  return started;
}

function fhirServers(): Middleware {
  const ready = startFhirServers();
  const faultInjection = import('../../demo/server/fault-injection.js');
  const hieServer = import('../../demo/server/hie-server.js');
  return async (ctx, next) => {
    const { faultRoute, answerWithFault } = await faultInjection;
    const { HIE_BASE_PATH, hieFaultRoute, isUnder } = await hieServer;
    const fault = faultRoute(ctx.path);
    const hieFault = hieFaultRoute(ctx.path);
    const open = isUnder(ctx.path, '/fhir');
    const tokenRequired = isUnder(ctx.path, '/token-required/fhir');
    const hie = isUnder(ctx.path, HIE_BASE_PATH);
    if (!fault && !hieFault && !open && !tokenRequired && !hie) return next();
    ctx.respond = false;
    let servers: FhirServers;
    try {
      servers = await ready;
    } catch (error) {
      sendStartupFailure(ctx.req, ctx.res, error);
      return;
    }
    if (fault) {
      await answerWithFault(fault.kind, ctx.req, ctx.res, { server: servers.open, basePath: fault.basePath });
    } else if (hieFault) {
      await answerWithFault(hieFault.kind, ctx.req, ctx.res, { server: servers.hie, basePath: hieFault.basePath });
    } else if (hie) {
      await servers.hie.handle(ctx.req, ctx.res, HIE_BASE_PATH);
    } else if (tokenRequired) {
      await servers.tokenRequired.handle(ctx.req, ctx.res, '/token-required/fhir');
    } else {
      await servers.open.handle(ctx.req, ctx.res, '/fhir');
    }
  };
}

/** Header a test sets on its requests to find them in the request log. */
export const REQUEST_LOG_TAG_HEADER = 'x-request-log-tag';

/** Records tagged requests as the server receives them, and answers `/__request-log?tag=`. */
function requestLog(): Middleware {
  const log = new Map<string, { method: string; url: string }[]>();
  return async (ctx, next) => {
    if (ctx.path === '/__request-log') {
      const tag = new URL(ctx.req.url ?? '', 'http://localhost').searchParams.get('tag') ?? '';
      ctx.set('Content-Type', 'application/json');
      ctx.set('Cache-Control', 'no-store');
      ctx.body = JSON.stringify(log.get(tag) ?? []);
      return;
    }
    const tag = ctx.req.headers[REQUEST_LOG_TAG_HEADER];
    if (typeof tag === 'string' && tag !== '') {
      if (!log.has(tag) && log.size > 1000) log.delete(log.keys().next().value as string);
      const entries = log.get(tag) ?? [];
      entries.push({ method: ctx.method, url: ctx.req.url ?? '' });
      log.set(tag, entries);
    }
    return next();
  };
}

/**
 * Answers 503 for the paths a test names (`POST /__fail-modules?path=/src/…`; `DELETE` clears them all):
 * a kit module that cannot be loaded, as on a flaky network or a half-deployed CDN. Safe because test
 * pages run one at a time (web-test-runner.config.mjs: concurrency 1); a test clears it when done.
 */
function failingModules(): Middleware {
  const failing = new Set<string>();
  return async (ctx, next) => {
    if (ctx.path === '/__fail-modules') {
      const target = new URL(ctx.req.url ?? '', 'http://localhost').searchParams.get('path');
      if (ctx.method === 'DELETE') failing.clear();
      else if (ctx.method === 'POST' && target) failing.add(target);
      ctx.set('Content-Type', 'application/json');
      ctx.set('Cache-Control', 'no-store');
      // The browser may hold the module from an earlier page: it must ask this server again.
      ctx.set('Clear-Site-Data', '"cache"');
      ctx.body = JSON.stringify([...failing]);
      return;
    }
    if (!failing.has(ctx.path)) return next();
    // Written directly: the test runner would otherwise mark the answer cacheable for a year, and the
    // browser would keep failing the module after the test has cleared the list.
    ctx.respond = false;
    ctx.status = 503;
    ctx.res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    ctx.res.end('failing on purpose (test/server/middleware.ts: /__fail-modules)');
  };
}

export async function testServerMiddleware(): Promise<Middleware[]> {
  return [requestLog(), failingModules(), fixtures(), cdsTestMiddleware(), fhirServers()];
}
