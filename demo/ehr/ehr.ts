// The demo "EHR": lists patients and launches the SMART chart app for one of them, in an iframe
// (or a new tab), the way an EHR does: it asks its authorization server for a launch context
// bound to the patient, then opens the app's launch URL with `iss` and `launch`.
// `?patient=<id>` selects and launches at once; `?app=<launch URL>` launches an app served from
// another loopback origin (e.g. http://localhost:5173/smart/launch.html while the EHR is at
// http://127.0.0.1:5173/), the usual case of an EHR framing a third-party app.
import type { Bundle, Patient } from 'fhir/r4';

const SMART_FHIR = new URL('/smart/fhir', location.href).href;
const PATIENT_LIST = new URL('/fhir/Patient?_count=100&_sort=family', location.href).href;
const APP_LAUNCH = appLaunchUrl(new URL(location.href).searchParams.get('app'));

const list = document.getElementById('patients') as HTMLUListElement;
const listStatus = document.getElementById('patients-status') as HTMLElement;
const heading = document.getElementById('chart-heading') as HTMLElement;
const frame = document.getElementById('app-frame') as HTMLIFrameElement;
const launchStatus = document.getElementById('launch-status') as HTMLElement;
const openTab = document.getElementById('open-tab') as HTMLButtonElement;
const scopesV2 = document.getElementById('scopes-v2') as HTMLInputElement;

let selected: { id: string; name: string } | undefined;

/** The app's launch URL: ours, or one on a loopback origin given as `?app=`. */
function appLaunchUrl(wanted: string | null): string {
  const own = new URL('/smart/launch.html', location.href).href;
  if (!wanted) return own;
  try {
    const url = new URL(wanted, location.href);
    return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && url.protocol === 'http:' ? url.href : own;
  } catch {
    return own;
  }
}

function displayName(patient: Patient): string {
  const name = patient.name?.[0];
  if (!name) return patient.id ?? 'Unnamed patient';
  if (name.text) return name.text;
  return [name.family?.toUpperCase(), (name.given ?? []).join(' ')].filter(Boolean).join(', ') || (patient.id ?? '');
}

/** Asks the authorization server for a one-time launch context and builds the app's launch URL. */
async function launchUrl(patientId: string): Promise<string> {
  const response = await fetch('/auth/launch', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    // SMART App Launch 2 launch context: this EHR shows the patient's banner itself (the chart
    // heading), so the app need not; the app gets the EHR's style (smart_style_url).
    body: JSON.stringify({ patient: patientId, need_patient_banner: false, smart_style: true }),
  });
  const body = (await response.json()) as { launch?: string; error_description?: string };
  if (!response.ok || !body.launch) throw new Error(body.error_description ?? `HTTP ${response.status}`);
  const url = new URL(APP_LAUNCH);
  url.searchParams.set('iss', SMART_FHIR);
  url.searchParams.set('launch', body.launch);
  if (scopesV2.checked) url.searchParams.set('scopes', 'v2');
  return url.href;
}

async function launchInFrame(patient: { id: string; name: string }): Promise<void> {
  selected = patient;
  heading.textContent = patient.name;
  openTab.disabled = false;
  for (const button of list.querySelectorAll('button')) {
    button.setAttribute('aria-current', String(button.dataset.patient === patient.id));
  }
  launchStatus.textContent = `Launching the chart app for ${patient.name}…`;
  frame.src = 'about:blank';
  try {
    frame.src = await launchUrl(patient.id);
    launchStatus.textContent = '';
  } catch (error) {
    launchStatus.textContent = `The app could not be launched: ${error instanceof Error ? error.message : String(error)}`;
  }
}

openTab.addEventListener('click', async () => {
  if (!selected) return;
  // A launch context is single-use: the tab gets its own.
  const tab = window.open('about:blank', '_blank');
  try {
    const url = await launchUrl(selected.id);
    if (tab) {
      tab.opener = null;
      tab.location.href = url;
    }
  } catch (error) {
    tab?.close();
    launchStatus.textContent = `The app could not be launched: ${error instanceof Error ? error.message : String(error)}`;
  }
});

async function loadPatients(): Promise<void> {
  try {
    const response = await fetch(PATIENT_LIST, { headers: { Accept: 'application/fhir+json' } });
    if (!response.ok) throw new Error(`the FHIR server answered ${response.status}`);
    const bundle = (await response.json()) as Bundle<Patient>;
    const patients = (bundle.entry ?? []).flatMap((entry) => (entry.resource?.id ? [entry.resource] : []));
    list.replaceChildren(
      ...patients.map((patient) => {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.patient = patient.id;
        button.textContent = displayName(patient);
        button.addEventListener('click', () => void launchInFrame({ id: patient.id!, name: displayName(patient) }));
        item.append(button);
        return item;
      }),
    );
    listStatus.textContent = patients.length ? `${patients.length} patients` : 'No patients on the server.';
    const wanted = new URL(location.href).searchParams.get('patient');
    const match = patients.find((patient) => patient.id === wanted);
    if (match) await launchInFrame({ id: match.id!, name: displayName(match) });
  } catch (error) {
    listStatus.textContent = `Patients could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
  }
}

void loadPatients();
