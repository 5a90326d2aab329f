// SMART on FHIR through fhirclient, loaded only when a page actually launches (dynamic import).
import { FhirError } from './errors.js';
import type { LaunchContext } from './launch-context.js';
import type { FhirClientLike } from './transport.js';

/** The parts of fhirclient's state this reads. */
export interface SmartClientState {
  serverUrl: string;
  tokenResponse?: Record<string, unknown>;
}

/** Reads the launch context from a completed launch's state (the token response): only a launch needs it. */
export function readLaunchContext(state: SmartClientState): LaunchContext {
  const token = state.tokenResponse ?? {};
  const patient = typeof token.patient === 'string' && token.patient !== '' ? token.patient : undefined;
  const styleUrl = typeof token.smart_style_url === 'string' && token.smart_style_url !== '' ? token.smart_style_url : undefined;
  return {
    ...(patient ? { patient } : {}),
    // Only an explicit false hides the banner: anything else keeps the patient's identity on screen.
    needPatientBanner: token.need_patient_banner !== false && token.need_patient_banner !== 'false',
    ...(styleUrl ? { styleUrl } : {}),
    serverUrl: state.serverUrl,
  };
}

/** The fhirclient Client as this module sees it: the kit's interface plus the launch state. */
type SmartClient = FhirClientLike & { state: SmartClientState & { tokenUri?: string } };

/** A completed launch: a client whose failures read as a session's, and what the launch said. */
export interface SmartSession {
  client: FhirClientLike;
  launch: LaunchContext;
}

const SESSION_EXPIRED = 'The session with the EHR has expired or was ended (401): launch the app again from the EHR.';

/**
 * Completes a SMART launch that fhirclient's `oauth2.authorize` started (the redirect back with
 * `code` and `state`), and resolves to the authorised Client.
 */
export async function completeSmartLaunch(): Promise<FhirClientLike> {
  let fhir: { oauth2: { ready(): Promise<unknown> } };
  try {
    const module = (await import('fhirclient')) as unknown as { default?: typeof fhir } & typeof fhir;
    fhir = module.default ?? module;
  } catch (error) {
    throw new FhirError('launch', 'The SMART launch library could not be loaded.', { cause: error });
  }
  try {
    return (await fhir.oauth2.ready()) as FhirClientLike;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FhirError('launch', `The SMART launch could not be completed: ${reason}`, { cause: error });
  }
}

/**
 * Completes the launch and checks it against what the page asked for: a `requestedPatient` other
 * than the launch's patient is refused (a launch authorises one patient's chart, and only that
 * one is shown). The client's requests refresh an expired access token when the launch granted a
 * refresh token (fhirclient does, before the request); a 401 or a failed refresh becomes one
 * "session expired" error, never an empty chart.
 */
export async function startSmartSession(requestedPatient?: string): Promise<SmartSession> {
  const client = (await completeSmartLaunch()) as SmartClient;
  const launch = readLaunchContext(client.state);
  const patient = launch.patient ?? client.patient.id ?? undefined;
  if (!patient) {
    throw new FhirError('launch', 'The SMART launch did not name a patient (request the launch/patient scope).');
  }
  if (requestedPatient && requestedPatient !== patient) {
    throw new FhirError(
      'launch',
      'This app was launched for another patient than the one asked for: a SMART launch shows only the patient it was launched with. Launch the app again from the EHR for that patient.',
    );
  }
  return { client: sessionClient(client), launch: { ...launch, patient } };
}

/** True for a failure of the session itself: a 401 from the FHIR server, or the token endpoint refusing a refresh. */
function sessionFailure(error: unknown, tokenUri: string | undefined): boolean {
  const record = (error ?? {}) as { status?: unknown; response?: { url?: unknown } };
  if (record.status === 401) return true;
  const url = typeof record.response?.url === 'string' ? record.response.url : undefined;
  return tokenUri !== undefined && url !== undefined && url.split('?')[0] === tokenUri.split('?')[0];
}

function sessionClient(client: SmartClient): FhirClientLike {
  return {
    state: client.state,
    patient: client.patient,
    async request(options) {
      try {
        return await client.request(options);
      } catch (error) {
        if (sessionFailure(error, client.state.tokenUri)) {
          throw new FhirError('unauthorized', SESSION_EXPIRED, { status: 401, cause: error });
        }
        throw error;
      }
    },
  };
}
