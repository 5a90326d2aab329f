// The reports view of <fhir-results>: the category groups of reports, newest first, each a toggle
// that opens its detail (its own module, report-detail.ts, loaded the first time a report is opened
// or pointed at), and the imaging studies no report names. Its own module, loaded with the reports
// view's data (the default view): a page showing the flowsheet does not pay for it.
import { css, html, nothing, type TemplateResult } from 'lit';
import { plainButton } from '../../styles/plain-button.js';
import { setDetailReader, type ReportView, type ResultsModel } from '../../model/diagnostic-report.js';
import type { AttachmentView } from '../../model/attachment.js';
import type { ImagingStudyView } from '../../model/imaging-study.js';
import { readDetails } from '../../model/report-details.js';
import { sourcesOf } from '../../model/source-merge.js';
import { renderSources } from '../shared/source-labels.js';
import type * as ReportDetail from './report-detail.js';
import type { ResultsHost } from './results.js';
import { resultsListEn } from './report-list.messages.js';
import { registerEnglish } from '../../i18n/registry.js';

// This part's English words come with it.
registerEnglish('results', resultsListEn);
// The list shows reports' people, conclusion codes, notes and studies' modalities (and its detail
// their rows, attachments and media): the model reads them with this reader.
setDetailReader(readDetails);

/** The list's styles, added after the element's when it is first drawn. */
export const listStyles = css`
  .group-label {
    font-size: 1em;
    margin: 0 0 var(--_space-2);
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  .report {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-2) var(--_space-3);
    display: grid;
    gap: var(--_space-1);
    /* A report off screen is not laid out or painted until it comes near; it stays in the DOM (find
       in page, Tab order and screen-reader counts see every report). Its size until then: the last
       size it had, else about a closed report's. */
    content-visibility: auto;
    contain-intrinsic-block-size: auto 4.5em;
  }
  @media print {
    .report {
      content-visibility: visible;
    }
  }
  .report[data-status-kind='revised'] {
    border-inline-start: 6px solid var(--_rs-revised);
  }
  .report[data-status-kind='cancelled'] .report-toggle {
    text-decoration: line-through;
  }
  .report-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-2);
  }
  .report-toggle {
    ${plainButton}
    font-weight: 700;
  }
  .chevron {
    display: inline-block;
    margin-inline-end: var(--_space-1);
    transition: transform 0.15s;
  }
  [aria-expanded='true'] > .chevron {
    transform: rotate(90deg);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-3);
    color: var(--_muted);
    font-size: 0.875em;
  }
  .conclusion {
    margin: 0;
  }
  .study {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-3);
    padding: var(--_space-1) 0;
  }
  .study-name {
    font-weight: 700;
  }
`;

/** The report detail's module, once loaded; `false` when loading it failed (said in the widget, never thrown). */
let reportDetail: typeof ReportDetail | false | undefined;
let reportDetailLoad: Promise<void> | undefined;

/** Loads the report detail's module once; settles (never rejects) when it has loaded or failed. */
export function loadReportDetail(): Promise<void> {
  reportDetailLoad ??= import('./report-detail.js').then(
    (module) => {
      reportDetail = module;
    },
    () => {
      reportDetail = false;
      reportDetailLoad = undefined; // a later opening tries again
    },
  );
  return reportDetailLoad;
}

/** A pointer or the focus on the list: the detail's module starts loading before a report is opened. */
const prefetchReportDetail = (): void => {
  if (reportDetail === undefined) void loadReportDetail();
};

/**
 * The list's own state in one element: the opened reports, the attachment texts shown whole, the
 * blob URLs made of attachment data (revoked when the element leaves the page), the detail's module loading.
 */
interface ListState {
  open: Set<string>;
  expandedText: Set<string>;
  blobUrls: Map<AttachmentView, string>;
  pending?: Promise<void>;
}

const states = new WeakMap<object, ListState>();

function stateOf(h: ResultsHost): ListState {
  let state = states.get(h.element);
  if (!state) {
    const blobUrls = new Map<AttachmentView, string>();
    states.set(h.element, (state = { open: new Set(), expandedText: new Set(), blobUrls }));
    // Revoked when the element leaves the page; drawn anew (new URLs) when it comes back.
    const element = h.element;
    let revoked = false;
    element.addController({
      hostConnected() {
        if (revoked) element.requestUpdate();
        revoked = false;
      },
      hostDisconnected() {
        for (const url of blobUrls.values()) URL.revokeObjectURL(url);
        revoked = blobUrls.size > 0;
        blobUrls.clear();
      },
    });
  }
  return state;
}

/** Starts loading the report detail's module when it is not there; draws again when it is. */
function ensureDetail(h: ResultsHost, state: ListState): void {
  if (reportDetail || state.pending) return;
  const pending = loadReportDetail().then(() => {
    if (state.pending === pending) state.pending = undefined;
    h.update();
  });
  state.pending = pending;
}

/** The report detail's module loading for this element, when it is (the element's `updateComplete` waits for it). */
export const pendingOf = (element: object): Promise<void> | undefined => states.get(element)?.pending;

/** Opens or closes a report; opening it chooses it (`fhir-select`) and loads the detail's module when needed. */
function toggle(h: ResultsHost, state: ListState, report: ReportView, key: string): void {
  if (!state.open.delete(key)) {
    state.open.add(key);
    h.select(report.resource, report.code);
    ensureDetail(h, state);
  }
  h.update();
}

