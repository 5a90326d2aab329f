// The results as a table, newest first, a page at a time: the same points the chart draws (read
// from the same columns), plus the results the chart cannot plot. Its own module: loaded when the
// table is asked for, or inside the load when a record has nothing to draw (lab-trend.ts).
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Format } from '../../i18n/format.js';
import { isoDatetime } from '../../model/dates.js';
import type { CommonMessages } from '../../i18n/messages.js';
import { labTableRows, type LabTableRow, type LabTextResult, type LabTrendModel } from '../../model/lab-series.js';
import { renderSources } from '../shared/source-labels.js';
import type { LabTrendMessages } from './lab-trend.messages.js';
import { dateText, interpretationText, seriesLabel, TABLE_PAGE_SIZE, valueText } from './trend-words.js';

function rangeCell(m: LabTrendMessages, format: Format, low: number | undefined, high: number | undefined, text: string | undefined): string {
  const parts: string[] = [];
  if (low !== undefined && high !== undefined) parts.push(`${format.number(low)}–${format.number(high)}`);
  else if (high !== undefined) parts.push(`≤ ${format.number(high)}`);
  else if (low !== undefined) parts.push(`≥ ${format.number(low)}`);
  if (text) parts.push(m.rangeText(text));
  return parts.join('; ');
}

function textResultValue(m: LabTrendMessages, format: Format, t: LabTextResult): string {
  if (t.why === 'undated') return valueText(format, t);
  if (t.booleanValue !== undefined) return t.booleanValue ? m.yes : m.no;
  if (t.text !== undefined) return t.text;
  if (t.valueKind) return m.valueKind[t.valueKind];
  return t.absentReason ? `${m.noValue}: ${t.absentReason}` : m.noValue;
}

/** The table's rules (the widget's own are in lab-trend.styles.ts). */
export const tableStyles = css`
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    font-size: 0.875em;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: var(--_space-1);
  }
  th,
  td {
    text-align: start;
    padding: var(--_space-1) var(--_space-2);
    border-block-end: 1px solid var(--_border);
    vertical-align: top;
  }
  th {
    background: var(--_subtle);
  }
  td.number {
    font-variant-numeric: tabular-nums;
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
    margin-block-start: var(--_space-2);
    font-size: 0.875em;
  }
  .pager button {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  button:disabled {
    cursor: default;
    opacity: 0.55;
  }
`;

/** Several sources: renders a row's sources (the column is left out with one source). */
type RowSources = (sources: readonly string[] | undefined) => unknown;

/** Each trend's rows for the last window asked for (a page turn does not merge the series again). */
const rowCache = new WeakMap<LabTrendModel, { start: number; rows: LabTableRow[] }>();

function rowsOf(model: LabTrendModel, start: number): LabTableRow[] {
  let cached = rowCache.get(model);
  if (cached?.start !== start) rowCache.set(model, (cached = { start, rows: labTableRows(model, start) }));
  return cached.rows;
}

function renderRow(m: LabTrendMessages, format: Format, model: LabTrendModel, row: LabTableRow, withMeasure: boolean, sources?: RowSources): TemplateResult {
  const point = row.series ? row.series.point(row.index) : undefined;
  const item = point ?? row.text!;
  const date = item.date;
  const interpretation = interpretationText(m, item);
  const code = item.interpretation.code;
  let result: string;
  let unit: string;
  const notes: string[] = [];
  if (point) {
    result = valueText(format, point);
    unit = row.series!.unit;
    if (point.original) notes.push(m.convertedFrom(`${format.number(point.original.value)} ${point.original.unit}`));
  } else {
    const t = row.text!;
    unit = t.unit ?? '';
    result = textResultValue(m, format, t);
    notes.push(m.notPlotted);
  }
  if (item.provisional) notes.unshift(m.provisional(item.status));
  if (item.dateSource === 'issued') notes.push(m.dateFromIssued);
  if (item.dateSource === 'report') notes.push(m.dateFromReport);
  const measure = seriesLabel(m, model, row.series, row.series?.measure ?? row.text?.measure);
  return html`<tr part="row">
    <td>${date ? html`<time datetime=${isoDatetime(date) ?? ''}>${dateText(m, format, date)}</time>` : m.dateNotRecorded}</td>
    ${withMeasure ? html`<td>${measure}</td>` : nothing}
    <td class="number">${result}</td>
    <td>${unit}</td>
    <td>${rangeCell(m, format, item.low, item.high, item.rangeText)}</td>
    <td data-severity=${item.interpretation.severity ?? 'none'}>
      ${interpretation ? `${interpretation}${code && code !== interpretation ? ` (${code})` : ''}` : ''}
    </td>
    <td>${notes.join('; ')}</td>
    ${sources ? html`<td part="row-sources">${sources(item.sources)}</td>` : nothing}
  </tr>`;
}

/**
 * One page of the table of the results from `start` on (`page` clamped to the last), with its pager
 * when there is more than one; with several sources, a column naming each result's sources.
 */
export function renderTable(
  m: LabTrendMessages,
  common: CommonMessages,
  format: Format,
  model: LabTrendModel,
  start: number,
  title: string,
  page: number,
  goToPage: (page: number) => void,
  multiSource: boolean,
): TemplateResult {
  const rows = rowsOf(model, start);
  const sources: RowSources | undefined = multiSource ? (s) => renderSources(s ?? [], common, (items) => format.list(items)) : undefined;
  const pages = Math.max(1, Math.ceil(rows.length / TABLE_PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const first = current * TABLE_PAGE_SIZE;
  const shown = rows.slice(first, first + TABLE_PAGE_SIZE);
  const withMeasure = model.bloodPressure || model.panels.flatMap((p) => p.series).length > 1;
  return html`<div class="table-wrap">
    <table part="table">
      <caption>
        ${m.table.caption(title)}
      </caption>
      <thead>
        <tr>
          <th scope="col">${m.table.date}</th>
          ${withMeasure ? html`<th scope="col">${m.table.measure}</th>` : nothing}
          <th scope="col">${m.table.result}</th>
          <th scope="col">${m.table.unit}</th>
          <th scope="col">${m.table.range}</th>
          <th scope="col">${m.table.interpretation}</th>
          <th scope="col">${m.table.notes}</th>
          ${sources ? html`<th scope="col">${m.table.source}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${shown.map((row) => renderRow(m, format, model, row, withMeasure, sources))}
      </tbody>
    </table>
    ${rows.length > TABLE_PAGE_SIZE
      ? html`<div class="pager" part="pager">
          <button type="button" ?disabled=${current === 0} @click=${() => goToPage(current - 1)}>${m.table.newer}</button>
          <span role="status">
            ${m.table.pageStatus(format.number(first + 1) ?? '', format.number(first + shown.length) ?? '', format.number(rows.length) ?? '')}
          </span>
          <button type="button" ?disabled=${current >= pages - 1} @click=${() => goToPage(current + 1)}>${m.table.older}</button>
        </div>`
      : nothing}
  </div>`;
}
