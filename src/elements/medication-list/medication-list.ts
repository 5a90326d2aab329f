import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FhirLoader } from '../../fhir/loader.js';
import { medicationSources, type MedicationSources } from '../../fhir/queries/medication-sources.js';
import type { CommonMessages } from '../../i18n/messages.js';
import { isoDatetime } from '../../model/dates.js';
import {
  MARKED_STATUSES,
  medicationListModel,
  type MedicationListModel,
  type MedicationRow,
  type MedicationStatusFilter,
} from '../../model/medication-list.js';
import type { PatientScope } from '../../model/patient-scope.js';
import { FhirWidget, type FhirLoadDetail, type FhirSelectDetail } from '../base/fhir-widget.js';

export type { FhirSelectDetail };
import { clampedText } from '../shared/clamped-text.js';
import { renderSources, sourceLabelStyles } from '../shared/source-labels.js';
import { sourcesOf } from '../../model/source-merge.js';
import { medicationListEn, type MedicationListMessages } from './medication-list.messages.js';
import { medicationListStyles } from './medication-list.styles.js';
import type * as PastGroup from './past-group.js';
import { registerEnglish } from '../../i18n/registry.js';
import { dosageEn } from '../../model/dosage-text.js';

/** The past group's module (past-group.ts), once a list with `status="all"` has had past orders. */
let pastGroup: typeof PastGroup | undefined;

/** Rows drawn in the first frame (more than a tall screen shows). */
const FIRST_SCREEN_ROWS = 60;
/** Rows added per later frame until the list is whole. */
const ROWS_PER_FRAME = 200;

/** `fhir-load` detail of `<fhir-medication-list>`. */
export interface MedicationListLoadDetail extends FhirLoadDetail {
  current: number;
  past: number;
  pastHidden: number;
  enteredInError: number;
  otherPatient: number;
  conflicts: number;
  unresolved: number;
}

// This widget's English words come with it (other languages load by themselves, src/i18n/registry.ts).
registerEnglish('medicationList', medicationListEn);
registerEnglish('dosage', dosageEn);

/**
 * @tag fhir-medication-list
 * @summary What the patient is taking: prescriptions (MedicationRequest, DSTU2 MedicationOrder)
 * and medication history (MedicationStatement), one NHS CUI medication line each (drug, strength,
 * form, then dosage text generated from structured Dosage when the record has no text), current
 * first and past in a collapsed group, with a possible drug–allergy conflict flagged on the row.
 *
 * Entered-in-error records and other patients' records are never shown, only counted. When the
 * allergy search fails the list says the allergy check could not be made.
 *
 * A long list shows its first screenful in the first frame and the rest a slice per frame after it,
 * in reading order: `state` becomes `ready` (and `fhir-load` fires, with whole counts) when that
 * first screenful is in; the group headings always give the whole numbers, and the lists are
 * `aria-busy="true"` until every row is in the DOM. Rows off screen stay in the DOM and are only
 * skipped by layout and paint (`content-visibility: auto`), so find in page, Tab order and screen
 * readers see the whole list once it is in.
 *
 * @csspart base - The wrapper of the loaded list.
 * @csspart group - Each group (`group current`, `group past`).
 * @csspart group-label - "Current medications (n)".
 * @csspart past-toggle - The button that opens and closes the past group (`aria-expanded`).
 * @csspart list - A list of rows.
 * @csspart row - One medication.
 * @csspart name - The drug name: a button that selects the row.
 * @csspart strength - Ingredient strength(s) from the Medication resource.
 * @csspart form - Dose form from the Medication resource.
 * @csspart status - The row's status (Active, On hold, Draft …).
 * @csspart dosage - The dosage instructions (one item per instruction, in sequence order).
 * @csspart dosage-structured - Dosage generated from the structure, beside the prescriber's text.
 * @csspart conflict - "Possible allergy conflict: …".
 * @csspart meta - Prescriber or information source, and the date.
 * @csspart notice - Counts of hidden records and truncation; also on warnings.
 * @csspart warning - A check that could not be made (allergies, medication history), `role="alert"`.
 * @csspart empty - The "No medications recorded" message.
 * @csspart error-title - "Medications unavailable" in the error panel.
 * @csspart error-message - What failed, in the error panel.
 * @csspart retry - The error panel's Retry button.
 *
 * @cssprop --fhir-medication-list-background - Background of the list (default `--fhir-color-surface`).
 * @cssprop --fhir-medication-list-row-border - Row border colour (default `--fhir-color-border`).
 * @cssprop --fhir-medication-list-conflict-color - Conflict flag text and row edge (default `--fhir-color-critical`).
 * @cssprop --fhir-medication-list-conflict-background - Conflict flag background (default `--fhir-color-critical-surface`).
 * @cssprop --fhir-medication-list-past-color - Text colour of past rows (default `--fhir-color-muted`).
 *
 * @fires fhir-select - A row was chosen (click, Enter or Space); detail `{ resource }`.
 * @fires fhir-load - Loaded; detail `{ current, past, pastHidden, enteredInError, otherPatient, conflicts, unresolved }`.
 * @fires fhir-error - The load failed; detail `{ status?, message }`.
 */
