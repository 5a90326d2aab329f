import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FhirError, isAbort, toFhirError } from '../../fhir/errors.js';
import { launchContextOf } from '../../fhir/launch-context.js';
import type { FhirLoader, SearchResult } from '../../fhir/loader.js';
import { ALLERGY_SEARCH, CONDITION_SEARCH, MEDICATION_REQUEST_SEARCH } from '../../fhir/searches.js';
import { langOf, type CommonMessages } from '../../i18n/messages.js';
import { activeMedications, type ActiveMedications } from '../../model/active-medications.js';
import type { AllergyStatusModel } from '../../model/allergy-status.js';
import { activeProblems, type ActiveProblems } from '../../model/conditions.js';
import { formatDate, isoDatetime } from '../../model/dates.js';
import type { AnyResource } from '../../model/fhir-types.js';
import { medicationReferenceToFetch } from '../../model/medication-name.js';
import { formatNumber } from '../../model/numbers.js';
import { patientAliases, patientIdentity, recordPatient, type PatientIdentity } from '../../model/patient-identity.js';
import { latestVitalSigns, VITAL_SIGN_CODE_PARAM, type LatestVitalSigns } from '../../model/vital-signs.js';
import { allergyStatusOfSearch } from '../allergy-banner/allergy-banner.js';
import { allergyBannerMessages, type AllergyBannerMessages } from '../allergy-banner/allergy-banner.messages.js';
import { allergyStatusStyles, fhirTime, renderAllergyStatus, renderStatus } from '../allergy-banner/allergy-status-view.js';
import { FhirWidget, type FhirLoadDetail } from '../base/fhir-widget.js';
import {
  patientSummaryMessages,
  SUMMARY_SECTIONS,
  type PatientSummaryMessages,
  type SummarySection,
} from './patient-summary.messages.js';
import { patientSummaryStyles } from './patient-summary.styles.js';

/** Most recent vital-sign Observations read (newest first); older readings are not searched. */
export const VITAL_SIGNS_LIMIT = 200;

/** The latest vital signs: every vital-sign code, newest first, one page of 100 at a time. */
export const VITAL_SIGNS_SEARCH = {
  resourceType: 'Observation',
  params: { code: VITAL_SIGN_CODE_PARAM, _sort: '-date', _count: '100' },
} as const;

/** A section's data, or why it could not be loaded (the rest of the summary still shows). */
type Outcome<T> = { value: T } | { error: FhirError };

interface SummaryData {
  patient?: AnyResource;
  allergies?: Outcome<SearchResult>;
  problems?: Outcome<SearchResult>;
  medications?: Outcome<{ result: SearchResult; fetched: AnyResource[] }>;
  vitals?: Outcome<SearchResult>;
  /** False when a SMART launch said `need_patient_banner: false` (the EHR shows its own). */
  patientBanner?: boolean;
}

export interface PatientSummaryModel {
  identity?: PatientIdentity;
  /** Whether the identity block is shown (false inside an EHR that shows its own patient banner). */
  patientBanner: boolean;
  sections: SummarySection[];
  allergies?: Outcome<AllergyStatusModel>;
  problems?: Outcome<ActiveProblems>;
  medications?: Outcome<ActiveMedications>;
  vitals?: Outcome<LatestVitalSigns>;
}

/** `sections="allergies vitals"` or `"allergies,vitals"`; unknown names are ignored; none = all. */
export function parseSections(value: string | null | undefined): SummarySection[] {
  const asked = new Set((value ?? '').split(/[\s,]+/).filter(Boolean));
  const chosen = SUMMARY_SECTIONS.filter((section) => asked.has(section));
  return chosen.length ? chosen : [...SUMMARY_SECTIONS];
}

function mapOutcome<T, U>(outcome: Outcome<T> | undefined, map: (value: T) => U): Outcome<U> | undefined {
  if (!outcome) return undefined;
  return 'error' in outcome ? outcome : { value: map(outcome.value) };
}

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
 * @fires fhir-load - Loaded; detail `{ allergies, problems, medications, vitals, enteredInError, otherPatient, unavailableSections }`.
 * @fires fhir-error - The Patient could not be read; detail `{ status?, message }`.
 */
