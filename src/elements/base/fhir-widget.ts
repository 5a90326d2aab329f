// The behaviour every widget shares: where its data comes from (its own `resources`, or the
// loader of the enclosing <fhir-context>), whose record it is (one PatientScope per loader), the
// five states, the two events, and the idle, loading and unavailable panels. A widget supplies
// what to fetch (a named query in src/fhir/queries), how to model it (pure functions in src/model)
// and how to render the model.
import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { described } from '../../fhir/described.js';
import { isAbort, toFhirError, type FhirError } from '../../fhir/errors.js';
import { fhirLoaderContext } from '../../fhir/loader-context.js';
import { FhirLoader, type IdleReason } from '../../fhir/loader.js';
import { fhirSourcesContext, type SourceSet } from '../../fhir/sources-context.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import type { CommonMessages } from '../../i18n/messages.js';
import type { AnyResource } from '../../model/fhir-types.js';
import type { PatientScope } from '../../model/patient-scope.js';
import type * as SeveralSources from './several-sources.js';
import type { SourcedData } from '../../model/source-merge.js';
import { longText } from '../../styles/long-text.js';
import { statusPanels, tokens } from '../../styles/tokens.js';
import { insideContext, warnMissingSource, warnResourcesAttribute } from '../shared/developer-warnings.js';

/**
 * `idle`: no source or no patient yet (neutral, never an alarm); `loading`; `ready`; `empty` (the
 * record has none, and every source loaded); `error` (something failed). A widget whose sources
 * found nothing while another source failed is `ready` and `partial`, never `empty`.
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
  /** With several sources: the label of the source that failed (one event per failed source). */
  source?: string;
  status?: number;
  message: string;
}

/** A source that failed for this widget while others loaded (the widget is `partial`). */
export interface SourceFailure {
  readonly source: string;
  readonly error: FhirError;
}

/**
 * `fhir-select` detail: the record a user chose — a MedicationRequest / MedicationStatement /
 * MedicationOrder in the medication list, a DiagnosticReport or result Observation in the results
 * review, where `code` is the test's `system|code` (for `<fhir-lab-trend code=…>`).
 */
export interface FhirSelectDetail {
  resource: AnyResource;
  code?: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** Narrow `detail` with the widget's own type, e.g. `CustomEvent<MedicationListLoadDetail>`. */
    'fhir-load': CustomEvent<FhirLoadDetail>;
    'fhir-error': CustomEvent<FhirErrorDetail>;
    'fhir-select': CustomEvent<FhirSelectDetail>;
  }
}

/** What a load depends on: given resources, the context's loader, the Retry count, the widget's own inputs. */
type TaskArgs = [resources: unknown, loader: FhirLoader | undefined, sources: SourceSet | undefined, attempt: number, ...inputs: unknown[]];

/** The outcome of a load whose loader was disposed under it: shown as loading, never announced. */
const LOAD_STOPPED = Symbol('load stopped');

/** Whether the context's loader (or a source's) that a load used has been disposed since. */
function loaderStopped([, loader, sources]: TaskArgs): boolean {
  return loader?.disposed === true || sources?.sources.some((source) => source.loader.disposed) === true;
}

/** Per-source numbers of one multi-source load. */
export interface SourceCounts {
  readonly source: string;
  readonly records: number;
  readonly otherPatient: number;
}

/** Every source's data merged, whose patient it is, which sources failed and what each sent. */
export interface MergedFetch<Data> {
  readonly data: Data;
  readonly scope: PatientScope;
  readonly failures: readonly SourceFailure[];
  /** One entry per source that loaded. */
  readonly counts: readonly SourceCounts[];
}

/** What one load produced: a model, or nothing to load yet. */
export type Loaded<Model> =
  | { kind: 'model'; model: Model; failures: readonly SourceFailure[]; counts: readonly SourceCounts[]; sourceCount: number }
  | { kind: 'idle'; reason: IdleReason | 'awaiting-input'; prompt?: string };

/**
 * Several sources (./several-sources.ts: running a query at each source, the merging rules, the
 * failed sources' notice): a page with one source never loads it. Loaded the first time a context
 * has more than one source, awaited inside that load before anything is fetched, so every merge
 * (`mergeSources` and its overrides) and every failed source's notice finds it here.
 */
let severalSources: typeof SeveralSources | undefined;

