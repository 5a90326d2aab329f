// The behaviour every widget shares: where its data comes from (its own `resources`, or the
// loader of the enclosing <fhir-context>), whose record it is (one PatientScope per loader), the
// five states, the two events, and the idle, loading and unavailable panels. A widget supplies
// what to fetch (a named query in src/fhir/queries), how to model it (pure functions in src/model)
// and how to render the model.
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { toFhirError, type FhirError } from '../../fhir/errors.js';
import { fhirLoaderContext } from '../../fhir/loader-context.js';
import { FhirLoader, type IdleReason } from '../../fhir/loader.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import type { CommonMessages } from '../../i18n/messages.js';
import type { PatientScope } from '../../model/patient-scope.js';
import { longText } from '../../styles/long-text.js';
import { statusPanels, tokens } from '../../styles/tokens.js';
import { warnMissingSource, warnResourcesAttribute } from '../shared/developer-warnings.js';

/**
 * `idle`: no source or no patient yet (neutral, never an alarm); `loading`; `ready`; `empty` (the
 * record has none); `error` (something failed).
 */
export const WIDGET_STATES = ['idle', 'loading', 'ready', 'empty', 'error'] as const;
export type WidgetState = (typeof WIDGET_STATES)[number];

/**
 * `fhir-load` detail: how many records were shown, hidden and why. Each widget exports its own
 * interface extending this one with its keys (`AllergyBannerLoadDetail`, …).
 */
export interface FhirLoadDetail {
  readonly [count: string]: number;
}

/** `fhir-error` detail. */
export interface FhirErrorDetail {
  status?: number;
  message: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** Narrow `detail` with the widget's own type, e.g. `CustomEvent<MedicationListLoadDetail>`. */
    'fhir-load': CustomEvent<FhirLoadDetail>;
    'fhir-error': CustomEvent<FhirErrorDetail>;
  }
}

/** What a load depends on: given resources, the context's loader, the Retry count, the widget's own inputs. */
type TaskArgs = [resources: unknown, loader: FhirLoader | undefined, attempt: number, ...inputs: unknown[]];

/** What one load produced: a model, or nothing to load yet. */
type Loaded<Model> = { kind: 'model'; model: Model } | { kind: 'idle'; reason: IdleReason | 'awaiting-input'; prompt?: string };

/**
 * Base of every widget.
 *
 * @fires fhir-load - The data loaded and rendered (`state` is `ready` or `empty`); detail: counts of
 *   records shown and hidden, keyed by reason.
 * @fires fhir-error - Loading failed (`state` is `error`); detail: `{ status?, message }`. Never
 *   fired while `idle` (no source or no patient yet).
 */
export abstract class FhirWidget<Data, Model, Detail extends FhirLoadDetail = FhirLoadDetail> extends LitElement {
  static override styles = [tokens, statusPanels, longText];

  /**
   * `idle | loading | ready | empty | error`; reflected so hosts can style and test each state.
   * `idle` means there is nothing to load yet (no source, or no patient chosen): a neutral
   * "No patient selected", never an error.
   */
  @property({ reflect: true }) state: WidgetState = 'loading';

  /**
   * FHIR resources (an array or a Bundle) to render without any context or network.
   * Takes precedence over an enclosing `<fhir-context>`. A property, not an attribute.
   */
  @property({ attribute: false }) resources?: unknown;

  /** The loader of the enclosing `<fhir-context>`, if any. */
  @consume({ context: fhirLoaderContext, subscribe: true })
  @state()
  protected loader?: FhirLoader;

  /** Bumped by Retry: a new attempt with the same inputs. */
  @state() private attempt = 0;

  private announced?: unknown;
  private shownModel?: Model;

  /** What this widget shows, in the user's words, for "Loading …" and "… unavailable". */
  protected abstract subject(messages: CommonMessages): string;

  /** Fetches what this widget needs through the loader, by calling a named query (honouring `signal`). */
  protected abstract fetchResources(loader: FhirLoader, signal: AbortSignal): Promise<Data>;

  /** Turns what `fetchResources` returned into the view model, for the scope's patient only (pure; may load lazy code). */
  protected abstract buildModel(data: Data, scope: PatientScope, signal: AbortSignal): Model | Promise<Model>;

  protected abstract isEmpty(model: Model): boolean;

  /** The `fhir-load` detail of a model. */
  protected abstract loadDetail(model: Model): Detail;

  protected abstract renderModel(model: Model): unknown;

  /** Further inputs that should re-run the load when they change (e.g. `code`, `status`). */
  protected loadInputs(): unknown[] {
    return [];
  }

  // --- i18n (one hunk): the language of this widget, its messages and formats --------------
  /** The nearest `lang` (crossing shadow roots), its messages and its formats; re-renders on change. */
  protected readonly localize = new LocaleController(this);

  /**
   * Called in `willUpdate` when a new model is about to be shown (a new patient, a retry, new
   * inputs): reset view state here (cursor, table page, open groups), never from inside the load.
   */
  protected modelChanged(_model: Model): void {}

  protected get messages(): CommonMessages {
    return this.localize.messages.common;
  }

  /** The data layer's failure in this widget's language (the `en` default keeps its own words). */
  protected errorText(error: FhirError): string {
    if (error.kind === 'not-configured') return error.message;
    return this.messages.fhirError(error.kind, error.status, error.detail) ?? error.message;
  }
  // --- end i18n ------------------------------------------------------------------------------