export class FhirMedicationList extends FhirWidget<MedicationSources, MedicationListModel, MedicationListLoadDetail> {
  static override styles = [...FhirWidget.styles, medicationListStyles, sourceLabelStyles];

  /** `active` (default): current medications only, past ones counted; `all`: past ones in a collapsed group. */
  @property({ reflect: true }) status: MedicationStatusFilter = 'active';

  /** Stop paging after this many records per search; the list then says "showing N of M". */
  @property({ type: Number }) limit?: number;

  @state() private pastOpen = false;
  /**
   * Rows in the DOM so far (current first, then past, in reading order): a long list draws its first
   * screenful in the first frame, then the rest a slice per frame, so 1,000 orders do not hold the
   * first frame back. The group counts always say the whole number and the lists are `aria-busy`
   * until every row is in, so keyboard order, find-in-page and screen-reader counts end up whole
   * (1,000 orders: five more frames).
   */
  @state() private drawnRows = FIRST_SCREEN_ROWS;
  private rowTotal = 0;
  /** The pending frame request of the next slice (0: none; a request's id is never 0). */
  private growFrame = 0;

  private get text(): MedicationListMessages {
    return this.localize.messages.medicationList;
  }

  protected subject(): string {
    return this.text.subject;
  }

  protected override loadInputs(): unknown[] {
    return [this.status, this.limit, this.localize.messages.dosage]; // i18n: dosage text is built in the model
  }

  protected fetchResources(loader: FhirLoader, signal: AbortSignal): Promise<MedicationSources> {
    return medicationSources(loader, this.limit ? { limit: this.limit } : {}, signal);
  }

  protected buildModel(data: MedicationSources, scope: PatientScope): MedicationListModel | Promise<MedicationListModel> {
    const model = medicationListModel({
      ...data,
      patientId: scope.patientId,
      aliases: scope.aliases,
      status: this.status === 'all' ? 'all' : 'active',
      unnamed: this.text.unnamed,
      vocabulary: this.localize.messages.dosage,
    });
    if (!model.past.length) return model;
    // `status="all"` with past orders: the past group's module, before `ready`. When it cannot be
    // loaded the list still shows the current orders, and says the past ones are unavailable.
    return import('./past-group.js').then(
      (module) => {
        pastGroup = module;
        module.adoptPastGroupStyles(this.renderRoot);
        return model;
      },
      () => model,
    );
  }

  protected override modelChanged(model: MedicationListModel): void {
    super.modelChanged(model);
    this.rowTotal = model.current.length + model.past.length;
    this.drawnRows = FIRST_SCREEN_ROWS;
    this.stopGrowing();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.grow();
  }

