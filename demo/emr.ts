// The demo EMR's own code. Everything it does with the kit goes through the public API
// (DESIGN.md §2): it sets `server`, `patient` and `batch` on <fhir-context>, `status` on the
// medication list, `code` on the lab trend, `view` on the results, adds a `<fhir-source>` for the
// regional HIE inside the context when asked, and listens to `fhir-load`/`fhir-error`, and to
// `fhir-select` from the results (a chosen test opens its trend).
// The rest — the patient list, the settings form, the theme — is what any EMR already has.
import '../src/fhir-elements.js';
import type { Bundle, Patient } from 'fhir/r4';
import type { ResultsSelectDetail } from '../src/index.js';
import { HIE_PATIENTS } from './data/hie-patients.js';
import { fillLabTrendSelect, showLabTrendChoice } from './lab-trends.js';

const DEFAULT_SERVER = new URL('/fhir', location.href).href;
/** Patients asked for per list; the list says when the server has more. */
const LIST_SIZE = 50;
const THEME_KEY = 'riverside-emr-theme';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const context = byId<HTMLElementTagNameMap['fhir-context']>('chart-context');
const placeholder = byId<HTMLElement>('chart-placeholder');
const form = byId<HTMLFormElement>('source-form');
const serverField = byId<HTMLInputElement>('server-field');
const patientField = byId<HTMLInputElement>('patient-field');
const batchToggle = byId<HTMLInputElement>('batch-toggle');
const hieToggle = byId<HTMLInputElement>('hie-toggle');
const hieFailToggle = byId<HTMLInputElement>('hie-fail-toggle');
const hieStatus = byId<HTMLElement>('hie-status');
const themeToggle = byId<HTMLButtonElement>('theme-toggle');
const list = byId<HTMLUListElement>('patient-list');
const listStatus = byId<HTMLElement>('patient-list-status');
const medicationStatus = byId<HTMLSelectElement>('medication-status');
const trendCode = byId<HTMLSelectElement>('trend-code');
const eventLog = byId<HTMLOListElement>('event-log');
const medicationList = document.querySelector('fhir-medication-list')!;
const labTrend = document.querySelector('fhir-lab-trend')!;
const resultsView = byId<HTMLSelectElement>('results-view');
const labResults = document.querySelector<HTMLElementTagNameMap['fhir-results']>('#results-panel fhir-results')!;

// ---- where the chart comes from ---------------------------------------------------------------

let server = DEFAULT_SERVER;
let listRequest: AbortController | undefined;

