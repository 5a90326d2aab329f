import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FhirError } from '../../fhir/errors.js';
import { launchContextOf } from '../../fhir/launch-context.js';
import type { FhirLoader } from '../../fhir/loader.js';
import { patientSummary, VITAL_SIGNS_LIMIT, type Outcome, type PatientSummaryData } from '../../fhir/queries/patient-summary.js';
import type { CommonMessages } from '../../i18n/messages.js';
import { activeMedications, type ActiveMedications } from '../../model/active-medications.js';
import type { AllergyStatusModel } from '../../model/allergy-status.js';
import { activeProblems, type ActiveProblems } from '../../model/conditions.js';
import { isoDatetime } from '../../model/dates.js';
import { parseIdentifierTypes, patientIdentity, type PatientIdentity } from '../../model/patient-identity.js';
import type { PatientScope } from '../../model/patient-scope.js';
import type { SourcedData } from '../../model/source-merge.js';
import { latestVitalSigns, type LatestVitalSigns, type VitalReading } from '../../model/vital-signs.js';
import { clampedText } from '../shared/clamped-text.js';
import { sourceLabelStyles } from '../shared/source-labels.js';
import { FhirWidget, sourceMergeRules, type FhirLoadDetail } from '../base/fhir-widget.js';
import type { IdentityMismatch } from '../base/several-sources.js';
import { allergyBannerEn, type AllergyBannerMessages } from '../shared/allergy-status.messages.js';
import {
  allergyStatusOfSearch,
  allergyStatusStyles,
  fhirTime,
  renderAllergyStatus,
  renderSources,
  renderStatus,
} from '../shared/allergy-status-view.js';
import {
  SUMMARY_SECTIONS,
  patientSummaryEn,
  type PatientSummaryMessages,
  type SummarySection,
} from './patient-summary.messages.js';
import { patientSummaryStyles } from './patient-summary.styles.js';
import { registerEnglish } from '../../i18n/registry.js';

export { VITAL_SIGNS_LIMIT, VITAL_SIGNS_SEARCH } from '../../fhir/queries/patient-summary.js';

/** What the summary loads: the query's sections, and whether to show the identity block. */
type SummaryData = PatientSummaryData & {
  /** False when a SMART launch said `need_patient_banner: false` (the EHR shows its own). */
  patientBanner: boolean;
  /** Several sources: where another source's Patient differs from the one shown. */
  identityMismatches?: IdentityMismatch[];
};

export type { IdentityMismatch };

export interface PatientSummaryModel {
  identity?: PatientIdentity;
  /** Whether the identity block is shown (false inside an EHR that shows its own patient banner). */
  patientBanner: boolean;
  /** Sources whose Patient differs from the one shown (shown prominently, counted in `fhir-load`). */
  identityMismatches: readonly IdentityMismatch[];
  sections: SummarySection[];
  allergies?: Outcome<AllergyStatusModel>;
  problems?: Outcome<ActiveProblems>;
  medications?: Outcome<ActiveMedications>;
  vitals?: Outcome<LatestVitalSigns>;
}

/** `fhir-load` detail of `<fhir-patient-summary>`. */
export interface PatientSummaryLoadDetail extends FhirLoadDetail {
  allergies: number;
  problems: number;
  medications: number;
  vitals: number;
  enteredInError: number;
  otherPatient: number;
  unavailableSections: number;
  /** Several sources: how many other sources' Patient differs in name, birth date or gender. */
  identityMismatch: number;
}

/** `sections="allergies vitals"` or `"allergies,vitals"`; unknown names are ignored; none = all. */
export function parseSections(value: string | null | undefined): SummarySection[] {
  const asked = new Set((value ?? '').split(/[\s,]+/).filter(Boolean));
  const chosen = SUMMARY_SECTIONS.filter((section) => asked.has(section));
  return chosen.length ? chosen : [...SUMMARY_SECTIONS];
}

/** An outcome's value; undefined when the section failed or was not asked for. */
const valueOf = <T>(outcome: Outcome<T> | undefined): T | undefined => (outcome && 'value' in outcome ? outcome.value : undefined);

