import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { FhirLoader, type Connection } from '../../fhir/loader.js';
import { defaultSourceLabel } from '../../fhir/sources-context.js';
import { DEFAULT_TIMEOUT_MS, type FhirClientLike } from '../../fhir/transport.js';
import { connectSource } from './source-connection.js';

/** Properties whose change starts a new loader for this source. */
const SOURCE_PROPERTIES = ['server', 'patient', 'batch', 'client', 'resources', 'timeout'] as const;

/**
 * @tag fhir-source
 * @summary One more FHIR source for the enclosing `<fhir-context>` (anywhere inside it, e.g. in a
 * wrapper `<div>`; inside a nested `<fhir-context>` it belongs to that one): the
 * same patient's record at another server (a regional HIE, a hospital, a lab). The widgets merge it
 * with the context's own (primary) source: duplicates shown once listing both, every row labelled
 * with its source, and a failure of this source named in words in every widget.
 *
 * Changing any attribute or property reloads the widgets; a response for the previous server or
 * patient is never shown. Renders nothing.
 *
 * @fires fhir-source-change - (internal, bubbles to the context) this source changed.
 */
export class FhirSource extends LitElement {
  /** FHIR base URL of the source. */
  @property() server?: string;

  /** This patient's id at this source (ids differ between servers). */
  @property() patient?: string;

  /** A short name shown beside this source's rows; default: the server's host name. */
  @property() label?: string;

  /** Sends this source's first requests as one FHIR `batch` Bundle. */
  @property({ type: Boolean }) batch = false;

  /** Milliseconds before a request to this source counts as timed out (default 30,000). */
  @property({ type: Number }) timeout = DEFAULT_TIMEOUT_MS;

  /** A fhirclient `Client` for this source. */
  @property({ attribute: false }) client?: FhirClientLike;

  /** FHIR resources (an array or a Bundle) as this source, with no network. */
  @property({ attribute: false }) resources?: unknown;

  /** This source's loader (a new one whenever the source changes). */
  loader: FhirLoader = this.createLoader();

  /** The label shown: `label`, else the server's host, else "Source". */
  get displayLabel(): string {
    return this.label?.trim() || defaultSourceLabel(this.server ?? this.client?.state?.serverUrl, 'Source');
  }

  protected override createRenderRoot(): HTMLElement {
    return this; // renders nothing
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.loader.disposed) this.loader = this.createLoader();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loader.dispose();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!this.hasUpdated) return;
    if (SOURCE_PROPERTIES.some((name) => changed.has(name))) {
      this.loader.dispose();
      this.loader = this.createLoader();
    }
    if (SOURCE_PROPERTIES.some((name) => changed.has(name)) || changed.has('label')) {
      this.dispatchEvent(new Event('fhir-source-change', { bubbles: true, composed: true }));
    }
  }

  private createLoader(): FhirLoader {
    return new FhirLoader((signal) => this.connect(signal));
  }

  /** This source's connection, after an update (see `connectSource`). */
  private connect(signal: AbortSignal): Promise<Connection> {
    return connectSource(this, signal);
  }
}
