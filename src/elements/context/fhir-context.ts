import { ContextProvider } from '@lit/context';
import { css, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { fhirLoaderContext } from '../../fhir/loader-context.js';
import { fhirSourcesContext, type DataSource, type SourceSet } from '../../fhir/sources-context.js';
import type { Connection, FhirLoader } from '../../fhir/loader.js';
import { warnResourcesAttribute } from '../shared/developer-warnings.js';
import { FhirSource } from './fhir-source.js';
import { connectSource, SourceElement } from './source-connection.js';

/**
 * @tag fhir-context
 * @summary Connects the widgets inside it to one FHIR source and one patient: an open server, a
 * SMART launch, a fhirclient `Client` the host already has, or resources given directly.
 *
 * @slot - The widgets that share this context's loader, and `<fhir-source>` elements: more sources
 *   of the same patient's record, merged by every widget (the context's own source is the primary).
 *   A `<fhir-source>` counts wherever it sits inside the context (a wrapper `<div>` is fine), except
 *   inside a nested `<fhir-context>`, whose source it is. Adding, moving or removing one reloads
 *   the widgets.
 *
 * Changing `server`, `patient`, `client` or `resources` reloads every widget inside; requests for
 * the previous patient are cancelled and their responses never shown. Until there is a source and
 * a patient the widgets are `idle` ("No patient selected"), never in error.
 */
export class FhirContext extends SourceElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Completes a SMART launch (fhirclient `oauth2.ready()`) and uses the authorised client. */
  @property({ type: Boolean }) smart = false;

  /** The loader widgets inside read from: this context's own (primary) source. */
  @state() protected override loader!: FhirLoader;

  /** The `<fhir-source>` elements of this context (any depth, not in a nested context), in document order. */
  @state() private childSources: FhirSource[] = [];

  /** Hands the widgets inside this context's loader (the controller `@provide` would make). */
  private readonly loaderProvider = new ContextProvider(this, { context: fhirLoaderContext, initialValue: this.loader });

  /** Hands the widgets inside every source, primary first; a new set whenever any of them changes. */
  private readonly sourcesProvider = new ContextProvider(this, { context: fhirSourcesContext, initialValue: { sources: [] } });

  constructor() {
    super();
    this.addEventListener('fhir-source-change', (event) => {
      if (event.target instanceof FhirSource && this.owns(event.target)) this.collectSources();
    });
  }

  /** Sources added or removed anywhere inside (not only as direct children: slotchange misses those). */
  private readonly sourceWatch = new MutationObserver(() => {
    const found = this.findSources();
    // A source moved inside the context was disconnected on the way: it has a new loader.
    const changed = found.length !== this.childSources.length || found.some((source, i) => source !== this.childSources[i] || source.loader !== this.sourcesProvider.value?.sources[i + 1]?.loader);
    if (changed) this.collectSources();
  });

  /** Whether `source` is this context's: its nearest enclosing `<fhir-context>` is this one. */
  private owns(source: FhirSource): boolean {
    for (let node = source.parentElement; node; node = node.parentElement) {
      if (node instanceof FhirContext) return node === this;
    }
    return false;
  }

  /** Every `<fhir-source>` inside this context (light DOM, any depth, not inside a nested context), in document order. */
  private findSources(): FhirSource[] {
    return [...this.querySelectorAll('*')].filter((el): el is FhirSource => el instanceof FhirSource && this.owns(el));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.sourceWatch.disconnect();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loaderProvider.setValue(this.loader); // a new loader when put back in the page
    this.sourceWatch.observe(this, { childList: true, subtree: true });
    warnResourcesAttribute(this);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.loaderProvider.setValue(this.loader);
    if (!this.hasUpdated || changed.has('loader') || changed.has('childSources') || changed.has('label') || this.sourceChanged(changed)) {
      this.sourcesProvider.setValue(this.sourceSet());
    }
  }

  /** The set widgets merge: this context's own source, then each child source (labels made unique). */
  private sourceSet(): SourceSet {
    const used = new Set<string>();
    const unique = (label: string): string => {
      let name = label;
      for (let n = 2; used.has(name); n += 1) name = `${label} (${n})`;
      used.add(name);
      return name;
    };
    const sources: DataSource[] = [{ label: unique(this.labelOr('Primary')), loader: this.loader, primary: true }];
    for (const child of this.childSources) sources.push({ label: unique(child.displayLabel), loader: child.loader, primary: false });
    return { sources };
  }

  /** Rereads the sources (added, moved, removed, or changed). */
  private collectSources(): void {
    this.childSources = this.findSources();
    this.sourcesProvider.setValue(this.sourceSet());
  }

  /** The source the current properties describe, or the SMART launch's. */
  protected override connect(loader: FhirLoader, signal: AbortSignal): Promise<Connection> {
    return connectSource(this, signal, (timeoutMs) => (this.smart ? this.launch(loader, timeoutMs) : undefined));
  }

  /**
   * SMART App Launch 2: the launch's patient only, its banner and style (./smart-launch.ts). Loaded
   * here, with fhirclient, only by a page that launches: other pages do not pay for it.
   */
  private async launch(loader: FhirLoader, timeoutMs: number): Promise<Connection> {
    const { launchConnection } = await import('./smart-launch.js');
    return launchConnection(this, loader, timeoutMs);
  }

  protected override render() {
    return html`<slot @slotchange=${() => this.collectSources()}></slot>`;
  }
}
