// Every widget in Spanish, German and Arabic: words from the catalogue, numbers and dates from Intl,
// right to left for Arabic; `lang` switched at run time re-renders; a host-registered locale is used.
import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirWidget } from '../../src/elements/base/fhir-widget.js';
import type { Locale } from '../../src/i18n/locale.js';
import { formatFor, overrideLocale, registerLocale } from '../../src/i18n/api.js';
import { loadLocale } from '../../src/i18n/registry.js';
import en from '../../src/locales/en.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, squash } from '../helpers/widget-dom.js';

defineElements();

type Widget = FhirWidget<unknown, unknown> & { state: string };
const LANGS = ['es', 'de', 'ar'] as const;
const locales = Object.fromEntries(await Promise.all(LANGS.map(async (l) => [l, await loadLocale(l)] as const))) as Record<
  (typeof LANGS)[number],
  Locale
>;

/** `n` in `lang`'s digits, with the fraction digits the kit's precision rule keeps (4 significant). */
const intlNumber = (lang: string, n: number, fractionDigits = 6) => new Intl.NumberFormat(lang, { maximumFractionDigits: fractionDigits }).format(n);
const intlDay = (lang: string, iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(Date.UTC(y, m - 1, d));
};
const text = (el: Element) => squash(el.shadowRoot!.textContent);

const PATIENT = { resourceType: 'Patient', id: 'p1', name: [{ family: 'García', given: ['Ana'] }], gender: 'female', birthDate: '1945-07-14' };
const ref = { reference: 'Patient/p1' };
const allergy = (id: string, verification: string) => ({
  resourceType: 'AllergyIntolerance',
  id,
  patient: ref,
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
  verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: verification }] },
  category: ['medication'],
  criticality: 'high',
  code: { text: `Penicillin ${id}` },
  recordedDate: '2020-03-05',
});
/** One shown allergy and two entered in error (the Arabic dual form). */
const ALLERGIES = [PATIENT, allergy('a1', 'confirmed'), allergy('a2', 'entered-in-error'), allergy('a3', 'entered-in-error')];
const MEDICATIONS = [
  PATIENT,
  {
    resourceType: 'MedicationRequest',
    id: 'm1',
    status: 'active',
    intent: 'order',
    subject: ref,
    authoredOn: '2024-01-15',
    medicationCodeableConcept: { text: 'Metformin' },
    dosageInstruction: [{ timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd' } }, doseAndRate: [{ doseQuantity: { value: 1.5, unit: 'mg' } }] }],
  },
];
const observation = (id: string, date: string, value: number) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject: ref,
  code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }], text: 'Glucose' },
  effectiveDateTime: date,
  valueQuantity: { value, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
});
const RESULTS = [PATIENT, observation('o1', '2023-02-01', 98.25), observation('o2', '2024-03-05', 1234.5)];

async function mount(lang: string, widget: string): Promise<Widget> {
  const host = await fixture<HTMLElement>(html`<div lang=${lang}></div>`);
  const el = document.createElement(widget) as Widget;
  if (widget === 'fhir-allergy-banner') el.resources = ALLERGIES;
  if (widget === 'fhir-medication-list') el.resources = MEDICATIONS;
  if (widget === 'fhir-patient-summary') el.resources = [...ALLERGIES, ...MEDICATIONS.slice(1)];
  if (widget === 'fhir-lab-trend') {
    el.setAttribute('code', 'http://loinc.org|2345-7');
    el.resources = RESULTS;
  }
  host.append(el);
  await untilState(el, ['ready', 'empty', 'error']);
  await el.updateComplete;
  return el;
}

/** Arabic lays the widget out right to left (logical properties follow the computed direction). */
function expectDirection(el: Element, lang: string): void {
  const base = part(el, 'base') ?? el.shadowRoot!.firstElementChild!;
  expect(getComputedStyle(base).direction).to.equal(lang === 'ar' ? 'rtl' : 'ltr');
}

