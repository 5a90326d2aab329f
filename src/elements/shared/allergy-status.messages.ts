// The allergy banner's words, one typed map per locale (English: NHS CUI patient banner wording).
// The patient summary's allergy section uses the same map.
import { formatFor } from '../../i18n/format.js';
import type {
  AllergyCategory,
  AllergyClinicalStatus,
  AllergyCriticality,
  AllergyStatusKind,
  AllergyType,
  AllergyVerification,
  NoKnownScope,
  ReactionSeverity,
} from '../../model/allergy-status.js';

export interface AllergyBannerMessages {
  subject: string;
  /** The one status the banner leads with. */
  status: Record<AllergyStatusKind, string>;
  /** What a "no known … allergy" record asserted. */
  noKnown: Record<NoKnownScope, string>;
  category: Record<AllergyCategory, string>;
  type: Record<AllergyType, string>;
  criticality: Record<AllergyCriticality, string>;
  verification: Record<AllergyVerification, string>;
  clinicalStatus: Record<AllergyClinicalStatus, string>;
  severity: Record<ReactionSeverity, string>;
  allergenNotKnown: string;
  showDetails: string;
  hideDetails: string;
  inactiveGroup: (count: number) => string;
  reactions: string;
  noReactions: string;
  reactionSeverity: string;
  onset: string;
  recorded: string;
  lastOccurrence: string;
  /** "No known allergies" is recorded beside current allergies. */
  contradiction: string;
  /** A partial assertion that stands beside known allergies (e.g. NKDA with a food allergy). */
  alsoRecorded: string;
  noInformation: string;
  hiddenRefuted: (count: number) => string;
  truncated: (shown: string, total: string | undefined) => string;
}

const en = formatFor('en-GB', 'nhs-cui');
const plural = (count: number, one: string, other: string) => en.plural(count, { one, other });

export const allergyBannerEn: AllergyBannerMessages = {
  subject: 'Allergies',
  status: {
    known: 'Known allergies',
    'no-known': 'No known allergies',
    'not-recorded': 'Allergies not recorded',
    unavailable: 'Allergies unavailable',
  },
  noKnown: {
    all: 'No known allergies',
    medication: 'No known drug allergies',
    food: 'No known food allergies',
    environment: 'No known environmental allergies',
  },
  category: { food: 'Food', medication: 'Medication', environment: 'Environment', biologic: 'Biologic', other: 'Other' },
  type: { allergy: 'Allergy', intolerance: 'Intolerance' },
  criticality: { high: 'High criticality', 'unable-to-assess': 'Criticality not assessable', low: 'Low criticality' },
  verification: { confirmed: 'Confirmed', unconfirmed: 'Unconfirmed', presumed: 'Presumed' },
  clinicalStatus: { active: 'Active', inactive: 'Inactive', resolved: 'Resolved' },
  severity: { mild: 'Mild', moderate: 'Moderate', severe: 'Severe' },
  allergenNotKnown: 'Allergen not recorded',
  showDetails: 'Show details',
  hideDetails: 'Hide details',
  inactiveGroup: (count) => `Inactive or resolved (${count})`,
  reactions: 'Reactions',
  noReactions: 'No reactions recorded',
  reactionSeverity: 'Severity',
  onset: 'Onset',
  recorded: 'Recorded',
  lastOccurrence: 'Last occurrence',
  contradiction: 'Conflicting records: "no known allergies" is recorded alongside current allergies. Check with the patient.',
  alsoRecorded: 'Also recorded:',
  noInformation: 'The record states that no information about allergies is available.',
  hiddenRefuted: (count) => `${count} refuted ${plural(count, 'allergy', 'allergies')} not shown`,
  truncated: (shown, total) => (total ? `Showing ${shown} of ${total} allergy records` : `Showing the first ${shown} allergy records; more exist`),
};
