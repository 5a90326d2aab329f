// The key to the chart: series lines, marker shapes (only those drawn), the band, comparators, gaps.
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { LabPoint, Severity } from '../../model/lab-series.js';
import type { LabTrendMessages } from './lab-trend.messages.js';
import { renderMarker, type PanelView, type SourceMarks } from './trend-chart.js';

/** A key's picture: `content` in a small SVG. */
const picture = (content: unknown) => html`<svg viewBox="0 0 22 16" aria-hidden="true" focusable="false">${content}</svg>`;

/** The chart's marker of a sample result (high, when flagged). */
const glyph = (severity?: Severity, provisional = false) =>
  picture(renderMarker({ time: 0, value: 0, status: 'final', provisional, date: '', interpretation: { severity, direction: 'high' } }, 11, 8, 6.5, false));

const item = (shown: boolean, key: unknown, text: unknown) => (shown ? html`<li>${key}${text}</li>` : nothing);

export function renderLegend(views: readonly PanelView[], m: LabTrendMessages, marks?: SourceMarks): TemplateResult {
  const points = views.flatMap((v) => v.series.flatMap((s) => s.markers.map((i) => s.series.point(i))));
  const has = (test: (p: LabPoint) => boolean) => points.some(test);
  const severity = (p: LabPoint) => p.interpretation.severity;
  return html`<ul class="legend" part="legend" aria-label=${m.legendTitle}>
    ${views.some((v) => v.series.length > 1)
      ? views[0].series.map((s, k) =>
          item(
            true,
            picture(svg`<g class="series series-${k}"><path class="line" d="M1 8H21"></path></g>`),
            s.series.measure === 'result' ? s.series.name : m.measure[s.series.measure],
          ),
        )
      : nothing}
    ${item(has((p) => !severity(p) || severity(p) === 'normal'), glyph(), m.legendNormal)}
    ${item(has((p) => severity(p) === 'abnormal'), glyph('abnormal'), m.legendAbnormal)}
    ${item(has((p) => severity(p) === 'critical'), glyph('critical'), m.legendCritical)}
    ${item(has((p) => p.provisional), glyph(undefined, true), m.legendProvisional)}
    ${item(has((p) => !!p.comparator), html`<strong aria-hidden="true">&lt;</strong>`, m.legendComparator)}
    ${item(views.some((v) => v.series.some((s) => s.band)), picture(svg`<rect class="band" x="1" y="3" width="20" height="10"></rect>`), m.legendReference)}
    ${item(views.some((v) => v.series.some((s) => s.gaps > 0)), nothing, m.legendGap)}
    ${marks ? marks.legend(points, m) : nothing}
  </ul>`;
}
