// The decision-support cards' words, one typed map per locale.
import type { CdsActionType, CdsIndicator } from '../../model/cds-cards.js';
import type { CdsFailureKind } from '../../fhir/queries/cds.js';

export interface CdsCardsMessages {
  subject: string;
  checking: string;
  /** Label of the region holding the cards. */
  region: string;
  noAlerts: string;
  indicator: Record<CdsIndicator, string>;
  source: string;
  suggestions: string;
  recommended: string;
  accept: (label: string) => string;
  accepted: string;
  action: Record<CdsActionType, string>;
  links: string;
  opensInNewTab: string;
  smartApp: string;
  dismiss: string;
  dismissReason: string;
  confirmDismiss: string;
  cancel: string;
  /** "Decision support from <title> unavailable: <why>" (partial). */
  serviceUnavailable: (title: string, why: string) => string;
  /** One failed service in the error panel. */
  serviceFailed: (title: string, why: string) => string;
  /** Discovery itself failed. */
  discoveryFailed: (base: string, why: string) => string;
  noServiceForHook: (hook: string, base: string) => string;
  noServiceConfigured: string;
  noPatient: string;
  failure: (kind: CdsFailureKind, status: number | undefined, timeoutMs: number) => string;
  unreadableCards: (count: number) => string;
  prefetchFailed: (title: string) => string;
  /** Records left out of the services' data because they nest too deep to send (malformed). */
  malformedRecords: (count: number) => string;
  dismissedCount: (count: number) => string;
  /** Several sources: one source's records could not be fetched, so the services did not see them. */
  recordsUnavailable: (source: string) => string;
  /** Several sources: whose records the services were given ("Based on the records of A and B"). */
  basedOnRecords: (sources: string) => string;
  /** Several sources: no alerts from the records that loaded while another source failed. */
  noAlertsPartial: (loaded: string, failed: string) => string;
}

import { formatFor, type PluralForms } from '../../i18n/format.js';

const en = formatFor('en-GB', 'nhs-cui');
const p = (count: number, forms: PluralForms): string => en.plural(count, forms);
/** A time-out in seconds, to one decimal (`2.5 s`). */
const seconds = (ms: number): string => `${en.number(Math.round(ms / 100) / 10) ?? ''} s`;

export const cdsCardsEn: CdsCardsMessages = {
  subject: 'Decision support',
  checking: 'Checking decision support…',
  region: 'Decision support',
  noAlerts: 'No decision support alerts',
  indicator: { critical: 'Critical', warning: 'Warning', info: 'Info' },
  source: 'Source:',
  suggestions: 'Suggestions',
  recommended: 'Recommended',
  accept: (label) => label,
  accepted: 'Accepted',
  action: { create: 'Create', update: 'Update', delete: 'Remove' },
  links: 'Links',
  opensInNewTab: '(opens in a new tab)',
  smartApp: '(app)',
  dismiss: 'Dismiss',
  dismissReason: 'Reason for dismissing',
  confirmDismiss: 'Dismiss card',
  cancel: 'Cancel',
  serviceUnavailable: (title, why) => `Decision support from ${title} unavailable: ${why}`,
  serviceFailed: (title, why) => `${title}: ${why}`,
  discoveryFailed: (base, why) => `The decision support service at ${base} could not be used: ${why}`,
  noServiceForHook: (hook, base) => `The decision support service at ${base} offers no service for ${hook}.`,
  noServiceConfigured: 'No decision support service is configured: set the service attribute.',
  noPatient: 'No patient is selected: decision support needs the patient of <fhir-context>.',
  failure: (kind, status, timeoutMs) => {
    switch (kind) {
      case 'timeout':
        return `no answer within ${seconds(timeoutMs)}`;
      case 'network':
        return 'could not be reached (network error or blocked by CORS)';
      case 'http':
        return `answered with an error (HTTP ${status ?? '?'})`;
      case 'invalid':
        return 'answered with something that is not a CDS Hooks response';
    }
  },
  unreadableCards: (count) => p(count, { one: '# card could not be read and is not shown', other: '# cards could not be read and are not shown' }),
  prefetchFailed: (title) => `Some data could not be sent to ${title}; it may have fetched it itself`,
  malformedRecords: (count) =>
    p(count, { one: '# record could not be sent to decision support (malformed)', other: '# records could not be sent to decision support (malformed)' }),
  dismissedCount: (count) => p(count, { one: '# card dismissed', other: '# cards dismissed' }),
  recordsUnavailable: (source) => `Records from ${source} unavailable: these alerts do not take them into account`,
  basedOnRecords: (sources) => `Based on the records of ${sources}`,
  noAlertsPartial: (loaded, failed) => `No decision support alerts from the records of ${loaded}; ${failed} unavailable`,
};
