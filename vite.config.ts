// `npm start`: the demo EMR page (demo/) with the local FHIR server mounted at /fhir.
// `vite build`: dist/fhir-elements.js, ONE self-contained file that defines every tag (es/de/ar
// locales, marked for CDS card details: lazy chunks beside it): no static
// import of any chunk; fhirclient and ucum-lhc are lazy chunks in dist/chunks/, found relative
// to the script's own URL, loaded only by a SMART launch or a trend with several units.
// `vite build --mode modules`: the npm modules, one entry per element, with lit left to the
// host's bundler; fhirclient and ucum-lhc are bundled as lazy chunks too, so an adopter's
// `npm install` brings neither (nor fhirclient's Expo/React Native optional dependencies).
// Both builds import cleanly in Node (SSR): lit's `node` build supplies a DOM shim when there is
// no HTMLElement, and registering a tag is skipped where there is no customElements registry.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { defineConfig, parseSync, type Plugin, type UserConfig } from 'vite';
import { fhirServerPlugin } from './demo/server/vite-plugin.js';
import { smartAuthPlugin } from './demo/auth/vite-plugin.js';

const root = import.meta.dirname;
export const ELEMENT_ENTRIES = ['context', 'patient-summary', 'allergy-banner', 'medication-list', 'lab-trend', 'results', 'cds-cards'] as const;
/** The shipped languages beside English: each its own lazy module (src/locales/<lang>.ts). */
const LOCALE_ENTRIES = ['es', 'de', 'ar'];
/**
 * Modules only ever imported lazily: kept out of the autoloader's shared chunk (two lazy chunks of one
 * tag sharing a module must not put it on every page: the results' text, attachment and imaging code;
 * the merging of several sources, which the CDS query also imports statically; the fhirclient transport
 * and the batch Bundle, which only a Client, a launch or the `batch` attribute needs; the unit converter, which
 * the lab trend and the flowsheet share; the results' row and value readers and their words, and the
 * rarer kinds of value, which its report detail and flowsheet share).
 */
const LAZY_MODULES =
  /node_modules[\\/](fhirclient|@lhncbc|marked|isomorphic-webcrypto|js-base64|debug|ms)[\\/]|src[\\/]locales[\\/](es|de|ar)\.ts$|src[\\/]i18n[\\/]translated\.ts$|src[\\/](elements[\\/]results[\\/](result-text|rare-values)(\.messages)?|model[\\/](attachment|imaging-study|merge-sources|ucum-converter|result-rows|result-value(-rare)?)|fhir[\\/](source-merging|client-transport|batch|error-text))\.ts$/;

/** The CommonJS libraries the kit loads lazily, each behind its own ESM wrapper. */
const LAZY_COMMONJS = ['fhirclient', '@lhncbc/ucum-lhc'];
const WRAPPER = '\0fhir-elements-lazy:';

/**
 * `import('fhirclient')` becomes an import of a small ESM module that re-exports the CommonJS
 * package. The CommonJS interop helpers then live in the lazy chunks, not in the entry, so the
 * entry imports no shared runtime chunk (one file means one file).
 */
function lazyCommonJs(): Plugin {
  return {
    name: 'fhir-elements:lazy-commonjs',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!LAZY_COMMONJS.includes(source) || importer?.startsWith(WRAPPER)) return null;
      return WRAPPER + source;
    },
    // isomorphic-webcrypto's shim (inside fhirclient) is UMD in an .mjs file: its AMD and CommonJS
    // branches never run in an ES module, and hosts' bundlers warn about the `module` they name.
    transform(code, id) {
      if (!/isomorphic-webcrypto[\\/]src[\\/]webcrypto-shim\.mjs$/.test(id)) return null;
      return code
        .replace("typeof define === 'function' && define.amd", 'false')
        .replace("typeof module === 'object' && module.exports", 'false');
    },
    load(id) {
      if (!id.startsWith(WRAPPER)) return null;
      const source = JSON.stringify(id.slice(WRAPPER.length));
      return `import * as namespace from ${source};\nexport default namespace.default ?? namespace;\n`;
    },
  };
}

/**
 * The npm modules load the same lazy chunks as the one-file bundle (dist/chunks/, built first),
 * rather than shipping a second, unminified copy of fhirclient and ucum-lhc.
 */