describe('widgets in es, de and ar', () => {
  for (const lang of LANGS) {
    describe(lang, () => {
      const L = () => locales[lang];

      it('allergy banner: status, categories, pluralised notice from the catalogue; dates from Intl', async () => {
        const el = await mount(lang, 'fhir-allergy-banner');
        expect(el.state).to.equal('ready');
        const t = L().allergyBanner;
        const shown = text(el);
        expect(shown).to.include(t.status.known).and.include(t.criticality.high).and.include(t.category.medication);
        expect(shown).to.include(L().common.hiddenEnteredInError(2));
        expect(shown).not.to.include(en.allergyBanner.status.known);
        (part(el, 'toggle') ?? el.shadowRoot!.querySelector<HTMLButtonElement>('button'))!.click();
        await el.updateComplete;
        expect(text(el)).to.include(intlDay(lang, '2020-03-05'));
        expectDirection(el, lang);
        await expect(el).to.be.accessible();
      });

      it('patient summary: labels from the catalogue, birth date from Intl, counts with Intl numbers', async () => {
        const el = await mount(lang, 'fhir-patient-summary');
        expect(el.state).to.equal('ready');
        const t = L().patientSummary;
        const born = el.shadowRoot!.querySelector('[part="identity"] time')!;
        expect(born.textContent).to.equal(intlDay(lang, '1945-07-14'));
        expect(born.getAttribute('datetime')).to.equal('1945-07-14');
        // The age in the language's own units (never the CUI's English `80y`).
        const years = new Date().getUTCFullYear() - 1945 - (new Date().getUTCMonth() < 6 || (new Date().getUTCMonth() === 6 && new Date().getUTCDate() < 14) ? 1 : 0);
        const age = new Intl.NumberFormat(lang, { style: 'unit', unit: 'year', unitDisplay: 'narrow' }).format(years);
        expect(squash(born.parentElement!.textContent)).to.include(`(${age})`).and.not.include(`${years}y`);
        const shown = text(el);
        expect(shown).to.include(t.born).and.include(t.genders.female).and.include(t.section.vitals);
        expect(shown).to.include(t.withCount(t.section.medications, 1));
        expect(shown).to.include(L().allergyBanner.status.known);
        expectDirection(el, lang);
        await expect(el).to.be.accessible();
      });

      it('medication list: groups, status, dosage text in the language with Intl numbers, date from Intl', async () => {
        const el = await mount(lang, 'fhir-medication-list');
        expect(el.state).to.equal('ready');
        const t = L().medicationList;
        const shown = text(el);
        expect(shown).to.include(t.currentGroup(1)).and.include(t.status.active).and.include('Metformin');
        expect(shown).to.include(`${intlNumber(lang, 1.5)} mg`);
        expect(shown).to.include(L().dosage.timesPer(formatFor(lang).number(3)!, 3, 'd'));
        expect(shown).to.include(intlDay(lang, '2024-01-15'));
        expectDirection(el, lang);
        await expect(el).to.be.accessible();
      });

      it('lab trend: labels from the catalogue, values, axis and dates from Intl', async () => {
        const el = await mount(lang, 'fhir-lab-trend');
        expect(el.state).to.equal('ready');
        const t = L().labTrend;
        const latest = squash(part(el, 'latest')!.textContent);
        expect(latest).to.include(t.latest).and.include(intlNumber(lang, 1234.5, 0)).and.include('mg/dL');
        const f = formatFor(lang);
        expect(latest).to.include(t.changeSince(`+${f.number(1136.25)}`, 'mg/dL', f.dateTime('2023-02-01')!));
        const axis = [...el.shadowRoot!.querySelectorAll('[part="chart-svg"] text')].map((n) => n.textContent);
        const january = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(Date.UTC(2024, 0, 1));
        expect(axis).to.include(january).and.include(intlNumber(lang, 1250));
        expect(text(el)).to.include(t.range.all).and.include(t.tableToggle);
        expectDirection(el, lang);
        await expect(el).to.be.accessible();
      });
    });
  }

  it('Arabic: an author’s own dir wins over the language’s direction', async () => {
    const host = await fixture<HTMLElement>(html`<div lang="ar" dir="ltr"></div>`);
    const el = document.createElement('fhir-allergy-banner') as Widget;
    el.resources = ALLERGIES;
    host.append(el);
    await untilState(el, ['ready']);
    expect(el.hasAttribute('dir')).to.equal(false);
    expect(getComputedStyle(part(el, 'base')!).direction).to.equal('ltr');
    expect(text(el)).to.include(locales.ar.allergyBanner.status.known);
  });
});