  /**
   * While a ready list is not yet whole (connected, no slice pending), adds the next slice in a later
   * frame's callback, so it is laid out and painted in that frame. The first slice waits one frame
   * more: the frame right after `ready` shows the first screenful alone (a slice added in its own
   * frame callback would hold that frame back). Later slices are asked for from within a frame
   * callback (this update runs in it), so they land one per frame.
   */
  private grow(): void {
    if (this.growFrame || this.state !== 'ready' || this.drawnRows >= this.rowTotal || !this.isConnected) return;
    const next = () => {
      this.growFrame = 0;
      this.drawnRows += ROWS_PER_FRAME;
    };
    this.growFrame = requestAnimationFrame(() => {
      if (this.drawnRows > FIRST_SCREEN_ROWS) next();
      else this.growFrame = requestAnimationFrame(next);
    });
  }

  private stopGrowing(): void {
    cancelAnimationFrame(this.growFrame);
    this.growFrame = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.grow(); // moved in the page while a long list was still filling in: go on where it stopped
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopGrowing();
  }

  /** Past orders to show whose group could not be loaded: the list says so, and is `partial`. */
  protected override partialModel(model: MedicationListModel): boolean {
    return this.status === 'all' && model.past.length > 0 && !pastGroup;
  }

  protected isEmpty(model: MedicationListModel): boolean {
    return !model.current.length && !model.past.length && !model.pastHidden && !model.statementError;
  }

  protected loadDetail(model: MedicationListModel): MedicationListLoadDetail {
    return {
      current: model.current.length,
      past: model.past.length,
      pastHidden: model.pastHidden,
      enteredInError: model.enteredInError,
      otherPatient: model.otherPatient,
      conflicts: model.current.filter((r) => r.conflicts.length).length,
      unresolved: model.unresolved,
    };
  }

  private select(row: MedicationRow): void {
    this.dispatchEvent(
      new CustomEvent<FhirSelectDetail>('fhir-select', { detail: { resource: row.resource }, bubbles: true, composed: true }),
    );
  }

  private renderDate(row: MedicationRow): TemplateResult | typeof nothing {
    const shown = this.localize.format.date(row.date);
    const iso = isoDatetime(row.date);
    if (!shown || !iso) return nothing;
    return html`<span>${this.text.dateRole[row.dateRole]} <time datetime=${iso}>${shown}</time></span>`;
  }

  private renderDosage(row: MedicationRow): TemplateResult {
    const t = this.text;
    const shown = row.dosage.filter((d) => d.display);
    if (!shown.length) return html`<p class="dosage" part="dosage">${t.noDosage}</p>`;
    return html`<ol class="dosage" part="dosage">
      ${shown.map(
        (d, i) => html`<li>
          ${i > 0 && !d.concurrent ? `${t.then} ` : nothing}${clampedText(d.display ?? '', this.messages.showAll)}${d.text &&
          d.generated &&
          d.text.toLowerCase() !== d.generated.toLowerCase()
            ? html` <span class="structured" part="dosage-structured">${t.structuredDosage} ${d.generated}</span>`
            : nothing}
        </li>`,
      )}
    </ol>`;
  }

