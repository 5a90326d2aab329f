// 3. Network: the four-widget chart page (bench/pages/chart.html) against the local FHIR server,
// with and without `batch`, with no added delay and with 100 ms added to every FHIR request; and
// the same page with two sources (the EMR at /fhir and a <fhir-source> for the regional HIE at
// /hie/fhir, each with `batch` in the batch rows).
// Counted until all four widgets have left `loading`: FHIR requests (as the browser sent them),
// bytes both ways (headers + bodies, from Chromium's network events), and the time since
// navigation start. Each run is a fresh browser context (no HTTP cache, no connection reuse).
import type { Browser, Request } from 'playwright-core';
import { reportPageErrors } from './browser.js';
import type { BenchServer } from './serve.js';
import { summarize, type Summary } from './stats.js';

export interface ChartTarget {
  patient: string;
  /** `system|code` for the lab trend. */
  code: string;
  /** The patient's id at the regional HIE: adds the two-source rows. */
  hiePatient?: string;
}

export interface NetworkRow {
  label: string;
  batch: boolean;
  delayMs: number;
  /** Sources on the page (1, or 2 with the HIE). */
  sources?: number;
  /** FHIR requests sent before all four were ready (median over runs; they should not vary). */
  requests?: number;
  /** The same, counted by the server (a cross-check). */
  serverRequests?: number;
  /** Bytes of FHIR traffic, request + response, headers + bodies (median). */
  bytes?: number;
  /** Milliseconds the local server spent answering (arrival → response sent, minus the added delay), summed (median). */
  serverMs?: number;
  /** Milliseconds from navigation start to the frame after all four left loading. */
  ms?: Summary;
  /** Milliseconds from navigation start until the bundle had run and the context was in the page (median). */
  pageMs?: number;
  /** Milliseconds from the context going into the page to the frame after all four left loading (median). */
  loadMs?: Summary;
  /**
   * Longest chain of FHIR requests each of which reached the server after the previous one's
   * response was sent (median): the sequential round trips, connection queueing included.
   */
  roundTrips?: number;
  states?: Record<string, string>;
  /** The FHIR requests of the last run (method and path). */
  requestLines?: string[];
  skipped?: string;
}

interface ChartDone {
  ms: number;
  states: Record<string, string>;
}

async function requestBytes(request: Request): Promise<number> {
  try {
    const sizes = await request.sizes();
    return sizes.requestHeadersSize + sizes.requestBodySize + sizes.responseHeadersSize + sizes.responseBodySize;
  } catch {
    return 0;
  }
}

/** Sequential round trips: the longest chain of requests where each started after the previous ended. */
export function sequentialRoundTrips(intervals: { start: number; end: number }[]): number {
  const sorted = [...intervals].sort((a, b) => a.end - b.end);
  const chain: number[] = [];
  sorted.forEach((current, index) => {
    let best = 0;
    for (let before = 0; before < index; before += 1) {
      if (sorted[before].end <= current.start) best = Math.max(best, chain[before]);
    }
    chain.push(best + 1);
  });
  return Math.max(0, ...chain);
}

