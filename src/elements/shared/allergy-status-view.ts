// The allergy status line, allergen list, details panel and notices: a private part shared by
// <fhir-allergy-banner> and the allergy section of <fhir-patient-summary>, from one view model.
// Every server string goes into a text binding (never markup).
import { css, html, nothing, type TemplateResult } from 'lit';
import type { SearchResult } from '../../fhir/loader.js';
import type { CommonMessages } from '../../i18n/messages.js';
import { allergyStatus, type AllergyEntry, type AllergyStatusKind, type AllergyStatusModel } from '../../model/allergy-status.js';
import type { PatientScope } from '../../model/patient-scope.js';
import type { Format } from '../../i18n/format.js';
import { isoDatetime } from '../../model/dates.js';
import { allergyStatusAcrossSources } from '../../model/source-merge.js';
import { clampedText } from './clamped-text.js';
import type { AllergyBannerMessages } from './allergy-status.messages.js';
import { renderSources } from './source-labels.js';

export { renderSources };

/** Icons beside the status text (decorative: the text carries the meaning). */
const STATUS_ICON: Record<AllergyStatusKind, string> = {
  known: '⚠',
  'no-known': '✓',
  'not-recorded': '○',
  unavailable: '✕',
};

export const ALLERGY_DETAILS_ID = 'allergy-details';

/** The allergy model of one AllergyIntolerance search, for the scope's patient only. */
export function allergyStatusOfSearch(result: SearchResult, scope: PatientScope): AllergyStatusModel {
  return allergyStatus(result.resources, {
    patientId: scope.patientId,
    aliases: scope.aliases,
    truncated: result.truncated,
    ...(result.total === undefined ? {} : { total: result.total }),
  });
}

export interface AllergyViewOptions {
  model: AllergyStatusModel;
  text: AllergyBannerMessages;
  common: CommonMessages;
  /** Dates and numbers in the widget's language (LocaleController). */
  format: Format;
  expanded: boolean;
  onToggle: () => void;
  /** Several sources: each allergen names its sources. */
  showSources?: boolean;
  /** The sources that failed (several sources): with no current allergy from the others, the status is "Allergies unavailable from …". */
  failed?: readonly string[];
}

/**
 * "Allergies unavailable from Regional HIE" (one per failed source) when a source failed and no
 * other has a current allergy: then that is the status (DESIGN.md §3 rule 11); else undefined.
 */
export function allergiesUnavailableFrom(
  model: AllergyStatusModel,
  failed: readonly string[],
  text: AllergyBannerMessages,
  common: CommonMessages,
): string | undefined {
  if (allergyStatusAcrossSources(model.status, failed) !== 'unavailable') return undefined;
  return failed.map((source) => common.unavailableFrom(text.subject, source)).join(common.separator.group);
}


/** A FHIR date as `<time datetime>`; "Not known" when there is none. */
export function fhirTime(value: string | undefined, common: CommonMessages, format: Format): TemplateResult {
  const shown = format.dateTime(value);
  const iso = isoDatetime(value);
  if (shown === undefined || iso === undefined) return html`<span class="not-known">${common.notKnown}</span>`;
  return html`<time datetime=${iso}>${shown}</time>`;
}

/** The status text: for "no known", exactly what the record asserted (e.g. only drug allergies). */
export function allergyStatusText(model: AllergyStatusModel, text: AllergyBannerMessages): string {
  if (model.status !== 'no-known') return text.status[model.status];
  if (model.assertions.some((a) => a.scope === 'all')) return text.noKnown.all;
  return [...new Set(model.assertions.map((a) => text.noKnown[a.scope]))].join('; ');
}

export function renderStatus(kind: AllergyStatusKind, label: string): TemplateResult {
  return html`<span part="status" class="status" data-status=${kind}
    ><span class="status-icon" aria-hidden="true">${STATUS_ICON[kind]}</span>${label}</span
  >`;
}

function allergenName(entry: AllergyEntry, text: AllergyBannerMessages): string {
  return entry.allergen ?? text.allergenNotKnown;
}

function renderAllergen(
  entry: AllergyEntry,
  text: AllergyBannerMessages,
  common: CommonMessages,
  sources?: (items: string[]) => string,
): TemplateResult {
  const high = entry.criticality === 'high';
  const facts = [
    ...(high ? [text.criticality.high] : []),
    ...entry.categories.map((c) => text.category[c]),
    ...(entry.type ? [text.type[entry.type]] : []),
  ];
  const marked = entry.verification === 'unconfirmed' || entry.verification === 'presumed' ? entry.verification : undefined;
  return html`<li part=${high ? 'allergen high-criticality' : 'allergen'} class="allergen" data-criticality=${entry.criticality ?? 'not-stated'}>
    ${high ? html`<span class="criticality-icon" aria-hidden="true">▲</span>` : nothing}<span class="allergen-name"
      >${allergenName(entry, text)}</span
    >${facts.length ? html` <span class="allergen-facts">(${facts.join(common.separator.list)})</span>` : nothing}${marked
      ? html` <span part="verification" class="verification">${text.verification[marked]}</span>`
      : nothing}${entry.clinicalStatus !== 'active'
      ? html` <span class="clinical-status">${text.clinicalStatus[entry.clinicalStatus]}</span>`
      : nothing}${sources ? renderSources(entry.sources, common, sources) : nothing}
  </li>`;
}

