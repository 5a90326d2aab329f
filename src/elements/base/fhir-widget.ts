// The behaviour every widget shares: where its data comes from (its own `resources`, or the
// loader of the enclosing <fhir-context>), the four states, the two events, and the loading and
// error panels. A widget supplies what to fetch, how to model it, and how to render the model.
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FhirError, toFhirError } from '../../fhir/errors.js';
import { fhirLoaderContext } from '../../fhir/loader-context.js';
import { FhirLoader } from '../../fhir/loader.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import type { CommonMessages } from '../../i18n/messages.js';
import { longText } from '../../styles/long-text.js';
import { statusPanels, tokens } from '../../styles/tokens.js';

export const WIDGET_STATES = ['loading', 'ready', 'empty', 'error'] as const;
export type WidgetState = (typeof WIDGET_STATES)[number];

/** `fhir-load` detail: how many records were shown, hidden and why (keys differ per widget). */
export type FhirLoadDetail = Record<string, number>;

/** `fhir-error` detail. */
export interface FhirErrorDetail {
  status?: number;
  message: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fhir-load': CustomEvent<FhirLoadDetail>;
    'fhir-error': CustomEvent<FhirErrorDetail>;
  }
}

/**
 * Base of every widget.
 *
 * @fires fhir-load - The data loaded and rendered (`state` is `ready` or `empty`); detail: counts of
 *   records shown and hidden, keyed by reason.
 * @fires fhir-error - Loading failed (`state` is `error`); detail: `{ status?, message }`.
 */
export abstract class FhirWidget<Model> extends LitElement {
  static override styles = [tokens, statusPanels, longText];

  /** `loading | ready | empty | error`; reflected so hosts can style and test each state. */
  @property({ reflect: true }) state: WidgetState = 'loading';

  /**
   * FHIR resources (an array or a Bundle) to render without any context or network.
   * Takes precedence over an enclosing `<fhir-context>`.
   */
  @property({ attribute: false }) resources?: unknown;

  /** The loader of the enclosing `<fhir-context>`, if any. */
  @consume({ context: fhirLoaderContext, subscribe: true })
  @state()
  protected loader?: FhirLoader;

  /** Bumped by Retry: a new attempt with the same inputs. */
  @state() private attempt = 0;

  private announced?: unknown;

  /** What this widget shows, in the user's words, for "Loading …" and "… unavailable". */
  protected abstract subject(messages: CommonMessages): string;

  /** Fetches the resources this widget needs through the loader (honouring `signal`). */
  protected abstract fetchResources(loader: FhirLoader, signal: AbortSignal): Promise<unknown>;

  /** Turns what `fetchResources` returned into the view model (pure; may load lazy code). */
  protected abstract buildModel(data: unknown, patientId: string | undefined): Model | Promise<Model>;

  protected abstract isEmpty(model: Model): boolean;

  protected abstract loadDetail(model: Model): FhirLoadDetail;

  protected abstract renderModel(model: Model): unknown;

  /** Further inputs that should re-run the load when they change (e.g. `code`, `status`). */
  protected loadInputs(): unknown[] {
    return [];
  }

  // --- i18n (one hunk): the language of this widget, its messages and formats --------------
  /** The nearest `lang` (crossing shadow roots), its messages and its formats; re-renders on change. */
  protected readonly localize = new LocaleController(this);

  protected get messages(): CommonMessages {
    return this.localize.messages.common;
  }

  /** The data layer's failure in this widget's language (the `en` default keeps its own words). */
  protected errorText(error: FhirError): string {
    if (error.kind === 'not-configured') return error.message;
    return this.messages.fhirError(error.kind, error.status, error.detail) ?? error.message;
  }
  // --- end i18n ------------------------------------------------------------------------------

  private readonly task = new Task(this, {
    task: async ([resources, loader], { signal }) => {
      const source =
        resources !== undefined && resources !== null ? FhirLoader.fromResources(resources) : (loader as FhirLoader | undefined);
      if (!source) {
        await this.localize.ready; // i18n: the message in the page's language, once it has loaded
        throw new FhirError('not-configured', this.messages.noDataSource);
      }
      const data = await this.fetchResources(source, signal);
      const patientId = await source.patientId();
      signal.throwIfAborted();
      return this.buildModel(data, patientId);
    },
    args: () => [this.resources, this.loader, this.attempt, ...this.loadInputs()],
  });

  /** Loads again with the same inputs (what the Retry button does). */
  retry(): void {
    this.attempt += 1;
  }

  protected override update(changed: PropertyValues<this>): void {
    const next = this.currentState();
    if (next !== this.state) this.state = next;
    super.update(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const status = this.task.status;
    if (status === TaskStatus.COMPLETE && this.announced !== this.task.value) {
      this.announced = this.task.value;
      const detail = this.loadDetail(this.task.value as Model);
      this.dispatchEvent(new CustomEvent<FhirLoadDetail>('fhir-load', { detail, bubbles: true, composed: true }));
    } else if (status === TaskStatus.ERROR && this.announced !== this.task.error) {
      this.announced = this.task.error;
      const error = toFhirError(this.task.error);
      const detail: FhirErrorDetail = { ...(error.status === undefined ? {} : { status: error.status }), message: error.message };
      this.dispatchEvent(new CustomEvent<FhirErrorDetail>('fhir-error', { detail, bubbles: true, composed: true }));
    }
  }

  private currentState(): WidgetState {
    switch (this.task.status) {
      case TaskStatus.COMPLETE:
        return this.isEmpty(this.task.value as Model) ? 'empty' : 'ready';
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
      complete: (model) => this.renderModel(model as Model),
      error: (error) => this.renderError(toFhirError(error)),
    });
  }

  protected renderLoading(): TemplateResult {
    const text = this.messages.loading(this.subject(this.messages).toLowerCase());
    return html`<div class="status-panel" part="base status" data-kind="loading" role="status">
      <span class="spinner" aria-hidden="true"></span><span>${text}</span>
    </div>`;
  }

  protected renderError(error: FhirError): TemplateResult {
    const m = this.messages;
    return html`<div class="status-panel" part="base status error" data-kind="error" role="alert">
      <span class="title" part="error-title">${m.unavailable(this.subject(m))}</span>
      <span class="detail" part="error-message">${this.errorText(error)}</span>
      ${error.kind === 'not-configured'
        ? nothing
        : html`<button type="button" part="retry" @click=${() => this.retry()}>${m.retry}</button>`}
    </div>`;
  }
}
