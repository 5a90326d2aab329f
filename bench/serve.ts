// The one HTTP server the browser talks to, on 127.0.0.1 and a free port:
//   /dist/*   the built kit (dist/), as a host page would load it
//   /pages/*  the benchmark pages (bench/pages/)
//   /data/*   data sets made in node for the render benchmark (JSON, kept in memory)
//   /fhir/*   the local FHIR server (demo/server/fhir-server.ts), with an optional delay per request
//   /hie/fhir/*  a second FHIR server, the regional HIE (demo/server/hie-server.ts): the chart page
//             with two sources; same delay, counted in the same traffic log
//   /cds-services/*  the demo CDS Hooks service (demo/cds/service.ts), for <fhir-cds-cards> on the
//             autoloader page (section 1c); it fetches its data from /fhir here
// Every response is `Cache-Control: no-store`, so each page load fetches what it needs afresh.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createCdsHandler } from '../demo/cds/service.js';
import type { FhirServer } from '../demo/server/fhir-server.js';
import { HIE_BASE_PATH } from '../demo/server/hie-server.js';
import { benchDir, root } from './paths.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface FhirExchange {
  /** e.g. `GET /fhir/MedicationRequest?patient=…` */
  line: string;
  /** performance.now() when the request arrived (before any added delay) and when its response ended. */
  arrived: number;
  finished?: number;
}

export interface FhirTraffic {
  /** Requests that reached /fhir or /hie/fhir. */
  requests: number;
  /** Each request, in arrival order. */
  log: FhirExchange[];
}

export interface BenchServer {
  readonly origin: string;
  /** Makes `/data/<key>.json` answer with this JSON text. */
  setData(key: string, json: string): void;
  dropData(key: string): void;
  /** Mounts a FHIR server at /fhir (replacing any previous one). */
  setFhir(server: FhirServer | undefined): void;
  /** Mounts the regional HIE's FHIR server at /hie/fhir (replacing any previous one). */
  setHie(server: FhirServer | undefined): void;
  /** Milliseconds every /fhir request waits before it is handled (the added round-trip delay). */
  fhirDelayMs: number;
  readonly traffic: FhirTraffic;
  resetTraffic(): void;
  close(): Promise<void>;
}

function sendFile(res: ServerResponse, file: string): void {
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(res);
}

function notFound(res: ServerResponse, what: string): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`Not found: ${what}\n`);
}

/** A file under `dir` named by the rest of the URL path, or undefined (never outside `dir`). */
function fileUnder(dir: string, rest: string): string | undefined {
  const file = path.resolve(dir, '.' + path.posix.normalize('/' + decodeURIComponent(rest)));
  if (!file.startsWith(dir + path.sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

export async function startBenchServer(): Promise<BenchServer> {
  const data = new Map<string, Buffer>();
  let fhir: FhirServer | undefined;
  let hie: FhirServer | undefined;
  const traffic: FhirTraffic = { requests: 0, log: [] };
  const pagesDir = path.join(benchDir, 'pages');
  const distDir = path.join(root, 'dist');
  const cds = createCdsHandler();

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const pathname = url.split('?')[0];
    const base = ['/fhir', HIE_BASE_PATH].find((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
    if (base) {
      const server = base === '/fhir' ? fhir : hie;
      if (!server) return notFound(res, `no FHIR server is mounted at ${base}`);
      const exchange: FhirExchange = { line: `${req.method} ${url}`, arrived: performance.now() };
      traffic.requests += 1;
      traffic.log.push(exchange);
      res.on('finish', () => {
        exchange.finished = performance.now();
      });
      const run = (): void => void server.handle(req, res, base);
      if (bench.fhirDelayMs > 0) setTimeout(run, bench.fhirDelayMs);
      else run();
      return;
    }
    if (pathname.startsWith('/data/')) {
      const body = data.get(pathname.slice('/data/'.length).replace(/\.json$/, ''));
      if (!body) return notFound(res, pathname);
      res.writeHead(200, { 'Content-Type': TYPES['.json'], 'Content-Length': body.length, 'Cache-Control': 'no-store' });
      res.end(body);
      return;
    }
    for (const [prefix, dir] of [
      ['/dist/', distDir],
      ['/pages/', pagesDir],
    ] as const) {
      if (pathname.startsWith(prefix)) {
        const file = fileUnder(dir, pathname.slice(prefix.length));
        return file ? sendFile(res, file) : notFound(res, pathname);
      }
    }
    if (pathname.startsWith('/cds-services') && cds(req, res)) return;
    if (pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    notFound(res, pathname);
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const bench: BenchServer = {
    origin: `http://127.0.0.1:${port}`,
    setData: (key, json) => data.set(key, Buffer.from(json, 'utf8')),
    dropData: (key) => data.delete(key),
    setFhir: (next) => {
      fhir = next;
    },
    setHie: (next) => {
      hie = next;
    },
    fhirDelayMs: 0,
    traffic,
    resetTraffic: () => {
      traffic.requests = 0;
      traffic.log = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return bench;
}
