// The flowsheet view of <fhir-results>: laboratory results as tests × dates, a page of date
// columns at a time, with one tab stop moved by the arrow keys (a grid). Its own module, with the
// flowsheet model (one file: they always load together), loaded the first time that view is asked
// for (a page showing reports does not pay for it).
import { css, html, nothing, type TemplateResult } from 'lit';
import { buildFlowsheet as buildSheet, type FlowsheetInput, type FlowsheetModel, type FlowsheetRow } from '../../model/flowsheet.js';
import { foundResultsOf, membersOf, NONE, observationOf, type FoundResult } from '../../model/diagnostic-report.js';
import { needsRareValues } from '../../model/result-value.js';
import { quantityText, rangesText, renderFlag, resultStyles, useRareValues, valueText } from './result-text.js';
import type * as UnitNotes from './unit-notes.js';
import type { ResultsHost } from './results.js';
import { resultsSheetEn } from './flowsheet.messages.js';
import { registerEnglish } from '../../i18n/registry.js';

// This part's English words come with it.
registerEnglish('results', resultsSheetEn);

/** The flowsheet's styles, added after the element's when it is drawn: the result tables' and flags', then its frame's, grid's and pager's. */
export const flowsheetStyles = [
  resultStyles,
  css`
    .pager {
      display: flex;
      align-items: center;
      gap: var(--_space-2);
    }
    .flowsheet {
      overflow: auto;
      max-block-size: var(--_rs-height);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    [role='grid'] {
      inline-size: max-content;
      min-inline-size: 100%;
    }
    [role='grid'] thead th {
      position: sticky;
      inset-block-start: 0;
      background: var(--_subtle);
      z-index: 2;
      white-space: nowrap;
    }
    [role='grid'] tbody th[part~='row-header'],
    [role='grid'] thead th[part~='corner'] {
      position: sticky;
      inset-inline-start: 0;
      background: var(--_rs-bg);
      z-index: 1;
      min-inline-size: 12rem;
      max-inline-size: 18rem;
    }
    [role='grid'] thead th[part~='corner'] {
      z-index: 3;
      background: var(--_subtle);
    }
    th[part~='row-header'] {
      display: grid;
      font-weight: 400;
    }
    .test-name {
      font-weight: 700;
    }
    .unit,
    .range,
    .unit-note,
    .original {
      font-size: 0.8125em;
      color: var(--_muted);
    }
    .panel-row th {
      background: var(--_subtle);
      font-weight: 700;
    }
    td[role='gridcell'] {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    td[role='gridcell'] .value {
      display: block;
    }
    td[role='gridcell'][data-severity='critical'] {
      background: var(--_critical-bg);
    }
  `,
];

/** What the sheet says about tests recorded in several units: loaded with a sheet that has such a note. */
let unitNotes: typeof UnitNotes | undefined;

/** Whether a result, or one of its members, has a value of a rarer kind (read by rare-values.ts). */
const rare = (list: readonly FoundResult[]): boolean => list.some((found) => needsRareValues(observationOf(found)) || rare(membersOf(found)));

/**
 * Builds the flowsheet, with the reader and words of the rarer kinds of value when a result has one,
 * and the words and notes of a test recorded in several units when one is.
 */
export async function buildFlowsheet(input: FlowsheetInput): Promise<FlowsheetModel> {
  if (input.reports.some((report) => rare(foundResultsOf(report) ?? NONE)) || rare(input.standalone ?? NONE)) {
    const module = await import('./rare-values.js');
    useRareValues(module.rareValueOf, module.rareValueText);
  }
  const sheet = await buildSheet(input);
  if (sheet.groups.some((g) => g.rows.some((row) => row.converted.length || row.splitFrom.length))) unitNotes = await import('./unit-notes.js');
  return sheet;
}

/** The flowsheet cell that holds the tab stop: row index over test rows, column 0 = row header. */
export interface FlowsheetCursor {
  row: number;
  column: number;
}

