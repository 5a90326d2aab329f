// eslint: TypeScript, Lit templates, accessibility in templates, and web-component practice.
import js from '@eslint/js';
import litA11y from 'eslint-plugin-lit-a11y';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['.scratch/**', 'dist/**', 'storybook-static/**', 'node_modules/**', 'custom-elements.json', 'bench/.tmp/**', 'bench/results.json', 'test/hosts/.work/**', 'test/hosts/apps/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  wc.configs['flat/best-practice'],
  litA11y.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Elements are registered in one place (src/define.ts), not beside their class.
      'wc/tag-name-matches-class': 'off',
    },
  },
  // Layers (DESIGN.md): src/model is pure and imports nothing from src/fhir or src/elements;
  // src/fhir may use src/model's resource helpers but nothing from src/elements; an element imports
  // no other element's folder (shared private parts live in src/elements/shared, the base in base).
  {
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+(fhir|elements)/', message: 'src/model is pure: no imports from src/fhir or src/elements.' }] },
      ],
    },
  },
  {
    files: ['src/fhir/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+elements/', message: 'src/fhir serves the elements; it never imports them.' }] },
      ],
    },
  },
  {
    files: ['src/elements/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!base/|shared/|\\.\\./)',
              message: "An element does not import another element's folder: put shared private parts in src/elements/shared.",
            },
          ],
        },
      ],
    },
  },
  {
    // Page scripts that name the browser globals they use in a /* global */ comment.
    files: ['bench/pages/**'],
    rules: { 'no-redeclare': 'off' },
  },
  {
    files: ['test/**/*.ts', 'stories/**/*.ts', 'bench/**', 'demo/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
      'wc/guard-super-call': 'off',
    },
  },
);
