// SMART launch_uri of the demo chart app. An EHR opens it with `iss` (its FHIR base) and `launch`
// (an opaque launch context); opened without `launch` it makes a standalone launch against `iss`,
// or against the demo's own token-protected server (/smart/fhir) when there is no `iss` either.
// fhirclient discovers the endpoints (.well-known/smart-configuration), stores its state in this
// tab's sessionStorage and redirects to the authorize endpoint with PKCE S256 and a random state.
// `?scopes=v2` asks with SMART v2 scopes (patient/*.rs) instead of v1 (patient/*.read);
// `?refresh=no` does not ask for a refresh token (online_access).
import FHIR from 'fhirclient';
import { DEMO_CLIENT_ID, launchScope } from './launch-options.js';

const url = new URL(location.href);
const launchContext = url.searchParams.get('launch');
const iss = url.searchParams.get('iss') ?? new URL('/smart/fhir', location.href).href;
const status = document.getElementById('launch-status') as HTMLElement;

/** fhirclient keeps the launch state in sessionStorage; some browsers deny it to framed apps. */
function sessionStorageBlocked(): boolean {
  try {
    sessionStorage.getItem('SMART_KEY');
    return false;
  } catch {
    return true;
  }
}

if (sessionStorageBlocked()) {
  // A cross-site iframe in a browser that blocks third-party storage (Chrome partitions it by
  // default instead). The launch context is not used yet, so the same URL works in a tab of its own.
  status.setAttribute('role', 'alert');
  status.textContent =
    'This browser does not let an app framed by another site keep its sign-in state (third-party storage is blocked). ';
  const link = document.createElement('a');
  link.href = location.href;
  link.target = '_blank';
  link.rel = 'noopener';
  link.textContent = 'Open the app in a new tab';
  status.append(link);
} else {
  void launch();
}

async function launch(): Promise<void> {
  try {
    await FHIR.oauth2.authorize({
      clientId: DEMO_CLIENT_ID,
      scope: launchScope({
        ehrLaunch: launchContext !== null,
        v2: url.searchParams.get('scopes') === 'v2',
        refresh: url.searchParams.get('refresh') !== 'no',
      }),
      redirectUri: 'index.html',
      iss,
      // Complete the launch in this same window, also when it is an EHR's iframe (fhirclient
      // would otherwise guess, and warn).
      completeInTarget: true,
      pkceMode: 'required',
    });
  } catch (error) {
    status.setAttribute('role', 'alert');
    status.textContent = `The app could not be launched: ${error instanceof Error ? error.message : String(error)}`;
  }
}
