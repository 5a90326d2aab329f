// Several sources (issue 14) over HTTP: the EMR at /fhir and the regional HIE at /hie/fhir (and its
// fault bases), merged by the widgets.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { HIE_PATIENTS } from '../../demo/data/hie.js';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import type { FhirSource } from '../../src/elements/context/fhir-source.js';
import { untilState } from '../helpers/probe-widget.js';
import { part, parts, squash } from '../helpers/widget-dom.js';

defineElements();

type Widget = HTMLElement & { state: string; partial: boolean };

async function mount(
  tag: string,
  patient: keyof typeof HIE_PATIENTS,
  hie = '/hie/fhir',
  setup: (el: HTMLElement) => void = () => undefined,
  timeout = 4000,
): Promise<{ context: FhirContext; el: Widget; events: Event[] }> {
  const events: Event[] = [];
  const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient=${patient} label="Riverside EMR"
    ><fhir-source server=${hie} patient=${HIE_PATIENTS[patient]} label="Regional HIE" timeout=${timeout}></fhir-source
  ></fhir-context>`);
  const el = document.createElement(tag) as Widget;
  setup(el);
  el.addEventListener('fhir-load', (e) => events.push(e));
  el.addEventListener('fhir-error', (e) => events.push(e));
  context.append(el);
  await untilState(el, ['ready', 'empty', 'error']);
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return { context, el, events };
}

function text(el: Element): string {
  return squash(el.shadowRoot!.textContent);
}

describe('<fhir-source>: allergy banner across sources', () => {
  it('shows a duplicate once with both sources, and an HIE-only allergy labelled', async () => {
    const { el, events } = await mount('fhir-allergy-banner', 'pat-child');
    expect(el.state).to.equal('ready');
    expect(el.partial).to.equal(false);
    const allergens = parts(el, 'allergen').map((a) => squash(a.textContent));
    const peanut = allergens.filter((a) => /peanut/i.test(a));
    expect(peanut, allergens.join(' | ')).to.have.length(1);
    expect(peanut[0]).to.contain('Riverside EMR').and.to.contain('Regional HIE');
    const ibuprofen = allergens.find((a) => /ibuprofen/i.test(a));
    expect(ibuprofen, allergens.join(' | ')).to.contain('Regional HIE');
    expect(ibuprofen).not.to.contain('Riverside EMR');
    const load = events.find((e) => e.type === 'fhir-load') as CustomEvent;
    expect(load.detail.sources).to.equal(2);
    expect(load.detail['records@Regional HIE']).to.be.greaterThan(0);
  });

  it('a failing HIE (500): partial, named in words, never "No known allergies"', async () => {
    const { el, events } = await mount('fhir-allergy-banner', 'pat-diabetes', '/hie/faults/500/fhir');
    expect(el.partial).to.equal(true);
    expect(el.hasAttribute('partial')).to.equal(true);
    expect(text(el)).to.contain('Allergies unavailable from Regional HIE');
    expect(text(el)).not.to.match(/No known allergies/);
    const error = events.find((e) => e.type === 'fhir-error') as CustomEvent;
    expect(error.detail.source).to.equal('Regional HIE');
    expect(error.detail.status).to.equal(500);
  });

  it('NKA asserted only at the HIE, with both loaded: "No known allergies"', async () => {
    const { el } = await mount('fhir-allergy-banner', 'pat-diabetes');
    expect(part(el, 'status')!.dataset.status, text(el)).to.equal('no-known');
  });

  it('an HIE allergy beside the EMR\'s "no known allergy" is flagged as a contradiction', async () => {
    const { el } = await mount('fhir-allergy-banner', 'pat-ckd');
    expect(part(el, 'status')!.dataset.status).to.equal('known');
    expect(el.shadowRoot!.querySelector('[part~="contradiction"]'), text(el)).to.exist;
  });

  for (const kind of ['401', 'timeout']) {
    it(`the HIE failing (${kind}) leaves the EMR's allergies shown and the HIE named`, async () => {
      const { el } = await mount('fhir-allergy-banner', 'pat-child', `/hie/faults/${kind}/fhir`);
      expect(el.state).to.equal('ready');
      expect(el.partial).to.equal(true);
      expect(text(el)).to.contain('Regional HIE');
      expect(parts(el, 'allergen').some((a) => /peanut/i.test(a.textContent ?? ''))).to.equal(true);
    });
  }
});