function mapOutcome<T, U>(outcome: Outcome<T> | undefined, map: (value: T) => U): Outcome<U> | undefined {
  if (!outcome) return undefined;
  return 'error' in outcome ? outcome : { value: map(outcome.value) };
}

// This widget's English words come with it (other languages load by themselves, src/i18n/registry.ts).
registerEnglish('patientSummary', patientSummaryEn);
registerEnglish('allergyBanner', allergyBannerEn);

/**
 * @tag fhir-patient-summary
 * @summary The patient banner and summary: identity in the NHS CUI style (`FAMILY, Given (Title)`,
 * `Born 14-Jul-1945 (80y)`, gender, identifiers with their type, deceased shown unmistakably with its
 * date), then the allergy status (the same view as `<fhir-allergy-banner>`), active problems,
 * active medications and the latest vital signs, each value with its unit and date.
 *
 * Records of another patient are dropped and counted; entered-in-error records are hidden and
 * counted. A section that fails to load says so ("Allergies unavailable") while the rest shows;
 * if the Patient itself cannot be read, the whole summary is in the error state.
 *
 * @csspart base - The summary wrapper (every state, including loading and error).
 * @csspart identity - The identity banner.
 * @csspart identity-mismatch - Several sources: another source's Patient differs in name, birth date or gender ("Identity differs in …").
 * @csspart name - The patient's name.
 * @csspart fact - One labelled fact (born, gender, an identifier).
 * @csspart deceased - The deceased flag with the date of death.
 * @csspart section - Each summary section (`section allergies`, `section problems` …).
 * @csspart section-title - A section's heading.
 * @csspart status - The allergy status (see `<fhir-allergy-banner>`); its other parts apply too.
 * @csspart allergen - One current allergen.
 * @csspart toggle - Shows and hides allergy details (`aria-expanded`).
 * @csspart details - The allergy details panel.
 * @csspart problem - One active problem.
 * @csspart medication - One active medication.
 * @csspart vital - One vital-sign value.
 * @csspart notice - Hidden-record counts and truncation.
 * @csspart section-error - A section that could not be loaded.
 * @csspart error-message - The reason a load failed.
 * @csspart retry - The Retry button after a failure.
 *
 * @cssprop --fhir-patient-summary-background - Summary background (default `--fhir-color-surface`).
 * @cssprop --fhir-patient-summary-banner-background - Identity banner background (default `--fhir-color-surface-subtle`).
 * @cssprop --fhir-patient-summary-deceased-color - Deceased flag text and border (default `--fhir-color-text`).
 * @cssprop --fhir-patient-summary-deceased-background - Deceased flag background (default `--fhir-color-surface-subtle`).
 * @cssprop --fhir-patient-summary-gap - Space between and around sections (default `--fhir-space-3`).
 * @cssprop --fhir-allergy-banner-known-color - The allergy section honours the allergy banner's properties.
 *
 * @fires fhir-load - Loaded; detail `{ allergies, problems, medications, vitals, enteredInError, otherPatient, unavailableSections, identityMismatch }` (and per-source counts with several sources).
 * @fires fhir-error - The Patient could not be read; detail `{ status?, message }`.
 */
export class FhirPatientSummary extends FhirWidget<SummaryData, PatientSummaryModel, PatientSummaryLoadDetail> {
  static override styles = [...FhirWidget.styles, allergyStatusStyles, patientSummaryStyles, sourceLabelStyles];

  /** Sections to show, space- or comma-separated: `allergies problems medications vitals` (default all). */
  @property() sections?: string;

  /**
   * Identifier types to show, as HL7 v2-0203 codes, space- or comma-separated: `MR` (medical record
   * number), `NH` (national health number), `NI`, `PPN`, `DL`, `SS`, and `other` for types the kit
   * does not name. Default: all. Social-security numbers are always masked (`***-**-5375`).
   */
  @property() identifiers?: string;

  @state() private allergiesExpanded = false;

  private get text(): PatientSummaryMessages {
    return this.localize.messages.patientSummary;
  }

  /** The age in this widget's language (the CUI's `80y` in the default English). */
  private ageText(identity: PatientIdentity): string {
    return identity.ageParts ? this.localize.format.age(identity.ageParts) : (identity.age ?? '');
  }

