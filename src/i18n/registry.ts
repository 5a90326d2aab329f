// Which languages the kit speaks. English is always there (and is the fallback); Spanish, German
// and Arabic ship as their own modules, imported only when a page first uses the language; a host
// registers more, or overrides any message of any language.
//
// English comes in parts, so a page pays only for the words of the widgets it loads: the shared
// part (tag, direction, format, `common`) is here, and each widget's own section arrives with the
// widget's module (`registerEnglish`). The complete English `Locale`, checked by the compiler
// like es/de/ar, is src/locales/en.ts.
import { enShared } from '../locales/en-shared.js';
import type { Locale, LocaleOverrides } from './locale.js';

/** A part of a `Locale` that one widget (or one widget's model) brings with it. */
export type LocaleSection = Exclude<keyof Locale, keyof typeof enShared>;

/** English as loaded so far: the shared part, then each section its widget module adds. */
const enLocale = { ...enShared } as Locale;

const registered = new Map<string, Locale>([['en', enLocale]]);
const overrides = new Map<string, LocaleOverrides[]>();
const merged = new Map<string, Locale>();
const loading = new Map<string, Promise<Locale>>();
const listeners = new Set<() => void>();

/** The shipped locales, each its own chunk / entry (`fhir-elements/locales/es.js`). */
const SHIPPED: Record<string, () => Promise<{ default: Locale }>> = {
  es: () => import('../locales/es.js'),
  de: () => import('../locales/de.js'),
  ar: () => import('../locales/ar.js'),
};

export const SHIPPED_LANGUAGES = ['en', ...Object.keys(SHIPPED)] as const;

/** `es-MX` → [`es-mx`, `es`]: the keys a language tag may be found under, most specific first. */
function keysOf(lang: string): string[] {
  const tag = lang.trim().toLowerCase();
  const primary = tag.split('-')[0];
  return primary && primary !== tag ? [tag, primary] : [tag];
}

function notify(): void {
  merged.clear();
  for (const listener of listeners) listener();
}

/**
 * Adds a widget's English section (done by the widget's own module, once; a later call for the
 * same words keeps the first). Until then English has no such section: only that widget reads it.
 * A widget may bring its words in parts, each with the module that shows them (a view loaded when
 * first shown): each part adds the words the section does not have yet, and only that module reads them.
 */
export function registerEnglish<K extends LocaleSection>(section: K, messages: Partial<Locale[K]>): void {
  const now = (enLocale as Partial<Locale>)[section];
  if (now && Object.keys(messages).every((key) => key in now)) return;
  enLocale[section] = (now ? { ...messages, ...now } : messages) as Locale[K];
  notify(); // an override of `en` merged before these words arrived is merged again, and shown
}

/** English as loaded so far (the fallback, and what a widget shows before its language loads). */
export function englishLocale(): Locale {
  return enLocale;
}

/**
 * Adds or replaces a language (every part, so the compiler checks it complete). Widgets showing
 * that language re-render. `lang` is a BCP 47 tag: `fr`, or `fr-CA` for a regional variant.
 */
export function registerLocale(lang: string, locale: Locale): void {
  registered.set(lang.trim().toLowerCase(), locale);
  notify();
}

/**
 * Replaces some messages of a language, keeping the rest (e.g. a trust's own wording for one
 * label). Applies to the registered or shipped locale of `lang`, now and once it loads.
 */
export function overrideLocale(lang: string, parts: LocaleOverrides): void {
  const key = lang.trim().toLowerCase();
  overrides.set(key, [...(overrides.get(key) ?? []), parts]);
  applyOverrides = withOverrides;
  notify();
}

/**
 * A locale as the overrides for its key leave it: the locale itself until a host overrides one
 * (then `withOverrides`, set by `overrideLocale`: a build without the module API leaves it out).
 */
let applyOverrides = (_key: string, locale: Locale): Locale => locale;

function withOverrides(key: string, locale: Locale): Locale {
  const list = overrides.get(key);
  if (!list?.length) return locale;
  let found = merged.get(key);
  if (!found) {
    found = { ...locale };
    for (const parts of list) {
      for (const name of Object.keys(parts) as (keyof Locale)[]) {
        const value = parts[name];
        const base = found[name];
        (found as unknown as Record<string, unknown>)[name] =
          typeof value === 'object' && typeof base === 'object' ? { ...base, ...value } : value;
      }
    }
    merged.set(key, found);
  }
  return found;
}

/**
 * The locale in force for `lang` now: the registered one (regional tag, then its language), or
 * undefined while a shipped one is still loading; English for a language the kit does not know.
 */
export function localeFor(lang: string | undefined): Locale | undefined {
  for (const key of keysOf(lang ?? '')) {
    const locale = registered.get(key);
    if (locale) return applyOverrides(key, locale);
    if (SHIPPED[key]) return undefined;
  }
  return applyOverrides('en', enLocale);
}

/** Loads the locale of `lang` if it ships as a chunk of its own; resolves with what is then in force. */
export function loadLocale(lang: string | undefined): Promise<Locale> {
  const now = localeFor(lang);
  if (now) return Promise.resolve(now);
  const key = keysOf(lang ?? '').find((k) => SHIPPED[k] && !registered.has(k)) ?? '';
  let pending = loading.get(key);
  if (!pending) {
    pending = SHIPPED[key]()
      .then((module) => {
        if (!registered.has(key)) registered.set(key, module.default);
        notify();
        return localeFor(lang) ?? enLocale;
      })
      .catch((error: unknown) => {
        // A chunk that failed to load: show English rather than nothing, and say why in the console.
        console.error(`fhir-elements: the "${key}" locale could not be loaded`, error);
        registered.set(key, enLocale);
        notify();
        return enLocale;
      });
    loading.set(key, pending);
  }
  return pending;
}

/** Called whenever a language is added, loaded or overridden; returns the unsubscribe function. */
export function onLocalesChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