/** "Label: a, b" when there are any. */
function labelled(h: ResultsHost, label: string, items: readonly string[]): TemplateResult | typeof nothing {
  return items.length ? html`<span>${label}: ${items.join(h.common.separator.list)}</span>` : nothing;
}

/** One imaging study: name, start, modalities, body sites, counts and the viewer link. */
function study(h: ResultsHost, study: ImagingStudyView): TemplateResult {
  const t = h.text;
  // A study was read by the parts module: it is there.
  const link = h.parts?.viewerUrl(h.imagingViewer, study.studyUid);
  const counts = t.seriesInstances(study.numberOfSeries, study.numberOfInstances);
  return html`<div class="study" part="study">
    <span class="study-name">${study.description ?? t.study}</span>
    ${h.time(study.started)} ${labelled(h, t.modality, study.modalities)} ${labelled(h, t.bodySite, study.bodySites)}
    ${counts ? html`<span>${counts}</span>` : nothing}
    ${link ? html`<a part="viewer-link" href=${link} target="_blank" rel="noopener noreferrer">${t.viewImages}</a>` : nothing}
  </div>`;
}

const reportKey = (report: ReportView, index: number): string => (report.id ? `r:${report.id}` : `i:${index}`);

/**
 * An opened report's detail, drawn by its own module once that has loaded; until then a neutral
 * "Loading …", and "… unavailable" when it could not be loaded (never thrown).
 */
function renderDetail(h: ResultsHost, state: ListState, report: ReportView, key: string): TemplateResult {
  const id = `detail-${key}`;
  if (reportDetail) {
    h.adopt(reportDetail.detailStyles);
    const expanded = state.expandedText;
    const toggleText = (text: string) => {
      if (!expanded.delete(text)) expanded.add(text);
      h.update();
    };
    return reportDetail.renderDetail({ ...h, expandedText: expanded, toggleText, blobUrls: state.blobUrls, study: (s) => study(h, s) }, report, key);
  }
  const failed = reportDetail === false && !state.pending;
  if (!failed) ensureDetail(h, state);
  return failed
    ? html`<p class="warning" part="notice warning" id=${id} role="alert">${h.common.unavailable(report.name)}</p>`
    : html`<p class="hint" id=${id} role="status">${h.common.loading(report.name)}</p>`;
}

function renderReport(h: ResultsHost, state: ListState, report: ReportView, index: number): TemplateResult {
  const t = h.text;
  const key = reportKey(report, index);
  const open = state.open.has(key);
  return html`<li class="report" part="report" data-status=${report.status} data-status-kind=${report.statusKind}>
    <div class="report-head">
      <button
        type="button"
        class="report-toggle"
        part="report-toggle"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${`detail-${key}`}
        aria-busy=${open && state.pending ? 'true' : 'false'}
        @click=${() => toggle(h, state, report, key)}
      >
        <span class="chevron" aria-hidden="true">▸</span>${report.name}
      </button>
      ${h.statusBadge(report.status, report.statusKind)}
      ${h.multiSource ? renderSources(sourcesOf(report.resource), h.common, (items) => h.format.list(items)) : nothing}
    </div>
    <div class="meta" part="meta">
      ${report.effective
        ? html`<span>${t.effective} ${h.time(report.effective)}${report.effectiveEnd ? html`–${h.time(report.effectiveEnd)}` : nothing}</span>`
        : nothing}
      ${report.issued ? html`<span>${t.issued} ${h.time(report.issued)}</span>` : nothing}
      ${labelled(h, t.performer, report.performers)} ${labelled(h, t.interpreter, report.interpreters)}
      ${labelled(h, t.modality, report.modalities)} ${labelled(h, t.bodySite, report.bodySites)}
    </div>
    ${report.conclusion || report.conclusionCodes.length
      ? html`<p class="conclusion" part="conclusion">
          <strong>${t.conclusion}:</strong> ${[report.conclusion, ...report.conclusionCodes].filter(Boolean).join(' — ')}
        </p>`
      : nothing}
    ${open ? renderDetail(h, state, report, key) : nothing}
  </li>`;
}

/** The reports, by group (the first `drawn` over the groups, in reading order), and the studies no report names. */
export function renderReports(h: ResultsHost, model: ResultsModel): TemplateResult {
  const t = h.text;
  const state = stateOf(h);
  h.adopt([listStyles]);
  let index = 0;
  const drawn = h.drawn;
  const busy = drawn < model.reportCount ? 'true' : 'false';
  return html`${model.groups.map(({ group, reports }) => {
      // The first `drawn` reports over the groups, in reading order (the rest follow, a slice per frame).
      const first = index;
      index += reports.length;
      const shown = reports.slice(0, Math.max(0, drawn - first));
      return html`<section class="group" part="group" data-group=${group} aria-labelledby=${`group-${group}`}>
        <h3 class="group-label" part="group-label" id=${`group-${group}`}>${t.group[group]} (${h.format.number(reports.length)})</h3>
        <ul class="list" aria-busy=${busy} @pointerover=${prefetchReportDetail} @focusin=${prefetchReportDetail}>
          ${shown.map((report, i) => renderReport(h, state, report, first + i))}
        </ul>
      </section>`;
    })}
    ${model.unreportedStudies.length
      ? html`<section class="group" part="group" data-group="unreported" aria-labelledby="group-unreported">
          <h3 class="group-label" part="group-label" id="group-unreported">${t.studiesWithoutReport(model.unreportedStudies.length)}</h3>
          ${model.unreportedStudies.map((s) => study(h, s))}
        </section>`
      : nothing}`;
}
