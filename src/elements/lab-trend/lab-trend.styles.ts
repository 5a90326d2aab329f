import { css } from 'lit';

// The table's, the chart cursor's and the source marks' own rules are in their modules (trend-table.ts,
// chart-cursor.ts, source-marks.ts),
// added to the shadow root when they load.

export const labTrendStyles = css`
  :host {
    --_series-1: var(--fhir-lab-trend-line-color, var(--_accent));
    --_series-2: var(--fhir-lab-trend-second-line-color, light-dark(#6b3fa0, #c9a7ff));
    --_band: var(--fhir-lab-trend-band-color, light-dark(#0b6b3a, #6fdc9f));
    --_band-opacity: var(--fhir-lab-trend-band-opacity, 0.12);
    --_grid: var(--fhir-lab-trend-grid-color, light-dark(#e3e7ee, #2c3340));
  }
  .base {
    display: grid;
    gap: var(--_space-3);
    padding: var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--fhir-lab-trend-background, var(--_bg));
  }
  .header,
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .header {
    align-items: center;
    justify-content: space-between;
  }
  .title {
    font-size: 1.05em;
    font-weight: 700;
  }
  .segmented,
  .toggle {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .segmented {
    display: inline-flex;
    overflow: hidden;
  }
  button {
    font: inherit;
    font-size: 0.875em;
    padding: var(--_space-1) var(--_space-3);
    border: 0;
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
  }
  .segmented button + button {
    border-inline-start: 1px solid var(--_border);
  }
  button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_bg);
    font-weight: 600;
  }
  .latest,
  .notes,
  .legend,
  .hidden-counts {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .latest {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-4);
  }
  .latest .value {
    font-size: 1.35em;
    font-weight: 700;
  }
  .latest .what {
    margin-inline-end: var(--_space-2);
  }
  .flag {
    display: inline-block;
    margin-inline-start: var(--_space-1);
    padding: 0 var(--_space-1);
    border-radius: 3px;
    font-size: 0.8em;
    font-weight: 700;
    border: 1px solid currentColor;
  }
  .flag[data-severity='critical'] {
    color: var(--_critical);
    background: var(--_critical-bg);
    border-width: 2px;
  }
  .flag[data-severity='abnormal'] {
    color: var(--_abnormal);
  }
  .flag[data-severity='provisional'] {
    color: var(--_muted);
    border-style: dashed;
  }
  /* .notice: the shared one (src/styles/tokens.ts) */
  .latest .what,
  .change,
  .legend,
  .hidden-counts {
    color: var(--_muted);
  }
  .change,
  .notes,
  .hidden-counts {
    font-size: 0.875em;
  }
  .notes {
    display: grid;
    gap: var(--_space-1);
  }
  .notes li[data-kind='converted'],
  .notes li[data-kind='split'] {
    border-inline-start: 3px solid var(--_accent);
    padding-inline-start: var(--_space-2);
  }
  .panels,
  .panel {
    display: grid;
    gap: var(--_space-2);
  }
  .chart {
    position: relative;
    direction: ltr;
    border-radius: var(--_radius);
  }
  .chart svg {
    display: block;
    inline-size: 100%;
    block-size: 240px;
    overflow: visible;
  }
  .chart text {
    fill: var(--_muted);
    font-size: 11px;
    font-family: var(--_font);
  }
  .chart text.unit {
    font-weight: 600;
  }
  .grid {
    stroke: var(--_grid);
  }
  .baseline,
  .tick {
    stroke: var(--_border);
  }
  .band {
    fill: var(--_band);
    fill-opacity: var(--_band-opacity);
  }
  .line {
    fill: none;
    stroke: var(--_series-1);
    stroke-width: 1.6;
    stroke-linejoin: round;
  }
  .series-1 .line {
    stroke: var(--_series-2);
    stroke-dasharray: 6 3;
  }
  .marker path {
    fill: var(--_series-1);
    stroke: var(--_bg);
  }
  .series-1 .marker path {
    fill: var(--_series-2);
  }
  .marker.abnormal path {
    fill: var(--_abnormal);
  }
  .marker.critical path {
    fill: var(--_critical);
  }
  .critical-ring {
    fill: none;
    stroke: var(--_critical);
    stroke-width: 2;
  }
  .chart text.critical-label {
    fill: var(--_critical);
    font-weight: 700;
  }
  .chart text.comparator {
    fill: var(--_fg);
    font-weight: 700;
  }
  .marker.provisional path {
    fill: var(--_bg);
    stroke: var(--_series-1);
    stroke-width: 2;
    stroke-dasharray: 2 1.5;
  }
  .marker.abnormal.provisional path {
    stroke: var(--_abnormal);
  }
  .marker.critical.provisional path {
    stroke: var(--_critical);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-3);
    font-size: 0.8125em;
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-1);
  }
  .legend svg {
    inline-size: 22px;
    block-size: 16px;
  }
  .empty {
    margin: 0;
    color: var(--_fg);
  }
`;
