// 2. Render time of each widget from data given through its `resources` property, in headless
// Chromium with the production bundle (dist/fhir-elements.js). Per data set: one warm-up run, then
// `runs` timed runs, a full garbage collection before each; the median is the number. Beside the
// wall times: the main thread's CPU time over the same interval (CDP Performance.getMetrics, read
// just before the run's last frame wait and just after its end), which a busy machine stretches less.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { collectGarbage, reportPageErrors } from './browser.js';
import { renderDataSets, SCALES, type DataSet } from './data.js';
import type { BenchServer } from './serve.js';
import { summarize, type Summary } from './stats.js';

type DemoGenerator = Parameters<typeof renderDataSets>[0];

export interface RenderRow {
  key: string;
  label: string;
  tag: string;
  items: number;
  /** Milliseconds from assigning `resources` to the frame after `state` left loading (whole frames). */
  ms?: Summary;
  /** Milliseconds from assigning `resources` to `state` ready/empty/error (script work, not frame-bound). */
  readyMs?: Summary;
  /** Milliseconds of that next frame's style, layout and paint. */
  paintMs?: Summary;
  /**
   * Milliseconds from assigning `resources` to the first frame produced with a drawing in it: the lab
   * trend's preview of the newest results, else the settled widget (then about `ms`).
   */
  firstDrawMs?: Summary;
  /** The state reached (ready / empty / error). */
  state?: string;
  /** Elements in the widget's shadow tree(s) after rendering (how much DOM it made). */
  elements?: number;
  /** Lab trend: the bare single pass over the same Observations in the same page (parse date, read value, typed arrays, sort). */
  bareMs?: Summary;
  /**
   * Main-thread CPU per run (CDP Performance.getMetrics TaskDuration delta, in the time domain of
   * `RenderCpu.domain`): the run's interval plus one empty frame before it (see `RenderCpu.floorMs`).
   */
  cpuMs?: Summary;
  /** The longest task (≥ 50 ms) between the assignment and ready, per run (0 when none that long). */
  longestTaskMs?: Summary;
  /** Size of the data set as JSON (bytes; a repeated set counts every copy). */
  jsonBytes: number;
  skipped?: string;
}

interface PageResult {
  cpuMs?: number;
  ms?: number;
  readyMs?: number;
  paintMs?: number;
  firstDrawMs?: number;
  longestTaskMs?: number;
  state?: string;
  elements?: number;
  skipped?: string;
}

export interface RenderOptions {
  runs: number;
  scales?: typeof SCALES;
  /** Only data sets whose key contains one of these strings. */
  cases?: string[];
}

/** How the CPU column was measured, once per bench run (in results.json beside the rows). */
export interface RenderCpu {
  /** `threadTicks`: CPU time the main thread actually ran; `timeTicks`: wall time of its tasks (fallback). */
  domain: 'threadTicks' | 'timeTicks';
  /** Median CPU of the measuring alone: two empty frames, the same CDP calls, no widget. */
  floorMs: number;
}

/**
 * The main thread's cumulative task time (TaskDuration), in milliseconds. (Its ScriptDuration is
 * not used: it leaves out script run as promise continuations, most of a widget's work.)
 */
async function cpuCounter(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? NaN) * 1000;
}

/** Turns the counters on: thread CPU time where Chromium offers it, else task wall time. */
async function enableCpuCounters(cdp: CDPSession): Promise<RenderCpu['domain']> {
  try {
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    return 'threadTicks';
  } catch {
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    return 'timeTicks';
  }
}

/**
 * One run: prepare (fresh element, data parsed afresh, a frame), read the counters, go (the next
 * frame, then the timed render to the frame after ready), read them again.
 */
async function timedRun(page: Page, cdp: CDPSession, request: string): Promise<PageResult> {
  const prepared = (await page.evaluate(`window.bench.prepare(${request})`)) as PageResult;
  if (prepared.skipped) return prepared;
  const before = await cpuCounter(cdp);
  const result = (await page.evaluate('window.bench.go()')) as PageResult;
  return { ...result, cpuMs: (await cpuCounter(cdp)) - before };
}

/** A case whose warm-up takes longer than this gets 3 timed runs, not `runs` (keeps the bench under 10 minutes). */
const SLOW_CASE_MS = 15_000;

