// English arrives in parts: the registry holds the shared part, and each widget's module adds its
// own section when it loads (registerEnglish), so a page does not download the words of widgets it
// does not show. Overrides of `en` given before a widget's section arrives still apply to it, and
// the complete English (src/locales/en.ts) is what the widgets register, word for word.
// This file imports no widget up front: each test page starts with a fresh module graph.
import { expect } from '@open-wc/testing';
import { englishLocale, localeFor, overrideLocale, registerEnglish } from '../../src/i18n/registry.js';
import en from '../../src/locales/en.js';

describe('English in parts', () => {
  it('holds only the shared part until a widget module loads', () => {
    const english = englishLocale();
    expect(english.common).to.equal(en.common);
    expect(english.tag).to.equal('en-GB');
    for (const section of ['allergyBanner', 'labTrend', 'medicationList', 'patientSummary', 'results', 'cdsCards', 'dosage'] as const) {
      expect((english as Partial<typeof english>)[section], section).to.equal(undefined);
    }
  });

  it("adds a widget's section when its module loads, and an earlier override of it still applies", async () => {
    overrideLocale('en', { labTrend: { noResults: 'Nothing on file' } });
    expect(localeFor('en')?.labTrend.noResults).to.equal('Nothing on file');
    expect(localeFor('en')?.labTrend.latest, 'no English yet: only the override').to.equal(undefined);

    await import('../../src/elements/lab-trend/lab-trend.js');
    const english = localeFor('en')!;
    expect(english.labTrend.noResults).to.equal('Nothing on file');
    expect(english.labTrend.latest).to.equal(en.labTrend.latest);
    expect(englishLocale().labTrend).to.equal(en.labTrend);
    expect((englishLocale() as Partial<typeof english>).results, 'other widgets still absent').to.equal(undefined);
  });

  it('every widget module registers exactly the English of src/locales/en.ts', async () => {
    await Promise.all([
      import('../../src/elements/allergy-banner/allergy-banner.js'),
      import('../../src/elements/patient-summary/patient-summary.js'),
      import('../../src/elements/medication-list/medication-list.js'),
      import('../../src/elements/lab-trend/lab-trend.js'),
      import('../../src/elements/results/results.js'),
      import('../../src/elements/cds-cards/cds-cards.js'),
    ]);
    // <fhir-results> brings the words of its views with their modules, loaded when first shown.
    expect(englishLocale().results.flowsheetCaption, 'the flowsheet has not been shown').to.equal(undefined);
    expect(englishLocale().results.subject).to.equal(en.results.subject);
    // An override of words that have not arrived yet applies once they do, beside them.
    overrideLocale('en', { results: { testColumn: 'Analyte' } });
    expect(localeFor('en')!.results.testColumn).to.equal('Analyte');
    await Promise.all([
      import('../../src/elements/results/report-list.js'),
      import('../../src/elements/results/report-detail.js'),
      import('../../src/elements/results/flowsheet-view.js'),
      import('../../src/elements/results/unit-notes.js'), // the flowsheet's, for a test recorded in several units
    ]);
    expect({ ...englishLocale() }).to.deep.equal({ ...en });
    expect(localeFor('en')!.results.testColumn).to.equal('Analyte');
    expect(localeFor('en')!.results.flowsheetCaption).to.equal(en.results.flowsheetCaption);
  });

  it('keeps the first English of a section (a second registration changes nothing)', () => {
    const before = englishLocale().results;
    registerEnglish('results', { ...before, subject: 'Changed' });
    expect(englishLocale().results).to.equal(before);
  });
});
