// 4. Memory: the chart page in one tab, the context's patient switched 1,000 times (--quick: 20) round the demo
// patients (each switch waits until all four widgets have left `loading`). JS heap and DOM counters
// after full garbage collection, after switch 1, 10, half-way and the last; from a heap snapshot at each,
// how much is compiled code (`code` nodes: V8 bytecode and optimised machine code, which grows while
// the JIT warms up and then levels off) and how much JS objects. A leak shows as object growth, or as
// heap growth that goes on in the second half.
import type { Browser } from 'playwright-core';
import { heapAfterGc, heapSnapshotSplit, liveObjects, reportPageErrors, type HeapFigures } from './browser.js';
import type { ChartTarget } from './network.js';
import type { BenchServer } from './serve.js';

/** Heap figures plus the FhirLoader objects still alive (one per context is expected). */
export interface MemorySample extends HeapFigures {
  loaders?: number;
  /** Widget objects alive (after GC) that are not in the document: kept by a leak (0 expected). */
  detachedWidgets?: number;
  /** Of `usedBytes`, compiled code (bytecode, machine code and their metadata), from a heap snapshot. */
  codeBytes?: number;
  /** Of `usedBytes`, JS objects (objects, closures, arrays, strings, shapes…), from the same snapshot. */
  objectBytes?: number;
}

const WIDGET_TAGS = ['fhir-patient-summary', 'fhir-allergy-banner', 'fhir-medication-list', 'fhir-lab-trend'];

const LOADER_PROTOTYPE = "import('/dist/fhir-elements.js').then((kit) => kit.FhirLoader?.prototype)";

export interface MemoryResult {
  switches: number;
  patients: string[];
  /** Heap after switch 1, 10, half-way (`halfAt`) and the last. */
  afterFirst?: MemorySample;
  afterTen?: MemorySample;
  afterHalf?: MemorySample;
  halfAt?: number;
  afterLast?: MemorySample;
  /** JS heap: (last − first) / (switches − 1), bytes per switch (the JIT's warm-up included). */
  growthPerSwitch?: number;
  /** JS heap over the second half: (last − half-way) / (switches − halfAt): growth that goes on. */
  secondHalfGrowthPerSwitch?: number;
  /** JS objects (heap snapshot), (last − first) / (switches − 1): objects kept. */
  objectGrowthPerSwitch?: number;
  /** Compiled code, (last − first) / (switches − 1). */
  codeGrowthPerSwitch?: number;
  /** Median time of one switch (ms), for context. */
  switchMs?: number;
  skipped?: string;
}

export async function measureMemory(
  browser: Browser,
  server: BenchServer,
  target: ChartTarget,
  patients: string[],
  switches: number,
  log: (line: string) => void,
): Promise<MemoryResult> {
  const result: MemoryResult = { switches, patients };
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    const page = await context.newPage();
    reportPageErrors(page, log);
    const cdp = await context.newCDPSession(page);
    server.fhirDelayMs = 0;
    const query = new URLSearchParams({ patient: patients[0], code: target.code });
    await page.goto(`${server.origin}/pages/chart.html?${query}`);
    await page.evaluate('window.chart.done');
    const placeholders = (await page.evaluate('window.chart.placeholders')) as string[];
    if (placeholders.length === 4) {
      result.skipped = 'no widget yet (all four are placeholders)';
      return result;
    }
    const sample = async (): Promise<MemorySample> => {
      const heap = await heapAfterGc(cdp);
      let detachedWidgets: number | undefined = 0;
      for (const tag of WIDGET_TAGS) {
        const live = await liveObjects(cdp, `customElements.get('${tag}')?.prototype`).catch(() => undefined);
        const connected = (await page.evaluate(`document.querySelectorAll('${tag}').length`)) as number;
        detachedWidgets = live === undefined || detachedWidgets === undefined ? undefined : detachedWidgets + live - connected;
      }
      const loaders = await liveObjects(cdp, LOADER_PROTOTYPE).catch(() => undefined);
      return { ...heap, loaders, detachedWidgets, ...(await heapSnapshotSplit(cdp).catch(() => undefined)) };
    };
    const halfAt = switches >= 20 ? Math.round(switches / 2) : undefined;
    const times: number[] = [];
    for (let index = 1; index <= switches; index += 1) {
      const patient = patients[index % patients.length];
      const started = Date.now();
      await page.evaluate(`window.chart.switchTo(${JSON.stringify(patient)})`);
      times.push(Date.now() - started);
      if (index === 1) result.afterFirst = await sample();
      if (index === 10) result.afterTen = await sample();
      if (index === halfAt) result.afterHalf = index === 10 ? result.afterTen : await sample();
    }
    result.afterLast = await sample();
    const first = result.afterFirst;
    const last = result.afterLast;
    if (first && switches > 1) {
      result.growthPerSwitch = (last.usedBytes - first.usedBytes) / (switches - 1);
      if (first.codeBytes !== undefined && last.codeBytes !== undefined) {
        result.codeGrowthPerSwitch = (last.codeBytes - first.codeBytes) / (switches - 1);
      }
      if (first.objectBytes !== undefined && last.objectBytes !== undefined) {
        result.objectGrowthPerSwitch = (last.objectBytes - first.objectBytes) / (switches - 1);
      }
    }
    if (result.afterHalf && halfAt !== undefined) {
      result.halfAt = halfAt;
      result.secondHalfGrowthPerSwitch = (last.usedBytes - result.afterHalf.usedBytes) / (switches - halfAt);
    }
    times.sort((a, b) => a - b);
    result.switchMs = times[Math.floor(times.length / 2)];
    if (placeholders.length > 0) result.skipped = `placeholders not measured: ${placeholders.join(', ')}`;
    const perSwitch = (bytes: number | undefined) => (bytes === undefined ? '—' : `${(bytes / 1000).toFixed(2)} kB`);
    log(
      `  heap after switch 1: ${(first!.usedBytes / 1e6).toFixed(2)} MB, after ${switches}: ` +
        `${(last.usedBytes / 1e6).toFixed(2)} MB; DOM nodes ${first!.nodes} → ${last.nodes}; ` +
        `FhirLoader objects ${first!.loaders} → ${last.loaders}; ` +
        `detached widgets ${first!.detachedWidgets} → ${last.detachedWidgets}; ` +
        `per switch: heap ${perSwitch(result.growthPerSwitch)} (code ${perSwitch(result.codeGrowthPerSwitch)}, ` +
        `objects ${perSwitch(result.objectGrowthPerSwitch)}), second half ${perSwitch(result.secondHalfGrowthPerSwitch)}`,
    );
  } catch (error) {
    result.skipped = `failed: ${(error as Error).message.split('\n')[0]}`;
    log(`  memory: ${result.skipped}`);
  } finally {
    await context.close();
  }
  return result;
}