export async function measureRender(
  browser: Browser,
  server: BenchServer,
  generator: DemoGenerator,
  options: RenderOptions,
  log: (line: string) => void,
): Promise<{ rows: RenderRow[]; cpu: RenderCpu }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  reportPageErrors(page, log);
  const cdp = await context.newCDPSession(page);
  await page.goto(`${server.origin}/pages/render.html`);
  await page.evaluate('window.bench.ready()');
  const domain = await enableCpuCounters(cdp);
  const floorSamples: number[] = [];
  for (let run = 0; run < 7; run += 1) {
    const before = await cpuCounter(cdp);
    await page.evaluate('window.bench.idle()');
    floorSamples.push((await cpuCounter(cdp)) - before);
  }
  const cpu: RenderCpu = { domain, floorMs: summarize(floorSamples).median };
  log(`  main-thread CPU (${domain}): the measuring alone costs ${cpu.floorMs.toFixed(2)} ms a run`);

  const rows: RenderRow[] = [];
  let setStarted = performance.now();
  const elapsed = (): string => `${((performance.now() - setStarted) / 1000).toFixed(1)} s`;
  for (const set of renderDataSets(generator, options.scales) as Iterable<DataSet>) {
    // A case ending in `$` is a whole key (lab-trend-100000$ is not lab-trend-1000000).
    if (options.cases && !options.cases.some((part) => (part.endsWith('$') ? set.key === part.slice(0, -1) : set.key.includes(part)))) continue;
    log(`  ${set.label}: data made [${elapsed()}]`);
    const json = JSON.stringify(set.resources);
    log(`  ${set.label}: JSON ${(json.length / 1e6).toFixed(1)} MB [${elapsed()}]`);
    const repeat = set.repeat ?? 1;
    const row: RenderRow = { key: set.key, label: set.label, tag: set.tag, items: set.items, jsonBytes: Buffer.byteLength(json) * repeat };
    rows.push(row);
    server.setData(set.key, json);
    const request = JSON.stringify({ tag: set.tag, attributes: set.attributes ?? {}, key: set.key, repeat });
    const bare = set.tag === 'fhir-lab-trend' ? JSON.stringify({ key: set.key, repeat }) : undefined;
    try {
      await page.evaluate(`window.bench.load(${JSON.stringify(set.key)})`);
      log(`  ${set.label}: data in the page [${elapsed()}]`);
      const warmUp = await timedRun(page, cdp, request);
      if (warmUp.skipped) {
        row.skipped = warmUp.skipped;
        log(`  ${set.label}: skipped (${warmUp.skipped})`);
        continue;
      }
      const samples: PageResult[] = [];
      const bareSamples: number[] = [];
      const runs = (warmUp.ms ?? 0) > SLOW_CASE_MS ? Math.min(3, options.runs) : options.runs;
      if (bare) await page.evaluate(`window.bench.bare(${bare})`); // warm-up
      for (let run = 0; run < runs; run += 1) {
        await collectGarbage(cdp);
        samples.push(await timedRun(page, cdp, request));
        if (bare) {
          await collectGarbage(cdp);
          bareSamples.push(((await page.evaluate(`window.bench.bare(${bare})`)) as { ms: number }).ms);
        }
      }
      const last = samples[samples.length - 1];
      row.ms = summarize(samples.map((sample) => sample.ms ?? NaN));
      row.readyMs = summarize(samples.map((sample) => sample.readyMs ?? NaN));
      row.paintMs = summarize(samples.map((sample) => sample.paintMs ?? NaN));
      row.firstDrawMs = summarize(samples.map((sample) => sample.firstDrawMs ?? NaN));
      row.longestTaskMs = summarize(samples.map((sample) => sample.longestTaskMs ?? 0));
      row.cpuMs = summarize(samples.map((sample) => sample.cpuMs ?? NaN));
      if (bareSamples.length) row.bareMs = summarize(bareSamples);
      row.state = last.state;
      row.elements = last.elements;
      log(
        `  ${set.label}: ${row.ms.median.toFixed(1)} ms to frame, ${row.readyMs.median.toFixed(1)} ms to ${row.state}, ` +
          `${row.paintMs.median.toFixed(1)} ms paint, ${row.cpuMs.median.toFixed(1)} ms main-thread CPU (${row.elements} elements)` +
          `${row.bareMs ? `, bare pass ${row.bareMs.median.toFixed(1)} ms (×${(row.readyMs.median / row.bareMs.median).toFixed(1)})` : ''}` +
          `, longest task ${row.longestTaskMs.median.toFixed(0)} ms [${elapsed()}]`,
      );
    } catch (error) {
      row.skipped = `failed: ${(error as Error).message.split('\n')[0]}`;
      log(`  ${set.label}: ${row.skipped}`);
    } finally {
      await page.evaluate(`window.bench.drop(${JSON.stringify(set.key)})`).catch(() => undefined);
      server.dropData(set.key);
      setStarted = performance.now();
    }
  }
  await context.close();
  return { rows, cpu };
}