/** Shows one patient's chart: the context reloads every widget, and never shows the last patient's data. */
function openPatient(patientId: string): void {
  context.setAttribute('server', server);
  context.setAttribute('patient', patientId);
  context.hidden = false;
  placeholder.hidden = true;
  patientField.value = patientId;
  for (const button of list.querySelectorAll<HTMLButtonElement>('button[data-patient]')) {
    if (button.dataset.patient === patientId) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
  rememberInUrl(patientId);
  syncHie();
}

// ---- the regional HIE: a second source of the same patient's record ---------------------------

const HIE_LABEL = 'Regional HIE';
const HIE_SERVER = new URL('/hie/fhir', location.href).href;
/** The HIE's base answering every request with HTTP 500 (the demo server's fault routes). */
const FAILING_HIE_SERVER = new URL('/hie/faults/500/fhir', location.href).href;

/**
 * Puts a `<fhir-source>` for the HIE inside the context when "Include regional HIE" is on and the
 * HIE knows the open patient (under its own id: this EMR's master patient index, here a table);
 * removes it otherwise. The widgets merge it, label rows by source, and name it when it fails.
 */
function syncHie(): void {
  hieFailToggle.disabled = !hieToggle.checked;
  const patientId = context.getAttribute('patient') ?? '';
  const hieId = server === DEFAULT_SERVER ? (HIE_PATIENTS as Record<string, string>)[patientId] : undefined;
  let source = context.querySelector('fhir-source');
  if (!hieToggle.checked || !hieId) {
    source?.remove();
    hieStatus.textContent = hieToggle.checked && patientId ? 'The regional HIE has no record of this patient.' : '';
    return;
  }
  hieStatus.textContent = '';
  if (!source) {
    source = document.createElement('fhir-source');
    context.prepend(source);
  }
  source.setAttribute('label', HIE_LABEL);
  source.setAttribute('patient', hieId);
  source.setAttribute('server', hieFailToggle.checked ? FAILING_HIE_SERVER : HIE_SERVER);
}

function rememberInUrl(patientId: string | undefined): void {
  const url = new URL(location.href);
  if (server === DEFAULT_SERVER) url.searchParams.delete('server');
  else url.searchParams.set('server', server);
  if (patientId) url.searchParams.set('patient', patientId);
  else url.searchParams.delete('patient');
  history.replaceState(null, '', url);
}

function closeChart(): void {
  context.removeAttribute('patient');
  context.hidden = true;
  placeholder.hidden = false;
}

// ---- patient list -----------------------------------------------------------------------------

function patientName(patient: Patient): string {
  const name = patient.name?.find((candidate) => candidate.use === 'official') ?? patient.name?.[0];
  if (!name) return `Patient ${patient.id ?? ''}`.trim();
  const family = name.family?.toUpperCase();
  const given = (name.given ?? []).join(' ');
  const text = [family, given].filter(Boolean).join(', ');
  return text || name.text || `Patient ${patient.id ?? ''}`.trim();
}

/** dd-Mmm-yyyy, as the widgets show dates (NHS CUI). */
function displayDate(value: string | undefined): string | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value ?? '');
  if (!match) return undefined;
  const [, year, month, day] = match;
  if (!month) return year;
  const monthName = MONTHS[Number(month) - 1] ?? month;
  return day ? `${day}-${monthName}-${year}` : `${monthName}-${year}`;
}

function patientButton(patient: Patient & { id: string }): HTMLLIElement {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.patient = patient.id;
  const name = document.createElement('span');
  name.className = 'emr-patient-name';
  name.textContent = patientName(patient);
  const details = document.createElement('span');
  details.className = 'emr-patient-details';
  const born = displayDate(patient.birthDate);
  details.textContent = [born ? `Born ${born}` : undefined, patient.gender, patient.id].filter(Boolean).join(' · ');
  button.append(name, details);
  button.addEventListener('click', () => openPatient(patient.id));
  item.append(button);
  return item;
}

async function loadPatientList(): Promise<void> {
  listRequest?.abort();
  const request = new AbortController();
  listRequest = request;
  list.replaceChildren();
  listStatus.textContent = 'Loading patients…';
  const url = `${server.replace(/\/+$/, '')}/Patient?_count=${LIST_SIZE}&_sort=family`;
  try {
    const response = await fetch(url, { signal: request.signal, headers: { Accept: 'application/fhir+json' } });
    if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
    const bundle = (await response.json()) as Bundle;
    if (bundle?.resourceType !== 'Bundle') throw new Error('the answer was not a FHIR Bundle');
    const patients = (bundle.entry ?? [])
      .map((entry) => entry.resource)
      .filter((resource): resource is Patient & { id: string } => resource?.resourceType === 'Patient' && !!resource.id);
    if (request.signal.aborted) return;
    list.replaceChildren(...patients.map(patientButton));
    const more = bundle.link?.some((link) => link.relation === 'next');
    listStatus.textContent =
      patients.length === 0
        ? 'No patients found on this server.'
        : more
          ? `Showing the first ${patients.length}${typeof bundle.total === 'number' ? ` of ${bundle.total}` : ''} patients.`
          : `${patients.length} ${patients.length === 1 ? 'patient' : 'patients'}.`;
    const current = context.getAttribute('patient');
    if (current) openPatient(current);
  } catch (error) {
    if (request.signal.aborted) return;
    listStatus.textContent = `Patients could not be loaded from ${server}: ${error instanceof Error ? error.message : String(error)}. You can still enter a patient id.`;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const nextServer = new URL(serverField.value.trim(), location.href).href.replace(/\/+$/, '');
  const nextPatient = patientField.value.trim();
  const serverChanged = nextServer !== server;
  server = nextServer;
  if (serverChanged) {
    closeChart();
    void loadPatientList();
  }
  if (nextPatient) openPatient(nextPatient);
  else rememberInUrl(undefined);
});

