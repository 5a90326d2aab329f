import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { FhirError } from '../../fhir/errors.js';
import type { FhirLoader, IdleReason } from '../../fhir/loader.js';
import type { SourceSet } from '../../fhir/sources-context.js';
import {
  callCdsServices,
  cdsBase,
  DEFAULT_CDS_TIMEOUT_MS,
  type CdsCallResult,
  type CdsRecordSource,
  type CdsServiceError,
} from '../../fhir/queries/cds.js';
import {
  CDS_INDICATORS,
  safeHttpUrl,
  sortCards,
  type CdsAction,
  type CdsCard,
  type CdsCoding,
  type CdsLink,
  type CdsSuggestion,
  type ServiceCard,
} from '../../model/cds-cards.js';
import type { CdsOutcome } from '../../model/cds-feedback.js';
import { FhirWidget, type FhirLoadDetail, type MergedFetch } from '../base/fhir-widget.js';
import { cdsCardsEn, type CdsCardsMessages } from './cds-cards.messages.js';
import { markdownViews } from './cds-markdown-view.js';
import { plainParagraphs } from './cds-plain-text.js';
import { cdsCardsStyles } from './cds-cards.styles.js';
import { registerEnglish } from '../../i18n/registry.js';

/** `fhir-cds-suggestion` detail: the host applies the actions (the kit never writes to the FHIR server). */
export interface FhirCdsSuggestionDetail {
  card: CdsCard;
  suggestion: CdsSuggestion;
  actions: CdsAction[];
  serviceId: string;
}

/** `fhir-cds-link` detail. `absolute` links also open in a new tab; for `smart` links the host decides how to launch. */
export interface FhirCdsLinkDetail {
  card: CdsCard;
  link: CdsLink;
  serviceId: string;
}

/** `fhir-cds-dismiss` detail: the card dismissed and the override reason chosen, if the service listed any. */
export interface FhirCdsDismissDetail {
  card: CdsCard;
  reason?: CdsCoding;
  serviceId: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fhir-cds-suggestion': CustomEvent<FhirCdsSuggestionDetail>;
    'fhir-cds-link': CustomEvent<FhirCdsLinkDetail>;
    'fhir-cds-dismiss': CustomEvent<FhirCdsDismissDetail>;
  }
}

/** One card as shown: the service's card, who sent it, and its detail as inert templates. */
export interface CdsCardView extends ServiceCard {
  serviceTitle: string;
  detailView?: TemplateResult;
}

export interface CdsCardsModel {
  base: string;
  cards: CdsCardView[];
  /** Services that failed (the others answered). */
  failed: { serviceId: string; title: string; error: CdsServiceError }[];
  answered: number;
  invalid: number;
  prefetchFailed: string[];
  /** Records left out of the prefetch because they nest too deep to send (`MAX_RECORD_DEPTH`). */
  malformed: number;
  perService: Record<string, number>;
  /** Several sources: the sources whose records the services were given (primary first). */
  sources: string[];
}

interface CardInteraction {
  accepted: Set<CdsSuggestion>;
  choosingReason: boolean;
  reason?: CdsCoding;
  dismissed: boolean;
}

const ICONS = { critical: '⛔', warning: '⚠', info: 'ℹ' } as const;

let nextId = 0;

/** What the services answered, and the base they were discovered at. */
type CdsData = CdsCallResult & { base: string };

/** `fhir-load` detail of `<fhir-cds-cards>`: cards per indicator, services answered/failed, and `service:<id>` counts. */
export interface CdsCardsLoadDetail extends FhirLoadDetail {
  cards: number;
  answered: number;
  failed: number;
  invalid: number;
  /** Records not sent to the services because they nest too deep (malformed). */
  malformed: number;
}

// This widget's English words come with it (other languages load by themselves, src/i18n/registry.ts).
registerEnglish('cdsCards', cdsCardsEn);

/**
 * Dispatches one of the card events (their names and details are declared above and in the
 * element's `@fires`; a module function, so the manifest does not list a generic event).
 */