function lazyChunksOfBundle(): Plugin {
  const chunkNames: Record<string, string> = { fhirclient: 'fhirclient-', '@lhncbc/ucum-lhc': 'ucum-lhc-' };
  return {
    name: 'fhir-elements:lazy-chunks-of-bundle',
    enforce: 'pre',
    resolveId(source) {
      const prefix = chunkNames[source];
      if (!prefix) return null;
      const dir = resolve(root, 'dist/chunks');
      const file = existsSync(dir) ? readdirSync(dir).find((name) => name.startsWith(prefix) && name.endsWith('.js')) : undefined;
      if (!file) this.error(`dist/chunks/${prefix}*.js is missing: run \`vite build\` before \`vite build --mode modules\`.`);
      return { id: resolve(dir, file), external: true };
    },
    // The chunk is referenced by its absolute path above; each output file gets a relative one.
    renderChunk(code, chunk) {
      const dist = resolve(root, 'dist');
      const from = dirname(resolve(dist, chunk.fileName));
      const rewritten = code.replaceAll(/(["'`])(\/[^"'`]*\/dist\/chunks\/[^"'`]+\.js)\1/g, (match, quote: string, target: string) => {
        if (!target.startsWith(dist)) return match;
        const path = relative(from, target);
        return `${quote}${path.startsWith('.') ? path : `./${path}`}${quote}`;
      });
      return rewritten === code ? null : { code: rewritten, map: null };
    },
  };
}

/**
 * lit through its `node` build (lit lists `browser` before `node`, so `browser` is left out here;
 * fhirclient's browser entry still comes from the `browser` main field): in a browser it behaves
 * as the browser build; in Node it uses lit's DOM shim instead of throwing on `HTMLElement`.
 */
const SSR_SAFE_CONDITIONS = ['node', 'module', 'production', 'import', 'default'];

/**
 * lit's node build takes HTMLElement and a registry from @lit-labs/ssr-dom-shim only where the
 * global ones are missing. In the one-file bundle a bare class stands in (importing in Node must
 * not throw; nothing renders there), instead of the full 10 kB shim.
 */
function minimalDomShim(): Plugin {
  const id = '\0fhir-elements-dom-shim';
  return {
    name: 'fhir-elements:minimal-dom-shim',
    enforce: 'pre',
    resolveId: (source) => (source === '@lit-labs/ssr-dom-shim' ? id : null),
    load: (loaded) =>
      loaded === id
        ? 'export const HTMLElement = globalThis.HTMLElement ?? class {};\nexport const customElements = globalThis.customElements;\n'
        : null,
  };
}

/**
 * Vite wraps each dynamic `import()` in a preload helper (≈ 1.7 kB) that adds `<link>`s for the
 * imported chunk's CSS and, with `modulePreload`, its JS. The kit ships no CSS files and preloads
 * nothing (`modulePreload: false`), so every call has an empty list: the helper only imports.
 */
function plainDynamicImport(): Plugin {
  const id = '\0vite/preload-helper.js';
  return {
    name: 'fhir-elements:plain-dynamic-import',
    enforce: 'pre',
    resolveId: (source) => (source === id ? id : null),
    load: (loaded) => (loaded === id ? 'export const __vitePreload = (load) => load();\n' : null),
    // Where the helper is a chunk of its own (the autoloader build), each chunk's import of it becomes
    // the helper itself, padded to the import's length (the source maps stay true), and the chunk goes:
    // one request and one round trip less before the autoloader runs.
    renderChunk(code) {
      const inlined = code.replace(HELPER_IMPORT, (statement: string, local: string) => `const ${local}=l=>l();`.padEnd(statement.length, ' '));
      return inlined === code ? null : { code: inlined, map: null };
    },
    generateBundle(_options, bundle) {
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk' || !/(^|\/)preload-helper-[\w-]+\.js$/.test(fileName)) continue;
        const base = fileName.slice(fileName.lastIndexOf('/') + 1);
        const stillImported = Object.values(bundle).some((other) => other !== output && other.type === 'chunk' && other.code.includes(base));
        if (!stillImported) {
          delete bundle[fileName];
          delete bundle[`${fileName}.map`];
        }
      }
    },
  };
}

/** `import{t as e}from"./preload-helper-abc.js";` as the minifier writes it. */
const HELPER_IMPORT = /import\s*\{\s*[\w$]+\s+as\s+([\w$]+)\s*\}\s*from\s*(["'`])[^"'`]*preload-helper-[^"'`]+\.js\2;?/g;

/** The CSS of a `css` template's text part: no comments, indentation or spaces around `{ } ; , > :`. */
function squeezeCssText(text: string): string {
  const squeezeLine = (line: string) =>
    line
      .split(/("[^"]*"|'[^']*')/)
      .map((part, index) => (index % 2 === 1 ? part : part.replace(/\s+/g, ' ').replace(/ ?([{};,>]) ?/g, '$1').replace(/: /g, ':')))
      .join('');
  // A text part's first and last line may touch a `${…}` (`${a} ${b}`): their outer space stays.
  const lines = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, '')).split('\n');
  return lines
    .map((line, index) => {
      let squeezed = squeezeLine(line);
      if (index > 0) squeezed = squeezed.trimStart();
      if (index < lines.length - 1) squeezed = squeezed.trimEnd();
      return squeezed;
    })
    .join('\n')
    .replace(/;(\n*)}/g, '$1}');
}

interface Node {
  type?: string;
  start: number;
  tag?: { type: string; name?: string };
  quasi?: { quasis: { start: number; value: { raw: string } }[] };
}

/**
 * Lit's templates in src/ without the bytes only the source needed: a `css` template's comments,
 * indentation and spaces around punctuation; an `html` or `svg` template's indentation (each line
 * break stays: still white space between the same nodes). Templates with `<pre>` or `<textarea>`
 * are left alone, as are quoted CSS strings and every `${…}`. The templates are found by the parser;
 * every line stays on its line, so the source maps stay true without making new ones.
 */
export function squeezeTemplates(): Plugin {
  return {
    name: 'fhir-elements:squeeze-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/.test(id) || !/\b(css|html|svg)`/.test(code)) return null;
      const edits: { from: number; to: number; text: string }[] = [];
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(visit);
        const tagged = node as Node;
        const tag = tagged.type === 'TaggedTemplateExpression' && tagged.tag?.type === 'Identifier' ? tagged.tag.name : undefined;
        if (tagged.quasi && (tag === 'css' || tag === 'html' || tag === 'svg')) {
          const quasis = tagged.quasi.quasis;
          const verbatim = tag !== 'css' && quasis.some((quasi) => /<(pre|textarea)\b/i.test(quasi.value.raw));
          for (const quasi of verbatim ? [] : quasis) {
            const raw = quasi.value.raw;
            // A text part starts one character after its node: after the backtick or the `}`.
            const text = tag === 'css' ? squeezeCssText(raw) : raw.replace(/\n[ \t]+/g, '\n');
            if (text !== raw) edits.push({ from: quasi.start + 1, to: quasi.start + 1 + raw.length, text });
          }
        }
        for (const [key, value] of Object.entries(node)) if (key !== 'parent') visit(value);
      };
      visit(parseSync(id, code, { lang: 'ts' }).program);
      if (edits.length === 0) return null;
      let out = '';
      let at = 0;
      for (const edit of edits.sort((x, y) => x.from - y.from)) {
        out += code.slice(at, edit.from) + edit.text;
        at = edit.to;
      }
      return { code: out + code.slice(at), map: null };
    },
  };
}

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
      plugins: [lazyChunksOfBundle(), squeezeTemplates()],
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        sourcemap: true,
        minify: false,
        lib: {
          entry: {
            index: resolve(root, 'src/index.ts'),
            define: resolve(root, 'src/define.ts'),
            react: resolve(root, 'src/react.ts'),
            ...Object.fromEntries(ELEMENT_ENTRIES.map((name) => [name, resolve(root, `src/entries/${name}.ts`)])),
            // Each shipped language is its own entry, imported by the registry only when a page uses it.
            ...Object.fromEntries(LOCALE_ENTRIES.map((lang) => [`locales/${lang}`, resolve(root, `src/locales/${lang}.ts`)])),
          },
          formats: ['es'],
        },
        rollupOptions: {
          // marked (CDS card details) is ESM and a declared dependency: the host's bundler splits it lazily.
          external: [/^lit(\/|$)/, /^@lit\/(?!react)/, /^@lit-labs\//, /^react(\/|$)/, 'marked'],
          output: { chunkFileNames: 'modules/[name]-[hash].js' },
        },
      },
    };
  }
  if (mode === 'autoloader') {
    // dist/fhir-elements-autoloader.js: a few kB that import each tag's entry the first time the tag
    // appears; the entries share chunks (Lit, the data layer, common model code) in dist/autoload/,
    // and load the same lazy fhirclient/ucum-lhc chunks as the one-file bundle (dist/chunks/).
    return {
      plugins: [lazyChunksOfBundle(), minimalDomShim(), squeezeTemplates(), plainDynamicImport()],
      resolve: { conditions: SSR_SAFE_CONDITIONS },
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
    plugins: [lazyCommonJs(), minimalDomShim(), squeezeTemplates(), plainDynamicImport()],
    resolve: { conditions: SSR_SAFE_CONDITIONS },
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
        // 'allow-extension': code the lazy locale chunks share with the entry stays in the entry
        // (the locale chunks import it from there) instead of a common chunk the entry would import.
        preserveEntrySignatures: 'allow-extension',
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          // fhirclient-<hash>.js, ucum-lhc-<hash>.js: the names the npm modules look for.
          chunkFileNames: (chunk) => `chunks/${chunk.name.replace(/^_?fhir-elements-lazy_/, '')}-[hash].js`,
        },
      },
    },
  };
});
