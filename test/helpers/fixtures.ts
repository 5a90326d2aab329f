// Real third-party FHIR data from ../shared/fixtures, served by the test server under /fixtures/.
// Suites that need it check `fixturesAvailable` and skip with a message when the folder is absent.
import type { Bundle, Resource } from '../../src/model/fhir-types.js';

const probe = await fetch('/fixtures/README.md').catch(() => undefined);
/** True when ../shared/fixtures is beside the checkout (CI has it). */
export const fixturesAvailable = probe?.ok === true;
if (!fixturesAvailable) {
  console.warn('SKIPPING fixture-based tests: ../shared/fixtures is absent beside this checkout.');
}

/** Loads one fixture file, e.g. `examples/r4/AllergyIntolerance-nkda.json`. */
export async function loadFixture<T = Resource | Bundle>(file: string): Promise<T> {
  const response = await fetch(`/fixtures/${file}`);
  if (!response.ok) throw new Error(`fixture ${file} not found: ${response.status}`);
  return (await response.json()) as T;
}

/**
 * `describe` for suites that need the fixtures: skipped, with a console message, when absent.
 * (The skip is the documented behaviour for machines without ../shared.)
 */
export const describeWithFixtures: (title: string, fn: (this: Mocha.Suite) => void) => void = (title, fn) =>
  // Skipped only where ../shared/fixtures is absent: the data is third-party and never copied here.
  fixturesAvailable ? describe(title, fn) : describe.skip(`${title} (skipped: ../shared/fixtures absent)`, fn);
