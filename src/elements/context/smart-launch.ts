// A <fhir-context smart>'s connection: SMART App Launch 2 completed through fhirclient (src/fhir/smart.ts),
// the launch's patient only, its banner and style. Loaded (with fhirclient) only by a context that
// launches: other pages do not pay for it. It imports no value from ./fhir-context.ts (a lazy module
// must not: one file stays one).
import { ClientTransport } from '../../fhir/client-transport.js';
import { setLaunchContext } from '../../fhir/launch-context.js';
import type { Connection, FhirLoader } from '../../fhir/loader.js';
import { startSmartSession } from '../../fhir/smart.js';
import { applyStyleTokens, loadSmartStyle } from '../../fhir/smart-style.js';

/** The context whose properties name the launch (its `patient`, `batch`) and which takes its style. */
interface LaunchingContext extends HTMLElement {
  patient?: string;
  batch: boolean;
}

/** Completes the launch and connects `loader` to the authorised client. */
export async function launchConnection(context: LaunchingContext, loader: FhirLoader, timeoutMs: number): Promise<Connection> {
  const { client, launch } = await startSmartSession(context.patient || undefined);
  setLaunchContext(loader, launch);
  if (launch.styleUrl) {
    void loadSmartStyle(launch.styleUrl, launch.serverUrl).then((values) => applyStyleTokens(context, values));
  }
  return { kind: 'server', transport: new ClientTransport(client, timeoutMs), patientId: launch.patient, batch: context.batch };
}
