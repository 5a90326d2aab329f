// The demo CDS service's services: ids, titles, prefetch templates and the rules each runs.
// No Node APIs: the server (service.ts) and the stories (in-page service) share this.
import {
  activeMedications,
  diabetesCards,
  drugAllergyCards,
  EGFR_CODES,
  HBA1C_CODES,
  interactionCards,
  renalCards,
  type Card,
} from './rules.js';

export type Json = Record<string, unknown>;

export const PATIENT = '{{context.patientId}}';
const codeParam = (codes: readonly string[]) => codes.map((c) => `http://loinc.org|${c}`).join(',');

/** The queries each prefetch key stands for; the service runs the same ones when a prefetch is missing. */
export const PREFETCH_QUERIES = {
  medications: `MedicationRequest?_include=MedicationRequest:medication&patient=${PATIENT}`,
  allergies: `AllergyIntolerance?patient=${PATIENT}`,
  conditions: `Condition?patient=${PATIENT}`,
  egfr: `Observation?code=${codeParam(EGFR_CODES)}&patient=${PATIENT}`,
  hba1c: `Observation?code=${codeParam(HBA1C_CODES)}&patient=${PATIENT}`,
} as const;
export type PrefetchKey = keyof typeof PREFETCH_QUERIES;

export interface ServiceDefinition {
  id: string;
  title: string;
  description: string;
  prefetch: readonly PrefetchKey[];
  cards(data: Record<PrefetchKey, Json[]>, patientId: string, smartLaunchUrl: string, now: number): Card[];
}

export const SERVICES: readonly ServiceDefinition[] = [
  {
    id: 'medication-safety',
    title: 'Medication safety (demo)',
    description: 'Drug–allergy conflicts and ONC high-priority drug–drug interactions among active medications.',
    prefetch: ['medications', 'allergies'],
    cards: (data) => {
      const medications = activeMedications(data.medications);
      return [...drugAllergyCards(medications, data.allergies), ...interactionCards(medications)];
    },
  },
  {
    id: 'renal-dosing',
    title: 'Renal dosing (demo)',
    description: 'NSAIDs when the latest eGFR is below 30 mL/min/1.73m².',
    prefetch: ['medications', 'egfr'],
    cards: (data) => renalCards(activeMedications(data.medications), data.egfr),
  },
  {
    id: 'diabetes-monitoring',
    title: 'Diabetes monitoring (demo)',
    description: 'Patients with diabetes and no HbA1c in the last 6 months.',
    prefetch: ['conditions', 'hba1c'],
    cards: (data, patientId, smartLaunchUrl, now) => diabetesCards(patientId, data.conditions, data.hba1c, now, smartLaunchUrl),
  },
];


/** The discovery document. */
export function discovery(): unknown {
  return {
    services: SERVICES.map(({ id, title, description, prefetch }) => ({
      hook: 'patient-view',
      id,
      title,
      description,
      prefetch: Object.fromEntries(prefetch.map((key) => [key, PREFETCH_QUERIES[key]])),
    })),
  };
}