  private readonly task = new Task<TaskArgs, Loaded<Model>>(this, {
    task: async ([resources, loader], { signal }) => {
      const source =
        resources !== undefined && resources !== null && typeof resources !== 'string'
          ? FhirLoader.fromResources(resources)
          : loader;
      const prompt = this.awaitingInput();
      if (prompt !== undefined) return { kind: 'idle', reason: 'awaiting-input', prompt };
      if (!source) return { kind: 'idle', reason: 'no-source' };
      const readiness = await source.readiness();
      signal.throwIfAborted();
      if (readiness.kind === 'idle') return readiness;
      const data = await this.fetchResources(source, signal);
      signal.throwIfAborted();
      const model = await this.buildModel(data, readiness.scope, signal);
      signal.throwIfAborted();
      return { kind: 'model', model };
    },
    args: (): TaskArgs => [this.resources, this.loader, this.attempt, ...this.loadInputs()],
  });

  /**
   * A neutral prompt while an input the widget needs (e.g. a CDS service URL) is not set yet:
   * the widget waits `idle` with these words — a host that sets it a moment later never sees an
   * alarm. Undefined (the default) when nothing is missing.
   */
  protected awaitingInput(): string | undefined {
    return undefined;
  }

  /** Loads again with the same inputs (what the Retry button does). */
  retry(): void {
    this.attempt += 1;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    warnResourcesAttribute(this);
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    // After the host has had a moment to set `resources` or wrap the widget in a context.
    setTimeout(() => {
      if (this.isConnected && !this.loader && (this.resources === undefined || this.resources === null)) {
        warnMissingSource(this);
      }
    }, 0);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const loaded = this.task.status === TaskStatus.COMPLETE ? this.task.value : undefined;
    if (loaded?.kind === 'model' && loaded.model !== this.shownModel) {
      this.shownModel = loaded.model;
      this.modelChanged(loaded.model);
    }
  }

  protected override update(changed: PropertyValues<this>): void {
    const next = this.currentState();
    if (next !== this.state) this.state = next;
    super.update(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const status = this.task.status;
    const loaded = status === TaskStatus.COMPLETE ? this.task.value : undefined;
    if (loaded?.kind === 'model' && this.announced !== loaded) {
      this.announced = loaded;
      const detail = this.loadDetail(loaded.model);
      this.dispatchEvent(new CustomEvent<Detail>('fhir-load', { detail, bubbles: true, composed: true }));
    } else if (status === TaskStatus.ERROR && this.announced !== this.task.error) {
      this.announced = this.task.error;
      const error = toFhirError(this.task.error);
      const detail: FhirErrorDetail = { ...(error.status === undefined ? {} : { status: error.status }), message: error.message };
      this.dispatchEvent(new CustomEvent<FhirErrorDetail>('fhir-error', { detail, bubbles: true, composed: true }));
    }
  }

  private currentState(): WidgetState {
    switch (this.task.status) {
      case TaskStatus.COMPLETE: {
        const loaded = this.task.value;
        if (!loaded || loaded.kind === 'idle') return 'idle';
        return this.isEmpty(loaded.model) ? 'empty' : 'ready';
      }
      case TaskStatus.ERROR:
        return 'error';
      default:
        return 'loading';
    }
  }

  protected override render(): unknown {
    return this.task.render({
      initial: () => this.renderLoading(),
      pending: () => this.renderLoading(),
      complete: (loaded) => (loaded.kind === 'idle' ? this.renderIdle(loaded.prompt) : this.renderModel(loaded.model)),
      error: (error) => this.renderError(toFhirError(error)),
    });
  }

  protected renderLoading(): TemplateResult {
    const text = this.messages.loading(this.subject(this.messages).toLowerCase());
    return html`<div class="status-panel" part="base status" data-kind="loading" role="status">
      <span class="spinner" aria-hidden="true"></span><span>${text}</span>
    </div>`;
  }

  /** Nothing to load yet (no source or no patient): a neutral prompt, never an alarm. */
  protected renderIdle(prompt: string = this.messages.noPatientSelected): TemplateResult {
    return html`<div class="status-panel" part="base status idle" data-kind="idle" role="status">
      <span>${prompt}</span>
    </div>`;
  }

  /** The whole widget could not load: by default the shared unavailable panel. */
  protected renderError(error: FhirError): TemplateResult {
    return this.renderUnavailable(error);
  }

  /**
   * The one "… unavailable" panel: a title (default "<subject> unavailable"), the reason as text,
   * and Retry (left out when retrying cannot help: nothing is configured). Used for the whole
   * widget and for a part of it (a summary section: `part: 'section-error'`; `part: ''` for none).
   */
  protected renderUnavailable(
    error: FhirError,
    options: { title?: unknown; part?: string; className?: string } = {},
  ): TemplateResult {
    const m = this.messages;
    const title = options.title ?? html`<span class="title" part="error-title">${m.unavailable(this.subject(m))}</span>`;
    return html`<div
      class=${options.className ?? 'status-panel'}
      part=${ifDefined(options.part === '' ? undefined : (options.part ?? 'base status error'))}
      data-kind="error"
      role="alert"
    >
      ${title}
      <span class="detail error-message" part="error-message">${this.errorText(error)}</span>
      ${error.kind === 'not-configured'
        ? nothing
        : html`<button type="button" part="retry" class="retry" @click=${() => this.retry()}>${m.retry}</button>`}
    </div>`;
  }
}