export class FhirPatientSummary extends FhirWidget<PatientSummaryModel> {
  static override styles = [...FhirWidget.styles, allergyStatusStyles, patientSummaryStyles];

  /** Sections to show, space- or comma-separated: `allergies problems medications vitals` (default all). */
  @property() sections?: string;

  @state() private allergiesExpanded = false;

  private get text(): PatientSummaryMessages {
    return patientSummaryMessages(langOf(this));
  }

  private get allergyText(): AllergyBannerMessages {
    return allergyBannerMessages(langOf(this));
  }

  protected subject(): string {
    return this.text.subject;
  }

  protected override loadInputs(): unknown[] {
    return [parseSections(this.sections).join(' ')];
  }

  protected async fetchResources(loader: FhirLoader, signal: AbortSignal): Promise<SummaryData> {
    const sections = new Set(parseSections(this.sections));
    const patientId = await loader.patientId();
    let patient: Promise<AnyResource | undefined>;
    if (patientId !== undefined) {
      patient = loader.read(`Patient/${patientId}`, { signal });
    } else {
      const local = await loader.localResources();
      if (!local) throw new FhirError('not-configured', 'No patient is selected: set the patient attribute of <fhir-context>.');
      patient = Promise.resolve(recordPatient(local));
    }
    const settle = async <T>(run: () => Promise<T>): Promise<Outcome<T>> => {
      try {
        return { value: await run() };
      } catch (error) {
        if (signal.aborted || isAbort(error)) throw error;
        return { error: toFhirError(error) };
      }
    };
    const search = (type: string, params: Readonly<Record<string, string>>, limit?: number) =>
      loader.searchPatient(type, params, { signal, ...(limit ? { limit } : {}) });
    const [record, allergies, problems, medications, vitals] = await Promise.all([
      patient,
      sections.has('allergies') ? settle(() => search(ALLERGY_SEARCH.resourceType, ALLERGY_SEARCH.params)) : undefined,
      sections.has('problems') ? settle(() => search(CONDITION_SEARCH.resourceType, CONDITION_SEARCH.params)) : undefined,
      sections.has('medications')
        ? settle(async () => {
            const result = await search(MEDICATION_REQUEST_SEARCH.resourceType, MEDICATION_REQUEST_SEARCH.params);
            // Medications neither contained nor included: read them (deduped with the medication list).
            const references = new Set(
              result.resources.map((r) => medicationReferenceToFetch(r, result.included)).filter((r): r is string => !!r),
            );
            const reads = await Promise.allSettled([...references].map((ref) => loader.read(ref, { signal })));
            const fetched = reads.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
            return { result, fetched };
          })
        : undefined,
      sections.has('vitals')
        ? settle(() => search(VITAL_SIGNS_SEARCH.resourceType, VITAL_SIGNS_SEARCH.params, VITAL_SIGNS_LIMIT))
        : undefined,
    ]);
    const patientBanner = launchContextOf(loader)?.needPatientBanner !== false;
    return { patient: record, allergies, problems, medications, vitals, patientBanner };
  }

  protected buildModel(raw: unknown, patientId: string | undefined): PatientSummaryModel {
    const data = raw as SummaryData;
    const owner = patientId ?? (typeof data.patient?.id === 'string' ? data.patient.id : undefined);
    const scope = { patientId: owner, aliases: patientAliases(owner) };
    return {
      ...(data.patient ? { identity: patientIdentity(data.patient) } : {}),
      patientBanner: data.patientBanner !== false,
      sections: parseSections(this.sections),
      allergies: mapOutcome(data.allergies, (result) => allergyStatusOfSearch(result, owner)),
      problems: mapOutcome(data.problems, (result) => activeProblems(result.resources, scope)),
      medications: mapOutcome(data.medications, ({ result, fetched }) =>
        activeMedications(result.resources, {
          ...scope,
          included: [...result.included, ...fetched],
          unnamed: this.text.unnamedMedication,
          truncated: result.truncated,
          ...(result.total === undefined ? {} : { total: result.total }),
        }),
      ),
      vitals: mapOutcome(data.vitals, (result) => latestVitalSigns(result.resources, { ...scope, truncated: result.truncated })),
    };
  }

