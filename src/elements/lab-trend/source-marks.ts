// Several sources on the chart: a point none of whose copies came from the primary source is marked
// by shape and number (a square around it, its source's number beside it), never by colour only; the
// legend explains each mark. Its own module: loaded inside the load of a trend with several sources
// (lab-trend.ts), never by a trend with one.
import { css, html, svg, type SVGTemplateResult } from 'lit';
import type { LabPoint } from '../../model/lab-series.js';
import type { LabTrendMessages } from './lab-trend.messages.js';
import type { SourceSet } from '../../fhir/sources-context.js';
import { addStyles } from '../shared/lazy-styles.js';
import type { SourceMarks } from './trend-chart.js';

/** The marks' rules (the widget's own are in lab-trend.styles.ts). */
const sourceMarkStyles = css`
  svg path.source-mark.source-mark {
    fill: none;
    stroke: var(--_fg);
    stroke-width: 1.25;
  }
  .chart text.source-number,
  .legend .source-number {
    fill: var(--_fg);
    font-size: 10px;
    font-weight: 700;
  }
`;

/** The mark's shape: a square around the marker at (`cx`, `cy`), and the number beside it. */
const mark = (cx: number, cy: number, n: number, nx: number, ny: number): SVGTemplateResult =>
  svg`<path class="source-mark" d="M${cx - 7} ${cy - 7}h14v14h-14Z"></path><text class="source-number" x=${nx} y=${ny}>${n}</text>`;

/** The marks of sources numbered `numbers` (primary = 1, then the `<fhir-source>` children in order). */
function sourceMarks(primary: string, numbers: ReadonlyMap<string, number>): SourceMarks {
  const of = (p: LabPoint): number | undefined =>
    !p.sources?.length || p.sources.includes(primary) ? undefined : numbers.get(p.sources[0]);
  return {
    of,
    draw: (cx, cy, n) => mark(cx, cy, n, cx + 9, cy + 14),
    legend: (points: readonly LabPoint[], m: LabTrendMessages) =>
      [...numbers]
        .filter(([, n]) => points.some((p) => of(p) === n))
        .map(
          ([source, n]) =>
            html`<li data-source=${source}>
              <svg viewBox="0 0 22 16" aria-hidden="true" focusable="false">${mark(8, 8, n, 17, 15)}</svg>
              ${m.legendSource(source)}
            </li>`,
        ),
  };
}

const made = new WeakMap<SourceSet, SourceMarks>();

/**
 * The marks of a set of several sources (numbered in its order, made once per set: the chart's plot is
 * made again only when they change), with their rules added to the widget's shadow root.
 */
export function marksOf(root: ShadowRoot, set: SourceSet): SourceMarks {
  addStyles(root, sourceMarkStyles);
  let marks = made.get(set);
  if (!marks) made.set(set, (marks = sourceMarks(set.sources[0].label, new Map(set.sources.map((s, i) => [s.label, i + 1])))));
  return marks;
}
