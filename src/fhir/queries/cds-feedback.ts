// Feedback to a CDS service when a card is accepted or dismissed (`POST {base}/{id}/feedback`), best
// effort as the spec has it. Loaded on the first accept or dismiss (`<fhir-cds-cards>`), so an
// ordinary render of cards never fetches it.
import type { CdsCard } from '../../model/cds-cards.js';
import { feedbackBody, type CdsOutcome } from '../../model/cds-feedback.js';

/** `POST {base}/{id}/feedback`. Resolves false when the service did not take it (feedback is best effort). */
export async function sendCdsFeedback(base: string, serviceId: string, body: unknown, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(`${base}/${encodeURIComponent(serviceId)}/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** The feedback for one card's outcome, sent; false when the card has no uuid or the service did not take it. */
export async function sendCardFeedback(base: string, serviceId: string, card: CdsCard, outcome: CdsOutcome, now: Date, timeoutMs: number): Promise<boolean> {
  const body = feedbackBody(card, outcome, now);
  return body ? sendCdsFeedback(base, serviceId, body, timeoutMs) : false;
}