/** The view's own state of one sheet: where the tab stop is, and the first date column shown. */
interface SheetState {
  cursor: FlowsheetCursor;
  columnStart: number;
}

/** Kept by the sheet: a new one (other data, view, period or category) starts on its first cell and newest column. */
const states = new WeakMap<FlowsheetModel, SheetState>();

/** Moves the tab stop and/or the first date column shown; `focus` focuses the tab stop after the render. */
function move(h: ResultsHost, state: SheetState, to: { cursor?: FlowsheetCursor; columnStart?: number; focus?: boolean }): void {
  if (to.cursor) {
    state.cursor = to.cursor;
    // The tab stop past the rows drawn so far: the rest are drawn now (it lands on a real cell).
    if (to.cursor.row >= h.drawn) h.drawAll();
  }
  if (to.columnStart !== undefined) state.columnStart = to.columnStart;
  if (to.focus) h.focusLater();
  h.update();
}

function moveCursor(h: ResultsHost, state: SheetState, event: KeyboardEvent, rows: number, columns: number): void {
  let { row, column } = state.cursor;
  let columnStart = state.columnStart;
  const visible = Math.min(h.pageColumns, columns - columnStart);
  switch (event.key) {
    case 'ArrowDown':
      row = Math.min(rows - 1, row + 1);
      break;
    case 'ArrowUp':
      row = Math.max(0, row - 1);
      break;
    case 'ArrowRight':
      if (column < visible) column += 1;
      else if (columnStart + visible < columns) columnStart += 1;
      break;
    case 'ArrowLeft':
      if (column > 1 || (column === 1 && columnStart === 0)) column -= 1;
      else if (column === 1) columnStart -= 1;
      break;
    case 'Home':
      column = 0;
      if (event.ctrlKey) row = 0;
      break;
    case 'End':
      column = visible;
      if (event.ctrlKey) row = rows - 1;
      break;
    case 'PageDown':
      row = Math.min(rows - 1, row + 10);
      break;
    case 'PageUp':
      row = Math.max(0, row - 10);
      break;
    default:
      return;
  }
  event.preventDefault();
  move(h, state, { cursor: { row, column }, columnStart, focus: true });
}

function page(h: ResultsHost, state: SheetState, delta: number, columns: number): void {
  const max = Math.max(0, columns - h.pageColumns);
  move(h, state, { columnStart: Math.min(max, Math.max(0, state.columnStart + delta * h.pageColumns)) });
}

function renderRowHeader(h: ResultsHost, state: SheetState, row: FlowsheetRow, rowIndex: number): TemplateResult {
  const t = h.text;
  const active = state.cursor.row === rowIndex && state.cursor.column === 0;
  return html`<th
    role="rowheader"
    part="row-header"
    tabindex=${active ? 0 : -1}
    ?data-cursor=${active}
    @click=${() => move(h, state, { cursor: { row: rowIndex, column: 0 } })}
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        h.select(row.latest, row.code);
      }
    }}
    @dblclick=${() => h.select(row.latest, row.code)}
  >
    <span class="test-name">${row.name}</span>
    ${row.unit ? html`<span class="unit">${row.unit}</span>` : nothing}
    ${row.ranges.length
      ? html`<span class="range">${t.referenceRange} ${rangesText(row.ranges, t, h.format, h.common.separator)}</span>`
      : nothing}
    ${unitNotes?.rowNotes(row, t, h.common.separator) ?? nothing}
  </th>`;
}

