import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import type { FhirLoader, SearchResult } from '../../fhir/loader.js';
import { labSeries } from '../../fhir/queries/lab-series.js';
import { isoDatetime } from '../../model/dates.js';
import {
  buildLabTrend,
  firstIndexFrom,
  rangeStart,
  TREND_RANGES,
  type LabPanel,
  type LabPoint,
  type LabSeries,
  type LabTextResult,
  type LabTrendModel,
  type TrendRange,
} from '../../model/lab-series.js';
import type { PatientScope } from '../../model/patient-scope.js';
import { FhirWidget, type FhirLoadDetail } from '../base/fhir-widget.js';
import type { Format } from '../../i18n/format.js';
import type { LabTrendMessages } from './lab-trend.messages.js';
import { labTrendStyles } from './lab-trend.styles.js';
import { markerPath, nearestPoint, panelView, renderPanelSvg, type ChartCursor, type PanelView } from './trend-chart.js';

export { LAB_TREND_LIMIT } from '../../fhir/queries/lab-series.js';
/** Table rows per page: the table never renders more at once, however long the record. */
export const TABLE_PAGE_SIZE = 100;

/** `fhir-load` detail of `<fhir-lab-trend>`. */
export interface LabTrendLoadDetail extends FhirLoadDetail {
  shown: number;
  points: number;
  textResults: number;
  series: number;
  converted: number;
  enteredInError: number;
  cancelled: number;
  otherPatient: number;
  truncated: number;
}

/** A table row: a plotted point, or a result listed only in the table. */
interface TableRow {
  time?: number;
  series?: LabSeries;
  point?: LabPoint;
  text?: LabTextResult;
}

/**
 * @tag fhir-lab-trend
 * @summary A lab or vital-sign trend for one patient: an SVG chart of every result for one or
 * more codes, with reference band, interpretation markers, the latest value and its change, and
 * the same results as an accessible table.
 *
 * Honest about units (results in different UCUM units are converted to the most recent unit, and
 * the chart says so; units that cannot be converted get separate charts), about critical values
 * (a ringed marker labelled HH / LL, distinct from high / low triangles), and about what is hidden
 * (entered-in-error, cancelled and other patients' results are counted, never drawn).
 * Blood pressure codes (85354-9, 55284-4, 8480-6, 8462-4) plot systolic and diastolic series.
 * `range` counts back from the newest result, so an old record still shows its last year.
 * Keyboard: the chart is focusable; ← → move between results, ↑ ↓ between series, Home / End
 * jump to the first / latest; a live region reads each result.
 *
 * @csspart base - The wrapper of the loaded trend.
 * @csspart header - Title and controls.
 * @csspart title - The result's name.
 * @csspart range - The time range selector (a group of buttons with `aria-pressed`).
 * @csspart range-button - One range button.
 * @csspart table-toggle - The button that swaps the chart for the table (`aria-pressed`).
 * @csspart latest - The latest value of each series, with its date and change since the previous.
 * @csspart notes - Unit conversions, unit splits and truncation notices.
 * @csspart hidden - Counts of results not shown (entered in error, cancelled, other patient).
 * @csspart panel - One chart (one unit).
 * @csspart chart - The focusable chart container.
 * @csspart chart-svg - The SVG.
 * @csspart tooltip - The tooltip of the result under the pointer or keyboard cursor.
 * @csspart legend - The key to markers and band.
 * @csspart table - The results table.
 * @csspart pager - The table's paging controls.
 * @csspart empty - The "No results recorded" message.
 * @csspart live - The visually hidden live region.
 * @csspart status - The loading and error panels (from the shared widget base).
 *
 * @cssprop --fhir-lab-trend-background - Background of the widget (default `--fhir-color-surface`).
 * @cssprop --fhir-lab-trend-line-color - First series line and markers (default `--fhir-color-accent`).
 * @cssprop --fhir-lab-trend-second-line-color - Second series (diastolic) line and markers.
 * @cssprop --fhir-lab-trend-band-color - Reference range band fill.
 * @cssprop --fhir-lab-trend-band-opacity - Reference range band opacity (default 0.12).
 * @cssprop --fhir-lab-trend-grid-color - Value grid lines.
 * @cssprop --fhir-lab-trend-tooltip-background - Tooltip background.
 *
 * @fires fhir-load - Loaded; detail counts `shown`, `points`, `textResults`, `series`, `converted`, `enteredInError`, `cancelled`, `otherPatient`, `truncated`.
 * @fires fhir-error - Loading failed; detail `{ status?, message }`.
 */
