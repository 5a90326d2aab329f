// The demo CDS service's rules: pure functions from one patient's FHIR data to CDS Hooks cards.
//   medication-safety    drug–allergy (critical); ONC high-priority drug–drug interactions (as graded in drug-knowledge.ts)
//   renal-dosing         an active NSAID with the latest eGFR < 30 mL/min/1.73m² (warning; stop suggestion; guideline link)
//   diabetes-monitoring  diabetes without an HbA1c in the last 6 months (info; order suggestion; SMART app link)
import { ALLERGY_CLASS_WORDS, DRUG_CLASSES, INTERACTIONS, inGroup } from './drug-knowledge.js';

type Json = Record<string, unknown>;
export interface Card extends Json {
  uuid: string;
  summary: string;
  indicator: 'critical' | 'warning' | 'info';
  source: { label: string; url?: string; topic?: Json };
}

const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
export const EGFR_CODES = ['33914-3', '62238-1', '98979-8', '48642-3', '48643-1'];
export const HBA1C_CODES = ['4548-4', '17856-6'];
const DIABETES_SNOMED = new Set(['44054006', '46635009', '73211009', '199230006', '190331003']);
const OVERRIDE_SYSTEM = 'https://fhir-elements.example/cds/override-reason';
const SIX_MONTHS_MS = 182.5 * 24 * 3600 * 1000;

/** Runs in Node and in browsers (stories). */
const randomUUID = (): string => globalThis.crypto.randomUUID();

const SOURCE = { label: 'fhir-elements demo CDS service' };
const PHANSALKAR = 'https://pubmed.ncbi.nlm.nih.gov/?term=Phansalkar+high-priority+drug-drug+interactions+electronic+health+records';
const KDIGO = 'https://kdigo.org/guidelines/ckd-evaluation-and-management/';

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function codings(concept: unknown): Json[] {
  return isRecord(concept) ? array(concept.coding).filter(isRecord) : [];
}
function firstCode(concept: unknown): string | undefined {
  const code = codings(concept)[0]?.code;
  return typeof code === 'string' ? code : undefined;
}
/** Every word a concept carries (text and codings' displays), lower case. */
function conceptWords(concept: unknown): string {
  if (!isRecord(concept)) return '';
  return [concept.text, ...codings(concept).map((c) => c.display)].filter((s) => typeof s === 'string').join(' ').toLowerCase();
}
function excluded(resource: Json): boolean {
  const statuses = [firstCode(resource.clinicalStatus), firstCode(resource.verificationStatus), resource.status];
  return statuses.some((s) => s === 'entered-in-error' || s === 'refuted' || s === 'inactive' || s === 'resolved');
}

/** The resources of a prefetch value (a Bundle or one resource), without entered-in-error ones. */
export function resourcesOf(value: unknown): Json[] {
  if (!isRecord(value)) return [];
  if (value.resourceType === 'Bundle') return array(value.entry).flatMap((e) => (isRecord(e) && isRecord(e.resource) ? [e.resource] : []));
  return [value];
}

export interface ActiveMedication {
  resource: Json;
  /** Lower-case words naming the drug (concept text, displays, referenced Medication). */
  words: string;
  /** What to call it on a card. */
  name: string;
}