function renderReactions(entry: AllergyEntry, text: AllergyBannerMessages, common: CommonMessages, format: Format): TemplateResult {
  if (entry.reactions.length === 0) return html`<p class="muted">${text.noReactions}</p>`;
  return html`<ul class="reactions">
    ${entry.reactions.map(
      (reaction) => html`<li part="reaction">
        <span class="manifestation">${reaction.manifestations.length ? reaction.manifestations.join(common.separator.list) : common.notKnown}</span>
        · ${text.reactionSeverity}: ${reaction.severity ? text.severity[reaction.severity] : common.notKnown} · ${text.onset}:
        ${fhirTime(reaction.onset, common, format)}${reaction.substance ? html` · ${reaction.substance}` : nothing}${reaction.description
          ? html`<br /><span class="muted">${clampedText(reaction.description, common.showAll)}</span>`
          : nothing}
      </li>`,
    )}
  </ul>`;
}

function renderDetail(entry: AllergyEntry, text: AllergyBannerMessages, common: CommonMessages, format: Format): TemplateResult {
  return html`<li class="detail" part="detail">
    <span class="detail-name">${allergenName(entry, text)}</span>
    <span class="muted">
      ${entry.criticality ? html`${text.criticality[entry.criticality]} · ` : nothing}${entry.verification
        ? html`${text.verification[entry.verification]} · `
        : nothing}${text.recorded}: ${fhirTime(entry.recorded, common, format)}${entry.onset || entry.onsetText
        ? html` · ${text.onset}: ${entry.onset ? fhirTime(entry.onset, common, format) : clampedText(entry.onsetText ?? '', common.showAll)}`
        : nothing}${entry.lastOccurrence ? html` · ${text.lastOccurrence}: ${fhirTime(entry.lastOccurrence, common, format)}` : nothing}
    </span>
    <span class="visually-hidden">${text.reactions}:</span>
    ${renderReactions(entry, text, common, format)}
    ${entry.notes.map((note) => html`<p class="note">${clampedText(note, common.showAll)}</p>`)}
  </li>`;
}

/** Counts of what is not shown, and why. */
export function renderAllergyNotices(model: AllergyStatusModel, text: AllergyBannerMessages, common: CommonMessages, format: Format): unknown {
  const notices: string[] = [];
  if (model.hidden.enteredInError) notices.push(common.hiddenEnteredInError(model.hidden.enteredInError));
  if (model.hidden.refuted) notices.push(text.hiddenRefuted(model.hidden.refuted));
  if (model.hidden.otherPatient) notices.push(common.hiddenOtherPatient(model.hidden.otherPatient));
  if (model.truncated) {
    const shown = model.active.length + model.inactive.length + model.assertions.length;
    notices.push(text.truncated(format.number(shown) ?? String(shown), model.total === undefined ? undefined : format.number(model.total)));
  }
  return notices.map((notice) => html`<p part="notice" class="notice">${notice}</p>`);
}

