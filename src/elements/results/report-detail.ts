// The opened part of a <fhir-results> report (its results table, notes, imaging studies, media and
// attachments). Its own module, loaded the first time a report is opened (or pointed at): a page
// listing reports does not pay for what only an opened report shows. (The imaging study line, which
// studies without a report show in the list itself, is the element's own: `DetailHost.study`.)
import { css, html, nothing, type TemplateResult } from 'lit';
import { plainButton } from '../../styles/plain-button.js';
import type { Format } from '../../i18n/format.js';
import type { CommonMessages } from '../../i18n/messages.js';
import { base64Bytes, type AttachmentView } from '../../model/attachment.js';
import { setAttachmentReaders, setRowReader, type CodeRef, type ReportView, type ResultRow } from '../../model/diagnostic-report.js';
import type { AnyResource } from '../../model/fhir-types.js';
import { ATTACHMENT_READERS } from '../../model/report-attachments.js';
import { readResult } from '../../model/result-rows.js';
import { rangesText, renderFlag, resultStyles, useRareValues, valueText } from './result-text.js';
import { rareValueOf, rareValueText } from './rare-values.js';
import type { ResultsMessages } from './results.messages.js';
import { resultsDetailEn } from './report-detail.messages.js';
import { registerEnglish } from '../../i18n/registry.js';

// This part's English words come with it.
registerEnglish('results', resultsDetailEn);

// An opened report shows its result rows, attachments and media: the model reads them with these readers.
setRowReader(readResult);
setAttachmentReaders(ATTACHMENT_READERS);
// The rarer kinds of value (ratio, range, period …): an opened report reads and shows every kind.
useRareValues(rareValueOf, rareValueText);

/** The detail's styles, added after the element's when it is drawn: the result tables' and flags', then its rows', notes' and attachments'. */
export const detailStyles = [
  resultStyles,
  css`
    .notes {
      margin: 0;
    }
    .test {
      ${plainButton}
      text-decoration: underline dotted;
    }
    [part~='result-row'] > :first-child {
      padding-inline-start: calc(var(--_space-2) + var(--_depth, 0) * 1.25rem);
    }
    [part~='result-row'][data-panel] > th {
      font-weight: 700;
    }
    [part~='result-row'][data-severity='critical'] {
      background: var(--_critical-bg);
    }
    .components {
      margin: 0;
      padding-inline-start: var(--_space-3);
    }
    [part~='missing'],
    [part~='result-row'][part~='missing'] td {
      color: var(--_rs-critical);
      font-style: italic;
    }
    .attachment {
      margin: 0;
    }
    .attachment pre {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      max-block-size: 30rem;
      overflow: auto;
      background: var(--_subtle);
      padding: var(--_space-2);
      border-radius: var(--_radius);
      margin: var(--_space-1) 0;
    }
  `,
];

/** Lines of attachment text shown before "Show all". */
const COLLAPSED_LINES = 8;

/** What the detail reads of `<fhir-results>` and asks it to change. */
export interface DetailHost {
  readonly text: ResultsMessages;
  readonly common: CommonMessages;
  readonly format: Format;
  /** Keys of attachment texts shown whole. */
  readonly expandedText: ReadonlySet<string>;
  toggleText(key: string): void;
  /** Blob URLs made of attachment data, kept (and revoked when the element leaves the page) by the list. */
  readonly blobUrls: Map<AttachmentView, string>;
  select(resource: AnyResource, code?: CodeRef): void;
  time(value: string | undefined): TemplateResult | typeof nothing;
  statusBadge(status: string, kind: ReportView['statusKind']): TemplateResult | typeof nothing;
  /** One imaging study's line (the element draws it: studies without a report show in the list). */
  study(study: ReportView['studies'][number]): TemplateResult;
}

function renderResultRows(h: DetailHost, rows: readonly ResultRow[], depth: number, out: TemplateResult[] = []): TemplateResult[] {
  const t = h.text;
  for (const row of rows) {
    const isPanel = row.members.length > 0 || row.missing.length > 0;
    out.push(html`<tr part="result-row" data-depth=${depth} data-severity=${row.interpretation.severity ?? 'none'} ?data-panel=${isPanel}>
      <th scope="row" style="--_depth:${depth}">
        <button type="button" class="test" part="test-button" @click=${() => h.select(row.resource, row.code)}>${row.name}</button>
        ${h.statusBadge(row.status, row.statusKind)}
      </th>
      <td>
        ${isPanel && row.value.kind === 'none' ? nothing : valueText(row.value, t, h.format)}
        ${row.components.length
          ? html`<ul class="components">
              ${row.components.map((c) => html`<li>${c.name}: ${valueText(c.value, t, h.format)} ${renderFlag(c.interpretation, t)}</li>`)}
            </ul>`
          : nothing}
      </td>
      <td>${rangesText(row.ranges, t, h.format, h.common.separator)}</td>
      <td>${renderFlag(row.interpretation, t)}</td>
      <td>${row.notes.join(' ')}</td>
    </tr>`);
    renderResultRows(h, row.members, depth + 1, out);
    for (const missing of row.missing) {
      out.push(html`<tr part="result-row missing" data-depth=${depth + 1}>
        <td colspan="5" style="--_depth:${depth + 1}">${t.missing(missing)}</td>
      </tr>`);
    }
  }
  return out;
}

