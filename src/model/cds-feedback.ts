// CDS Hooks feedback (`POST {base}/{id}/feedback`): what the kit tells a service when a card is
// accepted or dismissed. Pure; loaded with src/fhir/queries/cds-feedback.ts on the first accept or
// dismiss, so an ordinary render of cards never fetches it.
import type { CdsCard, CdsCoding, CdsSuggestion } from './cds-cards.js';

export interface CdsFeedback {
  card: string;
  outcome: 'accepted' | 'overridden';
  outcomeTimestamp: string;
  acceptedSuggestions?: { id: string }[];
  overrideReason?: { reason?: CdsCoding; userComment?: string };
}

/** A card's outcome: suggestions accepted, or dismissed with an override reason (and a comment). */
export type CdsOutcome = { accepted: readonly CdsSuggestion[] } | { overridden: CdsCoding | undefined; comment?: string };

/** The feedback body for one card (`POST {base}/{id}/feedback`); undefined when the card has no uuid. */
export function feedbackBody(
  card: CdsCard,
  outcome: CdsOutcome,
  now: Date,
): { feedback: CdsFeedback[] } | undefined {
  if (!card.uuid) return undefined;
  const base = { card: card.uuid, outcomeTimestamp: now.toISOString() };
  if ('accepted' in outcome) {
    return {
      feedback: [
        { ...base, outcome: 'accepted', acceptedSuggestions: outcome.accepted.flatMap((s) => (s.uuid ? [{ id: s.uuid }] : [])) },
      ],
    };
  }
  const reason = outcome.overridden;
  return {
    feedback: [
      {
        ...base,
        outcome: 'overridden',
        ...(reason || outcome.comment ? { overrideReason: { ...(reason ? { reason } : {}), ...(outcome.comment ? { userComment: outcome.comment } : {}) } } : {}),
      },
    ],
  };
}
