// Headless Chromium through playwright-core (the system browser: CHROME_PATH or /usr/bin/chromium;
// nothing is downloaded), and a CDP session for garbage collection and heap figures.
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/chromium.mjs';


export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium() ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}

export interface HeapFigures {
  /** JS heap in use after a full garbage collection (bytes). */
  usedBytes: number;
  totalBytes: number;
  /** Live DOM nodes, documents and event listeners (renderer-wide). */
  nodes: number;
  documents: number;
  listeners: number;
}

export async function collectGarbage(cdp: CDPSession): Promise<void> {
  await cdp.send('HeapProfiler.collectGarbage');
}

/** Heap and DOM counters after two full collections (the second catches what the first freed). */
export async function heapAfterGc(cdp: CDPSession): Promise<HeapFigures> {
  await collectGarbage(cdp);
  await collectGarbage(cdp);
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return {
    usedBytes: heap.usedSize,
    totalBytes: heap.totalSize,
    nodes: dom.nodes,
    documents: dom.documents,
    listeners: dom.jsEventListeners,
  };
}

/** What a heap snapshot says the JS heap holds (self sizes summed by node type). */
export interface HeapSnapshotSplit {
  /** Compiled code: V8's bytecode, machine code and their metadata (nodes of type `code`). */
  codeBytes: number;
  /**
   * JS values a page can keep: objects, closures, arrays, strings, numbers, their hidden classes and
   * contexts (every node that is neither code, nor Blink's C++ `native` objects, nor synthetic).
   */
  objectBytes: number;
}

/**
 * Takes a full heap snapshot (which collects garbage first) and sums it by kind. Compiled code
 * grows while the JIT compiles and optimises the functions that are hot, and levels off: warm-up,
 * not data kept; data kept shows in `objectBytes`.
 */
export async function heapSnapshotSplit(cdp: CDPSession): Promise<HeapSnapshotSplit> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
  };
  const { node_fields: fields, node_types: types } = snapshot.snapshot.meta;
  const typeField = fields.indexOf('type');
  const sizeField = fields.indexOf('self_size');
  const [code, native, synthetic] = ['code', 'native', 'synthetic'].map((name) => types[0].indexOf(name));
  const split: HeapSnapshotSplit = { codeBytes: 0, objectBytes: 0 };
  for (let index = 0; index < snapshot.nodes.length; index += fields.length) {
    const type = snapshot.nodes[index + typeField];
    const size = snapshot.nodes[index + sizeField];
    if (type === code) split.codeBytes += size;
    else if (type !== native && type !== synthetic) split.objectBytes += size;
  }
  return split;
}

/**
 * How many live objects have this prototype (CDP Runtime.queryObjects, which collects garbage
 * first). `prototypeExpression` is evaluated in the page and may return a promise.
 */
export async function liveObjects(cdp: CDPSession, prototypeExpression: string): Promise<number | undefined> {
  const prototype = await cdp.send('Runtime.evaluate', { expression: prototypeExpression, awaitPromise: true });
  if (!prototype.result.objectId) return undefined;
  try {
    const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.result.objectId });
    const count = await cdp.send('Runtime.callFunctionOn', {
      objectId: found.objects.objectId!,
      functionDeclaration: 'function () { return this.length; }',
      returnByValue: true,
    });
    await cdp.send('Runtime.releaseObject', { objectId: found.objects.objectId! });
    return count.result.value as number;
  } finally {
    await cdp.send('Runtime.releaseObject', { objectId: prototype.result.objectId });
  }
}

/** Forwards the page's errors and console errors to the log (a broken page should be visible). */
export function reportPageErrors(page: Page, log: (line: string) => void): void {
  page.on('pageerror', (error) => log(`    page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') log(`    console error: ${message.text()}`);
  });
}
