// A real CDS Hooks 2.0 service for the demo and the tests (node:http handler, no framework):
//   GET  /cds-services                 discovery: three patient-view services with prefetch templates
//   POST /cds-services/{id}            cards from the rules (rules.ts), computed from the prefetch the
//                                      caller sent, or from data it fetches itself from `fhirServer`
//                                      (loopback servers only; with `fhirAuthorization` when given)
//   POST /cds-services/{id}/feedback   records the feedback it receives
//   GET  /cds-services/_log            what it received (hook calls and feedback), for the demo and tests;
//                                      DELETE clears it
// CORS: any origin, no credentials (a CDS client sends none); preflights answered.
// With `faults: true`, the same services are also mounted under `/cds-faults/<kind>/<ids>/cds-services`
// (see faults.ts) for client tests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerFault, faultRoute, type CdsFault } from './faults.js';
import { resourcesOf, type Card } from './rules.js';
import { discovery, PATIENT, PREFETCH_QUERIES, SERVICES, type PrefetchKey, type ServiceDefinition } from './services.js';

type Json = Record<string, unknown>;

export interface CdsServiceOptions {
  /** Where discovery is mounted (default `/cds-services`). */
  basePath?: string;
  /** Also mount the fault modes under `/cds-faults/...` (default false). */
  faults?: boolean;
  /** Path of the demo SMART app's launch page, for `smart` links (default `/smart/launch.html`). */
  smartLaunchPath?: string;
  /** The clock for "in the last 6 months" (default Date.now). */
  now?: () => number;
}

export interface HookCallRecord {
  at: string;
  /** The mount (`/cds-services` or a fault base) and the service id. */
  base: string;
  serviceId: string;
  hook?: unknown;
  hookInstance?: unknown;
  context?: unknown;
  fhirServer?: unknown;
  /** The access token received in `fhirAuthorization`, if any (a demo: real services never log tokens). */
  accessToken?: string;
  /** For each prefetch key: what arrived (`bundle`, `resource`, `null`, or `absent`). */
  prefetch: Record<string, string>;
  /** Queries the service had to run itself. */
  fetched: string[];
  cards: number;
}

export interface FeedbackRecord {
  at: string;
  base: string;
  serviceId: string;
  body: unknown;
}

/** What the service received, newest last (kept in memory, at most 500 of each). */
export const received = { calls: [] as HookCallRecord[], feedback: [] as FeedbackRecord[] };

function remember<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > 500) list.shift();
}

function cors(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, Accept');
  res.setHeader('Access-Control-Max-Age', '600');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, withCors = true): void {
  if (withCors) cors(res);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 20_000_000) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** Only FHIR servers on this machine: the demo service never fetches from an address a caller names elsewhere. */
