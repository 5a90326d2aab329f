import { html, nothing, type CSSResult, type PropertyValues, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { fetchResults, type ResultsData } from '../../fhir/queries/results.js';
import type { FhirLoader } from '../../fhir/loader.js';
import type { Format } from '../../i18n/format.js';
import type { CommonMessages } from '../../i18n/messages.js';
import { isoDatetime } from '../../model/dates.js';
import {
  buildResults,
  needsReportParts,
  RESULT_VIEWS,
  type CodeRef,
  type ReportParts,
  type ReportView,
  type ResultCategoryFilter,
  type ResultsModel,
  type ResultsView,
} from '../../model/diagnostic-report.js';
import type { AnyResource } from '../../model/fhir-types.js';
import type { FlowsheetModel } from '../../model/flowsheet.js';
import { TREND_RANGES, type TrendRange } from '../../model/lab-series.js';
import type { PatientScope } from '../../model/patient-scope.js';
import { FhirWidget, type FhirLoadDetail, type FhirSelectDetail } from '../base/fhir-widget.js';
import type * as FlowsheetView from './flowsheet-view.js';
import type * as ReportList from './report-list.js';
import { resultsEn, type ResultsMessages } from './results.messages.js';
import { resultsStyles } from './results.styles.js';
import { addStyles } from '../shared/lazy-styles.js';
import { sourceLabelStyles } from '../shared/source-labels.js';
import { registerEnglish } from '../../i18n/registry.js';

/** `fhir-select` detail from <fhir-results>: the report or result chosen, and its code as `system|code`. */
/** `fhir-select` detail of `<fhir-results>`: the shared `FhirSelectDetail`, with the test's `code`. */
export type ResultsSelectDetail = FhirSelectDetail;

/** What the element renders: the reports model and, in the flowsheet view, the flowsheet. */
export interface ResultsViewModel {
  reports: ResultsModel;
  flowsheet?: FlowsheetModel;
}

/**
 * What the views (their own modules: the list of reports, the flowsheet) read of `<fhir-results>`
 * and may ask of it. A view keeps its own state (opened reports, the flowsheet's tab stop) in its
 * module, and asks for a new render when it changes.
 */
export interface ResultsHost {
  readonly text: ResultsMessages;
  readonly common: CommonMessages;
  readonly format: Format;
  /** The element: what a view's own state is kept by (and a controller of it told of disconnection). */
  readonly element: HTMLElement & ReactiveControllerHost;
  /** Reports or test rows drawn so far (a long list draws its first screenful first); the rest follow. */
  readonly drawn: number;
  readonly multiSource: boolean;
  /** Flowsheet date columns shown at a time. */
  readonly pageColumns: number;
  /** The imaging readers, loaded with the records that have studies. */
  readonly parts?: ReportParts;
  readonly imagingViewer?: string;
  /** Draws again: the view's own state changed. */
  update(): void;
  /** Draws every row now (the flowsheet's tab stop moved past the rows drawn so far). */
  drawAll(): void;
  /** Focuses the tab stop (`[data-cursor]`) after the next render. */
  focusLater(): void;
  select(resource: AnyResource, code?: CodeRef): void;
  time(value: string | undefined): TemplateResult | typeof nothing;
  statusBadge(status: string, kind: ReportView['statusKind']): TemplateResult | typeof nothing;
  /** Adds a lazy view's styles after the element's, once. */
  adopt(styles: readonly CSSResult[]): void;
}

/** The flowsheet view's module, once loaded (with the flowsheet model, in buildModel). */
let flowsheetView: typeof FlowsheetView | undefined;

/** The imaging readers, once records that have imaging studies were read. */
let reportParts: ReportParts | undefined;

/** The reports view's module (the list of reports), once loaded (with the reports model, in buildModel). */
let reportList: typeof ReportList | undefined;

/** Reports drawn in the first frame (more than a tall screen shows closed). */
const FIRST_SCREEN_REPORTS = 30;
/** Flowsheet test rows drawn in the first frame (its frame, 28rem by default, shows about seven). */
const FIRST_SCREEN_ROWS = 12;
/** Reports or test rows added in each later frame, until the list is whole. */
const ITEMS_PER_FRAME = 100;

const codeParam = (code: CodeRef | undefined) => (code ? `${code.system ? `${code.system}|` : ''}${code.code}` : undefined);

/** `fhir-load` detail of `<fhir-results>`. */
export interface ResultsLoadDetail extends FhirLoadDetail {
  reports: number;
  results: number;
  studies: number;
  enteredInError: number;
  resultsEnteredInError: number;
  otherPatient: number;
  missing: number;
  warnings: number;
}

// This widget's English words come with it (other languages load by themselves, src/i18n/registry.ts):
// its own here; those of its list, report detail, flowsheet and values with their modules (`registerEnglish`),
// which alone read them.
registerEnglish('results', resultsEn as ResultsMessages);

/**
 * @tag fhir-results
 * @summary Results review: the patient's DiagnosticReports (laboratory, imaging, pathology, other),
 * newest first, each opening to its results (nested panels indented), conclusion, attachments and
 * imaging study; or a cumulative laboratory flowsheet (tests × dates, newest on the left) navigable
 * with the arrow keys.
 *
 * Not-final reports (preliminary, partial, registered) say so; amended, corrected and appended ones
 * are marked prominently; cancelled ones say cancelled; entered-in-error reports and results are
 * never shown, only counted. Critical results look different from abnormal ones, in text and shape.
 * A result reference that could not be loaded is named, never dropped. Attachments are shown as
 * text (HTML too — never as markup) or offered as links from their data or an http(s) URL.
 *
 * @csspart base - The wrapper of the loaded widget.
 * @csspart toolbar - The view and period switches.
 * @csspart view-button - A view switch (`aria-pressed`).
 * @csspart range-button - A period switch (`aria-pressed`).
 * @csspart group - A category group of reports (`data-group`).
 * @csspart group-label - A group's heading.
 * @csspart report - One report (`data-status`, `data-status-kind`).
 * @csspart report-toggle - The button that opens a report (`aria-expanded`).
 * @csspart status - A status badge (`data-kind` = `provisional | revised | cancelled | unknown`).
 * @csspart meta - Dates and people of a report.
 * @csspart conclusion - The report's conclusion and coded conclusions.
 * @csspart report-detail - The opened part of a report.
 * @csspart results-table - The table of a report's results.
 * @csspart result-row - One result row (`data-depth` for nested panels).
 * @csspart test-button - A test name: a button that chooses the test.
 * @csspart flag - An interpretation flag (`data-severity` = `critical | abnormal`).
 * @csspart missing - A named result or study that could not be shown.
 * @csspart attachment - One attachment (text, link or refusal).
 * @csspart attachment-text - Attachment text (always text, never markup).
 * @csspart attachment-link - A link to open or download an attachment.
 * @csspart study - An imaging study.
 * @csspart viewer-link - "View images".
 * @csspart flowsheet - The flowsheet's scrolling frame.
 * @csspart grid - The flowsheet grid (`role="grid"`).
 * @csspart column-header - A date column header.
 * @csspart row-header - A test's row header (name, unit, range).
 * @csspart panel-row - A panel heading row in the flowsheet.
 * @csspart cell - A flowsheet cell (`data-severity`).
 * @csspart pager - The flowsheet's column pager.
 * @csspart notice - Counts of hidden or missing records; also on warnings.
 * @csspart warning - A search that failed while others succeeded (`role="alert"`).
 * @csspart empty - The "No results recorded" message.
 * @csspart error-title - "Results unavailable" in the error panel.
 * @csspart error-message - What failed, in the error panel.
 * @csspart retry - The error panel's Retry button.
 *
 * @cssprop --fhir-results-background - Background (default `--fhir-color-surface`).
 * @cssprop --fhir-results-critical-color - Critical flags and cells (default `--fhir-color-critical`).
 * @cssprop --fhir-results-abnormal-color - Abnormal flags and cells (default `--fhir-color-abnormal`).
 * @cssprop --fhir-results-revised-color - The "Corrected / Amended" badge (default `--fhir-color-accent`).
 * @cssprop --fhir-results-flowsheet-height - Maximum height of the flowsheet frame (default `28rem`).
 *
 * @fires fhir-select - A report was opened or a test chosen; detail `{ resource, code? }` (`code` = `system|code`).
 * @fires fhir-load - Loaded; detail `{ reports, results, studies, enteredInError, resultsEnteredInError, otherPatient, missing, warnings }`.
 * @fires fhir-error - The load failed; detail `{ status?, message }`.
 */
export class FhirResults extends FhirWidget<ResultsData, ResultsViewModel, ResultsLoadDetail> {
  static override styles = [...FhirWidget.styles, resultsStyles, sourceLabelStyles];

  /**
   * `lab | imaging | all` (default `all`). `lab` shows laboratory and pathology reports, `imaging` imaging
   * reports and studies; the reports of other categories are not read (their results and studies are
   * not followed) or counted, and `range` counts back from the newest report shown. The flowsheet,
   * which shows laboratory results only, reads under `all` as under `lab`.
   */
  @property({ reflect: true }) category: ResultCategoryFilter = 'all';

  /** `reports` (default) or `flowsheet` (laboratory results, tests × dates). */
  @property({ reflect: true }) view: ResultsView = 'reports';

  /** `1y | 5y | all` (default `all`), counted back from the newest report, as the lab trend does. */
  @property({ reflect: true }) range: TrendRange = 'all';

  /** Viewer URL template with `{studyUid}` (e.g. OHIF `https://viewer.example/?StudyInstanceUIDs={studyUid}`). */
  @property({ attribute: 'imaging-viewer' }) imagingViewer?: string;

  /** Stop paging the report search after this many reports; the widget then says "showing N of M". */
  @property({ type: Number }) limit?: number;

  /** Reports per page of the report search (`_count`); paging follows `link[next]` to the end. */
  @property({ type: Number, attribute: 'page-size' }) pageSize?: number;

  /** Flowsheet date columns shown at a time (the rest through the pager). */
  @property({ type: Number, attribute: 'page-columns' }) pageColumns = 10;

  /**
   * Reports (over the groups, in reading order) or flowsheet test rows in the DOM so far: a long
   * list draws its first screenful in the first frame, then the rest a slice per frame. The group
   * headings and the grid's `aria-rowcount` always give the whole numbers and the lists and the
   * grid are `aria-busy` until everything is in, so keyboard order, find-in-page and screen-reader
   * counts end up whole; the flowsheet's tab stop moved past the drawn rows draws them all at once.
   */
  @state() private drawn = FIRST_SCREEN_REPORTS;
  private firstScreen = FIRST_SCREEN_REPORTS;
  private total = 0;
  private growFrame = 0;

  private focusAfterRender = false;

  private get text(): ResultsMessages {
    return this.localize.messages.results;
  }

  protected subject(): string {
    return this.text.subject;
  }

  protected override loadInputs(): unknown[] {
    return [this.category, this.view, this.range, this.limit, this.pageSize];
  }

  /** The reports read: the flowsheet shows laboratory results only, so under `all` it reads as `lab` does. */
  private get categoryRead(): ResultCategoryFilter {
    return this.view === 'flowsheet' && this.category === 'all' ? 'lab' : this.category;
  }

  protected fetchResources(loader: FhirLoader, signal: AbortSignal): Promise<ResultsData> {
    const paging = { ...(this.limit ? { limit: this.limit } : {}), ...(this.pageSize ? { pageSize: this.pageSize } : {}) };
    return fetchResults(loader, { category: this.categoryRead, view: this.view, ...paging }, signal);
  }

  protected async buildModel(data: ResultsData, scope: PatientScope): Promise<ResultsViewModel> {
    // The imaging readers load with the first records that have studies; the flowsheet's
    // model and view (one module, which also finds the results no report lists) when that view is
    // first asked for, the list of reports (with its reader of what only it shows) with the reports
    // view: a page showing either does not pay for the other. Both hand the model their readers as
    // they load, so they are awaited before it is built.
    const [parts, view, list] = await Promise.all([
      needsReportParts(data, this.categoryRead) ? import('../../model/report-parts.js') : undefined,
      this.view === 'flowsheet' ? import('./flowsheet-view.js') : undefined,
      this.view === 'flowsheet' ? undefined : import('./report-list.js'),
    ]);
    if (parts) reportParts = parts;
    if (list) reportList = list;
    const reports = buildResults({
      ...data,
      patientId: scope.patientId,
      aliases: scope.aliases,
      category: this.categoryRead,
      range: this.range,
      ...(parts ? { parts } : {}),
    });
    if (!view) return { reports };
    flowsheetView = view;
    const lab = reports.groups.filter((g) => g.group === 'laboratory').flatMap((g) => g.reports);
    return { reports, flowsheet: await view.buildFlowsheet({ reports: lab, standalone: reports.standalone }) };
  }

  protected isEmpty(model: ResultsViewModel): boolean {
    const r = model.reports;
    const nothingShown = model.flowsheet ? model.flowsheet.resultCount === 0 : r.reportCount === 0 && r.unreportedStudies.length === 0;
    return nothingShown && r.warnings.length === 0 && r.missingCount === 0 && !r.truncated;
  }

  protected loadDetail(model: ResultsViewModel): ResultsLoadDetail {
    const r = model.reports;
    return {
      reports: r.reportCount,
      results: model.flowsheet?.resultCount ?? r.resultCount,
      studies: r.unreportedStudies.length + r.groups.flatMap((g) => g.reports).reduce((s, v) => s + v.studies.length, 0),
      enteredInError: r.hidden.reportsEnteredInError,
      resultsEnteredInError: r.hidden.resultsEnteredInError,
      otherPatient: r.hidden.otherPatient,
      missing: r.missingCount,
      warnings: r.warnings.length,
    };
  }

  protected override modelChanged(model: ResultsViewModel): void {
    super.modelChanged(model);
    const sheet = model.flowsheet;
    this.total = sheet ? sheet.groups.reduce((sum, g) => sum + g.rows.length, 0) : model.reports.reportCount;
    this.drawn = this.firstScreen = sheet ? FIRST_SCREEN_ROWS : FIRST_SCREEN_REPORTS;
    cancelAnimationFrame(this.growFrame);
    this.growFrame = 0;
  }

  /**
   * While a long list is still being drawn (connected, none pending), adds the next slice in a
   * later frame's callback, so it is laid out and painted in that frame. The first slice waits one
   * frame more: the frame right after `ready` shows the first screenful alone. Later slices are
   * asked for from within a frame callback (that update runs in it), so they land one per frame.
   */
  private grow(): void {
    if (this.growFrame || this.state !== 'ready' || this.drawn >= this.total || !this.isConnected) return;
    const next = () => {
      this.growFrame = 0;
      this.drawn += ITEMS_PER_FRAME;
    };
    this.growFrame = requestAnimationFrame(() => {
      if (this.drawn > this.firstScreen) next();
      else this.growFrame = requestAnimationFrame(next);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.grow(); // moved in the page while a long list was still filling in: go on where it stopped
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.growFrame);
    this.growFrame = 0;
  }

  /** Resolves once what was asked is drawn, including a report detail whose module was still loading. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const pending = reportList?.pendingOf(this);
    if (!pending) return done;
    await pending;
    return this.getUpdateComplete();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.grow();
    if (this.focusAfterRender) {
      this.focusAfterRender = false;
      this.renderRoot.querySelector<HTMLElement>('[data-cursor]')?.focus();
    }
  }

  /** Adds a lazy view's styles (its module's) after the element's, once, as it is first drawn. */
  private adopt(styles: readonly CSSResult[]): void {
    addStyles(this.renderRoot as ShadowRoot, ...styles);
  }

  private select(resource: AnyResource, code?: CodeRef): void {
    const param = codeParam(code);
    const detail: ResultsSelectDetail = { resource, ...(param ? { code: param } : {}) };
    this.dispatchEvent(new CustomEvent('fhir-select', { detail, bubbles: true, composed: true }));
  }

  // -------------------------------------------------------------------------------------------
  // Shared pieces

  private time(value: string | undefined): TemplateResult | typeof nothing {
    const shown = this.localize.format.dateTime(value);
    const iso = isoDatetime(value);
    return shown && iso ? html`<time datetime=${iso}>${shown}</time>` : nothing;
  }

  private statusBadge(status: string, kind: ReportView['statusKind']): TemplateResult | typeof nothing {
    if (kind === 'final') return nothing;
    const t = this.text;
    const word = t.status(status);
    const suffix = kind === 'provisional' ? ` — ${t.statusKind.provisional}` : '';
    return html`<span class="status" part="status" data-kind=${kind} data-status=${status}
      >${kind === 'revised' ? html`<span aria-hidden="true">✎ </span>` : nothing}${word}${suffix}</span
    >`;
  }

  /** A group of switches, one pressed (the view, the period). */
  private switches<T extends string>(label: string, part: string, options: readonly T[], current: T, words: Record<T, string>, choose: (value: T) => void) {
    return html`<div role="group" aria-label=${label}>
      ${options.map(
        (value) => html`<button type="button" part=${part} aria-pressed=${current === value ? 'true' : 'false'} @click=${() => choose(value)}>
          ${words[value]}
        </button>`,
      )}
    </div>`;
  }

  private renderToolbar(): TemplateResult {
    const t = this.text;
    return html`<div class="toolbar" part="toolbar">
      ${this.switches(t.viewLabel, 'view-button', RESULT_VIEWS, this.view, t.views, (view) => (this.view = view))}
      ${this.switches(t.rangeLabel, 'range-button', TREND_RANGES, this.range, t.range, (range) => (this.range = range))}
    </div>`;
  }

  private renderNotices(model: ResultsViewModel, common: CommonMessages): TemplateResult | typeof nothing {
    const t = this.text;
    const r = model.reports;
    const warnings = r.warnings.map((w) => t.warning[w.what](w.message));
    const notes: string[] = [];
    const number = this.localize.format.number;
    if (r.truncated) notes.push(common.showingOf(number(r.truncated.shown) ?? '', number(r.truncated.total)));
    if (r.missingCount) notes.push(t.missingCount(r.missingCount));
    if (r.hidden.reportsEnteredInError) notes.push(common.hiddenEnteredInError(r.hidden.reportsEnteredInError));
    if (r.hidden.resultsEnteredInError) notes.push(t.hiddenResults(r.hidden.resultsEnteredInError));
    if (r.hidden.otherPatient) notes.push(common.hiddenOtherPatient(r.hidden.otherPatient));
    if (r.hidden.outOfRange) notes.push(t.outOfRange(r.hidden.outOfRange));
    if (model.flowsheet?.undated) notes.push(t.undated(model.flowsheet.undated));
    if (!warnings.length && !notes.length) return nothing;
    return html`${warnings.map((w) => html`<p class="warning" part="notice warning" role="alert">${w}</p>`)}
    ${notes.length
      ? html`<ul class="notices" part="notice">
          ${notes.map((n) => html`<li>${n}</li>`)}
        </ul>`
      : nothing}`;
  }

  /** What the views read of this widget and may ask of it. */
  private host(): ResultsHost {
    return {
      text: this.text,
      common: this.messages,
      format: this.localize.format,
      element: this,
      drawn: this.drawn,
      multiSource: this.multiSource,
      pageColumns: this.pageColumns,
      parts: reportParts,
      imagingViewer: this.imagingViewer,
      update: () => this.requestUpdate(),
      drawAll: () => (this.drawn = this.total),
      focusLater: () => (this.focusAfterRender = true),
      select: (resource, code) => this.select(resource, code),
      time: (value) => this.time(value),
      statusBadge: (status, kind) => this.statusBadge(status, kind),
      adopt: (styles) => this.adopt(styles),
    };
  }

  protected renderModel(model: ResultsViewModel): TemplateResult {
    const t = this.text;
    const common = this.messages;
    const empty = this.isEmpty(model);
    const hasHidden = model.reports.hidden.outOfRange > 0;
    return html`<div class="base" part="base">
      ${this.renderToolbar()} ${this.renderNotices(model, common)}
      ${empty
        ? html`<p part="empty" class="empty">${this.noneText(hasHidden ? t.noneInRange : t.noneRecorded)}</p>`
        : model.flowsheet && flowsheetView
          ? flowsheetView.renderFlowsheet(this.host(), model.flowsheet)
          : reportList!.renderReports(this.host(), model.reports)}
    </div>`;
  }
}
