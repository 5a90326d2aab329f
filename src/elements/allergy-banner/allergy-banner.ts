import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { FhirError } from '../../fhir/errors.js';
import type { FhirLoader, SearchResult } from '../../fhir/loader.js';
import { ALLERGY_SEARCH } from '../../fhir/searches.js';
import { allergyStatus, type AllergyStatusModel } from '../../model/allergy-status.js';
import { patientAliases, recordPatient } from '../../model/patient-identity.js';
import { FhirWidget, type FhirLoadDetail } from '../base/fhir-widget.js';
import type { AllergyBannerMessages } from './allergy-banner.messages.js';
import { allergyStatusStyles, renderAllergyStatus, renderStatus } from './allergy-status-view.js';

/** The allergy model of one AllergyIntolerance search (shared with the patient summary). */
export function allergyStatusOfSearch(result: SearchResult, patientId: string | undefined): AllergyStatusModel {
  // With data given directly there is no context patient: the record's one Patient names it.
  const owner = patientId ?? recordPatient(result.included)?.id;
  return allergyStatus(result.resources, {
    patientId: owner,
    aliases: patientAliases(owner),
    truncated: result.truncated,
    ...(result.total === undefined ? {} : { total: result.total }),
  });
}

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
export class FhirAllergyBanner extends FhirWidget<AllergyStatusModel> {
  static override styles = [
    ...FhirWidget.styles,
    allergyStatusStyles,
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
    return loader.searchPatient(ALLERGY_SEARCH.resourceType, ALLERGY_SEARCH.params, { signal });
  }

  protected buildModel(data: unknown, patientId: string | undefined): AllergyStatusModel {
    return allergyStatusOfSearch(data as SearchResult, patientId);
  }

  protected isEmpty(model: AllergyStatusModel): boolean {
    return model.status === 'not-recorded' && model.inactive.length === 0;
  }

  protected loadDetail(model: AllergyStatusModel): FhirLoadDetail {
    return {
      active: model.active.length,
      inactive: model.inactive.length,
      noKnownAssertions: model.assertions.length,
      enteredInError: model.hidden.enteredInError,
      refuted: model.hidden.refuted,
      otherPatient: model.hidden.otherPatient,
    };
  }

  protected renderModel(model: AllergyStatusModel): TemplateResult {
    return html`<div part="base" class="banner" data-status=${model.status}>
      ${renderAllergyStatus({
        model,
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
    const text = this.text;
    return html`<div part="base" class="banner" data-status="unavailable" role="alert">
      <div class="line">
        ${renderStatus('unavailable', text.status.unavailable)}
        <span part="error-message" class="error-message">${this.errorText(error)}</span>
        ${error.kind === 'not-configured'
          ? nothing
          : html`<button part="retry" class="retry" type="button" @click=${() => this.retry()}>${this.messages.retry}</button>`}
      </div>
    </div>`;
  }
}