export class FhirLabTrend extends FhirWidget<SearchResult, LabTrendModel, LabTrendLoadDetail> {
  static override styles = [...FhirWidget.styles, labTrendStyles];

  /** `system|code[,system|code…]`: the results plotted as one series (blood pressure: two). */
  @property() code?: string;

  /** `1y | 5y | all`: the time shown, counted back from the newest result. */
  @property() range: TrendRange = 'all';

  /** Results asked for per request (`_count`); the server may send fewer. Paging goes on to the end. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 1000;

  @state() private tableShown = false;
  @state() private tablePage = 0;
  @state() private cursor?: ChartCursor;
  @state() private width = 640;
  @state() private announcement = '';

  private resizeObserver?: ResizeObserver;
  private building?: AbortController;
  private observed?: Element;
  private viewCache?: { model: LabTrendModel; start: number; width: number; format: Format; views: PanelView[] };
  private rowCache?: { model: LabTrendModel; start: number; rows: TableRow[] };

  private get text(): LabTrendMessages {
    return this.localize.messages.labTrend;
  }

  protected subject(): string {
    return this.text.subject;
  }

  protected override loadInputs(): unknown[] {
    return [this.code, this.pageSize];
  }

  protected fetchResources(loader: FhirLoader, signal: AbortSignal): Promise<SearchResult> {
    return labSeries(loader, { code: this.code, pageSize: this.pageSize, noCodeMessage: this.text.noCode }, signal);
  }

  /** A new record starts with no cursor, on the first table page, drawn at about its real width. */
  protected override modelChanged(): void {
    this.cursor = undefined;
    this.tablePage = 0;
    // Draw the first chart at about its real width (the resize observer then makes it exact).
    if (this.clientWidth > 0) this.width = Math.max(280, this.clientWidth - 26);
  }

  protected buildModel(result: SearchResult, scope: PatientScope): Promise<LabTrendModel> {
    // A newer load makes an unfinished build of a long record pointless: stop it.
    this.building?.abort();
    this.building = new AbortController();
    return buildLabTrend({
      signal: this.building.signal,
      observations: result.resources,
      included: result.included,
      code: this.code,
      patientId: scope.patientId,
      aliases: scope.aliases,
      truncated: result.truncated,
      total: result.total,
    });
  }

  protected isEmpty(model: LabTrendModel): boolean {
    return model.pointCount === 0 && model.textResults.length === 0;
  }

  protected loadDetail(model: LabTrendModel): LabTrendLoadDetail {
    const series = model.panels.flatMap((p) => p.series);
    return {
      shown: model.pointCount + model.textResults.length,
      points: model.pointCount,
      textResults: model.textResults.length,
      series: series.length,
      converted: series.reduce((n, s) => n + s.conversions.reduce((m, c) => m + c.count, 0), 0),
      enteredInError: model.hidden.enteredInError,
      cancelled: model.hidden.cancelled,
      otherPatient: model.hidden.otherPatient,
      truncated: model.truncated ? 1 : 0,
    };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.observed = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The chart is drawn at its real pixel width (for decimation and crisp ticks).
    const panels = this.renderRoot.querySelector('.panels');
    if (panels && panels !== this.observed && typeof ResizeObserver !== 'undefined') {
      this.resizeObserver ??= new ResizeObserver((entries) => {
        const width = Math.floor(entries[entries.length - 1].contentRect.width);
        // Applied in the next frame: a redraw inside the observer's callback would loop.
        if (width > 0 && width !== this.width) requestAnimationFrame(() => (this.width = Math.max(280, width)));
      });
      if (this.observed) this.resizeObserver.unobserve(this.observed);
      this.resizeObserver.observe(panels);
      this.observed = panels;
    }
  }

  private get currentRange(): TrendRange {
    return (TREND_RANGES as readonly string[]).includes(this.range) ? this.range : 'all';
  }

  private views(model: LabTrendModel, start: number): PanelView[] {
    const cache = this.viewCache;
    const format = this.localize.format;
    if (cache && cache.model === model && cache.start === start && cache.width === this.width && cache.format === format) return cache.views;
    const views = model.panels.map((panel) => panelView(panel, start, this.width, format));
    this.viewCache = { model, start, width: this.width, format, views };
    return views;
  }

