import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FhirLoader, SearchResult } from '../../fhir/loader.js';
import { labSeries } from '../../fhir/queries/lab-series.js';
import type { Format } from '../../i18n/format.js';
import { isoDatetime } from '../../model/dates.js';
import {
  rangeStart,
  TREND_RANGES,
  type LabPanel,
  type LabPoint,
  type LabTrendModel,
  type TrendRange,
} from '../../model/lab-series.js';
import type { PatientScope } from '../../model/patient-scope.js';
import { FhirWidget, type FhirLoadDetail } from '../base/fhir-widget.js';
import type * as Cursor from './chart-cursor.js';
import { labTrendEn, type LabTrendMessages } from './lab-trend.messages.js';
import { labTrendStyles } from './lab-trend.styles.js';
import { WidthController } from './resize-controller.js';
import { buildTrendSliced } from './sliced-build.js';
import { sourceLabelStyles } from '../shared/source-labels.js';
import { panelView, renderPanelSvg, type PanelView, type SourceMarks } from './trend-chart.js';
import { renderFlag } from './trend-flag.js';
import { renderLegend } from './trend-legend.js';
import type * as Marks from './source-marks.js';
import type * as Table from './trend-table.js';
import { addStyles } from '../shared/lazy-styles.js';
import { LazyModule } from './lazy-module.js';
import { countText, dateText, interpretationText, seriesLabel, trendTitle, valueText } from './trend-words.js';
import { registerEnglish } from '../../i18n/registry.js';
import type { LabTrendPreview } from '../../model/lab-series.js';
import { renderTrendPreview } from './trend-preview.js';

export { TABLE_PAGE_SIZE } from './trend-words.js';
export { LAB_TREND_LIMIT } from '../../fhir/queries/lab-series.js';
/** Narrowest chart drawn (pixels). */
const MIN_WIDTH = 280;
/** The widget's width less the chart's (its padding and borders): a first chart's width is guessed from it. */
const CHART_INSET = 26;

/**
 * The parts an ordinary render of the chart does not draw, each its own module: the table (loaded
 * when it is asked for, or inside the load when a record has nothing to draw) and the chart's
 * keyboard / pointer cursor (loaded when the chart gets the focus or a pointer; what happens before
 * it is there is queued).
 */
const table = new LazyModule<typeof Table>(() => import('./trend-table.js'));
const cursorModule = new LazyModule<typeof Cursor>(() => import('./chart-cursor.js'));
/** Several sources' marks on the chart (source-marks.ts): loaded inside the load of a trend with several sources. */
let marksModule: typeof Marks | undefined;
/** An ARIA state's value (`aria-pressed`, `aria-busy`). */
const ariaBoolean = (on: unknown): 'true' | 'false' => (on ? 'true' : 'false');
/** The keys the chart's cursor answers (their default, scrolling the page, is prevented). */
const CURSOR_KEYS = /^(Arrow(Right|Left|Up|Down)|Home|End|Page(Up|Down))$/;

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

