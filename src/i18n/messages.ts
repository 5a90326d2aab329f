// Strings every widget shares, and the data layer's error messages. Element-specific strings live
// in each element's own `<name>.messages.ts`; all of them meet in the `Locale` type (locale.ts).
import type { FhirErrorKind } from '../fhir/errors.js';
import { plural } from './format.js';

export interface CommonMessages {
  loading: (what: string) => string;
  unavailable: (what: string) => string;
  retry: string;
  /** "Allergies unavailable from Regional HIE": one source failed while others loaded. */
  unavailableFrom: (what: string, source: string) => string;
  /** A row's sources, for its accessible description: "From Riverside EMR and Regional HIE". */
  fromSources: (sources: string) => string;
  /** Nothing found in the sources that loaded while others failed: "None recorded in Riverside EMR; Regional HIE unavailable". */
  noneRecordedIn: (loaded: string, failed: string) => string;
  notKnown: string;
  /** "1 entry hidden: entered in error" */
  hiddenEnteredInError: (count: number) => string;
  /** Records that named another patient and were dropped (DESIGN.md §3 rule 4). */
  hiddenOtherPatient: (count: number) => string;
  /** "Showing 100 of 2,345" */
  showingOf: (shown: string, total: string | undefined) => string;
  /**
   * @deprecated Never shown: a widget with no source waits `idle` ("No patient selected") and warns in the
   * console. Optional, so locales that still set it keep compiling.
   */
  noDataSource?: string;
  /** Reveals the rest of a long clamped text. */
  showAll: string;
  /** Between the items of a list of facts (`Food, Allergy`) and between separate statements (`a; b`). */
  separator: { list: string; group: string };
  /**
   * A data-layer failure in this language, from its kind and HTTP status (src/fhir/errors.ts);
   * `detail` is the server's own explanation, if any. Undefined keeps the data layer's own
   * (English) message: the default `en` does so.
   */
  fhirError: (kind: FhirErrorKind, status: number | undefined, detail: string | undefined) => string | undefined;
  /** The neutral `idle` prompt: no source or no patient yet (never an alarm). */
  noPatientSelected: string;
}

const en = (count: number, one: string, other: string) => plural('en-GB', count, { one, other });

export const commonEn: CommonMessages = {
  loading: (what) => `Loading ${what}…`,
  unavailable: (what) => `${what} unavailable`,
  retry: 'Retry',
  unavailableFrom: (what, source) => `${what} unavailable from ${source}`,
  fromSources: (sources) => `From ${sources}`,
  noneRecordedIn: (loaded, failed) => `None recorded in ${loaded}; ${failed} unavailable`,
  notKnown: 'Not known',
  hiddenEnteredInError: (count) => en(count, '# entry hidden: entered in error', '# entries hidden: entered in error'),
  hiddenOtherPatient: (count) => en(count, '# record for another patient not shown', '# records for another patient not shown'),
  showingOf: (shown, total) => (total ? `Showing ${shown} of ${total}` : `Showing the first ${shown}; more exist`),
  showAll: 'Show all',
  separator: { list: ', ', group: '; ' },
  fhirError: () => undefined,
  noPatientSelected: 'No patient selected',
};