function fire<K extends 'fhir-cds-suggestion' | 'fhir-cds-link' | 'fhir-cds-dismiss'>(el: HTMLElement, type: K, detail: GlobalEventHandlersEventMap[K]['detail']): void {
  el.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/**
 * @tag fhir-cds-cards
 * @summary Clinical decision support for the context's patient from a CDS Hooks 2.0 service:
 * discovery, prefetch through the context's loader, every service called in parallel with its own
 * timeout, cards sorted critical → warning → info, suggestions, links, and feedback when a card is
 * accepted or dismissed.
 *
 * A service that failed is never shown as "no alerts": when all failed the state is `error`, naming
 * them; when some failed the state is `ready`, the `partial` attribute is set, and the element says
 * which services are unavailable beside the cards it has. A record nested deeper than 64 levels
 * (malformed; no real resource comes near) is not sent: the others are, and the element is `ready`
 * and `partial`, saying how many records could not be sent. Card text is text; `detail` Markdown is
 * built as templates (raw HTML shown as text, links http(s) only, no images).
 *
 * Several sources: inside a `<fhir-context>` with `<fhir-source>` children, each service is called
 * once with the merged record — every prefetch search runs at every source with that source's
 * patient id and the results are merged (duplicates once), so an allergy known only at the HIE
 * meets an order made in the EMR. `context.patientId`, `fhirServer`, reads such as
 * `Patient/{{context.patientId}}` and templates naming the user or encounter are the primary's
 * (a service that fetches for itself reads the primary only). The cards say whose records they
 * were based on; a source whose records could not be fetched sets `partial` and is named in words
 * ("Records from Regional HIE unavailable: these alerts do not take them into account"), and "No
 * decision support alerts" is then never said alone. Adding, removing or changing a source calls
 * the services again.
 *
 * @csspart base - The wrapper of the loaded cards.
 * @csspart cards - The list of cards.
 * @csspart card - One card; also `card-critical`, `card-warning`, `card-info`.
 * @csspart indicator - The card's urgency in words, with an icon.
 * @csspart summary - The card's one-line summary.
 * @csspart detail - The card's detail (Markdown).
 * @csspart source - "Source:" with the source's icon and label (a link when it has a URL).
 * @csspart source-icon - The source's icon (a fixed-size image, http(s) only, no referrer).
 * @csspart suggestions - The list of suggestions.
 * @csspart suggestion - A suggestion's button (`data-recommended` when the service recommends it).
 * @csspart actions - What a suggestion would do (create / update / remove …).
 * @csspart links - The list of links.
 * @csspart link - A link (an anchor for `absolute`, a button for `smart`).
 * @csspart dismiss - The Dismiss button.
 * @csspart override - The override-reason choice shown before dismissing.
 * @csspart confirm-dismiss - The button that dismisses the card with the chosen reason.
 * @csspart unavailable - "Decision support from … unavailable" (partial results), `role="alert"`.
 * @csspart notice - Counts of unreadable or dismissed cards, and of records too malformed to send.
 * @csspart empty - "No decision support alerts" (only when every service answered and every source loaded).
 * @csspart based-on - Several sources: "Based on the records of Riverside EMR and Regional HIE".
 * @csspart source-failures - Several sources: the sources whose records could not be fetched, `role="alert"`.
 * @csspart error-title - "Decision support unavailable" in the error panel.
 * @csspart error-message - The services that failed and why.
 * @csspart retry - The error panel's Retry button.
 *
 * @cssprop --fhir-cds-cards-critical-color - Critical card edge and label (default `--fhir-color-critical`).
 * @cssprop --fhir-cds-cards-critical-background - Critical card background (default `--fhir-color-critical-surface`).
 * @cssprop --fhir-cds-cards-warning-color - Warning card edge and label (default `--fhir-color-abnormal`).
 * @cssprop --fhir-cds-cards-info-color - Info card edge and label (default `--fhir-color-accent`).
 * @cssprop --fhir-cds-cards-background - Card background (default `--fhir-color-surface`).
 *
 * @fires fhir-cds-suggestion - A suggestion was accepted; detail `{ card, suggestion, actions, serviceId }`.
 * @fires fhir-cds-link - A link was chosen; detail `{ card, link, serviceId }`.
 * @fires fhir-cds-dismiss - A card was dismissed; detail `{ card, reason?, serviceId }`.
 * @fires fhir-load - Loaded; detail `{ cards, critical, warning, info, answered, failed, invalid, malformed, 'service:<id>' … }`
 *   (`malformed`: records not sent to the services because they nest deeper than 64 levels; said in words too).
 * @fires fhir-error - Every service failed; detail `{ status?, message }`.
 */
export class FhirCdsCards extends FhirWidget<CdsData, CdsCardsModel, CdsCardsLoadDetail> {
  static override styles = [...FhirWidget.styles, cdsCardsStyles];

  /** The CDS Hooks base URL (discovery is `GET {service}`). */
  @property() service?: string;

  /** The hook to call (default `patient-view`). */
  @property() hook = 'patient-view';

  /** Space-separated service ids to call; default every discovered service for the hook. */
  @property() services?: string;

  /** Milliseconds each service (and discovery) is given (default 10,000). */
  @property({ type: Number }) timeout = DEFAULT_CDS_TIMEOUT_MS;

  /**
   * Sends the context's SMART access token as `fhirAuthorization`, and then only to an `https:`
   * service or one on this machine (loopback). Off by default.
   */
  @property({ type: Boolean, attribute: 'share-token' }) shareToken = false;

  /** The current user as `Practitioner/<id>` (or PractitionerRole, Patient, RelatedPerson): `context.userId`. */
  @property({ attribute: 'user-id' }) userId?: string;

  /** The current encounter's id: `context.encounterId`. */
  @property({ attribute: 'encounter-id' }) encounterId?: string;

  private interactions = new WeakMap<CdsCardView, CardInteraction>();
  private readonly idPrefix = `cds-${(nextId += 1)}`;

  /** `partial` is set when some services answered and some failed, or a record could not be sent to them. */
  protected override partialModel(model: CdsCardsModel): boolean {
    return model.failed.length > 0 || model.malformed > 0;
  }

  private get text(): CdsCardsMessages {
    return this.localize.messages.cdsCards;
  }

  protected subject(): string {
    return this.text.subject;
  }

  protected override loadInputs(): unknown[] {
    return [this.service, this.hook, this.services, this.timeout, this.shareToken, this.userId, this.encounterId];
  }

  private get timeoutMs(): number {
    return Number.isFinite(this.timeout) && this.timeout > 0 ? this.timeout : DEFAULT_CDS_TIMEOUT_MS;
  }

  protected override awaitingInput(): string | undefined {
    return this.service ? undefined : this.text.noServiceConfigured;
  }

  /**
   * The words of each failure this element raised about the CDS service, kept as a function of the
   * messages so the error panel speaks the current language (a `lang` change re-renders, it does not
   * re-call the service), and so a locale's FHIR-server wording never replaces them.
   */
  private readonly cdsErrors = new WeakMap<FhirError, (t: CdsCardsMessages) => string>();

  private cdsError(kind: FhirError['kind'], words: (t: CdsCardsMessages) => string, status?: number): FhirError {
    const error = new FhirError(kind, words(this.text), status === undefined ? {} : { status });
    this.cdsErrors.set(error, words);
    return error;
  }

  protected override errorText(error: FhirError): string {
    const words = this.cdsErrors.get(error);
    return words ? words(this.text) : super.errorText(error);
  }

  protected async fetchResources(loader: FhirLoader, signal: AbortSignal): Promise<CdsData> {
    // The context's patient, or for data given directly the patient it names (as every widget reads it).
    const patientId = await this.patientAt(loader);
    if (!patientId) throw this.cdsError('not-configured', (t) => t.noPatient);
    return this.callServices(loader, patientId, signal);
  }

  private async patientAt(loader: FhirLoader): Promise<string | undefined> {
    const readiness = await loader.readiness();
    return (await loader.patientId()) ?? (readiness.kind === 'ready' ? readiness.scope.patientId : undefined);
  }

  /**
   * Several sources: one hook call per service with the merged record (not one call per source —
   * the point is the conflict across records), and which sources were missing from it.
   */
  protected override async fetchMerged(set: SourceSet, signal: AbortSignal): Promise<MergedFetch<CdsData> | { idle: IdleReason }> {
    // Only a context with <fhir-source> children gets here: that code loads then (cds-cards-sources.ts).
    const sources = await import('./cds-cards-sources.js');
    return sources.fetchAcrossSources(set, signal, {
      patientAt: (loader) => this.patientAt(loader),
      call: (records, patientId) => this.callServices(records, patientId, signal),
      noPatient: () => this.cdsError('not-configured', (t) => t.noPatient),
    });
  }

  private async callServices(record: FhirLoader | CdsRecordSource[], patientId: string, signal: AbortSignal): Promise<CdsData> {
    const base = cdsBase(this.service ?? '', document.baseURI);
    let result: CdsCallResult;
    try {
      result = await callCdsServices(record, patientId, {
        base,
        hook: this.hook || 'patient-view',
        services: (this.services ?? '').split(/\s+/).filter(Boolean),
        timeoutMs: this.timeoutMs,
        shareToken: this.shareToken,
        ...(this.userId ? { userId: this.userId } : {}),
        ...(this.encounterId ? { encounterId: this.encounterId } : {}),
        signal,
      });
    } catch (error) {
      signal.throwIfAborted();
      const failure = error as CdsServiceError;
      if (failure?.name !== 'CdsServiceError') throw error;
      const timeoutMs = this.timeoutMs;
      throw this.cdsError(
        failure.kind === 'timeout' ? 'timeout' : failure.kind === 'network' ? 'network' : 'invalid-response',
        (t) => t.discoveryFailed(base, t.failure(failure.kind, failure.status, timeoutMs)),
        failure.status,
      );
    }
    const hook = this.hook || 'patient-view';
    if (!result.outcomes.length) throw this.cdsError('not-found', (t) => t.noServiceForHook(hook, base));
    const failed = result.outcomes.filter((o) => !o.ok);
    if (failed.length === result.outcomes.length) {
      const timeoutMs = this.timeoutMs;
      const why = (t: CdsCardsMessages) =>
        failed
          .map((o) => (o.ok ? '' : t.serviceFailed(o.service.title ?? o.service.id, t.failure(o.error.kind, o.error.status, timeoutMs))))
          .join(this.messages.separator.group);
      const status = failed.map((o) => (o.ok ? undefined : o.error.status)).find((s) => s !== undefined);
      throw this.cdsError('server', why, status);
    }
    return { ...result, base };
  }

  protected async buildModel(result: CdsData): Promise<CdsCardsModel> {
    const entries: CdsCardView[] = [];
    const model: CdsCardsModel = {
      base: result.base,
      cards: [],
      failed: [],
      answered: 0,
      invalid: 0,
      prefetchFailed: [],
      malformed: result.malformed,
      perService: {},
      sources: result.sources.map((s) => s.source),
    };
    result.outcomes.forEach((outcome, serviceIndex) => {
      const title = outcome.service.title ?? outcome.service.id;
      if (!outcome.ok) {
        model.failed.push({ serviceId: outcome.service.id, title, error: outcome.error });
        return;
      }
      model.answered += 1;
      model.invalid += outcome.answer.invalid;
      if (outcome.prefetchFailed.length) model.prefetchFailed.push(title);
      model.perService[`service:${outcome.service.id}`] = outcome.answer.cards.length;
      for (const card of outcome.answer.cards) entries.push({ card, serviceId: outcome.service.id, serviceIndex, serviceTitle: title });
    });
    model.cards = sortCards(entries);
    // A detail without Markdown syntax needs no parser (cds-plain-text.ts); the parser loads for
    // the first that has some. Should it fail to load, those details show their text as written.
    let markdown: Promise<typeof import('./cds-markdown.js') | undefined> | undefined;
    for (const entry of model.cards) {
      const { detail } = entry.card;
      if (!detail) continue;
      const plain = plainParagraphs(detail);
      if (plain) {
        entry.detailView = markdownViews(plain.map((text) => ({ tag: 'p' as const, children: [text] })));
        continue;
      }
      markdown ??= import('./cds-markdown.js').catch(() => undefined);
      const parser = await markdown;
      if (parser) entry.detailView = markdownViews(parser.markdownTree(detail, (url) => safeHttpUrl(url)));
    }
    return model;
  }

  protected isEmpty(model: CdsCardsModel): boolean {
    return !model.cards.length && !model.failed.length && !model.invalid && !model.malformed;
  }

  protected loadDetail(model: CdsCardsModel): CdsCardsLoadDetail {
    const perIndicator: Record<string, number> = {};
    for (const indicator of CDS_INDICATORS) perIndicator[indicator] = model.cards.filter((c) => c.card.indicator === indicator).length;
    const counts = { cards: model.cards.length, answered: model.answered, failed: model.failed.length, invalid: model.invalid, malformed: model.malformed };
    return { ...perIndicator, ...model.perService, ...counts };
  }

  // ---- States the base does not word --------------------------------------------------------------

  protected override renderLoading(): TemplateResult {
    return html`<div class="status-panel" part="base status" data-kind="loading" role="status">
      <span class="spinner" aria-hidden="true"></span><span>${this.text.checking}</span>
    </div>`;
  }

  /** A failed source: its records were not considered (decision support itself answered). */
  protected override sourceFailureText(source: string): string {
    return this.text.recordsUnavailable(source);
  }

  // ---- Interaction ---------------------------------------------------------------------------------

  private interaction(entry: CdsCardView): CardInteraction {
    let state = this.interactions.get(entry);
    if (!state) {
      state = { accepted: new Set(), choosingReason: false, dismissed: false };
      this.interactions.set(entry, state);
    }
    return state;
  }

  /** Best effort, as the spec has it: its code loads on the first accept or dismiss, and nothing is sent when it cannot. */
  private feedback(entry: CdsCardView, outcome: CdsOutcome, base: string): void {
    const now = new Date();
    void import('../../fhir/queries/cds-feedback.js').then(
      (feedback) => feedback.sendCardFeedback(base, entry.serviceId, entry.card, outcome, now, this.timeoutMs),
      () => false,
    );
  }

  private accept(entry: CdsCardView, suggestion: CdsSuggestion, base: string): void {
    const state = this.interaction(entry);
    state.accepted.add(suggestion);
    fire(this, 'fhir-cds-suggestion', { card: entry.card, suggestion, actions: suggestion.actions, serviceId: entry.serviceId });
    this.feedback(entry, { accepted: [suggestion] }, base);
    this.requestUpdate();
  }

  private openLink(entry: CdsCardView, link: CdsLink): void {
    fire(this, 'fhir-cds-link', { card: entry.card, link, serviceId: entry.serviceId });
  }

  private startDismiss(entry: CdsCardView, base: string): void {
    if (entry.card.overrideReasons.length) {
      this.interaction(entry).choosingReason = true;
      this.requestUpdate();
      return;
    }
    this.dismiss(entry, undefined, base);
  }

  private dismiss(entry: CdsCardView, reason: CdsCoding | undefined, base: string): void {
    const state = this.interaction(entry);
    state.dismissed = true;
    state.choosingReason = false;
    fire(this, 'fhir-cds-dismiss', { card: entry.card, ...(reason ? { reason } : {}), serviceId: entry.serviceId });
    this.feedback(entry, { overridden: reason }, base);
    this.requestUpdate();
  }

  // ---- Rendering -----------------------------------------------------------------------------------

  private renderSource(card: CdsCard): TemplateResult {
    const t = this.text;
    const { source } = card;
    const icon = source.icon
      ? html`<img part="source-icon" src=${source.icon} alt="" width="20" height="20" referrerpolicy="no-referrer" loading="lazy" decoding="async" />`
      : nothing;
    const label = source.url
      ? html`<a href=${source.url} target="_blank" rel="noopener noreferrer">${source.label}<span class="visually-hidden"> ${t.opensInNewTab}</span></a>`
      : source.label;
    return html`<p class="source" part="source">${t.source} ${icon}${label}</p>`;
  }

  private renderSuggestions(entry: CdsCardView, state: CardInteraction, base: string): TemplateResult | typeof nothing {
    const t = this.text;
    const { card } = entry;
    if (!card.suggestions.length) return nothing;
    const oneOnly = card.selectionBehavior === 'at-most-one' && state.accepted.size > 0;
    return html`<ul class="suggestions" aria-label=${t.suggestions} part="suggestions">
      ${card.suggestions.map((suggestion) => {
        const accepted = state.accepted.has(suggestion);
        return html`<li class="suggestion">
          <button
            type="button"
            part="suggestion"
            ?data-recommended=${suggestion.isRecommended}
            ?disabled=${accepted || oneOnly}
            @click=${() => this.accept(entry, suggestion, base)}
          >
            ${t.accept(suggestion.label)}${suggestion.isRecommended ? html` <span class="tag">(${t.recommended})</span>` : nothing}${accepted
              ? html` <span class="tag">– ${t.accepted}</span>`
              : nothing}
          </button>
          ${suggestion.actions.length
            ? html`<ul class="actions" part="actions">
                ${suggestion.actions.map((action) => html`<li data-type=${action.type}>${t.action[action.type]}: ${action.description}</li>`)}
              </ul>`
            : nothing}
        </li>`;
      })}
    </ul>`;
  }

  private renderLinks(entry: CdsCardView): TemplateResult | typeof nothing {
    const t = this.text;
    if (!entry.card.links.length) return nothing;
    return html`<ul class="links" aria-label=${t.links} part="links">
      ${entry.card.links.map((link) =>
        link.type === 'absolute'
          ? html`<li>
              <a part="link" data-type="absolute" href=${link.url} target="_blank" rel="noopener noreferrer" @click=${() => this.openLink(entry, link)}
                >${link.label}<span class="visually-hidden"> ${t.opensInNewTab}</span></a
              >
            </li>`
          : html`<li>
              <button type="button" class="link-button" part="link" data-type="smart" @click=${() => this.openLink(entry, link)}>
                ${link.label} <span class="tag">${t.smartApp}</span>
              </button>
            </li>`,
      )}
    </ul>`;
  }

  private renderOverride(entry: CdsCardView, state: CardInteraction, index: number, base: string): TemplateResult {
    const t = this.text;
    const name = `${this.idPrefix}-reason-${index}`;
    return html`<fieldset part="override">
      <legend>${t.dismissReason}</legend>
      ${entry.card.overrideReasons.map(
        (reason) => html`<label
          ><input
            type="radio"
            name=${name}
            .checked=${state.reason === reason}
            @change=${() => {
              state.reason = reason;
              this.requestUpdate();
            }}
          />
          ${reason.display ?? reason.code}</label
        >`,
      )}
      <div class="footer">
        <button type="button" part="confirm-dismiss" ?disabled=${!state.reason} @click=${() => this.dismiss(entry, state.reason, base)}>
          ${t.confirmDismiss}
        </button>
        <button
          type="button"
          @click=${() => {
            state.choosingReason = false;
            state.reason = undefined;
            this.requestUpdate();
          }}
        >
          ${t.cancel}
        </button>
      </div>
    </fieldset>`;
  }

  private renderCard(entry: CdsCardView, index: number, base: string): TemplateResult {
    const t = this.text;
    const { card } = entry;
    const state = this.interaction(entry);
    const summaryId = `${this.idPrefix}-summary-${index}`;
    return html`<li class="card" part="card card-${card.indicator}" data-indicator=${card.indicator} data-service=${entry.serviceId} aria-labelledby=${summaryId}>
      <div class="head">
        <span class="indicator" part="indicator"><span aria-hidden="true">${ICONS[card.indicator]}</span> ${t.indicator[card.indicator]}</span>
        <p class="summary" part="summary" id=${summaryId}>${card.summary}</p>
      </div>
      ${card.detail
        ? html`<div class="detail" part="detail">${entry.detailView ?? html`<p class="detail-text">${card.detail}</p>`}</div>`
        : nothing}
      ${this.renderSource(card)} ${this.renderSuggestions(entry, state, base)} ${this.renderLinks(entry)}
      ${state.choosingReason
        ? this.renderOverride(entry, state, index, base)
        : html`<div class="footer">
            <button type="button" part="dismiss" @click=${() => this.startDismiss(entry, base)}>${t.dismiss}</button>
          </div>`}
    </li>`;
  }

  /** "No decision support alerts", only when every source loaded; else which records had none and which were missing. */
  private noAlertsText(model: CdsCardsModel): string {
    const failed = this.failedSources.map((f) => f.source);
    if (!failed.length) return this.text.noAlerts;
    return this.text.noAlertsPartial(this.localize.format.list(model.sources), this.localize.format.list(failed));
  }

  protected renderModel(model: CdsCardsModel): TemplateResult {
    const t = this.text;
    const shown = model.cards.filter((entry) => !this.interaction(entry).dismissed);
    const dismissed = model.cards.length - shown.length;
    const notices = [
      ...(model.invalid ? [t.unreadableCards(model.invalid)] : []),
      ...model.prefetchFailed.map((title) => t.prefetchFailed(title)),
      ...(model.malformed ? [t.malformedRecords(model.malformed)] : []),
      ...(dismissed ? [t.dismissedCount(dismissed)] : []),
    ];
    return html`<section class="base" part="base" aria-label=${t.region}>
      ${model.failed.map(
        (failure) =>
          html`<p class="unavailable" part="unavailable" role="alert">
            ${t.serviceUnavailable(failure.title, t.failure(failure.error.kind, failure.error.status, this.timeoutMs))}
          </p>`,
      )}
      ${shown.length
        ? html`<ul class="cards" part="cards">
            ${shown.map((entry, index) => this.renderCard(entry, index, model.base))}
          </ul>`
        : this.isEmpty(model)
          ? html`<p class="empty" part="empty">${this.noAlertsText(model)}</p>`
          : nothing}
      ${notices.map((notice) => html`<p class="notice" part="notice">${notice}</p>`)}
      ${this.multiSource && model.sources.length
        ? html`<p class="notice" part="based-on">${t.basedOnRecords(this.localize.format.list(model.sources))}</p>`
        : nothing}
    </section>`;
  }
}
