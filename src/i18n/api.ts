// The languages part of the module API (src/index.ts): the registry's and the formats' own
// functions, with the `intl` preset installed first (./translated.ts), since a host's language may
// use it. The widgets themselves never import this: a page in English never loads that preset.
import { formatFor as formatOf, type Format, type FormatPreset } from './format.js';
import type { Locale, LocaleOverrides } from './locale.js';
import { overrideLocale as override, registerLocale as register } from './registry.js';
import { installIntl } from './translated.js';

/** The formatter of a language and preset (made once, then shared). */
export function formatFor(tag: string, preset: FormatPreset = 'intl'): Format {
  installIntl();
  return formatOf(tag, preset);
}

/**
 * Adds or replaces a language (every part, so the compiler checks it complete). Widgets showing
 * that language re-render. `lang` is a BCP 47 tag: `fr`, or `fr-CA` for a regional variant.
 */
export function registerLocale(lang: string, locale: Locale): void {
  installIntl();
  register(lang, locale);
}

/**
 * Replaces some messages of a language, keeping the rest (e.g. a trust's own wording for one
 * label). Applies to the registered or shipped locale of `lang`, now and once it loads.
 */
export function overrideLocale(lang: string, parts: LocaleOverrides): void {
  installIntl();
  override(lang, parts);
}
