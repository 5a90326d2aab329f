// English, the default and the fallback: NHS Common User Interface wording and formats
// (dd-Mmm-yyyy dates, en-GB numbers; DESIGN.md §3 rule 8). Each widget's English map lives beside it.
import { allergyBannerEn } from '../elements/shared/allergy-status.messages.js';
import { labTrendEn } from '../elements/lab-trend/lab-trend.messages.js';
import { medicationListEn } from '../elements/medication-list/medication-list.messages.js';
import { patientSummaryEn } from '../elements/patient-summary/patient-summary.messages.js';
import { cdsCardsEn } from '../elements/cds-cards/cds-cards.messages.js';
import { resultsEn } from '../elements/results/results.messages.js';
import type { Locale } from '../i18n/locale.js';
import { commonEn } from '../i18n/messages.js';
import { dosageEn } from '../model/dosage-text.js';

const en: Locale = {
  tag: 'en-GB',
  dir: 'ltr',
  format: 'nhs-cui',
  common: commonEn,
  allergyBanner: allergyBannerEn,
  labTrend: labTrendEn,
  medicationList: medicationListEn,
  patientSummary: patientSummaryEn,
  results: resultsEn,
  cdsCards: cdsCardsEn,
  dosage: dosageEn,
};
export default en;
