// custom-elements.json from the elements' JSDoc (feeds Storybook's docs and controls), and the
// framework and editor data generated from it and shipped in the package:
//   dist/jsx/custom-elements-jsx.d.ts   JSX `CustomElements` (props and on<event> props)
//   dist/jsx/react.d.ts                 adds them to React 19's JSX.IntrinsicElements (hand-written, 3 lines)
//   dist/vue/custom-elements-vue.d.ts   Vue `GlobalComponents`
//   dist/editor/vscode.html-custom-data.json, dist/editor/web-types.json   editor completions
// Module paths in the manifest are rewritten from src/*.ts to the shipped dist/types/*.d.ts.
import { customElementJsxPlugin } from 'custom-element-jsx-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const shipped = (path) => path.replace(/^\/?src\/(.*)\.ts$/, 'dist/types/$1.d.ts');

/** Points every module path and reference at the shipped declaration file. */
function shippedPathsPlugin() {
  const rewrite = (node) => {
    if (Array.isArray(node)) node.forEach(rewrite);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'path' || key === 'module') && typeof value === 'string' && /^\/?src\//.test(value)) node[key] = shipped(value);
        else rewrite(value);
      }
    }
  };
  return { name: 'fhir-elements:shipped-paths', packageLinkPhase: ({ customElementsManifest }) => rewrite(customElementsManifest) };
}

/** Each event's detail type, all exported from the package root (dist/types/index.d.ts). */
const EVENT_DETAIL = {
  'fhir-load': 'FhirLoadDetail',
  'fhir-error': 'FhirErrorDetail',
  'fhir-select': 'FhirSelectDetail',
  'fhir-cds-suggestion': 'FhirCdsSuggestionDetail',
  'fhir-cds-link': 'FhirCdsLinkDetail',
  'fhir-cds-dismiss': 'FhirCdsDismissDetail',
};
/** Events between the kit's own elements (a <fhir-source> telling its context it changed): not host API. */
const INTERNAL_EVENTS = new Set(['fhir-source-change']);
const eachEvent = (manifest, visit) => {
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.events) declaration.events = declaration.events.filter((event) => !INTERNAL_EVENTS.has(event.name));
      for (const event of declaration.events ?? []) visit(event);
    }
  }
};
/** The JSX and Vue plugins read an event's `type` as its detail type: the detail first, then the whole type. */
function eventTypesPlugin(stage) {
  return {
    name: `fhir-elements:event-types-${stage}`,
    packageLinkPhase: ({ customElementsManifest }) =>
      eachEvent(customElementsManifest, (event) => {
        const detail = EVENT_DETAIL[event.name];
        if (detail) event.type = { text: stage === 'detail' ? detail : `CustomEvent<${detail}>` };
      }),
  };
}

/**
 * Tidies the generated type files so they compile with skipLibCheck false: one import per name
 * (the plugins repeat shared detail types); no global JSX namespace in the Vue types (it would
 * clash with React's in a project that has both). Adds dist/jsx/react.d.ts, which puts the tags
 * into React 19's JSX.IntrinsicElements.
 */
function tidyTypesPlugin() {
  const dedupeImports = (text) =>
    text.replace(/import type \{([^}]*)\}/, (_, names) => `import type { ${[...new Set(names.split(',').map((n) => n.trim()).filter(Boolean))].join(', ')} }`);
  return {
    name: 'fhir-elements:tidy-types',
    packageLinkPhase: () => {
      const jsx = 'dist/jsx/custom-elements-jsx.d.ts';
      const vue = 'dist/vue/custom-elements-vue.d.ts';
      writeFileSync(jsx, dedupeImports(readFileSync(jsx, 'utf8')));
      writeFileSync(vue, dedupeImports(readFileSync(vue, 'utf8')).replace(/\ndeclare global \{[\s\S]*$/, '\n'));
      mkdirSync('dist/jsx', { recursive: true });
      writeFileSync(
        'dist/jsx/react.d.ts',
        [
          '// React 19: every fhir-elements tag in JSX, with its properties and on<event> props',
          "// (`onfhir-load`, `onfhir-error`, `onfhir-select`). Use: import type {} from 'fhir-elements/jsx-react';",
          "import type { CustomElements } from './custom-elements-jsx.js';",
          '',
          "declare module 'react' {",
          '  namespace JSX {',
          '    interface IntrinsicElements extends CustomElements {}',
          '  }',
          '}',
          '',
          "export type { CustomElements, ScopedElements } from './custom-elements-jsx.js';",
          '',
        ].join('\n'),
      );
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/**/*.messages.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [
    shippedPathsPlugin(),
    eventTypesPlugin('detail'),
    customElementJsxPlugin({
      outdir: 'dist/jsx',
      fileName: 'custom-elements-jsx.d.ts',
      globalTypePath: '../types/index.js',
      hideLogs: true,
    }),
    customElementVuejsPlugin({
      outdir: 'dist/vue',
      fileName: 'custom-elements-vue.d.ts',
      globalTypePath: '../types/index.js',
      hideLogs: true,
    }),
    eventTypesPlugin('event'),
    tidyTypesPlugin(),
    customElementVsCodePlugin({ outdir: 'dist/editor', htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json', hideLogs: true }),
    customElementJetBrainsPlugin({ outdir: 'dist/editor', fileName: 'web-types.json', packageJsonPath: './package.json', hideLogs: true }),
  ],
};