async function chartRun(
  browser: Browser,
  server: BenchServer,
  target: ChartTarget,
  batch: boolean,
  log: (line: string) => void,
  hie?: string,
): Promise<{
  done: ChartDone;
  requests: number;
  serverRequests: number;
  bytes: number;
  roundTrips: number;
  serverMs: number;
  connectedAt: number;
  lines: string[];
  placeholders: string[];
}> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  reportPageErrors(page, log);
  const fhirRequests: Request[] = [];
  const finished = new Map<Request, Promise<void>>();
  let counting = true;
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (counting && (pathname.startsWith('/fhir') || pathname.startsWith('/hie/fhir'))) fhirRequests.push(request);
  });
  page.on('requestfinished', (request) => finished.set(request, Promise.resolve()));
  server.resetTraffic();
  const query = new URLSearchParams({ patient: target.patient, code: target.code });
  if (batch) query.set('batch', '');
  if (hie) query.set('hie', hie);
  await page.goto(`${server.origin}/pages/chart.html?${query}`);
  const done = (await page.evaluate('window.chart.done')) as ChartDone;
  counting = false;
  const serverRequests = server.traffic.requests;
  const exchanges = [...server.traffic.log];
  const placeholders = (await page.evaluate('window.chart.placeholders')) as string[];
  const connectedAt = (await page.evaluate('window.chart.connectedAt')) as number;
  // wait for the responses counted to finish, so their sizes are known
  const deadline = Date.now() + 5_000;
  while (fhirRequests.some((request) => !finished.has(request)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  let bytes = 0;
  for (const request of fhirRequests) bytes += await requestBytes(request);
  const roundTrips = sequentialRoundTrips(
    exchanges.filter((exchange) => exchange.finished !== undefined).map((exchange) => ({ start: exchange.arrived, end: exchange.finished! })),
  );
  const lines = fhirRequests.map((request) => {
    const url = new URL(request.url());
    return `${request.method()} ${decodeURIComponent(url.pathname + url.search)}`;
  });
  await context.close();
  const serverMs = exchanges.reduce(
    (sum, exchange) => sum + (exchange.finished === undefined ? 0 : exchange.finished - exchange.arrived - server.fhirDelayMs),
    0,
  );
  return { done, requests: fhirRequests.length, serverRequests, bytes, roundTrips, serverMs, connectedAt, lines, placeholders };
}

export async function measureNetwork(
  browser: Browser,
  server: BenchServer,
  target: ChartTarget,
  options: { runs: number; delayMs: number },
  log: (line: string) => void,
): Promise<NetworkRow[]> {
  const rows: NetworkRow[] = [];
  const sourceCases = target.hiePatient ? [undefined, target.hiePatient] : [undefined];
  const cases = sourceCases.flatMap((hie) => [0, options.delayMs].flatMap((delayMs) => [false, true].map((batch) => ({ hie, delayMs, batch }))));
  for (const { hie, delayMs, batch } of cases) {
    const label = `${hie ? 'two sources, ' : ''}${batch ? 'batch' : 'no batch'}${delayMs ? `, +${delayMs} ms per request` : ''}`;
    const row: NetworkRow = { label, batch, delayMs, sources: hie ? 2 : 1 };
    rows.push(row);
    server.fhirDelayMs = delayMs;
    try {
      // warm-up (first load compiles the bundle; the server warms its caches)
      await chartRun(browser, server, target, batch, log, hie);
      const times: number[] = [];
      const counts: number[] = [];
      const serverCounts: number[] = [];
      const bytes: number[] = [];
      const trips: number[] = [];
      const serverTimes: number[] = [];
      const pageTimes: number[] = [];
      const loadTimes: number[] = [];
      let last: Awaited<ReturnType<typeof chartRun>> | undefined;
      for (let run = 0; run < options.runs; run += 1) {
        last = await chartRun(browser, server, target, batch, log, hie);
        times.push(last.done.ms);
        counts.push(last.requests);
        serverCounts.push(last.serverRequests);
        bytes.push(last.bytes);
        trips.push(last.roundTrips);
        serverTimes.push(last.serverMs);
        pageTimes.push(last.connectedAt);
        loadTimes.push(last.done.ms - last.connectedAt);
      }
      row.ms = summarize(times);
      row.requests = summarize(counts).median;
      row.serverRequests = summarize(serverCounts).median;
      row.bytes = summarize(bytes).median;
      row.roundTrips = summarize(trips).median;
      row.serverMs = summarize(serverTimes).median;
      row.pageMs = summarize(pageTimes).median;
      row.loadMs = summarize(loadTimes);
      row.states = last?.done.states;
      row.requestLines = last?.lines;
      if (last && last.placeholders.length > 0) row.skipped = `placeholders not measured: ${last.placeholders.join(', ')}`;
      const varied = new Set(counts).size > 1 ? ` (varied: ${counts.join('/')})` : '';
      log(
        `  ${label}: ${row.requests} requests${varied} in ${row.roundTrips} round trips (${trips.join('/')}), ` +
          `${row.bytes} bytes, ${row.ms.median.toFixed(0)} ms`,
      );
    } catch (error) {
      row.skipped = `failed: ${(error as Error).message.split('\n')[0]}`;
      log(`  ${label}: ${row.skipped}`);
    }
  }
  server.fhirDelayMs = 0;
  return rows;
}