describe('<fhir-source>: medication list across sources', () => {
  it('flags the EMR ibuprofen order against the allergy only the HIE knows', async () => {
    const { el, events } = await mount('fhir-medication-list', 'pat-child');
    expect(el.state).to.equal('ready');
    const conflicts = parts(el, 'conflict').map((c) => squash(c.textContent));
    expect(conflicts.some((c) => /ibuprofen/i.test(c)), conflicts.join(' | ') || text(el)).to.equal(true);
    const load = events.find((e) => e.type === 'fhir-load') as CustomEvent;
    expect(load.detail.conflicts).to.be.greaterThan(0);
  });

  it('the same order with the HIE failing: partial and named, no conflict invented', async () => {
    const { el } = await mount('fhir-medication-list', 'pat-child', '/hie/faults/500/fhir');
    expect(el.partial).to.equal(true);
    expect(text(el)).to.contain('Regional HIE');
  });
});

const HBA1C = 'http://loinc.org|4548-4';
const withHba1c = (el: HTMLElement) => el.setAttribute('code', HBA1C);

/** Each widget's "found nothing" words: never shown while a source failed and the others had data. */
const NONE = /No [a-z ]*recorded|No results in this period|No active medication/i;

describe('<fhir-source>: every widget survives a failing source', () => {
  const widgets: [tag: string, setup?: (el: HTMLElement) => void][] = [
    ['fhir-patient-summary'],
    ['fhir-medication-list'],
    ['fhir-lab-trend', withHba1c],
    ['fhir-results'],
  ];
  for (const [tag, setup] of widgets) {
    for (const kind of ['500', '401', 'timeout']) {
      it(`${tag}, the HIE failing (${kind}): the EMR's data, partial, the HIE named in words, never "none"; accessible`, async () => {
        // A short timeout on the source: the timeout fault never answers.
        const { el, events } = await mount(tag, 'pat-diabetes', `/hie/faults/${kind}/fhir`, setup, kind === 'timeout' ? 1500 : 4000);
        expect(el.state, text(el)).to.equal('ready');
        expect(el.partial).to.equal(true);
        expect(el.hasAttribute('partial')).to.equal(true);
        const failure = part(el, 'source-failures');
        expect(failure, text(el)).to.exist;
        expect(failure!.getAttribute('role')).to.equal('alert');
        expect(squash(failure!.textContent)).to.match(/unavailable from Regional HIE|from Regional HIE unavailable/);
        expect(text(el)).not.to.match(NONE);
        const load = events.find((e) => e.type === 'fhir-load') as CustomEvent;
        expect(load.detail['failed@Regional HIE']).to.equal(1);
        expect(load.detail['records@Riverside EMR']).to.be.greaterThan(0);
        const error = events.find((e) => e.type === 'fhir-error') as CustomEvent;
        expect(error.detail.source).to.equal('Regional HIE');
        if (kind === '401') expect(error.detail.status).to.equal(401);
        if (kind === 'timeout') expect(error.detail.status).to.equal(undefined);
        await expect(el).to.be.accessible();
      });
    }
  }
});

/** Requests this page sent to exactly `base` (a batch POST: nothing else is sent to the base itself) and under it. */
function sentTo(base: string): { atBase: PerformanceResourceTiming[]; under: PerformanceResourceTiming[] } {
  const url = new URL(base, location.href).href;
  const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const isBase = (name: string) => name === url || name === `${url}/`;
  return {
    atBase: entries.filter((e) => isBase(e.name)),
    under: entries.filter((e) => !isBase(e.name) && (e.name.startsWith(`${url}/`) || e.name.startsWith(`${url}?`))),
  };
}