function blobUrl(h: DetailHost, view: AttachmentView & { kind: 'link' }): string | undefined {
  if (!view.data) return undefined;
  let url = h.blobUrls.get(view);
  if (!url) {
    const bytes = base64Bytes(view.data);
    if (!bytes) return undefined;
    url = URL.createObjectURL(new Blob([bytes.buffer as ArrayBuffer], { type: view.blobType ?? 'application/octet-stream' }));
    h.blobUrls.set(view, url);
  }
  return url;
}

function renderAttachment(h: DetailHost, view: AttachmentView, key: string): TemplateResult {
  const t = h.text;
  if (view.kind === 'text') {
    const lines = view.text.split('\n');
    const expanded = h.expandedText.has(key);
    const long = lines.length > COLLAPSED_LINES;
    const shown = long && !expanded ? lines.slice(0, COLLAPSED_LINES).join('\n') : view.text;
    return html`<figure class="attachment" part="attachment" data-kind="text">
      <figcaption>${t.attachmentText(view.title)}${view.markup ? html` <em>(${t.htmlAsText})</em>` : nothing}</figcaption>
      <pre part="attachment-text" tabindex="0">${shown}</pre>
      ${view.truncated && (expanded || !long) ? html`<p class="hint">${t.textTruncated}</p>` : nothing}
      ${long
        ? html`<button type="button" part="text-toggle" aria-expanded=${expanded ? 'true' : 'false'} @click=${() => h.toggleText(key)}>
            ${expanded ? t.showLess : t.showMore}
          </button>`
        : nothing}
    </figure>`;
  }
  if (view.kind === 'link') {
    const href = view.url ?? blobUrl(h, view);
    const label = view.download ? t.downloadAttachment(view.title, view.contentType) : t.openAttachment(view.title, view.contentType);
    return html`<p class="attachment" part="attachment" data-kind="link">
      ${href
        ? view.download
          ? html`<a part="attachment-link" href=${href} download=${view.title ?? 'attachment'}>${label}</a>`
          : html`<a part="attachment-link" href=${href} target="_blank" rel="noopener noreferrer">${label}</a>`
        : t.refusedAttachment(view.title, 'undecodable')}
    </p>`;
  }
  return html`<p class="attachment" part="attachment" data-kind="refused">${t.refusedAttachment(view.title, view.reason)}</p>`;
}

/** The opened part of a report. */
export function renderDetail(h: DetailHost, report: ReportView, key: string): TemplateResult {
  const t = h.text;
  return html`<div class="detail" part="report-detail" id=${`detail-${key}`}>
    ${report.results.length || report.missing.length
      ? html`<table part="results-table">
          <caption class="visually-hidden">${report.name}</caption>
          <thead>
            <tr>
              <th scope="col">${t.table.test}</th>
              <th scope="col">${t.table.value}</th>
              <th scope="col">${t.table.range}</th>
              <th scope="col">${t.table.flag}</th>
              <th scope="col">${t.table.notes}</th>
            </tr>
          </thead>
          <tbody>
            ${renderResultRows(h, report.results, 0)}
            ${report.missing.map(
              (m) => html`<tr part="result-row missing" data-depth="0">
                <td colspan="5"><span part="missing">${t.missing(m)}</span></td>
              </tr>`,
            )}
          </tbody>
        </table>`
      : nothing}
    ${report.hiddenResults ? html`<p part="notice">${t.hiddenResults(report.hiddenResults)}</p>` : nothing}
    ${report.notes.length ? html`<p class="notes"><strong>${t.notes}:</strong> ${report.notes.join(' ')}</p>` : nothing}
    ${report.studies.map((s) => h.study(s))}
    ${report.missingStudies.map((m) => html`<p part="missing">${t.missingStudy}: ${t.missing(m)}</p>`)}
    ${report.media.length
      ? html`<ul class="media">
          ${report.media.map(
            (media, i) =>
              html`<li>${media.comment ?? ''} ${media.link ?? ''} ${media.attachment ? renderAttachment(h, media.attachment, `${key}-m${i}`) : nothing}</li>`,
          )}
        </ul>`
      : nothing}
    ${report.attachments.map((a, i) => renderAttachment(h, a, `${key}-a${i}`))}
  </div>`;
}