/** Status, allergens, inactive group, the expandable details and the notices. */
export function renderAllergyStatus(options: AllergyViewOptions): TemplateResult {
  const { model, text, common, format, expanded } = options;
  const unavailable = allergiesUnavailableFrom(model, options.failed ?? [], text, common);
  const entries = [...model.active, ...model.inactive];
  const listFn = options.showSources ? (items: string[]) => format.list(items) : undefined;
  // Assertions that stand beside the allergies (NKDA with a food allergy); contradicted ones are flagged instead.
  const partial = model.status === 'known' ? model.assertions.filter((a) => !a.contradicted) : [];
  const assertedOn = model.status === 'no-known' ? model.assertions.find((a) => a.recorded)?.recorded : undefined;
  return html`<div class="line">
      ${unavailable !== undefined
        ? renderStatus('unavailable', unavailable)
        : renderStatus(model.status, allergyStatusText(model, text))}${assertedOn && unavailable === undefined
        ? html`<span class="muted">${text.recorded}: ${fhirTime(assertedOn, common, format)}</span>`
        : nothing}
      ${model.active.length
        ? html`<ul part="allergens" class="allergens" aria-label=${text.status.known}>
            ${model.active.map((entry) => renderAllergen(entry, text, common, listFn))}
          </ul>`
        : nothing}
      ${entries.length
        ? html`<button
            part="toggle"
            class="toggle"
            type="button"
            aria-expanded=${expanded ? 'true' : 'false'}
            aria-controls=${ALLERGY_DETAILS_ID}
            @click=${options.onToggle}
          >
            ${expanded ? text.hideDetails : text.showDetails}
          </button>`
        : nothing}
    </div>
    ${model.contradiction
      ? html`<p part="notice contradiction" class="contradiction"><span aria-hidden="true">⚠ </span>${text.contradiction}</p>`
      : nothing}
    ${partial.length
      ? html`<p part="notice" class="notice">${text.alsoRecorded} ${[...new Set(partial.map((a) => text.noKnown[a.scope]))].join(common.separator.group)}</p>`
      : nothing}
    ${model.status === 'not-recorded' && model.noInformation ? html`<p part="notice" class="notice">${text.noInformation}</p>` : nothing}
    ${model.inactive.length
      ? html`<div part="inactive" class="inactive">
          <span class="group-label">${text.inactiveGroup(model.inactive.length)}</span>
          <ul class="allergens">
            ${model.inactive.map((entry) => renderAllergen(entry, text, common, listFn))}
          </ul>
        </div>`
      : nothing}
    ${entries.length
      ? html`<ul part="details" class="details" id=${ALLERGY_DETAILS_ID} ?hidden=${!expanded}>
          ${entries.map((entry) => renderDetail(entry, text, common, format))}
        </ul>`
      : nothing}
    ${renderAllergyNotices(model, text, common, format)}`;
}

/** Styles for the view above; per-element hooks are `--fhir-allergy-banner-*`. */
export const allergyStatusStyles = css`
  :host {
    --_ab-bg: var(--fhir-allergy-banner-background, var(--_bg));
    --_ab-border: var(--fhir-allergy-banner-border-color, var(--_border));
    --_ab-known: var(--fhir-allergy-banner-known-color, var(--_critical));
    --_ab-known-bg: var(--fhir-allergy-banner-known-background, var(--_critical-bg));
    --_ab-high: var(--fhir-allergy-banner-high-criticality-color, var(--_critical));
    --_ab-none: var(--fhir-allergy-banner-no-known-color, var(--_ok));
  }
  .line {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-1) var(--_space-3);
  }
  .status {
    font-weight: 700;
    display: inline-flex;
    gap: var(--_space-1);
    align-items: baseline;
    padding: 0 var(--_space-2);
    border-radius: var(--_radius);
    border: 1px solid currentColor;
  }
  .status[data-status='known'] {
    color: var(--_ab-known);
    background: var(--_ab-known-bg);
    border-width: 2px;
    text-transform: uppercase;
    letter-spacing: 0.02em;
  }
  .status[data-status='no-known'] {
    color: var(--_ab-none);
  }
  .status[data-status='not-recorded'],
  .status[data-status='unavailable'] {
    color: var(--_fg);
    border-style: dashed;
  }
  .allergens {
    display: inline;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .allergen {
    display: inline;
  }
  .allergen + .allergen::before {
    content: '· ';
    color: var(--_muted);
  }
  .allergen[data-criticality='high'] .allergen-name {
    font-weight: 700;
    color: var(--_ab-high);
    text-decoration: underline;
    text-decoration-thickness: 2px;
  }
  .criticality-icon {
    color: var(--_ab-high);
    margin-inline-end: 0.2em;
  }
  .allergen-facts,
  .muted,
  .not-known,
  .clinical-status {
    color: var(--_muted);
  }
  /* Also the summary's problem status and verification marks. */
  .verification,
  .mark {
    font-style: italic;
    border: 1px dashed currentColor;
    border-radius: var(--_radius);
    padding: 0 0.3em;
  }
  .toggle {
    font: inherit;
    padding: 0 var(--_space-2);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_subtle);
    color: var(--_fg);
    cursor: pointer;
  }
  .contradiction {
    margin: var(--_space-2) 0 0;
    padding: var(--_space-1) var(--_space-2);
    border-inline-start: 4px solid var(--_ab-known);
    background: var(--_ab-known-bg);
    font-weight: 700;
  }
  .inactive {
    margin-block-start: var(--_space-1);
    color: var(--_muted);
  }
  .inactive .group-label {
    font-weight: 600;
    margin-inline-end: var(--_space-2);
  }
  .details {
    list-style: none;
    margin: var(--_space-2) 0 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  .details[hidden] {
    display: none;
  }
  .detail {
    display: grid;
    gap: 0.125rem;
    padding-inline-start: var(--_space-2);
    border-inline-start: 3px solid var(--_ab-border);
  }
  .detail-name {
    font-weight: 700;
  }
  .reactions {
    margin: 0;
    padding-inline-start: var(--_space-4);
  }
  .note {
    margin: 0;
    font-style: italic;
  }
`;