// ---- chart settings ---------------------------------------------------------------------------

batchToggle.addEventListener('change', () => context.toggleAttribute('batch', batchToggle.checked));
hieToggle.addEventListener('change', syncHie);
hieFailToggle.addEventListener('change', syncHie);
medicationStatus.addEventListener('change', () => medicationList.setAttribute('status', medicationStatus.value));
fillLabTrendSelect(trendCode, labTrend.getAttribute('code') ?? undefined);
trendCode.addEventListener('change', () => labTrend.setAttribute('code', trendCode.value));
resultsView.addEventListener('change', () => labResults.setAttribute('view', resultsView.value));

// A test chosen in the results (a flowsheet row, or a result's report) opens its trend.
document.addEventListener('fhir-select', (event) => {
  if ((event.target as Element).localName !== 'fhir-results') return;
  const { code, resource } = event.detail as ResultsSelectDetail;
  if (!code || resource.resourceType !== 'Observation') return;
  const name = (resource as { code?: { text?: string; coding?: { display?: string }[] } }).code;
  showLabTrendChoice(trendCode, code, name?.text ?? name?.coding?.find((c) => c.display)?.display ?? code);
  labTrend.setAttribute('code', trendCode.value);
  labTrend.scrollIntoView({ block: 'nearest' });
});

// ---- theme: the EMR's tokens and the kit's --fhir-* tokens switch together (emr.css) ----------

function applyTheme(theme: 'light' | 'dark'): void {
  document.documentElement.dataset.theme = theme;
  themeToggle.setAttribute('aria-pressed', String(theme === 'dark'));
}

const savedTheme = localStorage.getItem(THEME_KEY);
applyTheme(savedTheme === 'dark' || savedTheme === 'light' ? savedTheme : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
themeToggle.addEventListener('click', () => {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  applyTheme(next);
  localStorage.setItem(THEME_KEY, next);
});

// ---- what the widgets report ------------------------------------------------------------------

function logEvent(text: string): void {
  if (context.hidden) return; // before a patient is chosen the widgets wait, idle, and report nothing
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString('en-GB')} ${text}`;
  eventLog.prepend(item);
  while (eventLog.children.length > 40) eventLog.lastElementChild?.remove();
}

document.addEventListener('fhir-load', (event) => {
  const tag = (event.target as Element).localName;
  const counts = Object.entries(event.detail)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
  logEvent(`${tag} loaded${counts ? `: ${counts}` : ''}`);
});
document.addEventListener('fhir-error', (event) => {
  const tag = (event.target as Element).localName;
  const from = event.detail.source ? ` at ${event.detail.source}` : '';
  logEvent(`${tag} failed${from}${event.detail.status ? ` (${event.detail.status})` : ''}: ${event.detail.message}`);
});

// Decision support: the EMR applies suggestions itself (here it logs them); dismissing sends feedback (the element does).
document.addEventListener('fhir-cds-suggestion', ({ detail }) => logEvent(`CDS suggestion accepted: ${detail.suggestion.label} (${detail.actions.map((a) => `${a.type}: ${a.description}`).join('; ')})`));
document.addEventListener('fhir-cds-dismiss', ({ detail }) => logEvent(`CDS card dismissed${detail.reason ? ` (${detail.reason.display ?? detail.reason.code})` : ''}: ${detail.card.summary}`));
document.addEventListener('fhir-cds-link', ({ detail }) => logEvent(`CDS link (${detail.link.type}): ${detail.link.label} → ${detail.link.url}`));

// ---- start ------------------------------------------------------------------------------------

const start = new URL(location.href).searchParams;
server = (start.get('server') ?? DEFAULT_SERVER).replace(/\/+$/, '');
serverField.value = server;
batchToggle.checked = start.has('batch');
hieToggle.checked = start.has('hie');
hieFailToggle.checked = start.get('hie') === 'fail';
context.toggleAttribute('batch', batchToggle.checked);
const startPatient = start.get('patient');
if (startPatient) openPatient(startPatient);
void loadPatientList();
