// Lit's dev-mode warnings fail the test during which they were issued (instead of scrolling past
// in the browser log). Loaded by web-test-runner.config.mjs into every test page: `console.warn` is
// watched from before the test file loads, and a root `afterEach` on mocha's root suite throws
// when a Lit warning (one that links to lit.dev/msg/…) appeared — except the "Lit is in dev mode"
// banner itself, which every dev build prints once.
const pending = [];
const original = console.warn;
console.warn = function (...args) {
  const text = args.map((arg) => String(arg)).join(' ');
  if (/lit\.dev\/msg\//.test(text) && !/lit\.dev\/msg\/dev-mode\b/.test(text)) pending.push(text);
  return original.apply(this, args);
};

function register() {
  const mocha = window.mocha;
  if (!mocha?.suite) {
    setTimeout(register, 0);
    return;
  }
  mocha.suite.afterEach(function failOnLitWarnings() {
    if (!pending.length) return;
    const warnings = pending.splice(0);
    const error = new Error(`Lit dev-mode warning during this test:\n${warnings.join('\n')}`);
    // Fails the test itself (mocha's hook.error), and the suite goes on; else fail the hook.
    if (typeof this.test?.error === 'function') this.test.error(error);
    else throw error;
  });
}
register();
