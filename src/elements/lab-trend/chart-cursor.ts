// The chart's cursor: which result the keyboard or the pointer is on, the live announcement of each
// result the keyboard reaches, its mark on the chart and its tooltip. ← → between results, ↑ ↓
// between series (nearest in time), Home / End to the first / latest, Page Up / Down by a tenth of
// the visible results. Its own module: loaded the first time the chart gets the focus or a pointer
// (lab-trend.ts queues what happens before it is there), never by an ordinary render.
import { css, html, nothing, svg, type ReactiveController, type ReactiveElement, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { CommonMessages } from '../../i18n/messages.js';
import type { Format } from '../../i18n/format.js';
import { isoDatetime } from '../../model/dates.js';
import { firstIndexFrom, type LabSeries, type LabTrendModel } from '../../model/lab-series.js';
import type { LabTrendMessages } from './lab-trend.messages.js';
import { addStyles } from '../shared/lazy-styles.js';
import type { ChartCursor, PanelView } from './trend-chart.js';
import { renderFlag } from './trend-flag.js';
import { dateText, interpretationText, seriesLabel, valueText } from './trend-words.js';

const round = (n: number) => Math.round(n * 10) / 10;

/** The live region's sentence for point `index` of a series. */
export function describePoint(m: LabTrendMessages, format: Format, model: LabTrendModel, series: LabSeries, index: number): string {
  const p = series.point(index);
  const parts = [`${seriesLabel(m, model, series)}: ${valueText(format, p)}${series.unit ? ` ${series.unit}` : ''}`, dateText(m, format, p.date)];
  const interpretation = interpretationText(m, p);
  if (interpretation) parts.push(interpretation);
  if (p.provisional) parts.push(m.provisional(p.status));
  if (p.original) parts.push(m.convertedFrom(`${format.number(p.original.value)} ${p.original.unit}`));
  const position = m.position(format.number(index + 1) ?? '', format.number(series.length) ?? '');
  return `${parts.join(', ')}. ${position}`;
}

/** The cursor's and the tooltip's rules (the widget's own are in lab-trend.styles.ts). */
const cursorStyles = css`
  .cursor line {
    stroke: var(--_muted);
    stroke-dasharray: 3 3;
  }
  .cursor circle {
    fill: none;
    stroke: var(--_focus);
    stroke-width: 3;
  }
  .tooltip {
    position: absolute;
    z-index: 1;
    min-inline-size: 10rem;
    max-inline-size: 18rem;
    padding: var(--_space-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--fhir-lab-trend-tooltip-background, var(--_bg));
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.18);
    font-size: 0.875em;
    pointer-events: none;
    transform: translate(-50%, calc(-100% - 14px));
    overflow-wrap: anywhere;
  }
  .tooltip .value {
    font-weight: 700;
  }
`;

/** The visible point nearest to a pixel position (for hover), as series and index. */
export function nearestPoint(view: PanelView, px: number, py: number): { series: number; index: number } | undefined {
  const time = view.x.invert(px);
  let best: { series: number; index: number; distance: number } | undefined;
  view.series.forEach((s, k) => {
    const { times, values, length } = s.series;
    const i = firstIndexFrom(times, time);
    for (const j of [i - 1, i]) {
      if (j < s.from || j >= length) continue;
      const dx = view.x(times[j]) - px;
      const dy = view.y(values[j]) - py;
      const distance = dx * dx + dy * dy * 0.25;
      if (!best || distance < best.distance) best = { series: k, index: j, distance };
    }
  });
  return best && { series: best.series, index: best.index };
}

/** The point a cursor is on, if it is still there. */
function pointAt(view: PanelView, cursor: ChartCursor) {
  const s = view.series[cursor.series]?.series;
  return s && cursor.index < s.length ? { s, p: s.point(cursor.index) } : undefined;
}

/** The cursor's line and ring on the chart (inside its SVG). */
export function renderCursorMark(view: PanelView, cursor: ChartCursor): SVGTemplateResult | typeof nothing {
  const at = pointAt(view, cursor);
  if (!at) return nothing;
  const x = round(view.x(at.p.time));
  return svg`<g class="cursor">
    <line x1=${x} x2=${x} y1=${view.plot.top} y2=${view.plot.bottom}></line>
    <circle cx=${x} cy=${round(view.y(at.p.value))} r="11"></circle>
  </g>`;
}

/** The tooltip of the result under the cursor (placed by the controller after each update). */
export function renderTooltip(
  m: LabTrendMessages,
  common: CommonMessages,
  format: Format,
  model: LabTrendModel,
  view: PanelView,
  cursor: ChartCursor,
  multiSource: boolean,
): TemplateResult | typeof nothing {
  const at = pointAt(view, cursor);
  if (!at) return nothing;
  const { s, p } = at;
  const interpretation = interpretationText(m, p);
  return html`<div
    class="tooltip"
    part="tooltip"
    aria-hidden="true"
    data-x=${(view.x(p.time) / view.width) * 100}
    data-y=${(view.y(p.value) / view.height) * 100}
  >
    <div>${seriesLabel(m, model, s)}</div>
    <div><span class="value">${valueText(format, p)}</span> ${s.unit}</div>
    <div><time datetime=${isoDatetime(p.date) ?? ''}>${dateText(m, format, p.date)}</time></div>
    ${interpretation || p.provisional ? html`<div>${renderFlag(m, p, interpretation)}</div>` : nothing}
    ${p.original ? html`<div>${m.convertedFrom(`${format.number(p.original.value)} ${p.original.unit}`)}</div>` : nothing}
    ${multiSource && p.sources?.length ? html`<div class="sources" part="tooltip-sources">${common.fromSources(format.list([...p.sources]))}</div>` : nothing}
  </div>`;
}

export class ChartCursorController implements ReactiveController {
  /** Where the cursor is, if anywhere. */
  cursor?: ChartCursor;
  /** The live region's text: the last result the keyboard reached. */
  announcement = '';

  constructor(
    private readonly host: ReactiveElement,
    /** The widget's words, numbers and dates, and the trend shown: for the live region's sentences. */
    private readonly words: () => [LabTrendMessages, Format, LabTrendModel],
  ) {
    host.addController(this);
    addStyles(host.renderRoot as ShadowRoot, cursorStyles);
  }

  /**
   * Places the tooltip through the CSSOM: a strict host's `style-src 'self'` blocks style
   * attributes (and styleMap's first render is one), not property writes.
   */
  hostUpdated(): void {
    const tooltip = this.host.renderRoot.querySelector<HTMLElement>('.tooltip');
    if (!tooltip) return;
    tooltip.style.insetInlineStart = `${tooltip.dataset.x}%`;
    tooltip.style.insetBlockStart = `${tooltip.dataset.y}%`;
  }

  /** Forgets the cursor (new data, another range, the table shown). */
  reset(): void {
    if (this.cursor === undefined) return;
    this.cursor = undefined;
    this.host.requestUpdate();
  }

  private move(views: readonly PanelView[], panel: number, series: number, index: number, by: ChartCursor['by']): void {
    const s = views[panel]?.series[series];
    if (!s) return;
    const clamped = Math.min(s.series.length - 1, Math.max(s.from, index));
    this.cursor = { panel, series, index: clamped, by };
    if (by === 'keyboard') this.announcement = describePoint(...this.words(), s.series, clamped);
    this.host.requestUpdate();
  }

  focus(views: readonly PanelView[], panel: number): void {
    if (this.cursor?.panel === panel && this.cursor.by === 'keyboard') return;
    this.move(views, panel, 0, views[panel].series[0].series.length - 1, 'keyboard');
  }

  blur(): void {
    if (this.cursor?.by === 'keyboard') this.reset();
  }

  /** One of the chart's keys (the host has already prevented its default). */
  key(key: string, views: readonly PanelView[], panel: number): void {
    const cursor = this.cursor?.panel === panel ? this.cursor : undefined;
    const view = views[panel];
    const seriesIndex = cursor?.series ?? 0;
    const s = view.series[seriesIndex];
    const last = s.series.length - 1;
    const index = cursor?.index ?? last;
    const jump = Math.max(1, Math.round((s.series.length - s.from) / 10));
    let next = index;
    let series = seriesIndex;
    switch (key) {
      case 'ArrowRight':
        next += 1;
        break;
      case 'ArrowLeft':
        next -= 1;
        break;
      case 'Home':
        next = s.from;
        break;
      case 'End':
        next = last;
        break;
      case 'PageUp':
        next -= jump;
        break;
      case 'PageDown':
        next += jump;
        break;
      default: {
        // ArrowUp / ArrowDown: the other series' result nearest in time.
        series += key === 'ArrowUp' ? -1 : 1;
        const target = view.series[series];
        if (!target) return;
        const time = s.series.times[index];
        const times = target.series.times;
        next = firstIndexFrom(times, time);
        if (next >= times.length || (next > target.from && time - times[next - 1] < times[next] - time)) next -= 1;
      }
    }
    this.move(views, panel, series, next, 'keyboard');
  }

  /** The pointer at client position (`x`, `y`) over the chart's SVG. */
  pointerMove(target: Element | null, x: number, y: number, views: readonly PanelView[], panel: number): void {
    if (!target) return;
    const rect = target.getBoundingClientRect();
    const view = views[panel];
    if (rect.width === 0 || rect.height === 0) return;
    const found = nearestPoint(view, ((x - rect.left) * view.width) / rect.width, ((y - rect.top) * view.height) / rect.height);
    if (!found) return;
    if (this.cursor?.by === 'keyboard' && this.cursor.panel === panel) return; // the keyboard leads while focused
    if (this.cursor?.panel !== panel || this.cursor.series !== found.series || this.cursor.index !== found.index) {
      this.cursor = { panel, ...found, by: 'pointer' };
      this.host.requestUpdate();
    }
  }

  pointerLeave(): void {
    if (this.cursor?.by === 'pointer') this.reset();
  }
}