// This widget's English words come with it (other languages load by themselves, src/i18n/registry.ts).
registerEnglish('labTrend', labTrendEn);

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
 * A record longer than one read slice (50,000 results) draws its newest results first, under an
 * announced note that the rest are loading; `state` stays `loading` until the whole trend replaces them.
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
 * @csspart notes - Unit conversions, unit splits and truncation notices; while a long record is read, the note over its first results.
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
  static override styles = [...FhirWidget.styles, labTrendStyles, sourceLabelStyles];

  /** `system|code[,system|code…]`: the results plotted as one series (blood pressure: two). */
  @property() code?: string;

  /** `1y | 5y | all`: the time shown, counted back from the newest result. */
  @property() range: TrendRange = 'all';

  /** Results asked for per request (`_count`); the server may send fewer. Paging goes on to the end. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 1000;

  @state() private tableShown = false;
  @state() private tablePage = 0;

  /** The chart's drawn width follows its container. */
  private readonly chartWidth = new WidthController(this, () => this.renderRoot.querySelector('.panels'), 640, MIN_WIDTH);
  /** The keyboard / pointer cursor and the live region's words, once its module is there. */
  private cursor?: Cursor.ChartCursorController;
  /** What the keyboard and the pointer did on the chart while the cursor's module was loading. */
  private cursorQueue: ((cursor: Cursor.ChartCursorController) => void)[] = [];
  /** The cursor's module failed to load after the chart was used: said beside the chart. */
  @state() private cursorFailed = false;
  private model?: LabTrendModel;
  private building?: AbortController;
  /**
   * A long record's first results, drawn while the rest are read (`state` stays `loading`); shown
   * only while the load that made it is the current one.
   */
  @state() private preview?: { preview: LabTrendPreview; signals: AbortSignal[] };
  private viewCache?: { model: LabTrendModel; start: number; width: number; format: Format; views: PanelView[] };

  private get text(): LabTrendMessages {
    return this.localize.messages.labTrend;
  }

  protected subject(): string {
    return this.text.subject;
  }

  /** "Results from Regional HIE unavailable", above a chart that still draws the other sources. */
  protected override sourceFailureText(source: string): string {
    return this.text.sourceUnavailable(source);
  }

  /** Several sources: each source's number, for the chart's marks and the legend (undefined with one source). */
  private get sourceMarks(): SourceMarks | undefined {
    const set = this.sourceSet;
    return this.multiSource && set && set.sources.length > 1 && marksModule ? marksModule.marksOf(this.renderRoot as ShadowRoot, set) : undefined;
  }

  protected override loadInputs(): unknown[] {
    return [this.code, this.pageSize];
  }

  protected fetchResources(loader: FhirLoader, signal: AbortSignal): Promise<SearchResult> {
    return labSeries(loader, { code: this.code, pageSize: this.pageSize, noCodeMessage: this.text.noCode }, signal);
  }

  /** A new record starts with no cursor, on the first table page, drawn at about its real width. */
  protected override modelChanged(): void {
    this.preview = undefined;
    this.resetCursor();
    this.tablePage = 0;
    // Draw the first chart at about its real width (the resize controller then makes it exact).
    this.chartWidth.guess(CHART_INSET);
  }

  protected buildModel(result: SearchResult, scope: PatientScope, signal?: AbortSignal): Promise<LabTrendModel> {
    // A newer load makes an unfinished build of a long record pointless: stop it.
    this.building?.abort();
    this.building = new AbortController();
    this.preview = undefined;
    const signals = [this.building.signal, ...(signal ? [signal] : [])];
    const input = {
      observations: result.resources,
      included: result.included,
      code: this.code,
      patientId: scope.patientId,
      aliases: scope.aliases,
      truncated: result.truncated,
      total: result.total,
    };
    const onPreview = (preview: LabTrendPreview) => {
      if (signals.some((s) => s.aborted)) return;
      // At about its real width too: not drawn at the default and again when first measured.
      this.chartWidth.guess(CHART_INSET);
      this.preview = { preview, signals };
    };
    return buildTrendSliced(input, this.building.signal, undefined, onPreview)
      .then(async (model) => {
        // Nothing to draw: the table is the first thing shown, so its module comes inside the load (as the
        // source marks below): failing to load it fails the load (`error`, with its retry), never a blank.
        if (!model.pointCount && model.textResults.length && !table.value) {
          await table.load();
          if (!table.value) throw new TypeError('Failed to load the results table');
        }
        // Several sources: their marks are drawn with the first chart.
        if ((this.sourceSet?.sources.length ?? 0) > 1) marksModule ??= await import('./source-marks.js');
        return model;
      })
      .catch((error: unknown) => {
        if (this.preview?.signals === signals) this.preview = undefined;
        throw error;
      });
  }

  /** Waits for a lazy part on its way as well, and the render that draws it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const pending = table.pending ?? cursorModule.pending;
    if (!pending) return done;
    await pending;
    return this.getUpdateComplete();
  }

  /** While a long record is read: its first results (the newest) under a note, else the spinner. */
  protected override renderLoading(): TemplateResult {
    const shown = this.preview;
    if (!shown || shown.signals.some((s) => s.aborted)) return super.renderLoading();
    return renderTrendPreview(shown.preview, this.text, this.localize.format, this.chartWidth.width);
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

  private get currentRange(): TrendRange {
    return (TREND_RANGES as readonly string[]).includes(this.range) ? this.range : 'all';
  }

  private views(model: LabTrendModel, start: number): PanelView[] {
    const cache = this.viewCache;
    const width = this.chartWidth.width;
    const format = this.localize.format;
    if (cache && cache.model === model && cache.start === start && cache.width === width && cache.format === format) return cache.views;
    const views = model.panels.map((panel) => panelView(panel, start, width, format));
    this.viewCache = { model, start, width, format, views };
    return views;
  }

  private selectRange(range: TrendRange): void {
    this.range = range;
    this.resetCursor();
    this.tablePage = 0;
  }

  private toggleTable(): void {
    this.tableShown = !this.tableShown;
    this.resetCursor();
    if (this.tableShown) this.loadPart(table);
  }

  /** Starts loading a lazy part that is not there (again after a failure); draws again when it settles. */
  private loadPart(part: LazyModule<unknown>): void {
    if (part.value || part.pending) return;
    void part.load().then(() => this.requestUpdate());
  }

  private resetCursor(): void {
    this.cursorQueue = [];
    this.cursor?.reset();
  }

  /** Runs `action` on the cursor now, or once its module has loaded (loading it on first use). */
  private withCursor(action: (cursor: Cursor.ChartCursorController) => void): void {
    const module = cursorModule.value;
    if (module) {
      this.cursor ??= new module.ChartCursorController(this, () => [this.text, this.localize.format, this.model!]);
      for (const queued of this.cursorQueue.splice(0)) queued(this.cursor);
      action(this.cursor);
      return;
    }
    // The first action waiting starts the load (or joins the one on its way); later ones queue behind it.
    if (this.cursorQueue.push(action) > 1) return;
    this.cursorFailed = false;
    this.requestUpdate(); // the chart says it is busy
    void cursorModule.load().then(() => {
      const queued = this.cursorQueue.splice(0);
      if (cursorModule.value) for (const run of queued) this.withCursor(run);
      else if (queued.length) this.cursorFailed = true;
      this.requestUpdate();
    });
  }

  /** Blur and pointer leave: only for a cursor that is there or on its way (they never load it). */
  private cursorLeft(action: (cursor: Cursor.ChartCursorController) => void): void {
    if (this.cursor) action(this.cursor);
    else if (this.cursorQueue.length) this.cursorQueue.push(action);
  }

  private chartKey(event: KeyboardEvent, views: PanelView[], index: number): void {
    if (!CURSOR_KEYS.test(event.key)) return;
    event.preventDefault();
    const key = event.key;
    this.withCursor((cursor) => cursor.key(key, views, index));
  }

  private chartPointer(event: PointerEvent, views: PanelView[], index: number): void {
    const svg = (event.currentTarget as HTMLElement).querySelector('svg');
    const { clientX, clientY } = event;
    this.withCursor((cursor) => cursor.pointerMove(svg, clientX, clientY, views, index));
  }


  // ------------------------------------------------------------------------------------------
  // Rendering

  protected renderModel(model: LabTrendModel): TemplateResult {
    this.model = model;
    const m = this.text;
    const title = trendTitle(m, model);
    const empty = this.isEmpty(model);
    const range = this.currentRange;
    const start = rangeStart(range, model.newest);
    const views = empty ? [] : this.views(model, start);
    const points = model.pointCount;
    return html`<div class="base" part="base">
      <div class="header" part="header">
        <span class="title" part="title">${title}</span>
        ${empty
          ? nothing
          : html`<div class="controls">
              ${points
                ? html`<div class="segmented" role="group" aria-label=${m.rangeGroup} part="range">
                      ${TREND_RANGES.map(
                        (r) => html`<button type="button" part="range-button" data-range=${r} aria-pressed=${ariaBoolean(r === range)} @click=${() => this.selectRange(r)}>
                          ${m.range[r]}
                        </button>`,
                      )}
                    </div>
                    <button
                      type="button"
                      class="toggle"
                      part="table-toggle"
                      aria-pressed=${ariaBoolean(this.tableShown)}
                      aria-busy=${ariaBoolean(this.tableShown && table.pending)}
                      @click=${() => this.toggleTable()}
                      @pointerenter=${() => this.loadPart(table)}
                      @focus=${() => this.loadPart(table)}
                    >
                      ${m.tableToggle}
                    </button>`
                : nothing}
            </div>`}
      </div>
      ${empty
        ? html`<p class="empty" part="empty">${this.noneText(m.noResults)}</p>
            ${this.renderHidden(model)} ${model.truncated ? html`<p class="notice" part="notes">${this.truncatedText(model)}</p>` : nothing}`
        : html`${this.renderLatest(model)} ${this.renderModelNotes(model)} ${this.renderHidden(model)}
            ${this.tableShown || !points
              ? this.renderTable(model, start, title)
              : html`<div class="panels">${model.panels.map((panel, i) => this.renderPanel(model, panel, views, i, title))}</div>
                  ${this.cursorFailed ? html`<p class="notice" part="notes" role="alert">${this.messages.unavailable(m.chartNavigation)}</p>` : nothing}
                  ${renderLegend(views, m, this.sourceMarks)}`}
            <p id="chart-help" class="visually-hidden">${m.chartHelp}</p>`}
      <div class="visually-hidden" role="status" part="live">${(!empty && this.cursor?.announcement) || ''}</div>
    </div>`;
  }

  /** The table from its module: "Loading table…" until it is there, "Table unavailable" when it could not be loaded. */
  private renderTable(model: LabTrendModel, start: number, title: string): unknown {
    const module = table.value;
    if (module) {
      addStyles(this.renderRoot as ShadowRoot, module.tableStyles);
      return module.renderTable(this.text, this.messages, this.localize.format, model, start, title, this.tablePage, (page) => (this.tablePage = page), this.multiSource);
    }
    const what = this.text.tableToggle;
    if (module === false && !table.pending) return html`<p class="notice" part="notes" role="alert">${this.messages.unavailable(what)}</p>`;
    this.loadPart(table);
    return html`<p class="notice" role="status">${this.messages.loading(what)}</p>`;
  }

  private renderLatest(model: LabTrendModel): TemplateResult | typeof nothing {
    const series = model.panels.flatMap((p) => p.series);
    if (!series.length) return nothing;
    const m = this.text;
    const format = this.localize.format;
    return html`<ul class="latest" part="latest">
      ${series.map((s) => {
        const last = s.point(s.length - 1);
        const previous = s.length > 1 ? s.point(s.length - 2) : undefined;
        const interpretation = interpretationText(m, last);
        let change: string | undefined;
        if (previous && !last.comparator && !previous.comparator) {
          const delta = last.value - previous.value;
          const prevDate = dateText(m, format, previous.date);
          const rounded = Number(delta.toFixed(6));
          const changeText = format.number(rounded);
          // A change too large to be a number (two values near ±1.8e308) is not worded.
          change = changeText === undefined
            ? undefined
            : rounded === 0
              ? m.noChange(prevDate)
              : m.changeSince(`${rounded > 0 ? '+' : ''}${changeText}`, s.unit, prevDate);
        }
        return html`<li>
          <span class="what">${model.bloodPressure || series.length > 1 ? `${seriesLabel(m, model, s)} · ` : ''}${m.latest}</span>
          <span class="value">${valueText(format, last)}</span>
          <span class="unit">${s.unit}</span>
          ${renderFlag(m, last, interpretation)}
          <time datetime=${isoDatetime(last.date) ?? ''}>${dateText(m, format, last.date)}</time>
          ${change ? html`<span class="change">(${change})</span>` : nothing}
          ${last.rangeText && last.low === undefined && last.high === undefined
            ? html`<span class="change">(${m.referenceText(last.rangeText)})</span>`
            : nothing}
        </li>`;
      })}
    </ul>`;
  }

  private renderModelNotes(model: LabTrendModel): TemplateResult | typeof nothing {
    const notes: TemplateResult[] = [];
    for (const split of model.unitSplits) {
      notes.push(html`<li data-kind="split">${this.text.unitSplit(this.localize.format.list(split.units, 'unit'))}</li>`);
    }
    if (model.truncated) notes.push(html`<li data-kind="truncated">${this.truncatedText(model)}</li>`);
    return notes.length ? html`<ul class="notes" part="notes">${notes}</ul>` : nothing;
  }

  private truncatedText(model: LabTrendModel): string {
    const t = model.truncated!;
    const format = this.localize.format;
    return this.messages.showingOf(countText(format, t.shown), t.total === undefined ? undefined : format.number(t.total));
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

  private renderPanel(model: LabTrendModel, panel: LabPanel, views: PanelView[], index: number, name: string): TemplateResult {
    const m = this.text;
    const format = this.localize.format;
    const view = views[index];
    const cursor = this.cursor?.cursor?.panel === index ? this.cursor.cursor : undefined;
    const parts = cursorModule.value || undefined;
    // The oldest result shown and the newest result (the first series in order on a tie).
    let first: LabPoint | undefined;
    let last: LabPoint | undefined;
    for (const { series, from } of view.series) {
      const oldest = from < series.length ? series.point(from) : undefined;
      const newest = series.length ? series.point(series.length - 1) : undefined;
      if (oldest && !(first && first.time <= oldest.time)) first = oldest;
      if (newest && !(last && last.time >= newest.time)) last = newest;
    }
    const count = countText(format, view.visible);
    const summary = m.chartSummary(count, dateText(m, format, first?.date), dateText(m, format, last?.date));
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
        aria-busy=${ariaBoolean(this.cursorQueue.length && cursorModule.pending)}
        @focus=${() => this.withCursor((c) => c.focus(views, index))}
        @blur=${() => this.cursorLeft((c) => c.blur())}
        @keydown=${(event: KeyboardEvent) => this.chartKey(event, views, index)}
        @pointerenter=${() => this.loadPart(cursorModule)}
        @pointermove=${(event: PointerEvent) => this.chartPointer(event, views, index)}
        @pointerleave=${() => this.cursorLeft((c) => c.pointerLeave())}
      >
        ${renderPanelSvg(view, panel.unit, cursor && parts ? parts.renderCursorMark(view, cursor) : nothing, this.sourceMarks)}
        ${cursor && parts ? parts.renderTooltip(m, this.messages, format, model, view, cursor, this.multiSource) : nothing}
      </div>
      <p id="summary-${index}" class="visually-hidden">${summary}</p>
      ${conversions.length
        ? html`<ul class="notes" part="notes">
            ${conversions.map(
              (c) => html`<li data-kind="converted">
                ${m.converted(panel.unit, c.from, c.count)}${c.molarMass && c.analyte
                  ? html`, ${m.molarMass(c.analyte, format.number(c.molarMass) ?? '')}`
                  : nothing}
              </li>`,
            )}
          </ul>`
        : nothing}
    </section>`;
  }
}
