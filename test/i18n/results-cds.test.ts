// <fhir-results> and <fhir-cds-cards> in Spanish, German and Arabic: words from the catalogue,
// numbers and dates from Intl, right to left for Arabic, and a `lang` switched at run time re-renders.
// The CDS cards talk to the test server's demo CDS Hooks service (/cds-services) and FHIR server (/fhir).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirCdsCards } from '../../src/elements/cds-cards/cds-cards.js';
import type { FhirResults } from '../../src/elements/results/results.js';
import { formatFor } from '../../src/i18n/api.js';
import type { Locale } from '../../src/i18n/locale.js';
import { loadLocale } from '../../src/i18n/registry.js';
import en from '../../src/locales/en.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, parts, squash } from '../helpers/widget-dom.js';

defineElements();

const LANGS = ['es', 'de', 'ar'] as const;
type Lang = (typeof LANGS)[number];
const locales = Object.fromEntries(await Promise.all(LANGS.map(async (l) => [l, await loadLocale(l)] as const))) as Record<Lang, Locale>;

const intlNumber = (lang: string, n: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 6 }).format(n);
const text = (el: Element) => squash(el.shadowRoot!.textContent);

function expectDirection(el: Element, lang: string): void {
  const base = part(el, 'base') ?? el.shadowRoot!.firstElementChild!;
  expect(getComputedStyle(base).direction).to.equal(lang === 'ar' ? 'rtl' : 'ltr');
}

// ---- Results ---------------------------------------------------------------------------------------

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const ref = { reference: 'Patient/p1' };
const obs = (id: string, fields: Record<string, unknown> = {}): AnyResource => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
  code: { coding: [{ system: LOINC, code: '2823-3' }], text: 'Potassium' },
  subject: ref,
  effectiveDateTime: '2024-03-01T09:00:00Z',
  valueQuantity: { value: 5.85, unit: 'mmol/L', system: UCUM, code: 'mmol/L' },
  referenceRange: [{ low: { value: 3.5, unit: 'mmol/L' }, high: { value: 5.3, unit: 'mmol/L' } }],
  interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H' }] }],
  ...fields,
});
const report = (id: string, status: string, results: string[], text: string): AnyResource => ({
  resourceType: 'DiagnosticReport',
  id,
  status,
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
  code: { coding: [{ system: LOINC, code: '51990-0' }], text },
  subject: ref,
  effectiveDateTime: '2024-03-01T09:00:00Z',
  issued: '2024-03-01T11:30:00Z',
  result: results.map((r) => ({ reference: `Observation/${r}` })),
});
/** A corrected report (one shown result, two entered in error: the Arabic dual) and a preliminary one. */
const RESULTS: AnyResource[] = [
  { resourceType: 'Patient', id: 'p1', name: [{ family: 'García', given: ['Ana'] }] },
  report('r1', 'corrected', ['o1', 'o2', 'o3'], 'Electrolytes'),
  report('r2', 'preliminary', ['o4'], 'Renal panel'),
  obs('o1'),
  obs('o2', { status: 'entered-in-error' }),
  obs('o3', { status: 'entered-in-error' }),
  obs('o4', { status: 'preliminary', valueQuantity: { value: 1234.5, unit: 'umol/L', system: UCUM, code: 'umol/L' }, referenceRange: [], interpretation: [] }),
];

async function mountResults(lang: string, view = 'reports'): Promise<FhirResults> {
  const host = await fixture<HTMLElement>(html`<div lang=${lang}></div>`);
  const el = document.createElement('fhir-results') as FhirResults;
  el.setAttribute('view', view);
  el.resources = RESULTS;
  host.append(el);
  await untilState(el, ['ready', 'empty', 'error'], 30_000);
  await el.updateComplete;
  return el;
}

async function openReport(el: FhirResults, name: string): Promise<HTMLElement> {
  const toggle = parts(el, 'report-toggle').find((b) => squash(b.textContent).includes(name));
  if (!toggle) throw new Error(`no report ${name}`);
  toggle.click();
  await el.updateComplete;
  return toggle.closest('[part~="report"]') as HTMLElement;
}

