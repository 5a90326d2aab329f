// Strings every widget shares, one typed map per locale. Element-specific strings live in each
// element's own `<name>.messages.ts`, built the same way.

export interface CommonMessages {
  months: readonly string[];
  loading: (what: string) => string;
  unavailable: (what: string) => string;
  retry: string;
  notKnown: string;
  /** "1 entry hidden: entered in error" */
  hiddenEnteredInError: (count: number) => string;
  /** Records that named another patient and were dropped (DESIGN.md §3 rule 4). */
  hiddenOtherPatient: (count: number) => string;
  /** "Showing 100 of 2,345" */
  showingOf: (shown: string, total: string | undefined) => string;
  noDataSource: string;
  /** The neutral `idle` prompt: no source or no patient yet (never an alarm). */
  noPatientSelected: string;
}

const plural = (count: number, one: string, other: string) => (count === 1 ? one : other);

export const commonEn: CommonMessages = {
  months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  loading: (what) => `Loading ${what}…`,
  unavailable: (what) => `${what} unavailable`,
  retry: 'Retry',
  notKnown: 'Not known',
  hiddenEnteredInError: (count) => `${count} ${plural(count, 'entry', 'entries')} hidden: entered in error`,
  hiddenOtherPatient: (count) =>
    `${count} ${plural(count, 'record', 'records')} for another patient not shown`,
  showingOf: (shown, total) => (total ? `Showing ${shown} of ${total}` : `Showing the first ${shown}; more exist`),
  noDataSource: 'No data source: place this element inside <fhir-context>, or set its resources property.',
  noPatientSelected: 'No patient selected',
};

/** Locale maps by BCP 47 language tag; `en` is the default (NHS CUI wording). */
const catalogue = new Map<string, CommonMessages>([['en', commonEn]]);

export function registerCommonMessages(lang: string, messages: CommonMessages): void {
  catalogue.set(lang.toLowerCase(), messages);
}

/** The messages for the nearest `lang` of an element (falling back from `en-GB` to `en`). */
export function pickLocale<M>(maps: ReadonlyMap<string, M>, lang: string | undefined, fallback: M): M {
  const tag = (lang ?? '').toLowerCase();
  return maps.get(tag) ?? maps.get(tag.split('-')[0]) ?? fallback;
}

export function commonMessages(lang?: string): CommonMessages {
  return pickLocale(catalogue, lang, commonEn);
}

/** The language in force for an element: its own or an ancestor's `lang`, else the document's. */
export function langOf(element: Element): string | undefined {
  const holder = element.closest('[lang]');
  return holder?.getAttribute('lang') || document.documentElement.lang || undefined;
}
