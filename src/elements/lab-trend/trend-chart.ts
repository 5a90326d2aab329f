// The SVG of one trend panel (series sharing a unit): geometry from the model, then a Lit `svg`
// template. Drawing is decimated to the pixel width; the points themselves are never dropped
// (the table and the keyboard use them all).
import { svg, nothing, type SVGTemplateResult } from 'lit';
import { linearScale, niceTicks, timeTicks, type LinearScale, type TimeTick, type ValueTicks } from '../../model/chart-scale.js';
import { decimateByColumn } from '../../model/decimation.js';
import { DIRECTION_CODE, firstIndexFrom, gapThresholdOf, SEVERITY_CODE, type LabPanel, type LabPoint, type LabSeries } from '../../model/lab-series.js';
import type { Format } from '../../i18n/format.js';
import type { LabTrendMessages } from './lab-trend.messages.js';

export const CHART_HEIGHT = 240;
const MARGIN = { top: 26, right: 16, bottom: 30, left: 56 };
const DAY = 86_400_000;

/** Where the keyboard or pointer is: a point of one series of one panel. */
export interface ChartCursor {
  panel: number;
  series: number;
  index: number;
  by: 'keyboard' | 'pointer';
}

export interface SeriesView {
  series: LabSeries;
  /** Visible points are `from..series.length-1`. */
  from: number;
  /** Indices drawn (decimated). */
  drawn: number[];
  /** Line path (broken at long gaps). */
  line: string;
  /** Reference band path. */
  band: string;
  /** Points drawn with a marker. */
  markers: number[];
  gaps: number;
}

export interface PanelView {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  x: LinearScale;
  y: LinearScale;
  xTicks: TimeTick[];
  yTicks: ValueTicks;
  series: SeriesView[];
  visible: number;
  dense: boolean;
  /** Numbers and axis dates in the widget's language. */
  format: Format;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The geometry of a panel for points at or after `start`, drawn `width` pixels wide. */
export function panelView(panel: LabPanel, start: number, width: number, format: Format): PanelView {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: Math.max(MARGIN.left + 40, width - MARGIN.right), bottom: CHART_HEIGHT - MARGIN.bottom };
  const plotWidth = plot.right - plot.left;
  let t0 = Infinity;
  let t1 = -Infinity;
  let v0 = Infinity;
  let v1 = -Infinity;
  let visible = 0;
  const ranges = panel.series.map((series) => {
    const { times, values, lows, highs, length } = series;
    const from = firstIndexFrom(times, start);
    if (from < length) {
      t0 = Math.min(t0, times[from]);
      t1 = Math.max(t1, times[length - 1]);
    }
    for (let i = from; i < length; i += 1) {
      const value = values[i];
      if (value < v0) v0 = value;
      if (value > v1) v1 = value;
      // NaN (no range) fails both tests.
      if (lows[i] < v0) v0 = lows[i];
      if (highs[i] > v1) v1 = highs[i];
    }
    visible += length - from;
    return from;
  });
  if (!Number.isFinite(t0)) {
    t0 = start;
    t1 = start + DAY;
  }
  // Breathing room: half a month around a single day, 3% of the span otherwise.
  const pad = t1 - t0 < DAY ? 15 * DAY : (t1 - t0) * 0.03;
  const x = linearScale([t0 - pad, t1 + pad], [plot.left, plot.right]);
  const spread = v1 - v0;
  // Padding never takes an all-positive axis below zero.
  const low = v0 >= 0 ? Math.max(0, v0 - spread * 0.05) : v0 - spread * 0.05;
  const yTicks = niceTicks(low, v1 + spread * 0.05, 5);
  const y = linearScale([yTicks.min, yTicks.max], [plot.bottom, plot.top]);
  const xTicks = timeTicks(x.domain[0], x.domain[1], Math.max(2, Math.floor(plotWidth / 96)), format.axisLabel);
  const dense = visible > plotWidth / 4;
  const series = panel.series.map((s, k) => seriesView(s, ranges[k], x, y, plot, plotWidth, dense));
  return { width, height: CHART_HEIGHT, plot, x, y, xTicks, yTicks, series, visible, dense, format };
}

