// A language for the whole kit: every widget's message map, the dosage vocabulary and the format
// preset, in one object. The shipped locales (src/locales/en.ts, es.ts, de.ts, ar.ts) are typed
// `Locale`, so the compiler proves each one complete: a widget whose words are missing from any of
// them does not build.
//
// How a new widget joins (results, CDS cards, …):
//   1. Write `src/elements/<name>/<name>.messages.ts`: an exported interface `<Name>Messages`
//      (enums of the model as `Record<Enum, string>`, counts as `(count: number) => string` built
//      with `formatFor(tag).plural`, never `count === 1`) and the English map `<name>En`.
//   2. Add one member here: `<name>: <Name>Messages;` (type-only import below).
//   3. Add `<name>: <name>En` to src/locales/en.ts; the compiler then lists es.ts, de.ts and ar.ts
//      until each has its translation (clinical wording a clinician in that language uses; units
//      stay UCUM, drug names stay as recorded).
//   4. In the element's module, `registerEnglish('<name>', <name>En)` (src/i18n/registry.ts): the
//      English words arrive with the widget, so a page without it does not download them. A part
//      of the widget in a module of its own (a view loaded when first shown) may bring its own
//      words the same way, `registerEnglish('<name>', <part>En)`, read by that part alone
//      (<fhir-results>: results.messages.ts and the *.messages.ts beside its views).
//   5. In the element, read `this.localize.messages.<name>` (the base widget's LocaleController)
//      and format every number and date with `this.localize.format` — never `toFixed`,
//      `toLocaleString` or a hand-made date.
// Hosts add or override a language with `registerLocale` / `overrideLocale` (registry.ts).
import type { AllergyBannerMessages } from '../elements/shared/allergy-status.messages.js';
import type { CdsCardsMessages } from '../elements/cds-cards/cds-cards.messages.js';
import type { LabTrendMessages } from '../elements/lab-trend/lab-trend.messages.js';
import type { MedicationListMessages } from '../elements/medication-list/medication-list.messages.js';
import type { PatientSummaryMessages } from '../elements/patient-summary/patient-summary.messages.js';
import type { ResultsMessages } from '../elements/results/results.messages.js';
import type { DosageVocabulary } from '../model/dosage-text.js';
import type { FormatPreset } from './format.js';
import type { CommonMessages } from './messages.js';

export const DIRECTIONS = ['ltr', 'rtl'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface Locale {
  /** The BCP 47 tag handed to `Intl` (`en-GB`, `es`, `de`, `ar`). */
  tag: string;
  /** Writing direction, applied to a widget when no ancestor sets `dir`. */
  dir: Direction;
  /** `nhs-cui` (dd-Mmm-yyyy, the `en` default) or `intl` (all dates and numbers from Intl). */
  format: FormatPreset;
  common: CommonMessages;
  allergyBanner: AllergyBannerMessages;
  labTrend: LabTrendMessages;
  medicationList: MedicationListMessages;
  patientSummary: PatientSummaryMessages;
  results: ResultsMessages;
  cdsCards: CdsCardsMessages;
  /** Generated dosage text (medication list). */
  dosage: DosageVocabulary;
}

/** What `overrideLocale` accepts: any message of any part, the rest kept. */
export type LocaleOverrides = {
  [K in keyof Locale]?: Locale[K] extends string ? Locale[K] : Partial<Locale[K]>;
};
