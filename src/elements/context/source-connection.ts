// What a <fhir-context> and a <fhir-source> share: the properties that name a source, the loader
// they make of them (a new one whenever one of them changes, none kept while out of the page), and
// how those properties become a connection: given resources, a fhirclient Client, or a server (a
// context may also launch SMART, between the Client and the server). One place, so both wait for
// settled properties and name their source alike.
import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { connectGiven, FhirLoader, type Connection } from '../../fhir/loader.js';
import { defaultSourceLabel } from '../../fhir/sources-context.js';
import { DEFAULT_TIMEOUT_MS, HttpTransport, type FhirClientLike } from '../../fhir/transport.js';

/** Properties whose change starts a new loader (and so reloads every widget that reads it). */
const SOURCE_PROPERTIES = ['server', 'patient', 'smart', 'batch', 'client', 'resources', 'timeout'];

/**
 * The base of `<fhir-context>` and `<fhir-source>` (not a tag of its own): a FHIR source of the
 * patient's record and its loader.
 */
export abstract class SourceElement extends LitElement {
  /** FHIR base URL of the source (an open server), e.g. `https://fhir.example.org/r4`. */
  @property() server?: string;

  /** The id of the Patient whose chart the widgets show, at this source (ids differ between servers). */
  @property() patient?: string;

  /** A short name shown beside this source's rows when there are several; default: the server's host. */
  @property() label?: string;

  /** Sends the first requests of every widget to this source as one FHIR `batch` Bundle. */
  @property({ type: Boolean }) batch = false;

  /** Milliseconds before a request counts as timed out (default 30,000). */
  @property({ type: Number }) timeout = DEFAULT_TIMEOUT_MS;

  /** A fhirclient `Client` the host already has (its server and patient are used). */
  @property({ attribute: false }) client?: FhirClientLike;

  /** FHIR resources (an array or a Bundle) to render with no network at all. */
  @property({ attribute: false }) resources?: unknown;

  /** This source's loader (a new one whenever the source changes). */
  protected loader: FhirLoader = this.createLoader();

  /** `label`, else the server's host, else `fallback`. */
  protected labelOr(fallback: string): string {
    return this.label?.trim() || defaultSourceLabel(this.server ?? this.client?.state?.serverUrl, fallback);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Taken out of the page, a source stops its work; put back, it starts afresh.
    if (this.loader.disposed) this.loader = this.createLoader();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loader.dispose();
  }

  /** Whether this update changes what the source is (then it has a new loader). */
  protected sourceChanged(changed: PropertyValues): boolean {
    return SOURCE_PROPERTIES.some((name) => changed.has(name));
  }

  protected override willUpdate(changed: PropertyValues): void {
    // The first loader reads the properties lazily, after this update.
    if (this.hasUpdated && this.sourceChanged(changed)) {
      this.loader.dispose();
      this.loader = this.createLoader();
    }
  }

  /**
   * A loader for the current properties. Its own method, so that the closure it keeps holds only
   * `this` (a closure made in willUpdate would keep the change map, and with it the old loader).
   */
  private createLoader(): FhirLoader {
    const loader: FhirLoader = new FhirLoader((signal) => this.connect(loader, signal));
    return loader;
  }

  /** The source the current properties describe; called once per loader, after an update. */
  protected connect(_loader: FhirLoader, signal: AbortSignal): Promise<Connection> {
    return connectSource(this, signal);
  }
}

/**
 * The connection `el`'s properties describe, once they have settled; `signal` aborts when the loader
 * is disposed (new properties, or the element left the page). `launch` runs when no records or
 * Client are given, before the server is tried (the context's SMART launch: undefined when it does
 * not launch).
 */
export async function connectSource(
  el: SourceElement,
  signal: AbortSignal,
  launch?: (timeoutMs: number) => Promise<Connection> | undefined,
): Promise<Connection> {
  await el.updateComplete;
  // Properties set since (a new record, say) belong to the loader their update makes (it disposes
  // this one): wait for it, so this loader never starts on them.
  while (el.isUpdatePending) await el.updateComplete;
  signal.throwIfAborted();
  const timeoutMs = el.timeout > 0 ? el.timeout : DEFAULT_TIMEOUT_MS;
  const { resources, client } = el;
  if (resources !== undefined && resources !== null && typeof resources !== 'string') {
    // Flattened as a widget's own resources are, a slice per task (the widgets stay loading
    // meanwhile), and whose record it is decided from that walk (full URLs included).
    return connectGiven(resources, el.patient || undefined, signal);
  }
  if (client) {
    // The fhirclient transport is loaded only by an element that has a Client (or a launch).
    const { ClientTransport } = await import('../../fhir/client-transport.js');
    return { kind: 'server', transport: new ClientTransport(client, timeoutMs), patientId: el.patient || client.patient.id || undefined, batch: el.batch };
  }
  const launched = launch?.(timeoutMs);
  if (launched) return launched;
  if (el.server) {
    return {
      kind: 'server',
      transport: new HttpTransport(new URL(el.server, document.baseURI).href, { timeoutMs }),
      patientId: el.patient || undefined,
      batch: el.batch,
    };
  }
  // Nothing yet: the widgets wait, neutral (the host sets a source when it has one).
  return { kind: 'idle', reason: 'no-source' };
}
