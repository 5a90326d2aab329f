import { setCustomElementsManifest } from '@storybook/web-components-vite';
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import customElements from '../custom-elements.json';
import { defineElements, ELEMENTS } from '../src/define.js';

interface Manifest {
  modules: { path: string; declarations?: { kind: string; tagName?: string; customElement?: boolean }[] }[];
}

/**
 * Tags are registered in one place (src/define.ts) rather than beside each class, so the analyzer
 * finds a tag only where a class's JSDoc names it (`@tag`). Each element lives in
 * `src/elements/<name>/<name>.ts` and is registered as `fhir-<name>`: fill in the tags it missed,
 * so that Storybook's controls and docs find every element.
 */
function withTagNames(manifest: Manifest): Manifest {
  for (const module of manifest.modules) {
    const name = /^src\/elements\/([a-z-]+)\/\1\.ts$/.exec(module.path)?.[1];
    if (!name || !(name in ELEMENTS)) continue;
    for (const declaration of module.declarations ?? []) {
      if (declaration.kind === 'class' && !declaration.tagName) {
        declaration.tagName = `fhir-${name}`;
        declaration.customElement = true;
      }
    }
  }
  return manifest;
}

setCustomElementsManifest(withTagNames(customElements as Manifest));
defineElements();


/**
 * The toolbar's theme, direction and language, applied the way a host page does it:
 * `--fhir-color-scheme` (the kit's colour tokens follow it), `dir` and `lang` on an ancestor (the
 * widgets use logical CSS properties; their LocaleController reads the nearest `lang`, and loads a
 * shipped language the first time it is used). Arabic is right to left unless Direction says
 * otherwise: "auto" leaves `dir` to the language. The frame follows too.
 */
/** The shipped languages (src/locales): English keeps the NHS CUI formats, the others use Intl. */
const LOCALES = [
  { value: 'en-GB', title: 'English (NHS CUI)' },
  { value: 'es', title: 'Español' },
  { value: 'de', title: 'Deutsch' },
  { value: 'ar', title: 'العربية (RTL)' },
];

const withThemeAndDirection: Decorator = (story, context) => {
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  const lang = LOCALES.some((l) => l.value === context.globals.locale) ? (context.globals.locale as string) : 'en-GB';
  const dir = context.globals.direction === 'rtl' || context.globals.direction === 'ltr' ? context.globals.direction : lang === 'ar' ? 'rtl' : 'ltr';
  if (context.viewMode === 'story') {
    document.documentElement.style.colorScheme = theme;
    document.body.style.background = 'Canvas';
    document.body.style.color = 'CanvasText';
  }
  return html`<div
    class="fhir-story-frame"
    dir=${dir}
    lang=${lang}
    data-theme=${theme}
    style="--fhir-color-scheme: ${theme}; color-scheme: ${theme}; background: Canvas; color: CanvasText; padding: 1rem;"
  >
    ${story()}
  </div>`;
};

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [withThemeAndDirection],
  globalTypes: {
    theme: {
      description: 'Colour scheme of the widgets (--fhir-color-scheme)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
    direction: {
      description: 'Text direction (dir on an ancestor)',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'auto', title: 'From the language' },
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language of the widgets (lang on an ancestor)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: LOCALES,
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', direction: 'auto', locale: 'en-GB' },
  parameters: {
    controls: { expanded: true },
  },
};
export default preview;