  private get allergyText(): AllergyBannerMessages {
    return this.localize.messages.allergyBanner;
  }

  protected subject(): string {
    return this.text.subject;
  }

  protected override loadInputs(): unknown[] {
    return [parseSections(this.sections).join(' '), parseIdentifierTypes(this.identifiers)?.join(' ')];
  }

  protected async fetchResources(loader: FhirLoader, signal: AbortSignal): Promise<SummaryData> {
    const sections = parseSections(this.sections);
    const asked = Object.fromEntries(SUMMARY_SECTIONS.map((section) => [section, sections.includes(section)]));
    const data = await patientSummary(loader, asked as Record<SummarySection, boolean>, signal);
    return { ...data, patientBanner: launchContextOf(loader)?.needPatientBanner !== false };
  }

  protected buildModel(data: SummaryData, scope: PatientScope): PatientSummaryModel {
    const owner = { patientId: scope.patientId, aliases: scope.aliases };
    return {
      ...(data.patient
        ? { identity: patientIdentity(data.patient, { identifierTypes: parseIdentifierTypes(this.identifiers) }) }
        : {}),
      patientBanner: data.patientBanner,
      identityMismatches: data.identityMismatches ?? [],
      sections: parseSections(this.sections),
      allergies: mapOutcome(data.allergies, (result) => allergyStatusOfSearch(result, scope)),
      problems: mapOutcome(data.problems, (result) => activeProblems(result.resources, owner)),
      medications: mapOutcome(data.medications, ({ result, fetched }) =>
        activeMedications(result.resources, {
          ...owner,
          included: [...result.included, ...fetched],
          unnamed: this.text.unnamedMedication,
          truncated: result.truncated,
          ...(result.total === undefined ? {} : { total: result.total }),
        }),
      ),
      vitals: mapOutcome(data.vitals, (result) => latestVitalSigns(result.resources, { ...owner, truncated: result.truncated })),
    };
  }

  /**
   * The primary source's identity is the one shown; each other source's Patient is compared with
   * it (family, given, birth date, gender) and any difference is carried to the model.
   */
  protected override mergeSources(parts: readonly SourcedData<SummaryData>[], scopes: readonly PatientScope[]): SummaryData {
    const merged = super.mergeSources(parts, scopes);
    const shown = parts[0]?.data.patient;
    return { ...merged, ...(shown ? { patient: shown } : {}), identityMismatches: sourceMergeRules().identityMismatches(parts) };
  }

  protected isEmpty(model: PatientSummaryModel): boolean {
    return (
      !model.identity &&
      (valueOf(model.allergies)?.status ?? 'not-recorded') === 'not-recorded' &&
      !valueOf(model.problems)?.problems.length &&
      !valueOf(model.medications)?.names.length &&
      !valueOf(model.vitals)?.readings.some((r) => r.value !== undefined)
    );
  }

  protected loadDetail(model: PatientSummaryModel): PatientSummaryLoadDetail {
    const allergies = valueOf(model.allergies);
    const problems = valueOf(model.problems);
    const medications = valueOf(model.medications);
    const vitals = valueOf(model.vitals);
    const hidden = [allergies?.hidden, problems?.hidden, medications?.hidden, vitals?.hidden];
    const hiddenCount = (key: 'enteredInError' | 'otherPatient') => hidden.reduce((sum, h) => sum + (h?.[key] ?? 0), 0);
    return {
      allergies: allergies?.active.length ?? 0,
      problems: problems?.problems.length ?? 0,
      medications: medications?.names.length ?? 0,
      vitals: vitals?.readings.filter((r) => r.value !== undefined).length ?? 0,
      enteredInError: hiddenCount('enteredInError'),
      otherPatient: hiddenCount('otherPatient'),
      unavailableSections: [model.allergies, model.problems, model.medications, model.vitals].filter((o) => o && 'error' in o)
        .length,
      identityMismatch: model.identityMismatches.length,
    };
  }

