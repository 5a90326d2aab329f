// The demo app's SMART registration and the scopes it asks for.

/** The public client the demo authorization server knows (demo/auth/smart-demo.ts). */
export const DEMO_CLIENT_ID = 'fhir-elements-demo';

/**
 * EHR launch: `launch` (the EHR's context) + read access to that patient's data; standalone:
 * `launch/patient` (ask the user to pick a patient). `openid fhirUser` asks who the user is (the
 * demo server does not grant it; the token response's `scope` says so). `online_access` asks for a
 * refresh token, so that the chart keeps working past the access token's life while the clinician
 * is signed in to the EHR (`refresh: false` leaves it out: the session then ends with the token).
 */
export function launchScope(options: { ehrLaunch: boolean; v2?: boolean; refresh?: boolean }): string {
  const read = options.v2 ? 'patient/*.rs' : 'patient/*.read';
  const refresh = options.refresh === false ? [] : ['online_access'];
  return [options.ehrLaunch ? 'launch' : 'launch/patient', 'openid', 'fhirUser', ...refresh, read].join(' ');
}
