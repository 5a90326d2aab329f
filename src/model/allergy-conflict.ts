// Drug–allergy conflict check for the medication list: an active medication whose product or
// ingredient code matches a recorded allergy substance is flagged, naming the allergy.
//
// This is a safety prompt, not a decision-support engine. It matches
//   1. the same code (same system) on the allergy and on the medication or one of its ingredients;
//   2. a small, explicit class map (DRUG_CLASSES) for the one class every prescriber expects:
//      a penicillin allergy matches the penicillins listed there.
// It does not know other cross-sensitivities; a medication with no codes is never "no conflict"
// for certain, only "not matched".
import { codingsOf, conceptText, firstCode, SYSTEMS } from './codes.js';
import { NO_KNOWN_ALLERGY_SNOMED } from './allergy-status.js';
import type { AnyResource, Coding } from './fhir-types.js';
import type { MedicationName } from './medication-name.js';

/** One drug class: allergy codes that mean "allergic to the class", and codes of its members. */
export interface DrugClass {
  name: string;
  /** `system|code` of allergy substances or findings that stand for the whole class. */
  allergens: readonly string[];
  /** `system|code` of drugs (ingredients) in the class. */
  members: readonly string[];
}

const RX = SYSTEMS.rxnorm;
const SCT = SYSTEMS.snomed;

/**
 * Kept small on purpose: every code here is one a prescriber would recognise.
 * - RxNorm 7980: "penicillin G" (the code most EHRs record for "Penicillin" allergy)
 * - SNOMED CT 764146007: Penicillin (substance); 91936005: Allergy to penicillin (finding)
 * - members: RxNorm 723 amoxicillin, 733 ampicillin, 7980 penicillin G, 7984 penicillin V;
 *   SNOMED CT 372687004 amoxicillin (substance), 764146007 penicillin (substance).
 */
export const DRUG_CLASSES: readonly DrugClass[] = [
  {
    name: 'penicillins',
    allergens: [`${RX}|7980`, `${SCT}|764146007`, `${SCT}|91936005`],
    members: [`${RX}|723`, `${RX}|733`, `${RX}|7980`, `${RX}|7984`, `${SCT}|372687004`, `${SCT}|764146007`],
  },
];

/** An allergy that can conflict with a medication (active or unconfirmed, not refuted/resolved/in error). */
export interface AllergySubstance {
  allergy: AnyResource;
  /** What the record calls the substance, e.g. `Penicillin`. */
  label: string;
  /** True when the allergy is recorded as unconfirmed (still flagged: an unconfirmed allergy matters). */
  unconfirmed: boolean;
  codes: Coding[];
}

/** `system|code` of each coding that has both. */
function keysOf(codings: readonly Coding[]): string[] {
  return codings.flatMap((c) => (typeof c.code === 'string' && typeof c.system === 'string' ? [`${c.system}|${c.code}`] : []));
}

/** Codes that only say "no known (drug, food, environmental) allergy": never a substance. */
const NEGATION_CODES = new Set(Object.keys(NO_KNOWN_ALLERGY_SNOMED).map((code) => `${SCT}|${code}`));

/**
 * The allergies a medication may conflict with, across versions: R4/R5 `clinicalStatus` and
 * `verificationStatus` concepts, STU3 codes, DSTU2 `status` and `substance`. Entered-in-error,
 * refuted, inactive and resolved records are left out; so are "no known allergy" assertions.
 */
export function conflictingAllergySubstances(allergies: readonly AnyResource[]): AllergySubstance[] {
  const out: AllergySubstance[] = [];
  for (const allergy of allergies) {
    if (allergy.resourceType !== 'AllergyIntolerance') continue;
    const clinical = firstCode(allergy.clinicalStatus);
    const verification = firstCode(allergy.verificationStatus);
    const dstu2 = typeof allergy.status === 'string' ? allergy.status : undefined;
    const statuses = [clinical, verification, dstu2];
    if (statuses.some((s) => s === 'entered-in-error' || s === 'refuted' || s === 'inactive' || s === 'resolved')) continue;
    const concept = allergy.code ?? allergy.substance;
    const reactionSubstances = Array.isArray(allergy.reaction)
      ? allergy.reaction.map((r) => (r && typeof r === 'object' ? (r as { substance?: unknown }).substance : undefined))
      : [];
    const codes = [concept, ...reactionSubstances].flatMap((c) => codingsOf(c));
    if (keysOf(codes).some((k) => NEGATION_CODES.has(k))) continue;
    const label = conceptText(concept) ?? reactionSubstances.map((s) => conceptText(s)).find(Boolean);
    if (!label || !codes.length) continue;
    out.push({ allergy, label, unconfirmed: verification === 'unconfirmed' || dstu2 === 'unconfirmed', codes });
  }
  return out;
}

/** The allergies (from `conflictingAllergySubstances`) that one medication matches. */
export function allergyConflicts(medication: MedicationName, allergies: readonly AllergySubstance[]): AllergySubstance[] {
  const drugKeys = new Set(keysOf([...medication.codes, ...medication.ingredientCodes]));
  if (!drugKeys.size) return [];
  return allergies.filter((allergy) => {
    const allergyKeys = keysOf(allergy.codes);
    if (allergyKeys.some((k) => drugKeys.has(k))) return true;
    return DRUG_CLASSES.some(
      (drugClass) =>
        allergyKeys.some((k) => drugClass.allergens.includes(k)) && drugClass.members.some((m) => drugKeys.has(m)),
    );
  });
}
