// A long record's first drawing, while the rest of it is read: the series of the results read so
// far (the newest, when they came oldest first), under a note that says the rest are loading. It
// claims nothing about the whole record — no latest value, no table, no counts of hidden results,
// no range or table controls — and the widget stays `loading` until the finished trend replaces it.
import { html, type TemplateResult } from 'lit';
import type { Format } from '../../i18n/format.js';
import type { LabTrendPreview } from '../../model/lab-series.js';
import type { LabTrendMessages } from './lab-trend.messages.js';
import { panelView, renderPanelSvg, type PanelView } from './trend-chart.js';
import { countText, trendTitle } from './trend-words.js';

/** Each preview's geometry, made once per width and language: drawing it again (any update while loading) redoes nothing. */
const made = new WeakMap<LabTrendPreview, { width: number; format: Format; views: PanelView[] }>();

function viewsOf(preview: LabTrendPreview, format: Format, width: number): PanelView[] {
  let views = made.get(preview);
  if (views?.width !== width || views.format !== format) {
    made.set(preview, (views = { width, format, views: preview.model.panels.map((panel) => panelView(panel, -Infinity, width, format)) }));
  }
  return views.views;
}

export function renderTrendPreview(preview: LabTrendPreview, m: LabTrendMessages, format: Format, width: number): TemplateResult {
  const { model } = preview;
  const views = viewsOf(preview, format, width);
  const note = m.previewNote(countText(format, preview.shown), countText(format, preview.total));
  return html`<div class="base" part="base" data-kind="preview" aria-busy="true">
    <div class="header" part="header"><span class="title" part="title">${trendTitle(m, model)}</span></div>
    <p class="notice" part="notes" data-kind="preview" role="status">${note}</p>
    <div class="panels" aria-hidden="true">
      ${model.panels.map(
        (panel, i) => html`<section class="panel" part="panel" data-unit=${panel.unitKey}>
          <div class="chart" part="chart">${renderPanelSvg(views[i], panel.unit, undefined, undefined, true)}</div>
        </section>`,
      )}
    </div>
  </div>`;
}