describe('<fhir-source>: batch per source', () => {
  it('two sources, each with batch: one batch POST to each base (2 round trips), sent in parallel', async () => {
    performance.clearResourceTimings();
    // The EMR answers 300 ms late (/faults/slow: the real server, later), so "sent in parallel" does
    // not depend on how fast this machine answers: sent one after the other, the HIE's batch would
    // start after the EMR's answer.
    const context = await fixture<FhirContext>(html`<fhir-context server="/faults/slow/fhir" patient="pat-child" label="Riverside EMR" batch
      ><fhir-source server="/hie/fhir" patient=${HIE_PATIENTS['pat-child']} label="Regional HIE" batch></fhir-source
      ><fhir-allergy-banner></fhir-allergy-banner
      ><fhir-medication-list></fhir-medication-list
    ></fhir-context>`);
    const widgets = [...context.querySelectorAll<Widget>('fhir-allergy-banner, fhir-medication-list')];
    for (const w of widgets) await untilState(w, ['ready', 'empty', 'error']);
    expect(widgets.map((w) => [w.state, w.partial])).to.deep.equal([
      ['ready', false],
      ['ready', false],
    ]);
    const emr = sentTo('/faults/slow/fhir');
    const hie = sentTo('/hie/fhir');
    expect(emr.atBase, 'EMR batch POSTs').to.have.length(1);
    expect(hie.atBase, 'HIE batch POSTs').to.have.length(1);
    expect(emr.under.map((e) => e.name), 'EMR requests besides the batch').to.deep.equal([]);
    expect(hie.under.map((e) => e.name), 'HIE requests besides the batch').to.deep.equal([]);
    // In parallel: each was sent before the other's answer arrived.
    const [a, b] = [emr.atBase[0]!, hie.atBase[0]!];
    expect(a.startTime).to.be.lessThan(b.responseEnd);
    expect(b.startTime).to.be.lessThan(a.responseEnd);
    // Both sources' records arrived through those two requests.
    expect(text(widgets[0]!)).to.match(/ibuprofen/i);
  });
});