  protected isEmpty(model: PatientSummaryModel): boolean {
    const value = <T>(o: Outcome<T> | undefined) => (o && 'value' in o ? o.value : undefined);
    return (
      !model.identity &&
      (value(model.allergies)?.status ?? 'not-recorded') === 'not-recorded' &&
      !value(model.problems)?.problems.length &&
      !value(model.medications)?.names.length &&
      !value(model.vitals)?.readings.some((r) => r.value !== undefined)
    );
  }

  protected loadDetail(model: PatientSummaryModel): FhirLoadDetail {
    const value = <T>(o: Outcome<T> | undefined) => (o && 'value' in o ? o.value : undefined);
    const allergies = value(model.allergies);
    const problems = value(model.problems);
    const medications = value(model.medications);
    const vitals = value(model.vitals);
    const hidden = [allergies?.hidden, problems?.hidden, medications?.hidden, vitals?.hidden];
    return {
      allergies: allergies?.active.length ?? 0,
      problems: problems?.problems.length ?? 0,
      medications: medications?.names.length ?? 0,
      vitals: vitals?.readings.filter((r) => r.value !== undefined).length ?? 0,
      enteredInError: hidden.reduce((sum, h) => sum + (h?.enteredInError ?? 0), 0),
      otherPatient: hidden.reduce((sum, h) => sum + (h?.otherPatient ?? 0), 0),
      unavailableSections: [model.allergies, model.problems, model.medications, model.vitals].filter((o) => o && 'error' in o)
        .length,
    };
  }

