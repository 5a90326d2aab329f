// The Bundles the local server is preloaded with: the generated demo patients (and, for benchmarks,
// a scale patient). The generator is imported lazily so that a checkout without it still serves.
import type { Bundle } from 'fhir/r4';

export interface DemoPatientOptions {
  /** Also generate `pat-scale` with this many lab Observations (0 = none). */
  scaleObservations?: number;
}

export async function loadDemoPatients(options: DemoPatientOptions = {}): Promise<Bundle[]> {
  const generator = await import('../data/generator.js');
  const bundles = generator.generateDemoPatients();
  if (options.scaleObservations && options.scaleObservations > 0) {
    bundles.push(generator.generateScalePatient({ observations: options.scaleObservations }));
  }
  return bundles;
}