  protected renderModel(model: PatientSummaryModel): TemplateResult {
    return html`<div part="base" class="summary">
      ${model.identityMismatches.length
        ? sourceMergeRules().renderIdentityMismatches(model.identityMismatches, this.text, {
            notKnown: this.messages.notKnown,
            date: (value) => this.localize.format.date(value),
            list: (items) => this.localize.format.list(items),
          })
        : nothing}
      ${model.patientBanner ? this.renderIdentity(model.identity) : nothing}
      <div class="sections">${model.sections.map((section) => this.renderSection(section, model))}</div>
    </div>`;
  }

  /** If the Patient cannot be read nothing is shown as data, and the allergy status says so too. */
  protected override renderError(error: FhirError): TemplateResult {
    return html`<div part="base" class="summary">
      ${super.renderError(error)}
      ${parseSections(this.sections).includes('allergies')
        ? html`<div>${renderStatus('unavailable', this.allergyText.status.unavailable)}</div>`
        : nothing}
    </div>`;
  }

  private renderIdentity(identity: PatientIdentity | undefined): TemplateResult {
    const t = this.text;
    const notKnown = html`<span class="not-known">${this.messages.notKnown}</span>`;
    const fact = (label: string, value: unknown) => html`<div part="fact" class="fact"><dt>${label}</dt><dd>${value}</dd></div>`;
    const id = identity ?? { identifiers: [] };
    const born = this.localize.format.date(id.birthDate);
    const bornIso = isoDatetime(id.birthDate);
    const age = this.ageText(id);
    return html`<header part="identity" class="identity" ?data-deceased=${!!id.deceased}>
      <span part="name" class="name">${id.name ?? t.nameNotKnown}</span>
      <dl class="facts">
        ${fact(
          t.born,
          html`${born && bornIso ? html`<time datetime=${bornIso}>${born}</time>` : notKnown}${!id.deceased && id.age ? ` (${age})` : nothing}`,
        )}
        ${fact(t.gender, id.gender ? t.genders[id.gender] : notKnown)}
        ${id.identifiers.length
          ? id.identifiers.map((identifier) =>
              fact(identifier.kind ? t.identifierKinds[identifier.kind] : (identifier.typeText ?? t.identifierOther), identifier.value),
            )
          : fact(t.identifiers, notKnown)}
      </dl>
      ${id.deceased
        ? html`<p part="deceased" class="deceased">
            <span aria-hidden="true">✝ </span>${t.deceased}
            ${id.deceased.date ? fhirTime(id.deceased.date, this.messages, this.localize.format) : t.deceasedDateNotKnown}${id.age
              ? ` (${t.ageAtDeath(age)})`
              : nothing}
          </p>`
        : nothing}
    </header>`;
  }

  private renderSection(section: SummarySection, model: PatientSummaryModel): TemplateResult {
    const t = this.text;
    const titleId = `section-${section}`;
    let title = t.section[section];
    let body: unknown = nothing;
    const shown = <T>(outcome: Outcome<T> | undefined, render: (value: T) => unknown): unknown => {
      if (!outcome) return nothing;
      return 'error' in outcome ? this.renderSectionError(section, outcome.error) : render(outcome.value);
    };
    switch (section) {
      case 'allergies':
        body = shown(model.allergies, (allergies) =>
          renderAllergyStatus({
            model: allergies,
            showSources: this.multiSource,
            failed: this.failedSources.map((f) => f.source),
            text: this.allergyText,
            common: this.messages,
            format: this.localize.format,
            expanded: this.allergiesExpanded,
            onToggle: () => {
              this.allergiesExpanded = !this.allergiesExpanded;
            },
          }),
        );
        break;
      case 'problems':
        body = shown(model.problems, (problems) => {
          title = t.withCount(title, problems.problems.length);
          return this.renderProblems(problems);
        });
        break;
      case 'medications':
        body = shown(model.medications, (medications) => {
          title = t.withCount(title, medications.names.length);
          return this.renderMedications(medications);
        });
        break;
      case 'vitals':
        body = shown(model.vitals, (vitals) => this.renderVitals(vitals));
        break;
    }
    return html`<section part="section ${section}" class="section" aria-labelledby=${titleId}>
      <h3 part="section-title" class="section-title" id=${titleId}>${title}</h3>
      ${body}
    </section>`;
  }