describe('<fhir-results> in es, de and ar', () => {
  for (const lang of LANGS) {
    it(`${lang}: groups, statuses, table, flags and counts from the catalogue; values, ranges and dates from Intl`, async () => {
      const el = await mountResults(lang);
      expect(el.state).to.equal('ready');
      const t = locales[lang].results;
      const f = formatFor(lang);
      const shown = text(el);
      expect(shown).to.include(`${t.group.laboratory} (${f.number(2)})`);
      expect(shown).to.include(t.views.reports).and.include(t.views.flowsheet).and.include(t.range.all);
      const corrected = el.shadowRoot!.querySelector('[data-status="corrected"] [part~="status"]')!;
      expect(squash(corrected.textContent)).to.include(t.status('corrected'));
      const preliminary = el.shadowRoot!.querySelector('[data-status="preliminary"] [part~="status"]')!;
      expect(squash(preliminary.textContent)).to.include(`${t.status('preliminary')} — ${t.statusKind.provisional}`);
      expect(shown).to.include(`${t.issued} ${f.dateTime('2024-03-01T11:30:00Z')}`);
      expect(shown).not.to.include(en.results.group.laboratory);
      expect(shown).not.to.include(en.results.status('corrected'));

      const row = await openReport(el, 'Electrolytes');
      const detail = squash(row.textContent);
      expect(detail).to.include(t.table.test).and.include(t.table.range).and.include(t.table.flag);
      expect(detail).to.include(`${intlNumber(lang, 5.85)} mmol/L`);
      expect(detail).to.include(`${intlNumber(lang, 3.5)}–${intlNumber(lang, 5.3)} mmol/L`);
      expect(squash(row.querySelector('[part~="flag"]')!.textContent)).to.include(t.direction.high.replace(/^./, (c) => c.toUpperCase()));
      expect(detail).to.include(t.hiddenResults(2));
      expect(text(el)).to.include(t.hiddenResults(2));
      if (lang !== 'ar') expect(detail).to.include('5,85 mmol/L');
      expectDirection(el, lang);
      await expect(el).to.be.accessible();
    });

    it(`${lang}: the flowsheet speaks the language (caption, order, column dates, values)`, async () => {
      const el = await mountResults(lang, 'flowsheet');
      expect(el.state).to.equal('ready');
      const t = locales[lang].results;
      const grid = part(el, 'grid')!;
      expect(grid.getAttribute('aria-label')).to.equal(t.flowsheetCaption);
      expect(text(el)).to.include(t.flowsheetOrder).and.include(t.testColumn);
      expect(squash(part(el, 'column-header')!.nextElementSibling!.textContent)).to.equal(formatFor(lang).dateTime('2024-03-01T09:00:00Z'));
      // 1234.5 by the one number rule (4 significant digits, the integer part kept): 1235 in the language's digits.
      expect(squash(grid.textContent)).to.include(new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(1234.5));
      expectDirection(el, lang);
      await expect(el).to.be.accessible();
    });
  }

  it('switching lang at run time re-renders the results, in and out of Arabic', async () => {
    const el = await mountResults('es');
    const host = el.parentElement!;
    const words = (lang: Lang) => `${locales[lang].results.group.laboratory} (${formatFor(lang).number(2)})`;
    expect(text(el)).to.include(words('es'));
    host.lang = 'de';
    await waitUntil(() => text(el).includes(words('de')), 'did not switch to German');
    expect(text(el)).to.include(locales.de.results.status('corrected'));
    host.lang = 'ar';
    await waitUntil(() => text(el).includes(words('ar')), 'did not switch to Arabic');
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(part(el, 'base')!).direction).to.equal('rtl');
    host.lang = 'en-GB';
    await waitUntil(() => text(el).includes('Laboratory (2)'), 'did not switch back to English');
    expect(el.hasAttribute('dir')).to.equal(false);
  });
});

// ---- CDS cards -------------------------------------------------------------------------------------

const FHIR = new URL('/fhir', location.href).href;
const CDS = '/cds-services';
const PATIENT = 'i18n-cds';
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const med = (id: string, text: string) => ({
  resourceType: 'MedicationRequest',
  id: `${PATIENT}-${id}`,
  status: 'active',
  intent: 'order',
  subject: { reference: `Patient/${PATIENT}` },
  medicationCodeableConcept: { text },
  authoredOn: daysAgo(30).slice(0, 10),
});

