// The key to the chart: series lines, marker shapes (only those drawn), the band, comparators, gaps.
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { LabPoint } from '../../model/lab-series.js';
import type { LabTrendMessages } from './lab-trend.messages.js';
import { markerPath, type PanelView, type SourceMarks } from './trend-chart.js';

const sample = (p: Partial<LabPoint>): LabPoint => ({ time: 0, value: 0, status: 'final', provisional: false, date: '', interpretation: {}, ...p });

const glyph = (p: LabPoint) => html`<svg viewBox="0 0 22 16" aria-hidden="true" focusable="false">
  <g class="marker ${p.interpretation.severity ?? 'unflagged'} ${p.provisional ? 'provisional' : ''}">
    ${p.interpretation.severity === 'critical' ? svg`<circle class="critical-ring" cx="11" cy="8" r="6.5"></circle>` : nothing}
    <path d=${markerPath(p, 11, 8)}></path>
  </g>
</svg>`;

export function renderLegend(views: readonly PanelView[], m: LabTrendMessages, marks?: SourceMarks): TemplateResult {
  const points = views.flatMap((v) => v.series.flatMap((s) => s.markers.map((i) => s.series.point(i))));
  const has = (test: (p: LabPoint) => boolean) => points.some(test);
  const multi = views.some((v) => v.series.length > 1);
  const gaps = views.some((v) => v.series.some((s) => s.gaps > 0));
  const bands = views.some((v) => v.series.some((s) => s.band));
  return html`<ul class="legend" part="legend" aria-label=${m.legendTitle}>
    ${multi
      ? views[0].series.map(
          (s, k) => html`<li>
            <svg viewBox="0 0 22 16" aria-hidden="true" focusable="false">
              <g class="series series-${k}"><path class="line" d="M1 8H21"></path></g>
            </svg>
            ${s.series.measure === 'result' ? s.series.name : m.measure[s.series.measure]}
          </li>`,
        )
      : nothing}
    ${has((p) => !p.interpretation.severity || p.interpretation.severity === 'normal') ? html`<li>${glyph(sample({}))}${m.legendNormal}</li>` : nothing}
    ${has((p) => p.interpretation.severity === 'abnormal')
      ? html`<li>${glyph(sample({ interpretation: { severity: 'abnormal', direction: 'high' } }))}${m.legendAbnormal}</li>`
      : nothing}
    ${has((p) => p.interpretation.severity === 'critical')
      ? html`<li>${glyph(sample({ interpretation: { severity: 'critical', direction: 'high' } }))}${m.legendCritical}</li>`
      : nothing}
    ${has((p) => p.provisional) ? html`<li>${glyph(sample({ provisional: true }))}${m.legendProvisional}</li>` : nothing}
    ${has((p) => !!p.comparator) ? html`<li><strong aria-hidden="true">&lt;</strong>${m.legendComparator}</li>` : nothing}
    ${bands
      ? html`<li>
          <svg viewBox="0 0 22 16" aria-hidden="true" focusable="false"><rect class="band" x="1" y="3" width="20" height="10"></rect></svg>
          ${m.legendReference}
        </li>`
      : nothing}
    ${gaps ? html`<li>${m.legendGap}</li>` : nothing}
    ${marks ? marks.legend(points, m) : nothing}
  </ul>`;
}
