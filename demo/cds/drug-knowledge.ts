// The small drug knowledge the demo CDS service reasons with: ingredient names by class, and the
// ONC high-priority drug–drug interaction pairs. Matching is by ingredient name in the record's
// medication text and codings (the demo data names every drug), which is enough for a demo and
// says so: a production service would match RxNorm ingredient codes through a terminology server.

/** Drug classes by ingredient name (lower case). */
export const DRUG_CLASSES = {
  penicillins: ['amoxicillin', 'ampicillin', 'penicillin', 'flucloxacillin', 'dicloxacillin', 'piperacillin', 'nafcillin', 'oxacillin'],
  sulfonamides: ['sulfamethoxazole', 'sulfadiazine', 'sulfasalazine', 'sulfisoxazole'],
  nsaids: ['ibuprofen', 'naproxen', 'diclofenac', 'celecoxib', 'indomethacin', 'ketorolac', 'meloxicam', 'etodolac', 'piroxicam', 'nabumetone', 'ketoprofen'],
  opioids: ['codeine', 'morphine', 'oxycodone', 'hydrocodone', 'tramadol'],
  ppis: ['omeprazole', 'esomeprazole', 'lansoprazole', 'pantoprazole', 'rabeprazole'],
  pde5Inhibitors: ['sildenafil', 'tadalafil', 'vardenafil'],
  nitrates: ['nitroglycerin', 'glyceryl trinitrate', 'isosorbide'],
  macrolides: ['clarithromycin', 'erythromycin'],
  strongCyp3a4Inhibitors: ['clarithromycin', 'itraconazole', 'ketoconazole', 'ritonavir', 'posaconazole', 'voriconazole'],
  cyp1a2Inhibitors: ['fluvoxamine', 'ciprofloxacin'],
  ergots: ['ergotamine', 'dihydroergotamine', 'methylergonovine'],
} as const satisfies Record<string, readonly string[]>;

export type DrugClassName = keyof typeof DRUG_CLASSES;

/** Allergy words that stand for a whole class (`Penicillin` allergy → every penicillin). */
export const ALLERGY_CLASS_WORDS: Record<string, DrugClassName> = {
  penicillin: 'penicillins',
  sulfonamide: 'sulfonamides',
  sulpha: 'sulfonamides',
  sulfa: 'sulfonamides',
  nsaid: 'nsaids',
  'non-steroidal': 'nsaids',
  opioid: 'opioids',
};

/** One side of an interacting pair: an ingredient or a class. */
export type DrugGroup = { ingredient: string } | { drugClass: DrugClassName };

export interface InteractionPair {
  a: DrugGroup;
  b: DrugGroup;
  /** How the service grades the pair (see the note above INTERACTIONS). */
  indicator: 'critical' | 'warning';
  /** What happens, in a prescriber's words. */
  effect: string;
  /** What to do. */
  management: string;
}

/**
 * Pairs from the ONC high-priority drug–drug interaction list (Phansalkar S, Desai AA, Bell D, et al.
 * High-priority drug–drug interactions for use in electronic health records. J Am Med Inform Assoc
 * 2012;19:735–743). The paper marks every pair high-priority (worth interrupting the prescriber);
 * it does not rank them further. This service shows as `critical` the pairs whose combination the
 * product labelling contraindicates, and as `warning` those the list advises to avoid or to manage
 * with monitoring (warfarin–NSAID, methotrexate–trimethoprim).
 */
export const INTERACTIONS: readonly InteractionPair[] = [
  {
    a: { ingredient: 'methotrexate' },
    b: { ingredient: 'trimethoprim' },
    indicator: 'warning',
    effect: 'Trimethoprim adds to the antifolate effect of methotrexate: risk of bone marrow suppression (pancytopenia).',
    management: 'Avoid the combination; if unavoidable, monitor full blood count closely.',
  },
  {
    a: { ingredient: 'warfarin' },
    b: { drugClass: 'nsaids' },
    indicator: 'warning',
    effect: 'NSAIDs with warfarin raise the risk of bleeding, especially gastrointestinal bleeding.',
    management: 'Avoid the combination; if needed, use the lowest NSAID dose for the shortest time and monitor INR and for bleeding.',
  },
  {
    a: { drugClass: 'nitrates' },
    b: { drugClass: 'pde5Inhibitors' },
    indicator: 'critical',
    effect: 'Profound, possibly fatal hypotension.',
    management: 'Contraindicated: do not co-prescribe.',
  },
  {
    a: { ingredient: 'tizanidine' },
    b: { drugClass: 'cyp1a2Inhibitors' },
    indicator: 'critical',
    effect: 'Tizanidine levels rise many-fold: severe hypotension and sedation.',
    management: 'Contraindicated: do not co-prescribe.',
  },
  {
    a: { ingredient: 'ramelteon' },
    b: { ingredient: 'fluvoxamine' },
    indicator: 'critical',
    effect: 'Ramelteon exposure rises about 190-fold.',
    management: 'Contraindicated: do not co-prescribe.',
  },
  {
    a: { drugClass: 'ergots' },
    b: { drugClass: 'strongCyp3a4Inhibitors' },
    indicator: 'critical',
    effect: 'Ergot toxicity: vasospasm and ischaemia of the limbs and brain.',
    management: 'Contraindicated: do not co-prescribe.',
  },
  {
    a: { ingredient: 'pimozide' },
    b: { drugClass: 'macrolides' },
    indicator: 'critical',
    effect: 'QT prolongation and ventricular arrhythmia.',
    management: 'Contraindicated: do not co-prescribe.',
  },
  {
    a: { ingredient: 'atazanavir' },
    b: { drugClass: 'ppis' },
    indicator: 'warning',
    effect: 'Proton pump inhibitors lower atazanavir absorption: loss of antiviral effect and resistance.',
    management: 'Avoid the combination.',
  },
];

/** True when the medication words name an ingredient of the group. */
export function inGroup(words: string, group: DrugGroup): string | undefined {
  const names = 'ingredient' in group ? [group.ingredient] : DRUG_CLASSES[group.drugClass];
  return names.find((name) => words.includes(name));
}
