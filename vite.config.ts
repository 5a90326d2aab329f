// `npm start`: the demo EMR page (demo/) with the local FHIR server mounted at /fhir.
// `vite build`: dist/fhir-elements.js, one self-contained file that defines every tag (lazy
// chunks for fhirclient, ucum-lhc and the es/de/ar locales beside it). `vite build --mode modules`: the npm modules,
// one entry per element, with lit and the other dependencies left to the host's bundler.
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import { fhirServerPlugin } from './demo/server/vite-plugin.js';
import { smartAuthPlugin } from './demo/auth/vite-plugin.js';

const root = import.meta.dirname;
const ELEMENT_ENTRIES = ['context', 'patient-summary', 'allergy-banner', 'medication-list', 'lab-trend', 'results', 'cds-cards'];
const LOCALE_ENTRIES = ['es', 'de', 'ar'];
/** Modules only ever imported lazily: kept out of the autoloader's shared chunk. */
const LAZY_MODULES = /node_modules[\\/](fhirclient|@lhncbc|marked|isomorphic-webcrypto|js-base64|debug|ms)[\\/]|src[\\/]locales[\\/](es|de|ar)\.ts$/;

export default defineConfig(({ command, mode }): UserConfig => {
  if (command === 'serve') {
    return {
      root: resolve(root, 'demo'),
      publicDir: false,
      server: {
        port: Number(process.env.PORT ?? 5173),
        strictPort: true,
        host: process.env.HOST ?? 'localhost',
        fs: { allow: [root] },
      },
      plugins: [fhirServerPlugin(), smartAuthPlugin()],
    };
  }
  if (mode === 'modules') {
    return {
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        sourcemap: true,
        minify: false,
        lib: {
          entry: {
            index: resolve(root, 'src/index.ts'),
            define: resolve(root, 'src/define.ts'),
            ...Object.fromEntries(ELEMENT_ENTRIES.map((name) => [name, resolve(root, `src/entries/${name}.ts`)])),
            // Each shipped language is its own entry, imported by the registry only when a page uses it.
            ...Object.fromEntries(LOCALE_ENTRIES.map((lang) => [`locales/${lang}`, resolve(root, `src/locales/${lang}.ts`)])),
          },
          formats: ['es'],
        },
        rollupOptions: {
          external: [/^lit(\/|$)/, /^@lit\//, /^@lit-labs\//, 'fhirclient', '@lhncbc/ucum-lhc', 'marked'],
        },
      },
    };
  }
  if (mode === 'autoloader') {
    // dist/fhir-elements-autoloader.js: a few kB that import each tag's entry the first time the tag
    // appears; the entries share chunks (Lit, the data layer, common model code) in dist/autoload/.
    return {
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        sourcemap: true,
        target: 'es2022',
        minify: true,
        modulePreload: false,
        copyPublicDir: false,
        rollupOptions: {
          input: { 'fhir-elements-autoloader': resolve(root, 'src/autoloader.ts') },
          preserveEntrySignatures: 'exports-only',
          output: {
            format: 'es',
            entryFileNames: '[name].js',
            chunkFileNames: 'autoload/[name]-[hash].js',
            // One shared chunk for what two or more tags use (Lit, the data layer, common model code):
            // a page with several widgets downloads one compressed file instead of many small ones.
            // The lazy parts (fhirclient, ucum-lhc, marked, the other locales) stay their own chunks.
            codeSplitting: {
              groups: [
                // Vite's dynamic-import helper: the autoloader needs it, and nothing else of the shared chunk.
                { name: 'preload-helper', test: /preload-helper/, priority: 1 },
                { name: 'shared', minShareCount: 2, test: (id: string) => !LAZY_MODULES.test(id) && !id.includes('preload-helper') },
              ],
            },
          },
        },
      },
    };
  }
  // Not lib mode: lib mode leaves whitespace in ES output; a host page wants the smallest file.
  return {
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
      target: 'es2022',
      minify: true,
      modulePreload: false,
      copyPublicDir: false,
      rollupOptions: {
        input: { 'fhir-elements': resolve(root, 'src/fhir-elements.ts') },
        preserveEntrySignatures: 'exports-only',
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  };
});
