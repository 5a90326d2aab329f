// The SMART side of the demo, as one Node request handler: the authorization server (demo/auth)
// and a second local FHIR server, preloaded with the same demo patients, that answers only with a
// live bearer token from it and only for the token's patient. Mounted on the Vite dev server by
// vite-plugin.ts and started by the end-to-end tests through that plugin.
//
//   /smart/fhir                                   the token-protected FHIR base (SMART `iss`)
//   /smart/fhir/.well-known/smart-configuration   SMART discovery
//   /auth/authorize  /auth/token                  OAuth 2.0 endpoints (PKCE S256, state)
//   /auth/launch                                  POST {patient}: the EHR creates a launch context
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Patient as MedplumPatient } from '@medplum/fhirtypes';
import type { Bundle, OperationOutcome } from 'fhir/r4';
import { sendFhirJson } from '../server/fhir-http.js';
import { createFhirServer, type FhirServer } from '../server/fhir-server.js';
import { createSmartAuthServer, type PatientChoice, type SmartAuthOptions, type SmartAuthServer } from './smart-auth-server.js';
import { compartmentViolation } from './scopes.js';

export const SMART_FHIR_BASE = '/smart/fhir';
export const SMART_AUTH_BASE = '/auth';
/** The demo app's registration: a public client whose redirect URI is the app page. */
export const DEMO_CLIENT_ID = 'fhir-elements-demo';
export const DEMO_REDIRECT_PATHS = ['/smart/index.html', '/smart/'];

export interface SmartDemoOptions extends Partial<Omit<SmartAuthOptions, 'listPatients' | 'fhirBasePath' | 'authBasePath'>> {
  /** Bundles the protected FHIR server is preloaded with (default: the generated demo patients). */
  patients?: Bundle[];
}

export interface SmartDemo {
  auth: SmartAuthServer;
  fhir: FhirServer;
  /** Answers the paths above; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

function forbidden(text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', details: { text } }] };
}

export async function createSmartDemo(options: SmartDemoOptions = {}): Promise<SmartDemo> {
  let patients = options.patients;
  if (!patients) {
    const { loadDemoPatients } = await import('../server/demo-patients.js');
    patients = await loadDemoPatients();
  }
  const auth = createSmartAuthServer({
    clients: [{ clientId: DEMO_CLIENT_ID, redirectUris: DEMO_REDIRECT_PATHS }],
    ...options,
    fhirBasePath: SMART_FHIR_BASE,
    authBasePath: SMART_AUTH_BASE,
    listPatients,
  });
  const fhir = await createFhirServer({
    patients,
    requireToken: (token) => auth.verifyToken(token),
    security: {
      cors: true,
      service: [
        {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }],
          text: 'SMART App Launch: see .well-known/smart-configuration',
        },
      ],
      description: 'Bearer tokens from the demo authorization server; discovery at .well-known/smart-configuration.',
    },
  });

  async function listPatients(): Promise<PatientChoice[]> {
    const found = (await fhir.repo.searchResources({ resourceType: 'Patient', count: 1000 })) as MedplumPatient[];
    return found
      .map((patient) => {
        const name = patient.name?.[0];
        const text = name?.text ?? [name?.family?.toUpperCase(), (name?.given ?? []).join(' ')].filter(Boolean).join(', ');
        return { id: patient.id as string, name: text || (patient.id as string), birthDate: patient.birthDate };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (await auth.handle(req, res)) return true;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== SMART_FHIR_BASE && !url.pathname.startsWith(SMART_FHIR_BASE + '/')) return false;
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const grant = bearer ? auth.grantFor(bearer[1]) : undefined;
    // No or bad token: the FHIR server itself answers 401 with WWW-Authenticate.
    if (grant && req.method !== 'OPTIONS') {
      const violation = compartmentViolation(url, SMART_FHIR_BASE, grant.patient, grant.scope);
      if (violation) {
        sendFhirJson(req, res, 403, forbidden(violation));
        return true;
      }
    }
    await fhir.handle(req, res, SMART_FHIR_BASE);
    return true;
  }

  return { auth, fhir, handle };
}