/** The flowsheet: tests × dates, a page of date columns at a time, one tab stop moved with the arrow keys. */
export function renderFlowsheet(h: ResultsHost, sheet: FlowsheetModel): TemplateResult {
  const t = h.text;
  h.adopt(flowsheetStyles);
  const state = states.get(sheet) ?? { cursor: { row: 0, column: 0 }, columnStart: 0 };
  states.set(sheet, state);
  const columns = sheet.columns;
  const start = Math.min(state.columnStart, Math.max(0, columns.length - 1));
  const shown = columns.slice(start, start + h.pageColumns);
  const testRows = sheet.groups.flatMap((g) => g.rows);
  const drawn = Math.min(h.drawn, testRows.length);
  let rowIndex = 0;
  // The groups holding the first `drawn` rows, in order (the rest follow, a slice per frame).
  const groups: { name?: string; rows: FlowsheetRow[] }[] = [];
  for (let g = 0, left = drawn; g < sheet.groups.length && left > 0; g += 1) {
    const group = sheet.groups[g];
    groups.push(group.rows.length <= left ? group : { ...group, rows: group.rows.slice(0, left) });
    left -= group.rows.length;
  }
  const onKey = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).closest('[role="gridcell"],[role="rowheader"]')) moveCursor(h, state, e, testRows.length, columns.length);
  };
  return html`<p class="hint" id="flowsheet-order">${t.flowsheetOrder}</p>
    ${columns.length > h.pageColumns
      ? html`<div class="pager" part="pager">
          <button type="button" ?disabled=${start === 0} @click=${() => page(h, state, -1, columns.length)}>${t.pager.newer}</button>
          <span role="status">${t.pager.showing(start + 1, start + shown.length, columns.length)}</span>
          <button type="button" ?disabled=${start + h.pageColumns >= columns.length} @click=${() => page(h, state, 1, columns.length)}>
            ${t.pager.older}
          </button>
        </div>`
      : nothing}
    <div class="flowsheet" part="flowsheet">
      <table
        role="grid"
        part="grid"
        aria-label=${t.flowsheetCaption}
        aria-describedby="flowsheet-order"
        aria-rowcount=${testRows.length + sheet.groups.length + 1}
        aria-colcount=${columns.length + 1}
        aria-busy=${drawn < testRows.length ? 'true' : 'false'}
        @keydown=${onKey}
      >
        <thead>
          <tr role="row" aria-rowindex="1">
            <th role="columnheader" part="column-header corner" aria-colindex="1">${t.testColumn}</th>
            ${shown.map(
              (c, i) => html`<th role="columnheader" part="column-header" aria-colindex=${start + i + 2}>${h.time(c.date)}</th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${groups.map(
            (group) => html`${group.name
                ? html`<tr role="row" class="panel-row" part="panel-row">
                    <th role="rowheader" colspan=${shown.length + 1}>${group.name}</th>
                  </tr>`
                : nothing}
              ${group.rows.map((row) => {
                const index = rowIndex++;
                return html`<tr role="row">
                  ${renderRowHeader(h, state, row, index)}
                  ${shown.map((_, i) => {
                    const cells = row.cells.get(start + i) ?? [];
                    const active = state.cursor.row === index && state.cursor.column === i + 1;
                    const worst = cells.find((c) => c.interpretation.severity === 'critical') ?? cells.find((c) => c.interpretation.severity === 'abnormal');
                    return html`<td
                      role="gridcell"
                      part="cell"
                      aria-colindex=${start + i + 2}
                      data-severity=${worst?.interpretation.severity ?? 'none'}
                      tabindex=${active ? 0 : -1}
                      ?data-cursor=${active}
                      @click=${() => move(h, state, { cursor: { row: index, column: i + 1 } })}
                    >
                      ${cells.map(
                        (cell) => html`<span class="value" data-status-kind=${cell.statusKind}
                          >${valueText(cell.value, t, h.format)}${renderFlag(cell.interpretation, t)}${cell.statusKind !== 'final'
                            ? html` ${h.statusBadge(cell.status, cell.statusKind)}`
                            : nothing}${unitNotes?.recordedAs(cell, t, h.format, quantityText) ?? nothing}</span
                        >`,
                      )}
                    </td>`;
                  })}
                </tr>`;
              })}`,
          )}
        </tbody>
      </table>
    </div>`;
}