function seriesView(
  series: LabSeries,
  from: number,
  x: LinearScale,
  y: LinearScale,
  plot: PanelView['plot'],
  plotWidth: number,
  dense: boolean,
): SeriesView {
  const { times, values, severities } = series;
  const to = series.length;
  const drawn = decimateByColumn(times, values, from, to, x.domain[0], x.domain[1], plotWidth, (i) => severities[i] === SEVERITY_CODE.critical);
  // Gaps: the line breaks between two drawn points when any interval between them is too long.
  // Each interval of the visible points is looked at once, in the same pass, so `gaps` counts them all.
  const threshold = gapThresholdOf(times, from, to);
  let line = '';
  let gaps = 0;
  let j = from + 1; // the next interval looked at: times[j - 1] to times[j]
  for (let k = 0; k < drawn.length; k += 1) {
    const i = drawn[k];
    let move = k === 0;
    for (; j <= i; j += 1) {
      if (times[j] - times[j - 1] > threshold) {
        gaps += 1;
        move = true;
      }
    }
    line += `${move ? 'M' : 'L'}${round(x(times[i]))} ${round(y(values[i]))}`;
  }
  for (; j < to; j += 1) if (times[j] - times[j - 1] > threshold) gaps += 1;
  const markers = dense ? denseMarkers(series, drawn, x) : drawn;
  return { series, from, drawn, line, band: bandPath(series, from, x, y, plot), markers, gaps };
}

/**
 * Markers when points are denser than the pixels: critical results only (never lost to
 * decimation), at most one per 8-pixel slot and direction; every result stays reachable by
 * keyboard and in the table.
 */
function denseMarkers(series: LabSeries, drawn: readonly number[], x: LinearScale): number[] {
  const out: number[] = [];
  const taken = new Set<number>();
  // From the columns (a point's time and its interpretation's direction), not the point in full:
  // a long record may have a thousand critical results under the pixels.
  const { times, severities, directions } = series;
  for (const i of drawn) {
    if (severities[i] !== SEVERITY_CODE.critical) continue;
    const direction = directions[i];
    // The slot and the direction (high, low or none) as one number.
    const slot = Math.floor(x(times[i]) / 8) * 3 + (direction === DIRECTION_CODE.high ? 1 : direction === DIRECTION_CODE.low ? 2 : 0);
    if (taken.has(slot)) continue;
    taken.add(slot);
    out.push(i);
  }
  return out;
}

/** The reference band: one rectangle per run of equal ranges, reaching half way to the neighbours. */
function bandPath(series: LabSeries, from: number, x: LinearScale, y: LinearScale, plot: PanelView['plot']): string {
  const { times, lows, highs, length } = series;
  let path = '';
  let runStart = from;
  const edge = (i: number, side: -1 | 1) => {
    const j = i + side;
    if (j < from || j >= length) return side < 0 ? plot.left : plot.right;
    return (x(times[i]) + x(times[j])) / 2;
  };
  for (let i = from; i < length; i += 1) {
    const low = lows[i];
    const high = highs[i];
    if (i + 1 < length) {
      // The same band as the next point (NaN, no bound, is the same as NaN): the run goes on.
      const nextLow = lows[i + 1];
      const nextHigh = highs[i + 1];
      if ((nextLow === low || (Number.isNaN(nextLow) && Number.isNaN(low))) && (nextHigh === high || (Number.isNaN(nextHigh) && Number.isNaN(high)))) continue;
    }
    if (!Number.isNaN(low) || !Number.isNaN(high)) {
      const top = Number.isNaN(high) ? plot.top : Math.max(plot.top, y(high));
      const bottom = Number.isNaN(low) ? plot.bottom : Math.min(plot.bottom, y(low));
      const left = Math.max(plot.left, edge(runStart, -1));
      const right = Math.min(plot.right, edge(i, 1));
      if (bottom > top && right > left) path += `M${round(left)} ${round(top)}H${round(right)}V${round(bottom)}H${round(left)}Z`;
    }
    runStart = i + 1;
  }
  return path;
}