  protected renderModel(model: PatientSummaryModel): TemplateResult {
    return html`<div part="base" class="summary">
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
    const m = this.messages;
    const id = identity ?? { identifiers: [] };
    const born = formatDate(id.birthDate, m.months);
    const bornIso = isoDatetime(id.birthDate);
    const living = !id.deceased;
    return html`<header part="identity" class="identity" ?data-deceased=${!living}>
      <span part="name" class="name">${id.name ?? t.nameNotKnown}</span>
      <dl class="facts">
        <div part="fact" class="fact">
          <dt>${t.born}</dt>
          <dd>
            ${born && bornIso ? html`<time datetime=${bornIso}>${born}</time>` : html`<span class="not-known">${m.notKnown}</span>`}${living &&
            id.age
              ? ` (${id.age})`
              : nothing}
          </dd>
        </div>
        <div part="fact" class="fact">
          <dt>${t.gender}</dt>
          <dd>${id.gender ? t.genders[id.gender] : html`<span class="not-known">${m.notKnown}</span>`}</dd>
        </div>
        ${id.identifiers.length
          ? id.identifiers.map(
              (identifier) => html`<div part="fact" class="fact">
                <dt>${identifier.kind ? t.identifierKinds[identifier.kind] : (identifier.typeText ?? t.identifierOther)}</dt>
                <dd>${identifier.value}</dd>
              </div>`,
            )
          : html`<div part="fact" class="fact">
              <dt>${t.identifiers}</dt>
              <dd><span class="not-known">${m.notKnown}</span></dd>
            </div>`}
      </dl>
      ${id.deceased
        ? html`<p part="deceased" class="deceased">
            <span aria-hidden="true">✝ </span>${t.deceased}
            ${id.deceased.date ? fhirTime(id.deceased.date, m) : t.deceasedDateNotKnown}${id.age ? ` (${t.ageAtDeath(id.age)})` : nothing}
          </p>`
        : nothing}
    </header>`;
  }

  private renderSection(section: SummarySection, model: PatientSummaryModel): TemplateResult {
    const t = this.text;
    const outcome = model[section];
    const titleId = `section-${section}`;
    let title = t.section[section];
    let body: unknown = nothing;
    if (outcome && 'error' in outcome) {
      body = this.renderSectionError(section, outcome.error);
    } else if (outcome) {
      switch (section) {
        case 'allergies':
          body = renderAllergyStatus({
            model: outcome.value as AllergyStatusModel,
            text: this.allergyText,
            common: this.messages,
            expanded: this.allergiesExpanded,
            onToggle: () => {
              this.allergiesExpanded = !this.allergiesExpanded;
            },
          });
          break;
        case 'problems': {
          const problems = outcome.value as ActiveProblems;
          title = t.withCount(title, problems.problems.length);
          body = this.renderProblems(problems);
          break;
        }
        case 'medications': {
          const medications = outcome.value as ActiveMedications;
          title = t.withCount(title, medications.names.length);
          body = this.renderMedications(medications);
          break;
        }
        case 'vitals':
          body = this.renderVitals(outcome.value as LatestVitalSigns);
          break;
      }
    }
    return html`<section part="section ${section}" class="section" aria-labelledby=${titleId}>
      <h3 part="section-title" class="section-title" id=${titleId}>${title}</h3>
      ${body}
    </section>`;
  }

  private renderSectionError(section: SummarySection, error: FhirError): TemplateResult {
    const m = this.messages;
    const label = section === 'allergies' ? this.allergyText.status.unavailable : m.unavailable(this.text.section[section]);
    return html`<div part="section-error" class="section-error" role="alert">
      ${section === 'allergies' ? renderStatus('unavailable', label) : html`<strong>${label}</strong>`}
      <span part="error-message">${error.message}</span>
      <button part="retry" class="retry" type="button" @click=${() => this.retry()}>${m.retry}</button>
    </div>`;
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

  private renderProblems(model: ActiveProblems): TemplateResult {
    const t = this.text;
    const m = this.messages;
    return html`${model.problems.length
      ? html`<ul class="items">
          ${model.problems.map(
            (problem) => html`<li part="problem">
              ${problem.text ?? m.notKnown}${problem.clinicalStatus !== 'active'
                ? html` <span class="mark">${t.problemStatus[problem.clinicalStatus]}</span>`
                : nothing}${problem.verification ? html` <span class="mark">${t.problemVerification[problem.verification]}</span>` : nothing}
              <span class="muted"
                >· ${t.since}
                ${problem.onset ? fhirTime(problem.onset, m) : (problem.onsetText ?? fhirTime(problem.recorded, m))}</span
              >
            </li>`,
          )}
        </ul>`
      : html`<p class="muted">${t.noProblems}</p>`}
    ${this.renderNotices(model.hidden)}`;
  }

  private renderMedications(model: ActiveMedications): TemplateResult {
    const t = this.text;
    const truncated = model.truncated
      ? t.truncated(formatNumber(model.names.length) ?? '', model.total === undefined ? undefined : formatNumber(model.total))
      : undefined;
    return html`${model.names.length
      ? html`<ul class="items">
          ${model.names.map((name) => html`<li part="medication">${name}</li>`)}
        </ul>`
      : html`<p class="muted">${t.noMedications}</p>`}
    ${this.renderNotices(model.hidden, truncated)}`;
  }

  private renderVitals(model: LatestVitalSigns): TemplateResult {
    const t = this.text;
    const m = this.messages;
    const missing = model.truncated ? t.vitalNotInLatest(formatNumber(VITAL_SIGNS_LIMIT) ?? '') : t.vitalNotRecorded;
    return html`<dl class="vitals">
        ${model.readings.map(
          (reading) => html`<dt>${t.vital[reading.sign]}</dt>
            <dd part="vital" data-sign=${reading.sign}>
              ${reading.value
                ? html`<span class="value">${reading.value}</span>${reading.unit ? ` ${reading.unit}` : nothing}
                    <span class="muted">· ${fhirTime(reading.date, m)}</span>`
                : html`<span class="muted">${missing}</span>`}
            </dd>`,
        )}
      </dl>
      ${this.renderNotices(model.hidden)}`;
  }
}
