// The part of English every widget uses: the language tag, direction, format preset and the shared
// messages. Each widget's own English section comes with the widget's module (`registerEnglish` in
// src/i18n/registry.ts); src/locales/en.ts puts every part together into one complete `Locale`.
import type { Locale } from '../i18n/locale.js';
import { commonEn } from '../i18n/messages.js';

export const enShared = {
  tag: 'en-GB',
  dir: 'ltr',
  format: 'nhs-cui',
  common: commonEn,
} as const satisfies Partial<Locale>;