function loopbackFhirServer(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
    return loopback && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href.replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

async function fetchAll(fhirServer: string, query: string, token: string | undefined): Promise<Json[]> {
  const headers: Record<string, string> = { Accept: 'application/fhir+json', 'User-Agent': 'fhir-elements-demo-cds' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const out: Json[] = [];
  let url: string | undefined = `${fhirServer}/${query}`;
  for (let page = 0; url && page < 50; page += 1) {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`FHIR ${response.status} for ${query}`);
    const bundle = (await response.json()) as Json;
    out.push(...resourcesOf(bundle));
    const links: Json[] = Array.isArray(bundle.link) ? (bundle.link as Json[]) : [];
    const next = links.find((l) => l.relation === 'next')?.url;
    url = typeof next === 'string' && loopbackFhirServer(next) ? next : undefined;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  return (value as Json)?.resourceType === 'Bundle' ? 'bundle' : 'resource';
}

async function answerHook(req: IncomingMessage, res: ServerResponse, base: string, service: ServiceDefinition, options: Required<CdsServiceOptions>): Promise<Card[] | undefined> {
  const body = (await readJson(req)) as Json | undefined;
  const context = body?.context as Json | undefined;
  const patientId = typeof context?.patientId === 'string' ? context.patientId : undefined;
  if (!body || body.hook !== 'patient-view' || !patientId) {
    sendJson(res, 400, { error: 'expected a patient-view request with context.patientId' });
    return undefined;
  }
  const prefetch = (body.prefetch ?? {}) as Json;
  const auth = body.fhirAuthorization as Json | undefined;
  const token = typeof auth?.access_token === 'string' ? auth.access_token : undefined;
  const fhirServer = loopbackFhirServer(body.fhirServer);
  const record: HookCallRecord = {
    at: new Date().toISOString(),
    base,
    serviceId: service.id,
    hook: body.hook,
    hookInstance: body.hookInstance,
    context,
    fhirServer: body.fhirServer,
    ...(token ? { accessToken: token } : {}),
    prefetch: Object.fromEntries(service.prefetch.map((key) => [key, describe(prefetch[key])])),
    fetched: [],
    cards: 0,
  };
  const data = {} as Record<PrefetchKey, Json[]>;
  for (const key of service.prefetch) {
    const value = prefetch[key];
    if (value !== undefined && value !== null) {
      data[key] = resourcesOf(value);
      continue;
    }
    if (!fhirServer) {
      remember(received.calls, record);
      sendJson(res, 412, { error: `prefetch ${key} missing and no FHIR server this service may read` });
      return undefined;
    }
    const query = PREFETCH_QUERIES[key].replace(PATIENT, encodeURIComponent(patientId));
    record.fetched.push(query);
    data[key] = await fetchAll(fhirServer, query, token);
  }
  const host = req.headers.host ?? 'localhost';
  const smartLaunchUrl = `http://${host}${options.smartLaunchPath}`;
  const cards = service.cards(data, patientId, smartLaunchUrl, options.now());
  record.cards = cards.length;
  remember(received.calls, record);
  return cards;
}

/**
 * The handler: returns true when the request is the service's (and answers it, possibly later),
 * false to let the host's next middleware have it.
 */
export function createCdsHandler(options: CdsServiceOptions = {}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const settings: Required<CdsServiceOptions> = {
    basePath: (options.basePath ?? '/cds-services').replace(/\/+$/, ''),
    faults: options.faults ?? false,
    smartLaunchPath: options.smartLaunchPath ?? '/smart/launch.html',
    now: options.now ?? Date.now,
  };
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    let base = settings.basePath;
    let fault: CdsFault | undefined;
    if (settings.faults) {
      fault = faultRoute(path);
      if (fault) base = fault.base;
    }
    if (path !== base && !path.startsWith(`${base}/`)) return false;
    const rest = path.slice(base.length).replace(/^\/+/, '');
    void (async () => {
      try {
        const withCors = fault?.kind !== 'no-cors';
        if (req.method === 'OPTIONS') {
          if (withCors) cors(res);
          res.statusCode = 204;
          res.end();
          return;
        }
        if (rest === '' && req.method === 'GET') {
          sendJson(res, 200, discovery(), withCors);
          return;
        }
        if (rest === '_log') {
          if (req.method === 'DELETE') {
            received.calls.length = 0;
            received.feedback.length = 0;
          }
          sendJson(res, 200, received, withCors);
          return;
        }
        const [id, feedback, extra] = rest.split('/');
        const service = SERVICES.find((s) => s.id === decodeURIComponent(id));
        if (!service || extra !== undefined || (feedback !== undefined && feedback !== 'feedback') || req.method !== 'POST') {
          sendJson(res, 404, { error: 'no such CDS service endpoint' }, withCors);
          return;
        }
        if (feedback) {
          remember(received.feedback, { at: new Date().toISOString(), base, serviceId: service.id, body: await readJson(req) });
          sendJson(res, 200, {}, withCors);
          return;
        }
        if (fault && (fault.ids === 'all' || fault.ids.includes(service.id))) {
          await answerFault(fault, req, res, () => answerHook(req, res, base, service, settings));
          return;
        }
        const cards = await answerHook(req, res, base, service, settings);
        if (cards) sendJson(res, 200, { cards }, withCors);
      } catch (error) {
        if (!res.headersSent) sendJson(res, 500, { error: (error as Error)?.message ?? String(error) });
      }
    })();
    return true;
  };
}

/** The handler as connect/Vite middleware. */
export function cdsMiddleware(options: CdsServiceOptions = {}): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const handle = createCdsHandler(options);
  return (req, res, next) => {
    if (!handle(req, res)) next();
  };
}
