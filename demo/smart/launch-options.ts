// The demo app's SMART registration and the scopes it asks for.

/** The public client the demo authorization server knows (demo/auth/smart-demo.ts). */
export const DEMO_CLIENT_ID = 'fhir-elements-demo';

/**
 * EHR launch: `launch` (the EHR's context) + read access to that patient's data; standalone:
 * `launch/patient` (ask the user to pick a patient). `openid fhirUser` asks who the user is (the
 * demo server does not grant it; the token response's `scope` says so).
 */
export function launchScope(options: { ehrLaunch: boolean; v2?: boolean }): string {
  const read = options.v2 ? 'patient/*.rs' : 'patient/*.read';
  return [options.ehrLaunch ? 'launch' : 'launch/patient', 'openid', 'fhirUser', read].join(' ');
}