/** Active MedicationRequests (and MedicationStatements) with their words, resolving referenced Medications in `all`. */
export function activeMedications(all: readonly Json[]): ActiveMedication[] {
  const medications = new Map(all.filter((r) => r.resourceType === 'Medication').map((m) => [`Medication/${String(m.id)}`, m]));
  const out: ActiveMedication[] = [];
  for (const resource of all) {
    if (resource.resourceType !== 'MedicationRequest' && resource.resourceType !== 'MedicationStatement') continue;
    if (resource.status !== 'active') continue;
    let concept: unknown = resource.medicationCodeableConcept;
    const reference = isRecord(resource.medicationReference) ? resource.medicationReference.reference : undefined;
    if (!concept && typeof reference === 'string') concept = medications.get(reference)?.code;
    const words = conceptWords(concept);
    if (!words) continue;
    const name = (isRecord(concept) && typeof concept.text === 'string' ? concept.text : words).trim();
    out.push({ resource, words, name });
  }
  return out;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function overrideReasons(): Json[] {
  return [
    { code: 'tolerated-before', system: OVERRIDE_SYSTEM, display: 'Patient has tolerated this before' },
    { code: 'benefit-outweighs-risk', system: OVERRIDE_SYSTEM, display: 'Benefit outweighs the risk' },
    { code: 'record-incorrect', system: OVERRIDE_SYSTEM, display: 'The record is incorrect' },
  ];
}

/** Drug–allergy: an active medication whose ingredient, or class, an active allergy names. */
export function drugAllergyCards(medications: readonly ActiveMedication[], allergies: readonly Json[]): Card[] {
  const cards: Card[] = [];
  for (const allergy of allergies) {
    if (allergy.resourceType !== 'AllergyIntolerance' || excluded(allergy)) continue;
    const allergyWords = conceptWords(allergy.code);
    if (!allergyWords || /no known/.test(allergyWords)) continue;
    const drugClass = Object.entries(ALLERGY_CLASS_WORDS).find(([word]) => allergyWords.includes(word))?.[1];
    const allergyLabel = (isRecord(allergy.code) && typeof allergy.code.text === 'string' ? allergy.code.text : allergyWords).trim();
    for (const medication of medications) {
      const byClass = drugClass ? DRUG_CLASSES[drugClass].find((name) => medication.words.includes(name)) : undefined;
      const byName = allergyWords.split(/[^a-z]+/).find((word) => word.length > 3 && medication.words.includes(word));
      if (!byClass && !byName) continue;
      const criticality = typeof allergy.criticality === 'string' ? allergy.criticality : 'unknown';
      const reactions = array(allergy.reaction)
        .flatMap((r) => (isRecord(r) ? array(r.manifestation).map((m) => conceptWords(m)) : []))
        .filter(Boolean);
      cards.push({
        uuid: randomUUID(),
        summary: `${capitalise(medication.name)} prescribed despite a recorded ${allergyLabel.toLowerCase()} allergy`,
        indicator: 'critical',
        detail: [
          `**${medication.name}**${byClass ? ` is a ${drugClass === 'penicillins' ? 'penicillin' : byClass}` : ''} and the record lists an active allergy to **${allergyLabel}** (criticality: ${criticality}).`,
          reactions.length ? `\nRecorded reactions: ${reactions.join(', ')}.` : '',
          '\nReview the allergy with the patient before continuing.',
        ].join('\n'),
        source: { ...SOURCE, topic: { system: SNOMED, code: '416098002', display: 'Drug allergy' } },
        overrideReasons: overrideReasons(),
        selectionBehavior: 'at-most-one',
        suggestions: [
          {
            label: `Stop ${medication.name}`,
            uuid: randomUUID(),
            isRecommended: true,
            actions: [
              {
                type: 'delete',
                description: `Cancel the order for ${medication.name}`,
                resourceId: [`${String(medication.resource.resourceType)}/${String(medication.resource.id)}`],
              },
            ],
          },
        ],
      });
    }
  }
  return cards;
}

/** ONC high-priority drug–drug interactions among the active medications. */
export function interactionCards(medications: readonly ActiveMedication[]): Card[] {
  const cards: Card[] = [];
  for (const pair of INTERACTIONS) {
    for (const first of medications) {
      const a = inGroup(first.words, pair.a);
      if (!a) continue;
      for (const second of medications) {
        if (second === first) continue;
        const b = inGroup(second.words, pair.b);
        if (!b) continue;
        cards.push({
          uuid: randomUUID(),
          summary: `Interaction: ${a} with ${b}`,
          indicator: pair.indicator,
          detail: `${pair.effect}\n\n**Management:** ${pair.management}\n\n*${first.name}* · *${second.name}*`,
          source: { label: 'ONC high-priority drug–drug interactions (Phansalkar et al., JAMIA 2012)', url: PHANSALKAR },
          overrideReasons: overrideReasons(),
          links: [{ label: 'The high-priority DDI list (PubMed)', url: PHANSALKAR, type: 'absolute' }],
        });
      }
    }
  }
  return cards;
}

function observationTime(resource: Json): number {
  const when = resource.effectiveDateTime ?? (isRecord(resource.effectivePeriod) ? resource.effectivePeriod.start : undefined) ?? resource.issued;
  const ms = typeof when === 'string' ? Date.parse(when) : Number.NaN;
  return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
}

/** Final (or amended/corrected) observations with one of the LOINC codes, newest first. */
export function resultsWithCode(observations: readonly Json[], codes: readonly string[]): Json[] {
  return observations
    .filter((o) => o.resourceType === 'Observation' && ['final', 'amended', 'corrected'].includes(String(o.status)))
    .filter((o) => codings(o.code).some((c) => c.system === LOINC && codes.includes(String(c.code))))
    .sort((a, b) => observationTime(b) - observationTime(a));
}

/** An active NSAID while the latest eGFR is below 30. */
export function renalCards(medications: readonly ActiveMedication[], observations: readonly Json[]): Card[] {
  const latest = resultsWithCode(observations, EGFR_CODES)[0];
  const quantity = latest && isRecord(latest.valueQuantity) ? latest.valueQuantity : undefined;
  const value = typeof quantity?.value === 'number' ? quantity.value : undefined;
  if (value === undefined || value >= 30) return [];
  const date = String(latest.effectiveDateTime ?? '').slice(0, 10);
  return medications.flatMap((medication): Card[] => {
    const nsaid = inGroup(medication.words, { drugClass: 'nsaids' });
    if (!nsaid) return [];
    const reference = `${String(medication.resource.resourceType)}/${String(medication.resource.id)}`;
    return [
      {
        uuid: randomUUID(),
        summary: `${capitalise(nsaid)} with eGFR ${value} mL/min/1.73m²: avoid NSAIDs`,
        indicator: 'warning',
        detail: `The latest eGFR is **${value} mL/min/1.73m²**${date ? ` (${date})` : ''}. NSAIDs can worsen kidney function and should be avoided when eGFR is below 30 (KDIGO).`,
        source: { label: 'KDIGO CKD guideline (demo rule)', url: KDIGO },
        overrideReasons: overrideReasons(),
        suggestions: [
          {
            label: `Stop ${nsaid}`,
            uuid: randomUUID(),
            isRecommended: true,
            actions: [{ type: 'delete', description: `Discontinue ${medication.name}`, resourceId: [reference] }],
          },
        ],
        links: [{ label: 'KDIGO CKD evaluation and management guideline', url: KDIGO, type: 'absolute' }],
      },
    ];
  });
}

function isDiabetes(condition: Json): boolean {
  if (condition.resourceType !== 'Condition' || excluded(condition)) return false;
  const codes = codings(condition.code);
  if (codes.some((c) => c.system === SNOMED && DIABETES_SNOMED.has(String(c.code)))) return true;
  if (codes.some((c) => /icd-10/.test(String(c.system)) && /^E1[0-4]/.test(String(c.code)))) return true;
  return /diabetes mellitus|type [12] diabetes/.test(conceptWords(condition.code));
}

/** Diabetes without an HbA1c result in the last six months. */
export function diabetesCards(patientId: string, conditions: readonly Json[], observations: readonly Json[], now: number, smartLaunchUrl: string): Card[] {
  if (!conditions.some(isDiabetes)) return [];
  const latest = resultsWithCode(observations, HBA1C_CODES)[0];
  if (latest && now - observationTime(latest) < SIX_MONTHS_MS) return [];
  const last = latest ? String(latest.effectiveDateTime ?? '').slice(0, 10) : undefined;
  return [
    {
      uuid: randomUUID(),
      summary: 'Diabetes: no HbA1c in the last 6 months',
      indicator: 'info',
      detail: `${last ? `The last HbA1c was on ${last}.` : 'No HbA1c is recorded.'} Guidelines advise HbA1c every 3–6 months in diabetes.`,
      source: { ...SOURCE, topic: { system: LOINC, code: '4548-4', display: 'Hemoglobin A1c' } },
      suggestions: [
        {
          label: 'Order HbA1c',
          uuid: randomUUID(),
          isRecommended: true,
          actions: [
            {
              type: 'create',
              description: 'Order an HbA1c test',
              resource: {
                resourceType: 'ServiceRequest',
                status: 'draft',
                intent: 'proposal',
                code: { coding: [{ system: LOINC, code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood' }], text: 'HbA1c' },
                subject: { reference: `Patient/${patientId}` },
              },
            },
          ],
        },
      ],
      links: [{ label: 'Open the diabetes review app (SMART)', url: smartLaunchUrl, type: 'smart', appContext: 'hba1c-review' }],
    },
  ];
}
