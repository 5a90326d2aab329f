// The demo EMR's decision-support cards end to end: the dev server's CDS Hooks service
// (/cds-services) answers for a generated patient, the card shows above the chart, dismissing it
// with a reason sends feedback the service records, and the page logs it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startDemoServer, type DemoServer } from './harness.js';

let server: DemoServer;
let browser: Browser;

describe('demo EMR decision support', { timeout: 120_000 }, () => {
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
    page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the polypharmacy patient\'s drug–allergy card above the chart, and dismissing it sends feedback', async () => {
    await page.goto(`${server.origin}/?patient=pat-elderly`);
    const cards = page.locator('fhir-cds-cards');
    await page.waitForFunction(() => ['ready', 'empty', 'error'].includes(document.querySelector('fhir-cds-cards')?.getAttribute('state') ?? ''), undefined, { timeout: 30_000 });
    assert.equal(await cards.getAttribute('state'), 'ready');
    const first = cards.locator('[part~="card"]').first();
    assert.equal(await first.getAttribute('data-indicator'), 'critical');
    assert.match((await first.locator('[part~="summary"]').textContent()) ?? '', /Amoxicillin .*penicillin allergy/);
    const above = await page.evaluate(() => {
      const cds = document.querySelector('fhir-cds-cards')!;
      const summary = document.querySelector('fhir-patient-summary')!;
      return Boolean(cds.compareDocumentPosition(summary) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(above, 'the cards come before the chart');

    await first.locator('[part~="dismiss"]').click();
    await first.locator('input[type="radio"]').first().check();
    await first.locator('[part~="confirm-dismiss"]').click();
    let feedback: { serviceId: string; body: { feedback: { outcome: string }[] } }[] = [];
    for (let i = 0; i < 100 && !feedback.length; i += 1) {
      feedback = ((await (await fetch(`${server.origin}/cds-services/_log`)).json()) as { feedback: typeof feedback }).feedback;
      if (!feedback.length) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(feedback[0]?.serviceId, 'medication-safety');
    assert.equal(feedback[0]?.body.feedback[0]?.outcome, 'overridden');
    assert.match((await page.locator('#event-log').textContent()) ?? '', /CDS card dismissed \(Patient has tolerated this before\)/);
    assert.deepEqual(errors, []);
  });
});