describe('language at run time', () => {
  it('switching lang on an ancestor re-renders every widget below it, in and out of Arabic', async () => {
    const el = await mount('es', 'fhir-medication-list');
    const host = el.parentElement!;
    expect(text(el)).to.include(locales.es.medicationList.currentGroup(1));
    host.lang = 'de';
    await waitUntil(() => text(el).includes(locales.de.medicationList.currentGroup(1)), 'did not switch to German');
    expect(text(el)).to.include(intlDay('de', '2024-01-15'));
    host.lang = 'ar';
    await waitUntil(() => text(el).includes(locales.ar.medicationList.currentGroup(1)), 'did not switch to Arabic');
    expect(el.getAttribute('dir')).to.equal('rtl');
    host.lang = 'en-GB';
    await waitUntil(() => text(el).includes('Current medications (1)'), 'did not switch back to English');
    expect(text(el)).to.include('15-Jan-2024');
    expect(el.hasAttribute('dir')).to.equal(false);
  });

  it('the nearest lang wins, across a shadow root, else the document’s', async () => {
    const outer = await fixture<HTMLElement>(html`<div lang="de"><div class="shadow-host"></div></div>`);
    const shadow = outer.querySelector('.shadow-host')!.attachShadow({ mode: 'open' });
    const el = document.createElement('fhir-allergy-banner') as Widget;
    el.resources = ALLERGIES;
    shadow.append(el);
    await untilState(el, ['ready']);
    await el.updateComplete;
    expect(text(el)).to.include(locales.de.allergyBanner.status.known);
    const inner = document.createElement('section');
    inner.lang = 'es';
    shadow.append(inner);
    inner.append(el);
    await waitUntil(() => text(el).includes(locales.es.allergyBanner.status.known), 'the lang inside the shadow root was not used');
    inner.lang = 'ar';
    await waitUntil(() => text(el).includes(locales.ar.allergyBanner.status.known), 'a lang change inside a shadow root was missed');
  });

  it('a host-registered locale is used, and overrides replace single messages', async () => {
    registerLocale('x-test', {
      ...en,
      tag: 'fr',
      format: 'intl',
      allergyBanner: { ...en.allergyBanner, status: { ...en.allergyBanner.status, known: 'Allergies connues' } },
    });
    const el = await mount('x-test', 'fhir-allergy-banner');
    expect(text(el)).to.include('Allergies connues');
    overrideLocale('x-test', { allergyBanner: { showDetails: 'Voir le détail' } });
    await waitUntil(() => text(el).includes('Voir le détail'), 'the override was not applied');
    expect(text(el)).to.include('Allergies connues');
    (part(el, 'toggle') ?? el.shadowRoot!.querySelector<HTMLButtonElement>('button'))!.click();
    await el.updateComplete;
    expect(text(el)).to.include(intlDay('fr', '2020-03-05'));
  });

  it('a regional tag uses its language (es-MX → es) and an unknown language falls back to English', async () => {
    const mx = await mount('es-MX', 'fhir-allergy-banner');
    expect(text(mx)).to.include(locales.es.allergyBanner.status.known);
    const fr = await mount('fr', 'fhir-allergy-banner');
    expect(text(fr)).to.include('Known allergies');
    await nextFrame();
  });

  it('the data layer’s errors are in the page’s language (the English default keeps its own words)', async () => {
    const context = await fixture<HTMLElement>(html`<div lang="es">
      <fhir-context server="/faults/500/fhir" patient="x"><fhir-allergy-banner></fhir-allergy-banner></fhir-context>
    </div>`);
    const el = context.querySelector('fhir-allergy-banner') as Widget;
    await untilState(el, ['error']);
    await el.updateComplete;
    const message = squash(part(el, 'error-message')!.textContent);
    // The status's words in Spanish, then what the server itself said.
    expect(message.startsWith(locales.es.common.fhirError('server', 500, undefined)!)).to.equal(true);
    expect(message).to.equal(locales.es.common.fhirError('server', 500, message.split(': ').slice(1).join(': ')));
    expect(part(el, 'retry')!.textContent).to.include(locales.es.common.retry);
  });
});
