// The console warnings a test provokes (developer warnings), collected while they still reach the console.

/** Collects console.warn text until `restore()` (the warnings still reach the console). */
export function captureWarnings(): string[] & { restore(): void } {
  const seen = [] as unknown as string[] & { restore(): void };
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    seen.push(args.map(String).join(' '));
    original.apply(console, args);
  };
  seen.restore = () => {
    console.warn = original;
  };
  return seen;
}
