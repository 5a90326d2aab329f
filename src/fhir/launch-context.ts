// What a SMART launch said, beyond the access token: whose chart this is (`patient`), whether the
// EHR already shows the patient's banner (`need_patient_banner`), and where its style is
// (`smart_style_url`). Kept per loader, so a widget reads the launch of its own <fhir-context>
// (two contexts, or two launches in two tabs, never share one).
import type { FhirLoader } from './loader.js';

export interface LaunchContext {
  /** The token response's `patient`: the only patient this launch may show. */
  patient?: string;
  /** `need_patient_banner`; false when the EHR shows its own patient banner. Default true. */
  needPatientBanner: boolean;
  /** `smart_style_url`, when the EHR offered one. */
  styleUrl?: string;
  /** The FHIR base the launch authorised (the EHR's `iss`). */
  serverUrl: string;
}

const launches = new WeakMap<FhirLoader, LaunchContext>();

/** Records the launch a loader was connected through (called by <fhir-context smart>). */
export function setLaunchContext(loader: FhirLoader, launch: LaunchContext): void {
  launches.set(loader, launch);
}

/** The launch a loader was connected through; undefined outside a SMART launch or before it connected. */
export function launchContextOf(loader: FhirLoader | undefined): LaunchContext | undefined {
  return loader ? launches.get(loader) : undefined;
}
