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

/**
 * Bytes of the JS heap that are compiled code — V8's bytecode and machine code and their metadata
 * (the heap snapshot's nodes of type `code`) — from a full heap snapshot (which collects garbage
 * first). This part grows while the JIT compiles and optimises the functions that are hot, and
 * levels off: it is warm-up, not data kept.
 */
export async function codeBytes(cdp: CDPSession): Promise<number> {
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
  const code = types[0].indexOf('code');
  let bytes = 0;
  for (let index = 0; index < snapshot.nodes.length; index += fields.length) {
    if (snapshot.nodes[index + typeField] === code) bytes += snapshot.nodes[index + sizeField];
  }
  return bytes;
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