/** The marker's shape: circle (normal), triangle (high / low), diamond (abnormal), ringed for critical. */
function markerPath(p: LabPoint, cx: number, cy: number): string {
  const { severity, direction } = p.interpretation;
  const r = severity === 'critical' ? 5 : severity === 'abnormal' ? 4.6 : 3.6;
  if (severity === 'critical' || severity === 'abnormal') {
    if (direction === 'high') return `M${cx} ${cy - r * 1.2}L${cx + r} ${cy + r * 0.75}L${cx - r} ${cy + r * 0.75}Z`;
    if (direction === 'low') return `M${cx} ${cy + r * 1.2}L${cx + r} ${cy - r * 0.75}L${cx - r} ${cy - r * 0.75}Z`;
    return `M${cx} ${cy - r * 1.2}L${cx + r * 1.2} ${cy}L${cx} ${cy + r * 1.2}L${cx - r * 1.2} ${cy}Z`;
  }
  return `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
}

function markerClass(p: LabPoint): string {
  const classes = ['marker', p.interpretation.severity ?? 'unflagged'];
  if (p.provisional) classes.push('provisional');
  return classes.join(' ');
}

/** A critical marker's short label on the chart (HH, LL, AA, or !! for a critical range). */
function criticalLabel(p: LabPoint): string {
  const { code, direction, fromCriticalRange } = p.interpretation;
  if (code && /^(HH|LL|AA)$/i.test(code)) return code.toUpperCase();
  if (fromCriticalRange) return direction === 'high' ? 'HH' : direction === 'low' ? 'LL' : '!!';
  return '!!';
}

/**
 * Several sources: a point none of whose copies came from the primary is marked by shape and number,
 * never by colour only (source-marks.ts, loaded with a trend of several sources).
 */
export interface SourceMarks {
  /** The number point `p` is marked with, or undefined when it came from the primary. */
  of(p: LabPoint): number | undefined;
  /** The mark of number `n` around a marker at (`cx`, `cy`). */
  draw(cx: number, cy: number, n: number): SVGTemplateResult;
  /** The legend's items for the marks among `points`. */
  legend(points: readonly LabPoint[], m: LabTrendMessages): unknown;
}

/**
 * The marker of `p` at (`cx`, `cy`), a critical one ringed (radius `ring`) and, when `labelled`, labelled;
 * on the chart, and (a sample) in the legend.
 */
export function renderMarker(p: LabPoint, cx: number, cy: number, ring: number, labelled: boolean, marks?: SourceMarks): SVGTemplateResult {
  const critical = p.interpretation.severity === 'critical';
  const mark = marks?.of(p);
  const className = markerClass(p);
  const d = markerPath(p, cx, cy);
  // The usual marker (no source mark, label or comparator) as one template without nested ones: a
  // dense chart draws hundreds of critical markers, and each nested template is one more to stamp.
  if (mark === undefined && !(critical && labelled) && !p.comparator) {
    return critical
      ? svg`<g class=${className}><circle class="critical-ring" cx=${cx} cy=${cy} r=${ring}></circle><path d=${d}></path></g>`
      : svg`<g class=${className}><path d=${d}></path></g>`;
  }
  return svg`<g class=${className} data-source-mark=${mark ?? nothing}>
    ${mark === undefined ? nothing : marks!.draw(cx, cy, mark)}
    ${critical ? svg`<circle class="critical-ring" cx=${cx} cy=${cy} r=${ring}></circle>` : nothing}
    <path d=${d}></path>
    ${critical && labelled ? svg`<text class="critical-label" x=${cx} y=${cy - 12} text-anchor="middle">${criticalLabel(p)}</text>` : nothing}
    ${p.comparator ? svg`<text class="comparator" x=${cx} y=${cy - (critical ? 24 : 9)} text-anchor="middle">${p.comparator}</text>` : nothing}
  </g>`;
}

/** Each view's plot, made once: a keystroke that moves the cursor gives Lit the same values, which it leaves alone. */
const plots = new WeakMap<PanelView, { unit: string; marks?: SourceMarks; merged: boolean; plot: SVGTemplateResult }>();

/**
 * The chart's SVG (hidden from assistive technology: the live region and the table speak), with the
 * cursor's mark (`overlay`, drawn by the cursor's module) over it. `merged`: the markers of one look
 * drawn as one path (see `renderMarkers`), for a drawing nothing points at (a long record's preview).
 */
export function renderPanelSvg(view: PanelView, unit: string, overlay: unknown, marks?: SourceMarks, merged = false): SVGTemplateResult {
  let made = plots.get(view);
  if (made?.unit !== unit || made.marks !== marks || made.merged !== merged) {
    plots.set(view, (made = { unit, marks, merged, plot: renderPlot(view, unit, marks, merged) }));
  }
  return svg`<svg
    part="chart-svg"
    viewBox="0 0 ${view.width} ${view.height}"
    width=${view.width}
    height=${view.height}
    aria-hidden="true"
    focusable="false"
  >
    ${made.plot} ${overlay}
  </svg>`;
}

/**
 * A series' markers, each its own group — or, `merged`, every usual marker of one look (class) as one
 * path and their critical rings as one more: a few elements, not three per result, for a drawing
 * that no cursor, tooltip or source mark points into. A labelled or qualified marker is its own
 * either way; every marker is drawn either way.
 */
function renderMarkers(view: PanelView, s: SeriesView, marks: SourceMarks | undefined, merged: boolean): unknown {
  const { x, y } = view;
  const labelled = !view.dense;
  /** Per look (class): its markers' path and their rings' path. */
  const looks = new Map<string, [string, string]>();
  const own = s.markers.flatMap((i) => {
    const p = s.series.point(i);
    const cx = round(x(p.time));
    const cy = round(y(p.value));
    const critical = p.interpretation.severity === 'critical';
    if (!merged || marks || (critical && labelled) || p.comparator) return [renderMarker(p, cx, cy, 9, labelled, marks)];
    const look = markerClass(p);
    const [d, rings] = looks.get(look) ?? ['', ''];
    looks.set(look, [d + markerPath(p, cx, cy), critical ? `${rings}M${cx - 9} ${cy}a9 9 0 1 0 18 0a9 9 0 1 0 -18 0` : rings]);
    return [];
  });
  return [...[...looks].map(([look, [d, rings]]) => svg`<path class="critical-ring" d=${rings}></path><g class=${look}><path d=${d}></path></g>`), ...own];
}

/** Band, axes, lines and markers: made again only when the geometry changes (not per keystroke). */
function renderPlot(view: PanelView, unit: string, marks: SourceMarks | undefined, merged: boolean): SVGTemplateResult {
  const { plot, x, y } = view;
  return svg`${view.series.map((s, k) => (s.band ? svg`<path class="band band-${k}" d=${s.band}></path>` : nothing))}
    <g class="axis y-axis">
      ${view.yTicks.ticks.map((tick) => {
        const ty = round(y(tick));
        return svg`<line class="grid" x1=${plot.left} x2=${plot.right} y1=${ty} y2=${ty}></line>
          <text x=${plot.left - 6} y=${ty + 4} text-anchor="end">${view.format.number(tick) ?? ''}</text>`;
      })}
      <text class="unit" x=${plot.left - 6} y=${plot.top - 14} text-anchor="start">${unit}</text>
    </g>
    <g class="axis x-axis">
      <line class="baseline" x1=${plot.left} x2=${plot.right} y1=${plot.bottom} y2=${plot.bottom}></line>
      ${view.xTicks.map((tick) => {
        const tx = round(x(tick.time));
        return svg`<line class="tick" x1=${tx} x2=${tx} y1=${plot.bottom} y2=${plot.bottom + 5}></line>
          <text x=${tx} y=${plot.bottom + 18} text-anchor="middle">${tick.label}</text>`;
      })}
    </g>
    ${view.series.map((s, k) => svg`<g class="series series-${k}">
      <path class="line" d=${s.line}></path>
      ${renderMarkers(view, s, marks, merged)}
    </g>`)}`;
}