  private renderSectionError(section: SummarySection, error: FhirError): TemplateResult {
    const label = section === 'allergies' ? this.allergyText.status.unavailable : this.messages.unavailable(this.text.section[section]);
    return this.renderUnavailable(error, {
      title: section === 'allergies' ? renderStatus('unavailable', label) : html`<strong>${label}</strong>`,
      part: 'section-error',
      className: 'section-error',
    });
  }

  private renderNotices(hidden: { enteredInError: number; otherPatient: number }, truncated?: string): unknown {
    const m: CommonMessages = this.messages;
    const notices = [
      ...(hidden.enteredInError ? [m.hiddenEnteredInError(hidden.enteredInError)] : []),
      ...(hidden.otherPatient ? [m.hiddenOtherPatient(hidden.otherPatient)] : []),
      ...(truncated ? [truncated] : []),
    ];
    return notices.map((notice) => html`<p part="notice" class="notice">${notice}</p>`);
  }

  /** Several sources: a row's compact source labels (full names for assistive technology); nothing with one source. */
  private rowSources(sources: readonly string[] | undefined): unknown {
    return this.multiSource && sources?.length ? renderSources(sources, this.messages, (items) => this.localize.format.list(items)) : nothing;
  }

  private renderProblems(model: ActiveProblems): TemplateResult {
    const t = this.text;
    const m = this.messages;
    return html`${model.problems.length
      ? html`<ul class="items">
          ${model.problems.map(
            (problem) => html`<li part="problem">
              ${problem.text ? clampedText(problem.text, m.showAll) : m.notKnown}${problem.clinicalStatus !== 'active'
                ? html` <span class="mark">${t.problemStatus[problem.clinicalStatus]}</span>`
                : nothing}${problem.verification ? html` <span class="mark">${t.problemVerification[problem.verification]}</span>` : nothing}
              <span class="muted"
                >· ${t.since}
                ${problem.onset
                  ? fhirTime(problem.onset, m, this.localize.format)
                  : problem.onsetText
                    ? clampedText(problem.onsetText, m.showAll)
                    : fhirTime(problem.recorded, m, this.localize.format)}</span
              >${this.rowSources(problem.sources)}
            </li>`,
          )}
        </ul>`
      : html`<p class="muted">${this.noneText(t.noProblems)}</p>`}
    ${this.renderNotices(model.hidden)}`;
  }

  private renderMedications(model: ActiveMedications): TemplateResult {
    const t = this.text;
    const truncated = model.truncated
      ? t.truncated(this.localize.format.number(model.names.length) ?? '', model.total === undefined ? undefined : this.localize.format.number(model.total))
      : undefined;
    return html`${model.names.length
      ? html`<ul class="items">
          ${model.items.map((item) => html`<li part="medication">${item.name}${this.rowSources(item.sources)}</li>`)}
        </ul>`
      : html`<p class="muted">${this.noneText(t.noMedications)}</p>`}
    ${this.renderNotices(model.hidden, truncated)}`;
  }

  /** A vital sign's numbers in the widget's language (`37,5` in es and de), `120/80` for blood pressure. */
  private vitalValue(reading: VitalReading): string | undefined {
    if (!reading.numbers) return reading.value;
    return reading.numbers.map((n) => `${n.comparator}${this.localize.format.number(n.value) ?? ''}`).join('/');
  }

  private renderVitals(model: LatestVitalSigns): TemplateResult {
    const t = this.text;
    const m = this.messages;
    const missing = model.truncated ? t.vitalNotInLatest(this.localize.format.number(VITAL_SIGNS_LIMIT) ?? '') : t.vitalNotRecorded;
    return html`<dl class="vitals">
        ${model.readings.map(
          (reading) => html`<dt>${t.vital[reading.sign]}</dt>
            <dd part="vital" data-sign=${reading.sign}>
              ${reading.value
                ? html`<span class="value">${this.vitalValue(reading)}</span>${reading.unit ? ` ${reading.unit}` : nothing}
                    <span class="muted">· ${fhirTime(reading.date, m, this.localize.format)}</span>`
                : html`<span class="muted">${missing}</span>`}
            </dd>`,
        )}
      </dl>
      ${this.renderNotices(model.hidden)}`;
  }
}