  private renderRow(row: MedicationRow, group: 'current' | 'past', common: CommonMessages): TemplateResult {
    const t = this.text;
    const marked = MARKED_STATUSES.has(row.status);
    const conflictLabels = row.conflicts.map((c) => (c.unconfirmed ? t.unconfirmedAllergy(c.label) : c.label));
    return html`<li class="row" part="row" data-group=${group} data-status=${row.status} ?data-conflict=${row.conflicts.length > 0}>
      <div class="line">
        <button type="button" class="name" part="name" @click=${() => this.select(row)}>${row.name.name}</button>
        ${row.name.strength ? html`<span part="strength">${row.name.strength}</span>` : nothing}
        ${row.name.form ? html`<span part="form">${row.name.form}</span>` : nothing}
        ${row.name.source === 'display' ? html`<span class="reference-only">(${t.nameFromReferenceOnly})</span>` : nothing}
        ${this.multiSource ? renderSources(sourcesOf(row.resource), common, (items) => this.localize.format.list(items)) : nothing}
        <span class="status" part="status" data-status=${row.status} ?data-marked=${marked}
          >${t.status[row.status]}${marked ? html`<span class="visually-hidden">, ${t.notConfirmedTaking}</span>` : nothing}</span
        >
      </div>
      ${this.renderDosage(row)}
      ${row.conflicts.length
        ? html`<p class="conflict" part="conflict"><span aria-hidden="true">⚠ </span>${t.possibleConflict(conflictLabels.join(common.separator.list))}</p>`
        : nothing}
      <div class="meta" part="meta">
        ${row.who ? html`<span>${row.whoRole === 'prescriber' ? t.prescribedBy(row.who) : t.reportedBy(row.who)}</span>` : nothing}
        ${this.renderDate(row)}
        <span>${t.kind[row.kind]}</span>
      </div>
    </li>`;
  }

  private renderNotices(model: MedicationListModel, common: CommonMessages): TemplateResult | typeof nothing {
    const t = this.text;
    const warnings: string[] = [];
    // Past orders whose group could not be loaded (see `partialModel`): said where the group would be.
    if (model.past.length && !pastGroup) warnings.push(common.unavailable(t.pastGroup(model.past.length)));
    if (model.allergyCheck === 'failed') warnings.push(t.allergyCheckFailed(model.allergyError ?? ''));
    if (model.statementError) warnings.push(t.statementsFailed(model.statementError));
    const notes: string[] = [];
    for (const truncated of model.truncated) {
      notes.push(t.truncated(t.searchOf[truncated.kind], this.localize.format.number(truncated.shown) ?? '', this.localize.format.number(truncated.total)));
    }
    if (model.pastHidden) notes.push(t.pastNotShown(model.pastHidden));
    if (model.enteredInError) notes.push(common.hiddenEnteredInError(model.enteredInError));
    if (model.otherPatient) notes.push(common.hiddenOtherPatient(model.otherPatient));
    if (model.unresolved) notes.push(t.unresolvedNames(model.unresolved));
    if (!warnings.length && !notes.length) return nothing;
    return html`${warnings.map((w) => html`<p class="warning" part="notice warning" role="alert">${w}</p>`)}
    ${notes.length
      ? html`<ul class="notices" part="notice">
          ${notes.map((n) => html`<li class="notice">${n}</li>`)}
        </ul>`
      : nothing}`;
  }

  protected renderModel(model: MedicationListModel): TemplateResult {
    const t = this.text;
    const common = this.messages;
    const empty = this.isEmpty(model);
    const current = model.current.slice(0, this.drawnRows);
    const past = model.past.slice(0, Math.max(0, this.drawnRows - model.current.length));
    const busy = this.drawnRows < model.current.length + model.past.length ? 'true' : 'false';
    return html`<div class="base" part="base">
      ${empty
        ? html`<p part="empty" class="empty">${this.noneText(t.noneRecorded)}</p>`
        : html`<section class="group" part="group current" aria-labelledby="current-label">
              <p class="group-label" part="group-label" id="current-label">${t.currentGroup(model.current.length)}</p>
              ${model.current.length
                ? html`<ul class="list" part="list" aria-labelledby="current-label" aria-busy=${busy}>
                    ${current.map((row) => this.renderRow(row, 'current', common))}
                  </ul>`
                : html`<p part="empty">${this.noneText(t.noCurrent)}</p>`}
            </section>
            ${model.past.length && pastGroup
              ? pastGroup.renderPastGroup({
                  label: t.pastGroup(model.past.length),
                  open: this.pastOpen,
                  busy,
                  rows: past.map((row) => this.renderRow(row, 'past', common)),
                  onToggle: () => (this.pastOpen = !this.pastOpen),
                })
              : nothing}`}
      ${this.renderNotices(model, common)}
    </div>`;
  }
}