  // ------------------------------------------------------------------------------------------
  // Words for one result, shared by the tooltip, the live region and the table

  private valueText(p: { value?: number; comparator?: string }): string {
    return `${p.comparator ?? ''}${this.localize.format.number(p.value) ?? ''}`;
  }

  private interpretationText(p: { interpretation: LabPoint['interpretation'] }): string | undefined {
    const { severity, direction, text, code } = p.interpretation;
    return this.text.interpretation(severity, direction) ?? text ?? code;
  }

  private seriesLabel(model: LabTrendModel, series: LabSeries | undefined, measure = series?.measure): string {
    if (model.bloodPressure && measure && measure !== 'result') return this.text.measure[measure];
    return model.title ?? series?.name ?? this.text.untitled;
  }

  private dateText(date: string | undefined): string {
    return this.localize.format.dateTime(date) ?? date ?? this.text.dateNotRecorded;
  }

  private describe(model: LabTrendModel, series: LabSeries, index: number): string {
    const p = series.points[index];
    const parts = [
      `${this.seriesLabel(model, series)}: ${this.valueText(p)}${series.unit ? ` ${series.unit}` : ''}`,
      this.dateText(p.date),
    ];
    const interpretation = this.interpretationText(p);
    if (interpretation) parts.push(interpretation);
    if (p.provisional) parts.push(this.text.provisional(p.status));
    if (p.original) parts.push(this.text.convertedFrom(`${this.localize.format.number(p.original.value)} ${p.original.unit}`));
    const position = this.text.position(this.localize.format.number(index + 1) ?? '', this.localize.format.number(series.points.length) ?? '');
    return `${parts.join(', ')}. ${position}`;
  }

  // ------------------------------------------------------------------------------------------
  // Keyboard and pointer

  private moveCursor(model: LabTrendModel, views: PanelView[], panel: number, series: number, index: number, by: ChartCursor['by']): void {
    const view = views[panel];
    const s = view?.series[series];
    if (!s) return;
    const clamped = Math.min(s.series.points.length - 1, Math.max(s.from, index));
    this.cursor = { panel, series, index: clamped, by };
    if (by === 'keyboard') this.announcement = this.describe(model, s.series, clamped);
  }

  private onChartFocus(model: LabTrendModel, views: PanelView[], panel: number): void {
    if (this.cursor?.panel === panel && this.cursor.by === 'keyboard') return;
    const last = views[panel].series[0].series.points.length - 1;
    this.moveCursor(model, views, panel, 0, last, 'keyboard');
  }

  private onChartBlur(): void {
    if (this.cursor?.by === 'keyboard') this.cursor = undefined;
  }