before(async () => {
  const resources = [
    { resourceType: 'Patient', id: PATIENT, name: [{ family: 'Lingua', given: ['Paz'] }], gender: 'female', birthDate: '1950-02-03' },
    med('amox', 'Amoxicillin 500 mg capsule'),
    med('warf', 'Warfarin 5 mg tablet'),
    med('ibu', 'Ibuprofen 400 mg tablet'),
    {
      resourceType: 'AllergyIntolerance',
      id: `${PATIENT}-pen`,
      patient: { reference: `Patient/${PATIENT}` },
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
      code: { text: 'Penicillin' },
      criticality: 'high',
    },
  ];
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({ resource, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` } })),
  };
  const response = await fetch(FHIR, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(bundle) });
  if (!response.ok) throw new Error(`transaction failed: ${response.status}`);
});

async function mountCds(lang: string, service: string | null = CDS): Promise<FhirCdsCards> {
  const host = await fixture<HTMLElement>(html`<div lang=${lang}>
    <fhir-context server=${FHIR} patient=${PATIENT}><fhir-cds-cards timeout="5000"></fhir-cds-cards></fhir-context>
  </div>`);
  const el = host.querySelector('fhir-cds-cards')!;
  if (service) el.setAttribute('service', service);
  await untilState(el, service ? ['ready', 'empty', 'error'] : ['idle'], 20_000);
  await el.updateComplete;
  return el;
}

const indicators = (el: FhirCdsCards) => parts(el, 'indicator').map((i) => squash(i.textContent));

describe('<fhir-cds-cards> in es, de and ar', () => {
  for (const lang of LANGS) {
    it(`${lang}: indicators, source, suggestions, dismissal and its count from the catalogue`, async () => {
      const el = await mountCds(lang);
      expect(el.state).to.equal('ready');
      const t = locales[lang].cdsCards;
      const shown = indicators(el);
      expect(shown.some((i) => i.endsWith(t.indicator.critical))).to.equal(true);
      expect(shown.some((i) => i.endsWith(t.indicator.warning))).to.equal(true);
      expect(shown.join(' ')).not.to.include(en.cdsCards.indicator.warning);
      expect(part(el, 'base')!.getAttribute('aria-label')).to.equal(t.region);
      expect(text(el)).to.include(t.source).and.include(t.dismiss);
      expect(parts(el, 'suggestions')[0]?.getAttribute('aria-label')).to.equal(t.suggestions);
      expectDirection(el, lang);
      await expect(el).to.be.accessible();

      // Dismissing asks for a reason in the language, then counts the dismissed card with the locale's plural.
      const card = parts(el, 'card').find((c) => c.querySelector('[part~="override"]') === null && c.querySelector('[part~="dismiss"]'))!;
      card.querySelector<HTMLButtonElement>('[part~="dismiss"]')!.click();
      await el.updateComplete;
      const override = card.querySelector('[part~="override"]');
      if (override) {
        expect(squash(override.querySelector('legend')!.textContent)).to.equal(t.dismissReason);
        expect(text(el)).to.include(t.confirmDismiss).and.include(t.cancel);
        override.querySelector<HTMLInputElement>('input[type="radio"]')!.click();
        await el.updateComplete;
        override.querySelector<HTMLButtonElement>('[part~="confirm-dismiss"]')!.click();
      }
      await waitUntil(() => text(el).includes(t.dismissedCount(1)), 'no dismissed count in the language');
      await expect(el).to.be.accessible();
    });

    it(`${lang}: every service failing gives an error in the language, that follows a lang switch`, async () => {
      const el = await mountCds(lang, '/cds-faults/500/all/cds-services');
      expect(el.state).to.equal('error');
      const t = locales[lang].cdsCards;
      expect(squash(part(el, 'error-title')!.textContent)).to.equal(locales[lang].common.unavailable(t.subject));
      const message = squash(part(el, 'error-message')!.textContent);
      expect(message).to.include(t.serviceFailed('Renal dosing (demo)', t.failure('http', 500, 5000)));
      expect(message).to.include(locales[lang].common.separator.group.trim());
      expect(message).not.to.include(locales[lang].common.fhirError('server', 500, undefined)!);
      expectDirection(el, lang);
      await expect(el).to.be.accessible();
      const other: Lang = lang === 'ar' ? 'es' : 'ar';
      el.closest('div')!.lang = other;
      const u = locales[other].cdsCards;
      await waitUntil(
        () => squash(part(el, 'error-message')!.textContent).includes(u.serviceFailed('Renal dosing (demo)', u.failure('http', 500, 5000))),
        'the error did not follow the language',
      );
    });
  }

  it('without a service: the idle prompt in the language; a lang switch re-renders the cards', async () => {
    const idle = await mountCds('de', null);
    expect(text(idle)).to.include(locales.de.cdsCards.noServiceConfigured);

    const el = await mountCds('es');
    const host = el.closest('div')!;
    const has = (lang: Lang) => indicators(el).some((i) => i.endsWith(locales[lang].cdsCards.indicator.critical));
    expect(has('es')).to.equal(true);
    host.lang = 'ar';
    await waitUntil(() => has('ar'), 'did not switch to Arabic');
    expect(el.getAttribute('dir')).to.equal('rtl');
    host.lang = 'de';
    await waitUntil(() => has('de'), 'did not switch to German');
    expect(text(el)).to.include(locales.de.cdsCards.dismiss);
  });

  it('the time-out is worded with the locale’s numbers and plurals', () => {
    expect(locales.es.cdsCards.failure('timeout', undefined, 1500)).to.equal('sin respuesta en 1,5 segundos');
    expect(locales.de.cdsCards.failure('timeout', undefined, 1000)).to.equal('keine Antwort innerhalb von 1 Sekunde');
    expect(locales.ar.cdsCards.failure('timeout', undefined, 2000)).to.equal('لم يصل رد خلال ثانيتين');
    expect(en.cdsCards.failure('timeout', undefined, 1500)).to.equal('no answer within 1.5 s');
  });
});

// ---- Vital signs in the patient summary (model returns numbers, the element formats them) ------------

describe('<fhir-patient-summary> vital signs in es, de and ar', () => {
  const vital = (id: string, code: string, fields: Record<string, unknown>) => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    subject: ref,
    code: { coding: [{ system: LOINC, code }] },
    effectiveDateTime: '2024-03-01T09:00:00Z',
    ...fields,
  });
  const VITALS = [
    RESULTS[0],
    vital('t1', '8310-5', { valueQuantity: { value: 37.54, unit: 'Cel', system: UCUM, code: 'Cel' } }),
    vital('bp1', '85354-9', {
      component: [
        { code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: { value: 1200, unit: 'mm[Hg]' } },
        { code: { coding: [{ system: LOINC, code: '8462-4' }] }, valueQuantity: { value: 80, unit: 'mm[Hg]' } },
      ],
    }),
  ];
  for (const lang of [...LANGS, 'en-GB'] as const) {
    it(`${lang}: a decimal and a blood pressure through Intl`, async () => {
      const host = await fixture<HTMLElement>(html`<div lang=${lang}></div>`);
      const el = document.createElement('fhir-patient-summary') as HTMLElement & { resources: unknown; state: string };
      el.setAttribute('sections', 'vitals');
      el.resources = VITALS;
      host.append(el);
      await untilState(el as never, ['ready', 'empty', 'error']);
      const value = (sign: string) => squash(el.shadowRoot!.querySelector(`[part~="vital"][data-sign="${sign}"] .value`)?.textContent);
      const tag = lang === 'en-GB' ? 'en-GB' : lang;
      // As recorded, by the kit's one number rule (4 significant digits), in the language's digits.
      expect(value('temperature')).to.equal(intlNumber(tag, 37.54));
      expect(value('blood-pressure')).to.equal(`${intlNumber(tag, 1200)}/${intlNumber(tag, 80)}`);
      if (lang === 'es' || lang === 'de') expect(value('temperature')).to.equal('37,54');
      if (lang === 'en-GB') expect(value('blood-pressure')).to.equal('1,200/80');
    });
  }
});