describe('<fhir-source>: changing the sources', () => {
  it('removing the source reloads with the primary only (no labels, not partial)', async () => {
    const { context, el } = await mount('fhir-allergy-banner', 'pat-child', '/hie/faults/500/fhir');
    expect(el.partial).to.equal(true);
    context.querySelector<FhirSource>('fhir-source')!.remove();
    await untilState(el, ['loading'], 2000).catch(() => undefined);
    await untilState(el, ['ready']);
    await new Promise((r) => setTimeout(r, 0));
    expect(el.partial).to.equal(false);
    expect(text(el)).not.to.contain('Regional HIE');
  });

  it('pointing the source elsewhere mid-load never shows the old response', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-child" label="EMR"
      ><fhir-source server="/hie/faults/timeout/fhir" patient="hie-5518" label="Regional HIE"></fhir-source
      ><fhir-allergy-banner></fhir-allergy-banner
    ></fhir-context>`);
    const el = context.querySelector('fhir-allergy-banner') as unknown as Widget;
    const source = context.querySelector<FhirSource>('fhir-source')!;
    source.server = '/hie/fhir';
    await untilState(el, ['ready', 'error']);
    expect(el.partial).to.equal(false);
    expect(text(el)).to.match(/ibuprofen/i);
  });
});

describe('<fhir-source>: identity guard in the summary', () => {
  it('pat-ckd vs hie-2264: the birth-date typo shown prominently and counted', async () => {
    const { el, events } = await mount('fhir-patient-summary', 'pat-ckd');
    expect(el.state).to.equal('ready');
    const alert = part(el, 'identity-mismatch');
    expect(alert, text(el)).to.exist;
    expect(alert!.getAttribute('role')).to.equal('alert');
    expect(squash(alert!.textContent)).to.equal('Identity differs in Regional HIE: birth date 21-Sep-1952 vs 12-Sep-1952');
    // The primary's identity is the one shown.
    expect(squash(part(el, 'identity')!.textContent)).to.contain('21-Sep-1952');
    const load = events.find((e) => e.type === 'fhir-load') as CustomEvent;
    expect(load.detail.identityMismatch).to.equal(1);
  });

  it('the same person everywhere (pat-diabetes vs hie-7301): no identity warning', async () => {
    const { el, events } = await mount('fhir-patient-summary', 'pat-diabetes');
    expect(el.state).to.equal('ready');
    expect(part(el, 'identity-mismatch')).to.equal(null);
    const load = events.find((e) => e.type === 'fhir-load') as CustomEvent;
    expect(load.detail.identityMismatch).to.equal(0);
  });

  it('in Spanish, German and Arabic', async () => {
    for (const [lang, words] of [
      ['es', 'La identidad difiere en Regional HIE: fecha de nacimiento'],
      ['de', 'Identität weicht ab in Regional HIE: Geburtsdatum'],
      ['ar', 'الهوية مختلفة في Regional HIE: تاريخ الميلاد'],
    ] as const) {
      const { context, el } = await mount('fhir-patient-summary', 'pat-ckd');
      context.lang = lang; // the locale loads lazily, then the widget re-renders
      await waitUntil(() => squash(part(el, 'identity-mismatch')?.textContent).includes(words), `${lang}: ${text(el)}`, { timeout: 4000 });
    }
  });
});

async function emrOnlyPoints(patient: string): Promise<number> {
  const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient=${patient}></fhir-context>`);
  const el = document.createElement('fhir-lab-trend') as Widget;
  el.setAttribute('code', HBA1C);
  const loaded = new Promise<CustomEvent>((resolve) => el.addEventListener('fhir-load', (e) => resolve(e as CustomEvent), { once: true }));
  context.append(el);
  return (await loaded).detail.points as number;
}

describe('<fhir-source>: lab trend across sources', () => {
  it('pat-diabetes + hie-7301 HbA1c: one series, duplicates once, the HIE-only points marked, labelled and explained', async () => {
    const emrPoints = await emrOnlyPoints('pat-diabetes');
    const { el, events } = await mount('fhir-lab-trend', 'pat-diabetes', '/hie/fhir', withHba1c);
    expect(el.state).to.equal('ready');
    expect(el.partial).to.equal(false);
    const load = events.find((e) => e.type === 'fhir-load') as CustomEvent;
    expect(load.detail.series).to.equal(1);
    // The duplicated latest results once; the HIE-only point and the next-day near-duplicate added.
    expect(load.detail.points).to.equal(emrPoints + 2);
    const root = el.shadowRoot!;
    // On the chart: the HIE-only points carry a square and the HIE's number (2), not colour only.
    expect(root.querySelectorAll('[data-source-mark="2"] path.source-mark').length).to.equal(2);
    expect(root.querySelectorAll('[data-source-mark="2"] text.source-number')[0]!.textContent).to.equal('2');
    expect(squash(root.querySelector('[part="legend"] li[data-source="Regional HIE"]')?.textContent)).to.equal('2 Only from Regional HIE');
    // The tooltip of the newest point (the HIE's next-day result) names its source.
    const chart = root.querySelector<HTMLElement>('[part="chart"]')!;
    chart.focus();
    chart.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(squash(part(el, 'tooltip')?.textContent)).to.contain('From Regional HIE');
    // The table: a Source column; the duplicate lists both sources, the HIE-only results the HIE alone.
    part(el, 'table-toggle')!.click();
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const header = [...root.querySelectorAll('thead th')].map((th) => squash(th.textContent));
    expect(header).to.include('Source');
    const sources = parts(el, 'row-sources').map((cell) => squash(cell.querySelector('.visually-hidden')?.textContent));
    expect(sources).to.have.length(emrPoints + 2);
    // The HIE copies the EMR's latest three HbA1c results: each is one row listing both sources.
    expect(sources.filter((s) => s === 'From Riverside EMR and Regional HIE')).to.have.length(3);
    expect(sources.filter((s) => s === 'From Regional HIE')).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('the HIE failing (500): "Results from Regional HIE unavailable" above a chart that still draws', async () => {
    const emrPoints = await emrOnlyPoints('pat-diabetes');
    const { el, events } = await mount('fhir-lab-trend', 'pat-diabetes', '/hie/faults/500/fhir', withHba1c);
    expect(el.state).to.equal('ready');
    expect(el.partial).to.equal(true);
    const failure = part(el, 'source-failures')!;
    expect(squash(failure.textContent)).to.contain('Results from Regional HIE unavailable');
    // Above the chart, which draws the EMR's points.
    const chart = part(el, 'chart')!;
    expect(failure.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    expect(chart.querySelectorAll('g.marker').length).to.be.greaterThan(0);
    const load = events.find((e) => e.type === 'fhir-load') as CustomEvent;
    expect(load.detail.points).to.equal(emrPoints);
    expect(load.detail['failed@Regional HIE']).to.equal(1);
    const error = events.find((e) => e.type === 'fhir-error') as CustomEvent;
    expect(error.detail).to.include({ source: 'Regional HIE', status: 500 });
    await expect(el).to.be.accessible();
  });
});

/** Each row's accessible source text ("From …"), by row text. */
function rowSources(el: Element, partName: string): { row: string; sources: string | undefined }[] {
  return parts(el, partName).map((row) => ({
    row: squash(row.textContent),
    sources: squash(row.querySelector('[part~="source"] .visually-hidden')?.textContent) || undefined,
  }));
}

describe('<fhir-source>: source labels in rows', () => {
  it('medication list: the duplicated metformin lists both sources, empagliflozin the HIE only', async () => {
    const { el } = await mount('fhir-medication-list', 'pat-diabetes');
    const rows = rowSources(el, 'row');
    const metformin = rows.filter((r) => /metformin/i.test(r.row) && r.sources?.includes('Regional HIE'));
    expect(metformin, JSON.stringify(rows)).to.have.length(1);
    expect(metformin[0].sources).to.equal('From Riverside EMR and Regional HIE');
    const empagliflozin = rows.find((r) => /empagliflozin/i.test(r.row));
    expect(empagliflozin?.sources).to.equal('From Regional HIE');
    // Every row names its sources; the compact label is visible, the full name is accessible text.
    expect(rows.every((r) => r.sources)).to.equal(true);
    expect(part(el, 'source')!.querySelector('[aria-hidden="true"]')!.textContent).to.match(/Riverside EMR|Regional HIE/);
  });

  it('one source: no labels', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-diabetes"
      ><fhir-medication-list></fhir-medication-list
    ></fhir-context>`);
    const el = context.querySelector('fhir-medication-list') as unknown as Widget;
    await untilState(el, ['ready']);
    expect(el.shadowRoot!.querySelector('[part~="source"]')).to.equal(null);
  });

  it('summary: medications and problems carry their sources; the duplicated metformin lists both', async () => {
    const { el } = await mount('fhir-patient-summary', 'pat-diabetes');
    const medications = rowSources(el, 'medication');
    expect(medications.find((r) => /empagliflozin/i.test(r.row))?.sources, JSON.stringify(medications)).to.equal('From Regional HIE');
    expect(medications.some((r) => /metformin/i.test(r.row) && r.sources === 'From Riverside EMR and Regional HIE')).to.equal(true);
    const problems = rowSources(el, 'problem');
    expect(problems.length).to.be.greaterThan(0);
    expect(problems.every((r) => r.sources), JSON.stringify(problems)).to.equal(true);
  });

  it('results: every report names its source', async () => {
    const { el } = await mount('fhir-results', 'pat-diabetes');
    expect(el.state).to.equal('ready');
    const reports = rowSources(el, 'report');
    expect(reports.length).to.be.greaterThan(0);
    expect(reports.every((r) => r.sources), JSON.stringify(reports.slice(0, 3))).to.equal(true);
  });

  it('banner with the HIE failing: "Allergies unavailable from Regional HIE" said once (status line), the notice names the source and the reason', async () => {
    const { el } = await mount('fhir-allergy-banner', 'pat-diabetes', '/hie/faults/500/fhir');
    const all = text(el).split('Allergies unavailable from Regional HIE').length - 1;
    expect(all, text(el)).to.equal(1);
    const notice = part(el, 'source-failure')!;
    expect(squash(notice.querySelector('strong')!.textContent)).to.equal('Regional HIE');
    expect(notice.querySelector('[part="retry"]')).to.exist;
  });
});

describe('<fhir-source>: a failure on page 2 of one source', () => {
  it('lab trend, 2 results a page: the HIE\'s second page fails → partial, the HIE named, the EMR\'s results drawn', async () => {
    const { el, events } = await mount('fhir-lab-trend', 'pat-diabetes', '/hie/faults/page2-500/fhir', (e) => {
      e.setAttribute('code', HBA1C);
      e.setAttribute('page-size', '2');
    });
    expect(el.state).to.equal('ready');
    expect(el.partial).to.equal(true);
    expect(squash(part(el, 'source-failures')!.textContent)).to.contain('Results from Regional HIE unavailable');
    expect(part(el, 'chart')!.querySelectorAll('g.marker').length).to.be.greaterThan(0);
    // Nothing from the HIE's first page is shown as if it were the whole HIE record.
    expect(el.shadowRoot!.querySelector('[data-source-mark]')).to.equal(null);
    const error = events.find((e) => e.type === 'fhir-error') as CustomEvent;
    expect(error.detail).to.include({ source: 'Regional HIE', status: 500 });
  });
});

describe('<fhir-source>: CDS cards with sources given after connection', () => {
  const patient = (id: string) => ({ resourceType: 'Patient', id, name: [{ family: 'Sourcely', given: ['Ada'] }], gender: 'female', birthDate: '1950-02-03' });
  const order = (id: string) => ({
    resourceType: 'MedicationRequest',
    id: `${id}-med`,
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${id}` },
    medicationCodeableConcept: { text: 'Metformin 500 mg tablet' },
  });
  /** The services called for this patient, one entry per hook call. */
  const hookCalls = async (id: string): Promise<string[]> => {
    const log = (await (await fetch('/cds-services/_log')).json()) as { calls: { serviceId: string; context?: { patientId?: string } }[] };
    return log.calls.filter((c) => c.context?.patientId === id).map((c) => c.serviceId);
  };

  async function mountCds(id: string): Promise<{ context: FhirContext; source: FhirSource; el: Widget }> {
    // As the mutation suite delivers it: the widget first, the source prepended, data after connection.
    const context = document.createElement('fhir-context') as FhirContext;
    context.setAttribute('patient', id);
    const el = document.createElement('fhir-cds-cards') as unknown as Widget;
    el.setAttribute('service', '/cds-services');
    context.append(el);
    const source = document.createElement('fhir-source') as FhirSource;
    source.setAttribute('patient', id);
    source.setAttribute('label', 'Second source');
    context.prepend(source);
    await fixture(html`<div>${context}</div>`);
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { context, source, el };
  }

  // Found by the mutation suite: data set on the context and on a second <fhir-source> after
  // connection could leave the cards `loading` (each source change restarted the CDS call).
  it('data given to the context and a source after connection (the Patient and one record): the cards settle', async () => {
    const id = `cds-src-${Math.random().toString(36).slice(2)}`;
    const { context, source, el } = await mountCds(id);
    context.resources = [patient(id)];
    source.resources = [patient(id), order(id)];
    await untilState(el, ['ready', 'empty', 'error']);
    expect(['ready', 'empty'], text(el)).to.include(el.state);
    expect(el.partial).to.equal(false);
    expect(await hookCalls(id)).not.to.deep.equal([]);
  });

  it('a change of a second source calls the services again with the merged record', async () => {
    const id = `cds-src-${Math.random().toString(36).slice(2)}`;
    const { context, source, el } = await mountCds(id);
    context.resources = [patient(id), order(id)];
    source.resources = [patient(id)];
    await waitUntil(() => ['ready', 'empty'].includes(el.state) && !!part(el, 'based-on'), text(el));
    const before = (await hookCalls(id)).length;
    expect(before).to.be.greaterThan(0);
    source.resources = [patient(id), { ...order(id), id: `${id}-med-2`, medicationCodeableConcept: { text: 'Warfarin 5 mg tablet' } }];
    await waitUntil(async () => (await hookCalls(id)).length > before, 'no new CDS call after the source changed');
    await untilState(el, ['ready', 'empty']);
    expect(el.partial).to.equal(false);
    expect(squash(part(el, 'based-on')?.textContent)).to.contain('Second source');
  });
});

describe('<fhir-source>: nothing found where the sources loaded, another failed → `ready` and partial, never `empty`', () => {
  // The primary holds only the Patient (nothing of any widget's); the HIE fails.
  const onlyPatient = [{ resourceType: 'Patient', id: 'lonely-1', name: [{ family: 'Lonely', given: ['Lee'] }], gender: 'male', birthDate: '1970-01-01' }];
  const NONE_IN = 'None recorded in Riverside EMR; Regional HIE unavailable';
  const widgets: [tag: string, expected: string | RegExp, setup?: (el: HTMLElement) => void][] = [
    ['fhir-allergy-banner', 'Allergies unavailable from Regional HIE'],
    ['fhir-medication-list', NONE_IN],
    ['fhir-lab-trend', NONE_IN, withHba1c],
    ['fhir-results', NONE_IN],
    ['fhir-patient-summary', NONE_IN],
    ['fhir-cds-cards', 'No decision support alerts from the records of Riverside EMR; Regional HIE unavailable', (el) => el.setAttribute('service', '/cds-services')],
  ];
  for (const [tag, expected, setup] of widgets) {
    it(`${tag}: state ready, partial, "${String(expected)}"; no "none"/"not recorded" alone; accessible`, async () => {
      const context = await fixture<FhirContext>(html`<fhir-context patient="lonely-1" label="Riverside EMR" .resources=${onlyPatient}
        ><fhir-source server="/hie/faults/500/fhir" patient="hie-x" label="Regional HIE"></fhir-source
      ></fhir-context>`);
      const el = document.createElement(tag) as Widget;
      setup?.(el);
      context.append(el);
      await untilState(el, ['ready', 'empty', 'error']);
      await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      expect(el.state, text(el)).to.equal('ready');
      expect(el.getAttribute('state')).to.equal('ready');
      expect(el.partial).to.equal(true);
      expect(text(el)).to.contain(expected);
      expect(text(el)).not.to.match(/No known allergies|Allergies not recorded|No (medications|results|current medications) recorded(?! in)|No decision support alerts(?! from)/);
      expect(part(el, 'source-failures'), text(el)).to.exist;
      await expect(el).to.be.accessible();
    });
  }
});

describe('<fhir-source> deeper inside the context', () => {
  const peanutRow = (el: Element) => parts(el, 'allergen').map((a) => squash(a.textContent)).find((a) => /peanut/i.test(a)) ?? '';

  it('a source inside a wrapper <div> is merged', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-child" label="Riverside EMR"
      ><div class="sources"><fhir-source server="/hie/fhir" patient=${HIE_PATIENTS['pat-child']} label="Regional HIE"></fhir-source></div
      ><fhir-allergy-banner></fhir-allergy-banner
    ></fhir-context>`);
    const el = context.querySelector('fhir-allergy-banner') as unknown as Widget;
    await untilState(el, ['ready']);
    await waitUntil(() => peanutRow(el).includes('Regional HIE'), peanutRow(el));
    expect(peanutRow(el)).to.contain('Riverside EMR');
  });

  it('added inside a wrapper after load, it reloads the widgets with it; removed, they reload without it', async () => {
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-child" label="Riverside EMR"
      ><div class="sources"></div><fhir-allergy-banner></fhir-allergy-banner
    ></fhir-context>`);
    const el = context.querySelector('fhir-allergy-banner') as unknown as Widget;
    await untilState(el, ['ready']);
    expect(peanutRow(el)).not.to.contain('Regional HIE');
    const source = document.createElement('fhir-source') as FhirSource;
    source.setAttribute('server', '/hie/fhir');
    source.setAttribute('patient', HIE_PATIENTS['pat-child']);
    source.setAttribute('label', 'Regional HIE');
    context.querySelector('.sources')!.append(source);
    await waitUntil(() => el.state === 'ready' && peanutRow(el).includes('Regional HIE'), `not merged: ${peanutRow(el)}`);
    source.remove();
    await waitUntil(() => el.state === 'ready' && !peanutRow(el).includes('Regional HIE'), `still merged: ${peanutRow(el)}`);
    expect(el.partial).to.equal(false);
  });

  it('a source inside a nested <fhir-context> belongs to that one, not to the outer', async () => {
    const outer = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-child" label="Riverside EMR"
      ><fhir-allergy-banner id="outer"></fhir-allergy-banner
      ><div
        ><fhir-context server="/fhir" patient="pat-child" label="Inner EMR"
          ><fhir-source server="/hie/fhir" patient=${HIE_PATIENTS['pat-child']} label="Regional HIE"></fhir-source
          ><fhir-allergy-banner id="inner"></fhir-allergy-banner></fhir-context
      ></div>
    </fhir-context>`);
    const outerBanner = outer.querySelector('#outer') as unknown as Widget;
    const innerBanner = outer.querySelector('#inner') as unknown as Widget;
    await untilState(outerBanner, ['ready']);
    await untilState(innerBanner, ['ready']);
    await waitUntil(() => peanutRow(innerBanner).includes('Regional HIE'), peanutRow(innerBanner));
    expect(peanutRow(outerBanner)).not.to.contain('Regional HIE');
  });
});
