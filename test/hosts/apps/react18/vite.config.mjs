// React 18 from the same install: `react` and `react-dom` are the react18 / react-dom18 aliases.
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vite';
const require = createRequire(import.meta.url);
const dir = (name) => path.dirname(require.resolve(`${name}/package.json`));
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: { alias: [{ find: /^react$/, replacement: dir('react18') }, { find: /^react\/(.*)$/, replacement: `${dir('react18')}/$1` }, { find: /^react-dom\/(.*)$/, replacement: `${dir('react-dom18')}/$1` }, { find: /^react-dom$/, replacement: dir('react-dom18') }] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
