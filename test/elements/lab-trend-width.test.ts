// <fhir-lab-trend>'s chart width: a long record's first drawing (its newest results, while the rest
// are read) is drawn at the width the finished chart gets, guessed from the widget's own observed
// width, not at a default and then again once the chart is measured.
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { generateScalePatient } from '../../demo/data/generator.js';
import { defineElements } from '../../src/define.js';
import type { FhirLabTrend } from '../../src/elements/lab-trend/lab-trend.js';
import { READ_SLICE } from '../../src/elements/lab-trend/sliced-build.js';

defineElements();

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

describe('<fhir-lab-trend> chart width', function () {
  this.timeout(120_000);

  afterEach(() => {
    for (const el of document.querySelectorAll('body > div')) el.remove();
  });

  it('draws a long record\'s first results at the finished chart\'s width (not a default width)', async () => {
    const host = document.createElement('div');
    host.style.width = '900px';
    document.body.append(host);
    render(html`<fhir-lab-trend code="http://loinc.org|2339-0" range="all"></fhir-lab-trend>`, host);
    const el = host.querySelector('fhir-lab-trend') as FhirLabTrend;
    await el.updateComplete;
    await nextFrame(); // the widget is laid out and observed, as on a page before its data comes
    const root = el.shadowRoot!;
    const previewWidths: string[] = [];
    const observer = new MutationObserver(() => {
      const svg = root.querySelector('[data-kind="preview"] [part="chart-svg"]');
      if (svg && el.state === 'loading') previewWidths.push(svg.getAttribute('width') ?? '');
    });
    observer.observe(root, { childList: true, subtree: true });
    const loaded = oneEvent(el, 'fhir-load');
    el.resources = generateScalePatient({ observations: READ_SLICE + 2_000 });
    await loaded;
    observer.disconnect();
    await nextFrame(); // the finished chart measured (and drawn again were its width other)
    await waitUntil(() => !el.isUpdatePending, 'still updating');
    await el.updateComplete;
    const chart = root.querySelector('[part="chart-svg"]')!;
    const panels = root.querySelector('.panels')!;
    expect(previewWidths.length, 'a first drawing before ready').to.be.above(0);
    expect(chart.getAttribute('width')).to.equal(String(Math.floor(panels.getBoundingClientRect().width)));
    expect(previewWidths[0]).to.equal(chart.getAttribute('width'));
  });
});
