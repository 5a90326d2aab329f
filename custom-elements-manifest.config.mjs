// custom-elements.json from the elements' JSDoc (feeds Storybook's docs and controls).
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/**/*.messages.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
};
