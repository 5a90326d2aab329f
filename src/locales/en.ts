// English, the default and the fallback: NHS Common User Interface wording and formats
// (dd-Mmm-yyyy dates, en-GB numbers; DESIGN.md §3 rule 8). Each widget's English map lives beside it.
// This is the complete English `Locale` (the compiler proves it has every part). The kit itself
// does not import it: the registry starts from the shared part (en-shared.ts) and each widget's
// module adds its own section (`registerEnglish`), so a page loads only its widgets' words.
import { allergyBannerEn } from '../elements/shared/allergy-status.messages.js';
import { labTrendEn } from '../elements/lab-trend/lab-trend.messages.js';
import { medicationListEn } from '../elements/medication-list/medication-list.messages.js';
import { patientSummaryEn } from '../elements/patient-summary/patient-summary.messages.js';
import { cdsCardsEn } from '../elements/cds-cards/cds-cards.messages.js';
import { resultsEn } from '../elements/results/results.messages.js';
import { resultsListEn } from '../elements/results/report-list.messages.js';
import { resultsDetailEn } from '../elements/results/report-detail.messages.js';
import { resultsSheetEn } from '../elements/results/flowsheet.messages.js';
import { resultsValueEn } from '../elements/results/result-text.messages.js';
import { resultsUnitsEn } from '../elements/results/unit-notes.messages.js';
import { resultsRareEn } from '../elements/results/rare-values.messages.js';
import type { Locale } from '../i18n/locale.js';
import { dosageEn } from '../model/dosage-text.js';
import { enShared } from './en-shared.js';

const en: Locale = {
  ...enShared,
  allergyBanner: allergyBannerEn,
  labTrend: labTrendEn,
  medicationList: medicationListEn,
  patientSummary: patientSummaryEn,
  // The element's words, then those its views bring when they load (`registerEnglish`).
  results: { ...resultsEn, ...resultsListEn, ...resultsDetailEn, ...resultsSheetEn, ...resultsUnitsEn, ...resultsValueEn, ...resultsRareEn },
  cdsCards: cdsCardsEn,
  dosage: dosageEn,
};
export default en;
