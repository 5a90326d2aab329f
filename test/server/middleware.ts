// Koa middleware for the @web/test-runner dev server: everything the browser tests reach over HTTP
// on the test page's own origin.
//   /fixtures/*                the shared third-party fixtures (../shared/fixtures), 404 where that folder is absent
//   /fhir/*                    the local FHIR R4 server (demo/server/fhir-server.ts), open, preloaded with
//                              the generated demo patients
//   /token-required/fhir/*     the same data behind bearer-token mode: only `Authorization: Bearer
//                              test-token` is accepted (metadata stays open)
//   /cds-services, /cds-faults/* the demo CDS Hooks service and its fault modes (test/server/cds-routes.ts)
//   /faults/<kind>/fhir/*      fault injection (demo/server/fault-injection.ts): kind = 500 | 401 | 403 |
//                              404 | 429 | timeout | html | oo-400 | page2-500
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
}

/** Starts loading at once (definitions + demo patients, ~2 s); requests wait for it. */
function startFhirServers(): Promise<FhirServers> {
  const started = (async () => {
    const [{ createFhirServer }, { loadDemoPatients }] = await Promise.all([
      import('../../demo/server/fhir-server.js'),
      import('../../demo/server/demo-patients.js'),
    ]);
    const open = await createFhirServer({ patients: await loadDemoPatients() });
    const tokenRequired = await createFhirServer({
      repo: open.repo,
      requireToken: (token) => token === TEST_BEARER_TOKEN,
    });
    return { open, tokenRequired };
  })();
  started.catch((error: unknown) => console.error('[test server] the local FHIR server failed to start:', error));
  return started;
}

function fhirServers(): Middleware {
  const ready = startFhirServers();
  const faultInjection = import('../../demo/server/fault-injection.js');
  return async (ctx, next) => {
    const { faultRoute, answerWithFault } = await faultInjection;
    const fault = faultRoute(ctx.path);
    const open = ctx.path === '/fhir' || ctx.path.startsWith('/fhir/');
    const tokenRequired = ctx.path === '/token-required/fhir' || ctx.path.startsWith('/token-required/fhir/');
    if (!fault && !open && !tokenRequired) return next();
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
    } else if (tokenRequired) {
      await servers.tokenRequired.handle(ctx.req, ctx.res, '/token-required/fhir');
    } else {
      await servers.open.handle(ctx.req, ctx.res, '/fhir');
    }
  };
}

export async function testServerMiddleware(): Promise<Middleware[]> {
  return [fixtures(), cdsTestMiddleware(), fhirServers()];
}
