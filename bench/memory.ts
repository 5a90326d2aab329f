// 4. Memory: the chart page in one tab, the context's patient switched 1,000 times (--quick: 20) round the demo
// patients (each switch waits until all four widgets have left `loading`). JS heap and DOM counters
// after full garbage collection, after the first switch and after the last: a leak shows as growth
// that scales with the number of switches (the figure after switch 10 separates warm-up from that).
import type { Browser } from 'playwright-core';
import { heapAfterGc, liveObjects, reportPageErrors, type HeapFigures } from './browser.js';
import type { ChartTarget } from './network.js';
import type { BenchServer } from './serve.js';

/** Heap figures plus the FhirLoader objects still alive (one per context is expected). */
export interface MemorySample extends HeapFigures {
  loaders?: number;
  /** Widget objects alive (after GC) that are not in the document: kept by a leak (0 expected). */
  detachedWidgets?: number;
}

const WIDGET_TAGS = ['fhir-patient-summary', 'fhir-allergy-banner', 'fhir-medication-list', 'fhir-lab-trend'];

const LOADER_PROTOTYPE = "import('/dist/fhir-elements.js').then((kit) => kit.FhirLoader?.prototype)";

export interface MemoryResult {
  switches: number;
  patients: string[];
  /** Heap after switch 1, 10 and the last. */
  afterFirst?: MemorySample;
  afterTen?: MemorySample;
  afterLast?: MemorySample;
  /** (last − first) / (switches − 1), bytes per switch. */
  growthPerSwitch?: number;
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
      return { ...heap, loaders: await liveObjects(cdp, LOADER_PROTOTYPE).catch(() => undefined), detachedWidgets };
    };
    const times: number[] = [];
    for (let index = 1; index <= switches; index += 1) {
      const patient = patients[index % patients.length];
      const started = Date.now();
      await page.evaluate(`window.chart.switchTo(${JSON.stringify(patient)})`);
      times.push(Date.now() - started);
      if (index === 1) result.afterFirst = await sample();
      if (index === 10) result.afterTen = await sample();
    }
    result.afterLast = await sample();
    if (result.afterFirst && switches > 1) {
      result.growthPerSwitch = (result.afterLast.usedBytes - result.afterFirst.usedBytes) / (switches - 1);
    }
    times.sort((a, b) => a - b);
    result.switchMs = times[Math.floor(times.length / 2)];
    if (placeholders.length > 0) result.skipped = `placeholders not measured: ${placeholders.join(', ')}`;
    log(
      `  heap after switch 1: ${(result.afterFirst!.usedBytes / 1e6).toFixed(2)} MB, after ${switches}: ` +
        `${(result.afterLast.usedBytes / 1e6).toFixed(2)} MB; DOM nodes ${result.afterFirst!.nodes} → ${result.afterLast.nodes}; ` +
        `FhirLoader objects ${result.afterFirst!.loaders} → ${result.afterLast.loaders}; ` +
        `detached widgets ${result.afterFirst!.detachedWidgets} → ${result.afterLast.detachedWidgets}; ` +
        `${result.growthPerSwitch === undefined ? '' : `${(result.growthPerSwitch / 1000).toFixed(2)} kB per switch`}`,
    );
  } catch (error) {
    result.skipped = `failed: ${(error as Error).message.split('\n')[0]}`;
    log(`  memory: ${result.skipped}`);
  } finally {
    await context.close();
  }
  return result;
}
