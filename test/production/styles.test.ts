// The built bundle's CSS (squeezed by the build: vite.config.ts `squeezeTemplates`) says the same as the
// source's: for every element, the rules the browser parses from dist/fhir-elements.js serialise
// as the rules it parses from src/. A squeeze that broke a declaration would drop it (or change a
// custom property's value) and show here. Skipped where dist/ has not been built, like bundle.test.ts.
import { expect } from '@open-wc/testing';
import type { CSSResult } from 'lit';
import * as source from '../../src/index.js';

const bundleUrl = '/dist/fhir-elements.js';
const built = (await fetch(bundleUrl, { method: 'HEAD' }).catch(() => undefined))?.ok === true;
if (!built) console.warn('SKIPPING the production styles suite: run `npm run build` first (CI does).');

type Styled = { elementStyles: (CSSResult | CSSStyleSheet)[]; finalize(): void };

/** Every rule of an element's styles as the browser serialises it (spaces after commas normalised). */
function rulesOf(element: Styled): string[] {
  element.finalize();
  return element.elementStyles
    .flatMap((style) => [...(style instanceof CSSStyleSheet ? style : style.styleSheet!).cssRules])
    .map((rule) => rule.cssText.replace(/\s*,\s*/g, ', ').replace(/\s+/g, ' '));
}

const TAGS: Record<string, unknown> = {
  'fhir-context': source.FhirContext,
  'fhir-patient-summary': source.FhirPatientSummary,
  'fhir-allergy-banner': source.FhirAllergyBanner,
  'fhir-medication-list': source.FhirMedicationList,
  'fhir-lab-trend': source.FhirLabTrend,
  'fhir-results': source.FhirResults,
  'fhir-cds-cards': source.FhirCdsCards,
};

(built ? describe : describe.skip)('dist/fhir-elements.js styles', () => {
  before(async () => {
    await import(/* @vite-ignore */ bundleUrl);
  });

  for (const [tag, sourceClass] of Object.entries(TAGS)) {
    it(`<${tag}> has the same CSS rules as its source`, () => {
      const shipped = customElements.get(tag) as unknown as Styled | undefined;
      expect(shipped, `${tag} defined by the bundle`).to.exist;
      const expected = rulesOf(sourceClass as Styled);
      expect(expected.length, `${tag} has styles`).to.be.greaterThan(0);
      expect(rulesOf(shipped!)).to.deep.equal(expected);
    });
  }
});
