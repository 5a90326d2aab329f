// How a <fhir-context> and a <fhir-source> turn their properties into a connection for their loader:
// given resources, a fhirclient Client, or a server (a context may also launch SMART, between the
// Client and the server). One place, so both wait for settled properties and name their source alike.
import type { ReactiveElement } from 'lit';
import { connectGiven, type Connection } from '../../fhir/loader.js';
import { DEFAULT_TIMEOUT_MS, HttpTransport, type FhirClientLike } from '../../fhir/transport.js';

/** The properties that name a source, shared by `<fhir-context>` and `<fhir-source>`. */
export interface SourceProperties extends ReactiveElement {
  server?: string;
  patient?: string;
  batch: boolean;
  timeout: number;
  client?: FhirClientLike;
  resources?: unknown;
}

/**
 * The connection `el`'s properties describe, once they have settled; `signal` aborts when the loader
 * is disposed (new properties, or the element left the page). `launch` runs when no records or
 * Client are given, before the server is tried (the context's SMART launch: undefined when it does
 * not launch).
 */
export async function connectSource(
  el: SourceProperties,
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
