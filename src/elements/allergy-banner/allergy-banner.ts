import { css, html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { FhirError } from '../../fhir/errors.js';
import type { FhirLoader, SearchResult } from '../../fhir/loader.js';
import { allergies } from '../../fhir/queries/allergies.js';
import type { AllergyStatusModel } from '../../model/allergy-status.js';
import type { PatientScope } from '../../model/patient-scope.js';
import { FhirWidget, type FhirLoadDetail } from '../base/fhir-widget.js';
import { allergyBannerEn, type AllergyBannerMessages } from '../shared/allergy-status.messages.js';
import {
  allergiesUnavailableFrom,
  allergyStatusOfSearch,
  allergyStatusStyles,
  renderAllergyStatus,
  renderStatus,
} from '../shared/allergy-status-view.js';
import { registerEnglish } from '../../i18n/registry.js';
import { sourceLabelStyles } from '../shared/source-labels.js';

/** `fhir-load` detail of `<fhir-allergy-banner>`. */
export interface AllergyBannerLoadDetail extends FhirLoadDetail {
  active: number;
  inactive: number;
  noKnownAssertions: number;
  enteredInError: number;
  refuted: number;
  otherPatient: number;
}

// This widget's English words come with it (other languages load by themselves, src/i18n/registry.ts).
registerEnglish('allergyBanner', allergyBannerEn);

/**
 * @tag fhir-allergy-banner
 * @summary The allergy line of a patient banner (NHS CUI): it leads with exactly one status —
 * **Known allergies**, **No known allergies** (only when the record asserts it, and only as far as
 * it asserts it), **Allergies not recorded**, or **Allergies unavailable** when the load failed —
 * then the allergens, high criticality first, and a button that shows reactions and dates.
 *
 * Entered-in-error records are hidden and counted; refuted ones are never shown as allergies;
 * unconfirmed and presumed ones are marked; inactive and resolved ones are listed apart. A
 * "no known allergies" record beside current allergies is flagged as a contradiction.
 *
 * @csspart base - The banner wrapper (every state, including loading and error).
 * @csspart status - The one status the banner leads with (`data-status` = known | no-known | not-recorded | unavailable).
 * @csspart allergens - The list of current allergens.
 * @csspart allergen - One allergen (also `high-criticality` when its criticality is high).
 * @csspart verification - The "Unconfirmed" / "Presumed" mark.
 * @csspart toggle - The button that shows and hides the details (`aria-expanded`, `aria-controls`).
 * @csspart details - The details panel: reactions (manifestation, severity, onset), recorded date.
 * @csspart detail - One allergy in the details panel.
 * @csspart reaction - One reaction in the details panel.
 * @csspart inactive - The group of inactive and resolved allergies.
 * @csspart notice - Hidden-record counts, partial assertions, truncation (`notice contradiction` for the conflict flag).
 * @csspart error-message - The reason the load failed.
 * @csspart retry - The Retry button after a failure.
 *
 * @cssprop --fhir-allergy-banner-background - Banner background (default `--fhir-color-surface`).
 * @cssprop --fhir-allergy-banner-border-color - Banner border (default `--fhir-color-border`).
 * @cssprop --fhir-allergy-banner-known-color - Text and edge of "Known allergies" and the contradiction flag (default `--fhir-color-critical`).
 * @cssprop --fhir-allergy-banner-known-background - Background of the same (default `--fhir-color-critical-surface`).
 * @cssprop --fhir-allergy-banner-high-criticality-color - High-criticality allergen text and icon (default `--fhir-color-critical`).
 * @cssprop --fhir-allergy-banner-no-known-color - "No known allergies" text (default `--fhir-color-ok`).
 * @cssprop --fhir-allergy-banner-padding - Inner padding (default `--fhir-space-2` `--fhir-space-3`).
 *
 * @fires fhir-load - Loaded; detail `{ active, inactive, noKnownAssertions, enteredInError, refuted, otherPatient }`.
 * @fires fhir-error - The load failed (the banner shows "Allergies unavailable"); detail `{ status?, message }`.
 */
export class FhirAllergyBanner extends FhirWidget<SearchResult, AllergyStatusModel, AllergyBannerLoadDetail> {
  static override styles = [
    ...FhirWidget.styles,
    allergyStatusStyles,
    sourceLabelStyles,
    css`
      .banner {
        padding: var(--fhir-allergy-banner-padding, var(--_space-2) var(--_space-3));
        border: 1px solid var(--_ab-border);
        border-radius: var(--_radius);
        background: var(--_ab-bg);
      }
      .banner[data-status='known'] {
        border-inline-start: 6px solid var(--_ab-known);
      }
      .banner[data-status='unavailable'] {
        border-inline-start: 6px solid var(--_critical);
        background: var(--_error-bg);
      }
      .error-message {
        overflow-wrap: anywhere;
      }
    `,
  ];

  @state() private expanded = false;

  private get text(): AllergyBannerMessages {
    return this.localize.messages.allergyBanner;
  }

  protected subject(): string {
    return this.text.subject;
  }

  protected fetchResources(loader: FhirLoader, signal: AbortSignal): Promise<SearchResult> {
    // Exactly the search the medication list and the summary make: one request for all three.
    return allergies(loader, signal);
  }

  protected buildModel(data: SearchResult, scope: PatientScope): AllergyStatusModel {
    return allergyStatusOfSearch(data, scope);
  }

  protected isEmpty(model: AllergyStatusModel): boolean {
    return model.status === 'not-recorded' && model.inactive.length === 0;
  }

  protected loadDetail(model: AllergyStatusModel): AllergyBannerLoadDetail {
    return {
      active: model.active.length,
      inactive: model.inactive.length,
      noKnownAssertions: model.assertions.length,
      enteredInError: model.hidden.enteredInError,
      refuted: model.hidden.refuted,
      otherPatient: model.hidden.otherPatient,
    };
  }

  /** The status line already says "Allergies unavailable from <label>": the notice names the source only (with the reason and Retry). */
  protected override sourceFailureTitle(source: string, model: AllergyStatusModel): string {
    return this.unavailableFrom(model) === undefined ? super.sourceFailureTitle(source, model) : source;
  }

  private unavailableFrom(model: AllergyStatusModel): string | undefined {
    return allergiesUnavailableFrom(model, this.failedSources.map((f) => f.source), this.text, this.messages);
  }

  protected renderModel(model: AllergyStatusModel): TemplateResult {
    const failed = this.failedSources.map((f) => f.source);
    return html`<div part="base" class="banner" data-status=${this.unavailableFrom(model) === undefined ? model.status : 'unavailable'}>
      ${renderAllergyStatus({
        model,
        showSources: this.multiSource,
        failed,
        text: this.text,
        common: this.messages,
        format: this.localize.format,
        expanded: this.expanded,
        onToggle: () => {
          this.expanded = !this.expanded;
        },
      })}
    </div>`;
  }

  /** A failure still leads with the status: "Allergies unavailable", the reason, and Retry. */
  protected override renderError(error: FhirError): TemplateResult {
    return html`<div part="base" class="banner" data-status="unavailable">
      ${this.renderUnavailable(error, { title: renderStatus('unavailable', this.text.status.unavailable), part: '', className: 'line' })}
    </div>`;
  }
}