  private onChartKey(event: KeyboardEvent, model: LabTrendModel, views: PanelView[], panel: number): void {
    const cursor = this.cursor?.panel === panel ? this.cursor : undefined;
    const view = views[panel];
    const seriesIndex = cursor?.series ?? 0;
    const s = view.series[seriesIndex];
    const index = cursor?.index ?? s.series.points.length - 1;
    const visible = s.series.points.length - s.from;
    const jump = Math.max(1, Math.round(visible / 10));
    let next: [number, number] | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = [seriesIndex, index + 1];
        break;
      case 'ArrowLeft':
        next = [seriesIndex, index - 1];
        break;
      case 'Home':
        next = [seriesIndex, s.from];
        break;
      case 'End':
        next = [seriesIndex, s.series.points.length - 1];
        break;
      case 'PageUp':
        next = [seriesIndex, index - jump];
        break;
      case 'PageDown':
        next = [seriesIndex, index + jump];
        break;
      case 'ArrowUp':
      case 'ArrowDown': {
        const other = seriesIndex + (event.key === 'ArrowUp' ? -1 : 1);
        const target = view.series[other];
        if (!target) break;
        // The other series' result nearest in time.
        const time = s.series.points[index].time;
        let j = firstIndexFrom(target.series.points, time);
        if (j >= target.series.points.length || (j > target.from && time - target.series.points[j - 1].time < target.series.points[j].time - time)) j -= 1;
        next = [other, j];
        break;
      }
      default:
        return;
    }
    event.preventDefault();
    if (next) this.moveCursor(model, views, panel, next[0], next[1], 'keyboard');
  }

  private onPointerMove(event: PointerEvent, views: PanelView[], panel: number): void {
    const target = (event.currentTarget as HTMLElement).querySelector('svg');
    if (!target) return;
    const rect = target.getBoundingClientRect();
    const view = views[panel];
    if (rect.width === 0 || rect.height === 0) return;
    const px = ((event.clientX - rect.left) * view.width) / rect.width;
    const py = ((event.clientY - rect.top) * view.height) / rect.height;
    const found = nearestPoint(view, px, py);
    if (!found) return;
    if (this.cursor?.by === 'keyboard' && this.cursor.panel === panel) return; // the keyboard leads while focused
    if (this.cursor?.panel !== panel || this.cursor.series !== found.series || this.cursor.index !== found.index) {
      this.cursor = { panel, ...found, by: 'pointer' };
    }
  }

  private onPointerLeave(): void {
    if (this.cursor?.by === 'pointer') this.cursor = undefined;
  }

  private selectRange(range: TrendRange): void {
    this.range = range;
    this.cursor = undefined;
    this.tablePage = 0;
  }

  private toggleTable(): void {
    this.tableShown = !this.tableShown;
    this.cursor = undefined;
  }

  // ------------------------------------------------------------------------------------------
  // Rendering

  protected renderModel(model: LabTrendModel): TemplateResult {
    const m = this.text;
    const title = model.bloodPressure ? m.bloodPressure : (model.title ?? m.untitled);
    if (this.isEmpty(model)) {
      return html`<div class="base" part="base">
        <div class="header" part="header"><span class="title" part="title">${title}</span></div>
        <p class="empty" part="empty">${m.noResults}</p>
        ${this.renderHidden(model)} ${this.renderTruncated(model)}
        <div class="visually-hidden" role="status" part="live"></div>
      </div>`;
    }
    const range = this.currentRange;
    const start = rangeStart(range, model.newest);
    const views = this.views(model, start);
    return html`<div class="base" part="base">
      <div class="header" part="header">
        <span class="title" part="title">${title}</span>
        <div class="controls">
          ${model.pointCount
            ? html`<div class="segmented" role="group" aria-label=${m.rangeGroup} part="range">
                ${TREND_RANGES.map(
                  (r) => html`<button
                    type="button"
                    part="range-button"
                    data-range=${r}
                    aria-pressed=${r === range ? 'true' : 'false'}
                    @click=${() => this.selectRange(r)}
                  >
                    ${m.range[r]}
                  </button>`,
                )}
              </div>`
            : nothing}
          ${model.pointCount
            ? html`<button
                type="button"
                class="toggle"
                part="table-toggle"
                aria-pressed=${this.tableShown ? 'true' : 'false'}
                @click=${() => this.toggleTable()}
              >
                ${m.tableToggle}
              </button>`
            : nothing}
        </div>
      </div>
      ${this.renderLatest(model)} ${this.renderModelNotes(model)} ${this.renderHidden(model)}
      ${this.tableShown || !model.pointCount
        ? this.renderTable(model, start, title)
        : html`<div class="panels">${model.panels.map((panel, i) => this.renderPanel(model, panel, views, i))}</div>
            ${this.renderLegend(views)}`}
      <p id="chart-help" class="visually-hidden">${m.chartHelp}</p>
      <div class="visually-hidden" role="status" part="live">${this.announcement}</div>
    </div>`;
  }

  private renderLatest(model: LabTrendModel): TemplateResult | typeof nothing {
    const series = model.panels.flatMap((p) => p.series);
    if (!series.length) return nothing;
    const m = this.text;
    return html`<ul class="latest" part="latest">
      ${series.map((s) => {
        const last = s.points[s.points.length - 1];
        const previous = s.points[s.points.length - 2];
        const interpretation = this.interpretationText(last);
        let change: string | undefined;
        if (previous && !last.comparator && !previous.comparator) {
          const delta = last.value - previous.value;
          const prevDate = this.dateText(previous.date);
          const rounded = Number(delta.toFixed(6));
          change =
            rounded === 0
              ? m.noChange(prevDate)
              : m.changeSince(`${rounded > 0 ? '+' : ''}${this.localize.format.number(rounded)}`, s.unit, prevDate);
        }
        return html`<li>
          <span class="what">${model.bloodPressure || series.length > 1 ? `${this.seriesLabel(model, s)} · ` : ''}${m.latest}</span>
          <span class="value">${this.valueText(last)}</span>
          <span class="unit">${s.unit}</span>
          ${this.renderFlag(last, interpretation)}
          <time datetime=${isoDatetime(last.date) ?? ''}>${this.dateText(last.date)}</time>
          ${change ? html`<span class="change">(${change})</span>` : nothing}
          ${last.rangeText && last.low === undefined && last.high === undefined
            ? html`<span class="change">(${m.referenceText(last.rangeText)})</span>`
            : nothing}
        </li>`;
      })}
    </ul>`;
  }

  private renderFlag(p: LabPoint | LabTextResult, interpretation: string | undefined): TemplateResult {
    const severity = p.interpretation.severity;
    return html`${interpretation && severity !== 'normal'
      ? html`<span class="flag" data-severity=${severity ?? 'other'}>${interpretation}</span>`
      : nothing}${p.provisional ? html`<span class="flag" data-severity="provisional">${this.text.provisional(p.status)}</span>` : nothing}`;
  }

  private renderModelNotes(model: LabTrendModel): TemplateResult | typeof nothing {
    const notes: TemplateResult[] = [];
    for (const split of model.unitSplits) {
      notes.push(html`<li data-kind="split">${this.text.unitSplit(this.localize.format.list(split.units, 'unit'))}</li>`);
    }
    if (model.truncated) notes.push(html`<li data-kind="truncated">${this.renderTruncatedText(model)}</li>`);
    return notes.length ? html`<ul class="notes" part="notes">${notes}</ul>` : nothing;
  }

  private renderTruncatedText(model: LabTrendModel): string {
    const t = model.truncated!;
    return this.messages.showingOf(this.localize.format.number(t.shown) ?? String(t.shown), t.total === undefined ? undefined : this.localize.format.number(t.total));
  }

  private renderTruncated(model: LabTrendModel): TemplateResult | typeof nothing {
    return model.truncated ? html`<p class="notice" part="notes">${this.renderTruncatedText(model)}</p>` : nothing;
  }

  private renderHidden(model: LabTrendModel): TemplateResult | typeof nothing {
    const { enteredInError, cancelled, otherPatient } = model.hidden;
    if (!enteredInError && !cancelled && !otherPatient) return nothing;
    return html`<ul class="hidden-counts" part="hidden">
      ${enteredInError ? html`<li data-kind="entered-in-error">${this.messages.hiddenEnteredInError(enteredInError)}</li>` : nothing}
      ${cancelled ? html`<li data-kind="cancelled">${this.text.hiddenCancelled(cancelled)}</li>` : nothing}
      ${otherPatient ? html`<li data-kind="other-patient">${this.messages.hiddenOtherPatient(otherPatient)}</li>` : nothing}
    </ul>`;
  }

  private renderPanel(model: LabTrendModel, panel: LabPanel, views: PanelView[], index: number): TemplateResult {
    const m = this.text;
    const view = views[index];
    const cursor = this.cursor?.panel === index ? this.cursor : undefined;
    const name = model.bloodPressure ? m.bloodPressure : (model.title ?? m.untitled);
    const first = view.series.reduce((t, s) => Math.min(t, s.series.points[s.from]?.time ?? Infinity), Infinity);
    const firstPoint = view.series.flatMap((s) => s.series.points.slice(s.from, s.from + 1)).find((p) => p.time === first);
    const lastPoint = view.series
      .map((s) => s.series.points[s.series.points.length - 1])
      .reduce((a, b) => (b && (!a || b.time > a.time) ? b : a), undefined as LabPoint | undefined);
    const count = this.localize.format.number(view.visible) ?? String(view.visible);
    const summary = m.chartSummary(count, this.dateText(firstPoint?.date), this.dateText(lastPoint?.date));
    const conversions = panel.series.flatMap((s) => s.conversions);
    return html`<section class="panel" part="panel" data-unit=${panel.unitKey}>
      <div
        class="chart"
        part="chart"
        tabindex="0"
        role="group"
        aria-roledescription="chart"
        aria-label=${m.chartLabel(name, count, panel.unit)}
        aria-describedby="summary-${index} chart-help"
        @focus=${() => this.onChartFocus(model, views, index)}
        @blur=${() => this.onChartBlur()}
        @keydown=${(event: KeyboardEvent) => this.onChartKey(event, model, views, index)}
        @pointermove=${(event: PointerEvent) => this.onPointerMove(event, views, index)}
        @pointerleave=${() => this.onPointerLeave()}
      >
        ${renderPanelSvg(view, panel.unit, cursor)} ${cursor ? this.renderTooltip(model, view, cursor) : nothing}
      </div>
      <p id="summary-${index}" class="visually-hidden">${summary}</p>
      ${conversions.length
        ? html`<ul class="notes" part="notes">
            ${conversions.map(
              (c) => html`<li data-kind="converted">
                ${m.converted(panel.unit, c.from, c.count)}${c.molarMass && c.analyte
                  ? html`, ${m.molarMass(c.analyte, this.localize.format.number(c.molarMass) ?? '')}`
                  : nothing}
              </li>`,
            )}
          </ul>`
        : nothing}
    </section>`;
  }

  private renderTooltip(model: LabTrendModel, view: PanelView, cursor: ChartCursor): TemplateResult | typeof nothing {
    const s = view.series[cursor.series]?.series;
    const p = s?.points[cursor.index];
    if (!s || !p) return nothing;
    const left = (view.x(p.time) / view.width) * 100;
    const top = (view.y(p.value) / view.height) * 100;
    const interpretation = this.interpretationText(p);
    // Positioned through the CSSOM: a strict host's `style-src 'self'` blocks style attributes (and
    // styleMap's first render is one), not property writes.
    const place = (element?: Element): void => {
      if (!(element instanceof HTMLElement)) return;
      element.style.insetInlineStart = `${left}%`;
      element.style.insetBlockStart = `${top}%`;
    };
    return html`<div class="tooltip" part="tooltip" aria-hidden="true" ${ref(place)}>
      <div>${this.seriesLabel(model, s)}</div>
      <div><span class="value">${this.valueText(p)}</span> ${s.unit}</div>
      <div><time datetime=${isoDatetime(p.date) ?? ''}>${this.dateText(p.date)}</time></div>
      ${interpretation || p.provisional ? html`<div>${this.renderFlag(p, interpretation)}</div>` : nothing}
      ${p.original ? html`<div>${this.text.convertedFrom(`${this.localize.format.number(p.original.value)} ${p.original.unit}`)}</div>` : nothing}
    </div>`;
  }

  private renderLegend(views: PanelView[]): TemplateResult {
    const m = this.text;
    const points = views.flatMap((v) => v.series.flatMap((s) => s.markers.map((i) => s.series.points[i])));
    const has = (test: (p: LabPoint) => boolean) => points.some(test);
    const sample = (p: Partial<LabPoint>) => ({ time: 0, value: 0, status: 'final', provisional: false, date: '', interpretation: {}, ...p }) as LabPoint;
    const glyph = (p: LabPoint) => html`<svg viewBox="0 0 22 16" aria-hidden="true" focusable="false">
      <g class="marker ${p.interpretation.severity ?? 'unflagged'} ${p.provisional ? 'provisional' : ''}">
        ${p.interpretation.severity === 'critical' ? svg`<circle class="critical-ring" cx="11" cy="8" r="6.5"></circle>` : nothing}
        <path d=${markerPath(p, 11, 8)}></path>
      </g>
    </svg>`;
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
      ${has((p) => !p.interpretation.severity || p.interpretation.severity === 'normal')
        ? html`<li>${glyph(sample({}))}${m.legendNormal}</li>`
        : nothing}
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
    </ul>`;
  }

  private tableRows(model: LabTrendModel, start: number): TableRow[] {
    const cache = this.rowCache;
    if (cache && cache.model === model && cache.start === start) return cache.rows;
    // Newest first: a merge of the series (each ascending by time) and the table-only results
    // (descending, undated last); no sort of the whole record.
    const cursors = model.panels.flatMap((panel) =>
      panel.series.map((series) => ({ series, i: series.points.length - 1, from: firstIndexFrom(series.points, start) })),
    );
    const texts = model.textResults.filter((t) => t.time === undefined || t.time >= start);
    const rows: TableRow[] = [];
    let t = 0;
    for (;;) {
      let best: (typeof cursors)[number] | undefined;
      for (const c of cursors) {
        if (c.i >= c.from && (!best || c.series.points[c.i].time > best.series.points[best.i].time)) best = c;
      }
      const text = texts[t];
      const bestTime = best ? best.series.points[best.i].time : undefined;
      if (text && text.time !== undefined && (bestTime === undefined || text.time >= bestTime)) {
        rows.push({ time: text.time, text });
        t += 1;
      } else if (best) {
        const point = best.series.points[best.i];
        rows.push({ time: point.time, series: best.series, point });
        best.i -= 1;
      } else break;
    }
    for (; t < texts.length; t += 1) rows.push({ time: texts[t].time, text: texts[t] });
    this.rowCache = { model, start, rows };
    return rows;
  }

  private rangeCell(low: number | undefined, high: number | undefined, text: string | undefined): string {
    const parts: string[] = [];
    if (low !== undefined && high !== undefined) parts.push(`${this.localize.format.number(low)}–${this.localize.format.number(high)}`);
    else if (high !== undefined) parts.push(`≤ ${this.localize.format.number(high)}`);
    else if (low !== undefined) parts.push(`≥ ${this.localize.format.number(low)}`);
    if (text) parts.push(this.text.rangeText(text));
    return parts.join('; ');
  }

  private renderTable(model: LabTrendModel, start: number, title: string): TemplateResult {
    const m = this.text;
    const rows = this.tableRows(model, start);
    const pages = Math.max(1, Math.ceil(rows.length / TABLE_PAGE_SIZE));
    const page = Math.min(this.tablePage, pages - 1);
    const first = page * TABLE_PAGE_SIZE;
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
          </tr>
        </thead>
        <tbody>
          ${shown.map((row) => this.renderRow(model, row, withMeasure))}
        </tbody>
      </table>
      ${rows.length > TABLE_PAGE_SIZE
        ? html`<div class="pager" part="pager">
            <button type="button" ?disabled=${page === 0} @click=${() => (this.tablePage = page - 1)}>${m.table.newer}</button>
            <span role="status">
              ${m.table.pageStatus(
                this.localize.format.number(first + 1) ?? '',
                this.localize.format.number(first + shown.length) ?? '',
                this.localize.format.number(rows.length) ?? '',
              )}
            </span>
            <button type="button" ?disabled=${page >= pages - 1} @click=${() => (this.tablePage = page + 1)}>${m.table.older}</button>
          </div>`
        : nothing}
    </div>`;
  }

  private renderRow(model: LabTrendModel, row: TableRow, withMeasure: boolean): TemplateResult {
    const m = this.text;
    const item = row.point ?? row.text!;
    const date = row.point ? row.point.date : row.text!.date;
    const dateSource = item.dateSource;
    const interpretation = this.interpretationText(item);
    const code = item.interpretation.code;
    let result: string;
    let unit: string;
    const notes: string[] = [];
    if (row.point) {
      result = this.valueText(row.point);
      unit = row.series!.unit;
      if (row.point.original) notes.push(m.convertedFrom(`${this.localize.format.number(row.point.original.value)} ${row.point.original.unit}`));
    } else {
      const t = row.text!;
      unit = t.unit ?? '';
      if (t.why === 'undated') result = this.valueText(t);
      else if (t.booleanValue !== undefined) result = t.booleanValue ? m.yes : m.no;
      else if (t.text !== undefined) result = t.text;
      else result = t.absentReason ? `${m.noValue}: ${t.absentReason}` : m.noValue;
      notes.push(m.notPlotted);
    }
    if (item.provisional) notes.unshift(m.provisional(item.status));
    if (dateSource === 'issued') notes.push(m.dateFromIssued);
    if (dateSource === 'report') notes.push(m.dateFromReport);
    const measure = this.seriesLabel(model, row.series, row.series?.measure ?? row.text?.measure);
    return html`<tr part="row">
      <td>${date ? html`<time datetime=${isoDatetime(date) ?? ''}>${this.dateText(date)}</time>` : m.dateNotRecorded}</td>
      ${withMeasure ? html`<td>${measure}</td>` : nothing}
      <td class="number">${result}</td>
      <td>${unit}</td>
      <td>${this.rangeCell(item.low, item.high, item.rangeText)}</td>
      <td data-severity=${item.interpretation.severity ?? 'none'}>
        ${interpretation ? `${interpretation}${code && code !== interpretation ? ` (${code})` : ''}` : ''}
      </td>
      <td>${notes.join('; ')}</td>
    </tr>`;
  }
}