/** The several-sources module, inside a multi-source load (`mergeSources`, `fetchMerged`). */
export function sourceMergeRules(): typeof SeveralSources {
  if (!severalSources) throw new Error('several-sources is loaded by a multi-source load');
  return severalSources;
}

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
   * "No patient selected", never an error. `empty` only when every source loaded and found
   * nothing: when the sources that loaded found nothing and another failed, the state is `ready`
   * with `partial` ("None recorded in <loaded>; <failed> unavailable").
   */
  @property({ reflect: true }) state: WidgetState = 'loading';

  /**
   * FHIR resources (an array or a Bundle) to render without any context or network.
   * Takes precedence over an enclosing `<fhir-context>`. A property, not an attribute.
   */
  @property({ attribute: false }) resources?: unknown;

  /** The loader of the enclosing `<fhir-context>`, if any. */
  @state() protected loader?: FhirLoader;

  /** Bumped by Retry: a new attempt with the same inputs. */
  @state() private attempt = 0;

  /** Every source of the enclosing `<fhir-context>` (primary first), when it has more than its own. */
  @state() protected sourceSet?: SourceSet;

  /** Keep `loader` and `sourceSet` up to date (the controllers `@consume` would make, made when it would). */
  private contextConsumers!: { hostConnected(): void }[];

  /** Whether a context has answered since the widget was last connected. */
  private contextAnswered = false;

  static {
    this.addInitializer((element) => {
      const widget = element as FhirWidget<unknown, unknown>;
      widget.contextConsumers = [
        new ContextConsumer(widget, {
          context: fhirLoaderContext,
          subscribe: true,
          callback: (loader) => {
            widget.contextAnswered = true;
            widget.loader = loader;
          },
        }),
        new ContextConsumer(widget, { context: fhirSourcesContext, subscribe: true, callback: (set) => (widget.sourceSet = set) }),
      ];
    });
  }

  /**
   * Set (and reflected) while what is shown lacks a source that failed for this widget, in any
   * state; the widget names that source in words.
   */
  @property({ type: Boolean, reflect: true }) partial = false;

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
    // A failure leaves the load as a FhirError with its full message (its words are loaded here).
    // A load whose loader was stopped under it (its context left the page, or took another record
    // or patient) did not fail: it waits, loading, for the loader that follows.
    task: (args, { signal }) =>
      this.load(args, signal).catch(async (error: unknown) => {
        if (isAbort(error, signal)) throw loaderStopped(args) ? LOAD_STOPPED : error;
        throw await described(toFhirError(error));
      }),
    // A new source set (a `<fhir-source>` added, removed or changed) restarts the load; the previous
    // one is aborted and its responses never shown.
    args: (): TaskArgs => [this.resources, this.loader, this.sourceSet, this.attempt, ...this.loadInputs()],
  });

  /** One load: nothing to load yet, or the model of every source's data for the scope's patient. */
  private async load([resources, loader, sources]: TaskArgs, signal: AbortSignal): Promise<Loaded<Model>> {
    const given = resources !== undefined && resources !== null && typeof resources !== 'string';
    const source = given ? FhirLoader.fromResources(resources, undefined, signal) : loader;
    const prompt = this.awaitingInput();
    if (prompt !== undefined) return { kind: 'idle', reason: 'awaiting-input', prompt };
    if (!given && sources && sources.sources.length > 1) {
      severalSources ??= await import('./several-sources.js');
      signal.throwIfAborted();
      return severalSources.loadFromSources(
        sources,
        signal,
        (set, inner) => this.fetchMerged(set, inner),
        (data: Data, scope) => this.buildModel(data, scope, signal),
      );
    }
    if (!source) return { kind: 'idle', reason: 'no-source' };
    const readiness = await source.readiness();
    signal.throwIfAborted();
    if (readiness.kind === 'idle') return readiness;
    const data = await this.fetchResources(source, signal);
    signal.throwIfAborted();
    const model = await this.buildModel(data, readiness.scope, signal);
    signal.throwIfAborted();
    return { kind: 'model', model, failures: [], counts: [], sourceCount: 1 };
  }

  /** Whether a model is itself partial (e.g. some CDS services failed); sets `partial` too. */
  protected partialModel(_model: Model): boolean {
    return false;
  }

  // --- several sources (issue 14): the one place that runs a widget's query per source and merges --

  /**
   * Runs this widget's query at every source in parallel (each through its own loader: dedupe,
   * cache, paging, batch, abort), keeping each source's own patient's resources only.
   */
  protected fetchFromSources(set: SourceSet, signal: AbortSignal): Promise<SeveralSources.SourceResult<Data>[]> {
    return sourceMergeRules().fetchFromSources(set, signal, (loader, inner) => this.fetchResources(loader, inner));
  }

  /**
   * Merges the data of the sources that loaded (default: every resource array merged, duplicates
   * once, each copy knowing its sources — src/model/merge-sources.ts). A widget may add checks
   * across sources by overriding this.
   */
  protected mergeSources(parts: readonly SourcedData<Data>[], _scopes: readonly PatientScope[]): Data {
    return sourceMergeRules().mergeSourcedData(parts);
  }

  /**
   * The data of every source, merged, before it is modelled: by default this widget's query at each
   * source (`fetchFromSources`) merged by `mergeSources`. A widget that must see the whole record
   * in one request (the CDS cards send one hook call with the merged record) overrides this.
   * Resolves `{ idle }` while the primary source has nothing to load; throws when no source loaded.
   */
  protected async fetchMerged(set: SourceSet, signal: AbortSignal): Promise<MergedFetch<Data> | { idle: IdleReason }> {
    const results = await this.fetchFromSources(set, signal);
    signal.throwIfAborted();
    return sourceMergeRules().mergeResults(results, (parts, scopes) => this.mergeSources(parts, scopes));
  }

  /** What the last load produced, once it completed. */
  private get lastLoad(): Loaded<Model> | undefined {
    return this.task.status === TaskStatus.COMPLETE ? this.task.value : undefined;
  }

  /** The sources that failed for what is shown now (empty with one source, or when all loaded). */
  protected get failedSources(): readonly SourceFailure[] {
    const loaded = this.lastLoad;
    return loaded?.kind === 'model' ? loaded.failures : [];
  }

  /** True when the shown data came from more than one source: rows then show their source. */
  protected get multiSource(): boolean {
    const loaded = this.lastLoad;
    return loaded?.kind === 'model' && loaded.sourceCount > 1;
  }

  /** "Allergies unavailable from Regional HIE": a failed source, in this widget's words. */
  protected sourceFailureText(source: string): string {
    return this.messages.unavailableFrom(this.subject(this.messages), source);
  }

  /**
   * The title of a failed source's notice: by default `sourceFailureText`. A widget whose own status
   * line already says it (the allergy banner's "Allergies unavailable from …") names the source only.
   */
  protected sourceFailureTitle(source: string, _model: Model): string {
    return this.sourceFailureText(source);
  }

  /**
   * The words for "found nothing", honest about failed sources: `none` itself when every source
   * loaded, else "None recorded in Riverside EMR; Regional HIE unavailable" (DESIGN.md §3 rules 1
   * and 11: nothing found in some sources is not nothing found). Every widget's empty line uses it.
   */
  protected noneText(none: string): string {
    const loaded = this.lastLoad;
    return loaded?.kind === 'model' && loaded.failures.length ? sourceMergeRules().noneRecordedIn(loaded, this.messages, this.localize.format) : none;
  }

  /** The failed sources, named, above what the others returned (every state that shows data). */
  protected renderSourceFailures(model: Model): unknown {
    const failures = this.failedSources;
    if (!failures.length) return nothing;
    return sourceMergeRules().renderSourceFailures(failures, {
      title: (source) => this.sourceFailureTitle(source, model),
      errorText: (error) => this.errorText(error),
      retry: () => this.retry(),
      retryLabel: this.messages.retry,
    });
  }

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
    this.contextAnswered = false;
    super.connectedCallback(); // the context, when there is one, answers here
    warnResourcesAttribute(this);
    setTimeout(() => this.awaitLateContext(), 0);
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

  /** Inside a context that did not answer (its tag is defined later): waits for it (./late-context.ts, loaded only then). */
  private awaitLateContext(): void {
    if (!this.isConnected || this.contextAnswered || !insideContext(this)) return;
    import('./late-context.js').then(
      (late) => late.awaitContext(this.contextConsumers),
      (error: unknown) => console.error(`fhir-elements: <${this.localName}> could not wait for its context.`, error),
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const loaded = this.lastLoad;
    if (loaded?.kind === 'model' && loaded.model !== this.shownModel) {
      this.shownModel = loaded.model;
      this.modelChanged(loaded.model);
    }
  }

  protected override update(changed: PropertyValues<this>): void {
    const next = this.currentState();
    if (next !== this.state) this.state = next;
    const loaded = this.lastLoad;
    const partial = this.failedSources.length > 0 || (loaded?.kind === 'model' && this.partialModel(loaded.model));
    if (partial !== this.partial) this.partial = partial;
    super.update(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const loaded = this.lastLoad;
    if (loaded?.kind === 'model' && this.announced !== loaded) {
      this.announced = loaded;
      const detail: Record<string, number> = { ...this.loadDetail(loaded.model) };
      // Several sources (their module is loaded then): the per-source keys, then one `fhir-error` per failed source.
      const several = loaded.sourceCount > 1 ? sourceMergeRules() : undefined;
      several?.addSourceCounts(detail, loaded);
      this.dispatchEvent(new CustomEvent('fhir-load', { detail: detail as Detail, bubbles: true, composed: true }));
      several?.announceFailures(this, loaded.failures);
    } else if (this.task.status === TaskStatus.ERROR && this.task.error !== LOAD_STOPPED && this.announced !== this.task.error) {
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
        // Never `empty` while a source (or a part, e.g. a CDS service) failed: what is missing may
        // hold the records, so the honest state is `ready` with `partial`, saying what is missing.
        const complete = !loaded.failures.length && !this.partialModel(loaded.model);
        return complete && this.isEmpty(loaded.model) ? 'empty' : 'ready';
      }
      case TaskStatus.ERROR:
        return this.task.error === LOAD_STOPPED ? 'loading' : 'error';
      default:
        return 'loading';
    }
  }

  protected override render(): unknown {
    return this.task.render({
      initial: () => this.renderLoading(),
      pending: () => this.renderLoading(),
      complete: (loaded) =>
        loaded.kind === 'idle'
          ? this.renderIdle(loaded.prompt)
          : loaded.failures.length
            ? html`${this.renderSourceFailures(loaded.model)}${this.renderModel(loaded.model)}`
            : this.renderModel(loaded.model),
      error: (error) => (error === LOAD_STOPPED ? this.renderLoading() : this.renderError(toFhirError(error))),
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
