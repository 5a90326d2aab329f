// <fhir-patient-summary> through its public API: against the local FHIR server via <fhir-context>,
// with the real HL7 / Synthea fixtures, and through server faults.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import type { FhirPatientSummary } from '../../src/elements/patient-summary/patient-summary.js';
import type { FhirClientLike } from '../../src/fhir/transport.js';
import { formatAge } from '../../src/model/age.js';
import { formatDate } from '../../src/model/dates.js';
import * as stories from '../../stories/patient-summary.stories.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';
import { requestsTo, untilState } from '../helpers/probe-widget.js';
import { firstError, firstLoad, listenForNextWidget, part, parts, rememberFirstEvents, squash } from '../helpers/widget-dom.js';

defineElements();

const HOSTILE = '<img src=x onerror=alert(1)>';

function shown(el: HTMLElement): string {
  return squash(el.shadowRoot!.textContent);
}
/** `{ label: value }` of the identity facts. */
function facts(el: HTMLElement): Record<string, string> {
  return Object.fromEntries(
    parts(el, 'fact').map((fact) => [squash(fact.querySelector('dt')!.textContent), squash(fact.querySelector('dd')!.textContent)]),
  );
}
function vital(el: HTMLElement, sign: string): string {
  return squash(el.shadowRoot!.querySelector(`[part~="vital"][data-sign="${sign}"]`)?.textContent);
}
function section(el: HTMLElement, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector(`[part~="section"][part~="${name}"]`);
}

async function summaryFor(patient: string, server = '/fhir', sections?: string): Promise<FhirPatientSummary> {
  const events = listenForNextWidget();
  const context = await fixture<FhirContext>(html`<fhir-context server=${server} patient=${patient}>
    <fhir-patient-summary sections=${sections ?? ''}></fhir-patient-summary>
  </fhir-context>`);
  const el = context.querySelector('fhir-patient-summary')!;
  rememberFirstEvents(el, events);
  return el;
}

async function summaryWith(resources: unknown): Promise<FhirPatientSummary> {
  const el = await fixture<FhirPatientSummary>(html`<fhir-patient-summary .resources=${resources}></fhir-patient-summary>`);
  await untilState(el, ['ready', 'empty', 'error']);
  return el;
}

function bornText(birthDate: string, now = new Date()): string {
  return `${formatDate(birthDate)} (${formatAge(birthDate, now)})`;
}

describe('<fhir-patient-summary> against the local FHIR server', () => {
  it('pat-elderly: CUI identity, allergy status, problems, medications, vitals', async () => {
    const el = await summaryFor('pat-elderly');
    const { detail } = await firstLoad(el);
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(squash(part(el, 'name')!.textContent)).to.equal('WHITFIELD, Arthur James (Mr)');
    expect(facts(el)).to.deep.equal({
      Born: bornText('1938-07-14'),
      Gender: 'Male',
      'NHS No.': '999 123 4578',
      MRN: 'NVM0009817',
    });
    expect(part(el, 'identity')!.querySelector('time')!.getAttribute('datetime')).to.equal('1938-07-14');
    expect(part(el, 'deceased')).to.equal(null);

    expect(squash(section(el, 'allergies')!.querySelector('[part~="status"]')!.textContent)).to.contain('Known allergies');
    expect(section(el, 'allergies')!.textContent).to.contain('Penicillin');
    expect(section(el, 'allergies')!.textContent).to.contain('1 entry hidden: entered in error');

    const problems = parts(el, 'problem').map((p) => squash(p.textContent));
    expect(problems).to.have.length(5);
    expect(problems.some((p) => p.startsWith('Gout') && p.includes('Recurrence'))).to.equal(true);
    expect(problems.join('|')).not.to.match(/Atrial fibrillation|Fracture/);
    expect(squash(section(el, 'problems')!.querySelector('h3')!.textContent)).to.equal('Active problems (5)');
    expect(section(el, 'problems')!.textContent).to.contain('1 entry hidden: entered in error');
    expect(section(el, 'problems')!.querySelectorAll('time').length).to.equal(5);

    const medications = parts(el, 'medication').map((p) => squash(p.textContent));
    expect(medications).to.have.length(9);
    expect(medications.some((m) => m.includes('Amoxicillin'))).to.equal(true);
    expect(medications.join('|')).not.to.match(/Warfarin|Tramadol|Ibuprofen|undefined/);
    expect(squash(section(el, 'medications')!.querySelector('h3')!.textContent)).to.equal('Active medications (9)');

    expect(vital(el, 'blood-pressure')).to.match(/^\d+\/\d+ mmHg · \d{2}-[A-Z][a-z]{2}-\d{4}/);
    expect(vital(el, 'heart-rate')).to.equal('Not recorded');
    expect(detail).to.deep.equal({
      allergies: 3,
      problems: 5,
      medications: 9,
      vitals: 1,
      enteredInError: 3,
      otherPatient: 0,
      unavailableSections: 0,
      identityMismatch: 0,
    });
    await expect(el).to.be.accessible();
  });

  it('pat-child: every growth vital with value, unit and date; child age in years and months', async () => {
    const el = await summaryFor('pat-child');
    await untilState(el, ['ready']);
    expect(facts(el).Born).to.equal(bornText('2022-03-18'));
    expect(facts(el).Born).to.match(/\(\d+y( \d+m)?\)$/);
    for (const [sign, unit] of [
      ['weight', 'kg'],
      ['height', 'cm'],
      ['bmi', 'kg/m²'],
      ['heart-rate', '/min'],
      ['temperature', '°C'],
    ]) {
      expect(vital(el, sign), sign).to.match(new RegExp(`^[\\d.]+ ${unit.replace('/', '\\/')} · \\d{2}-[A-Z][a-z]{2}-\\d{4}`));
    }
    expect(vital(el, 'blood-pressure')).to.equal('Not recorded');
    const sectionEl = section(el, 'vitals')!;
    expect(sectionEl.querySelectorAll('time[datetime]').length).to.equal(5);
    expect(section(el, 'allergies')!.textContent).to.contain('Peanut');
    await expect(el).to.be.accessible();
  });

  it('pat-diabetes: "Allergies not recorded", never "no known"', async () => {
    const el = await summaryFor('pat-diabetes');
    await untilState(el, ['ready']);
    expect(squash(section(el, 'allergies')!.querySelector('[part~="status"]')!.textContent)).to.contain('Allergies not recorded');
    expect(section(el, 'allergies')!.textContent).not.to.contain('No known');
    expect(vital(el, 'blood-pressure')).to.match(/mmHg/); // 85354-9 panel
  });

  it('shows only the sections asked for, and makes only their requests', async () => {
    const el = await summaryFor('pat-infant', '/fhir', 'allergies, vitals');
    await untilState(el, ['ready']);
    expect(parts(el, 'section').map((s) => s.getAttribute('part'))).to.deep.equal(['section allergies', 'section vitals']);
    expect(requestsTo('/fhir/Condition?patient=pat-infant')).to.have.length(0);
    expect(requestsTo('/fhir/MedicationRequest?')).to.satisfy((list: PerformanceResourceTiming[]) =>
      list.every((r) => !r.name.includes('pat-infant')),
    );
    expect(facts(el).Born).to.equal(bornText('2026-10-04'));
    await expect(el).to.be.accessible();
  });

  it('shares the allergy request with an allergy banner in the same context', async () => {
    const fragment = '/fhir/AllergyIntolerance?patient=pat-ckd';
    const before = requestsTo(fragment).length;
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-ckd">
      <fhir-patient-summary></fhir-patient-summary><fhir-allergy-banner></fhir-allergy-banner>
    </fhir-context>`);
    await untilState(context.querySelector('fhir-patient-summary')!, ['ready']);
    await untilState(context.querySelector('fhir-allergy-banner')!, ['ready']);
    expect(requestsTo(fragment).length - before).to.equal(1);
  });

  it('shows only the new patient after the context patient changes', async () => {
    const el = await summaryFor('pat-child');
    await untilState(el, ['ready']);
    expect(shown(el)).to.contain('THOMPSON');
    const loaded = oneEvent(el, 'fhir-load');
    el.closest('fhir-context')!.patient = 'pat-ckd';
    await loaded;
    await el.updateComplete;
    expect(squash(part(el, 'name')!.textContent)).to.equal("O'BRIEN, Margaret Ann (Mrs)");
    expect(shown(el)).not.to.match(/THOMPSON|Peanut/);
  });

  it('says which section failed and still shows the rest', async () => {
    // A host-supplied client over the real server, whose Observation searches hit the 500 fault.
    const client: FhirClientLike = {
      state: { serverUrl: new URL('/fhir', location.href).href },
      patient: { id: 'pat-child' },
      async request(options) {
        const { url, signal } = typeof options === 'string' ? { url: options, signal: undefined } : options;
        const target = url.includes('/Observation') ? url.replace('/fhir/', '/faults/500/fhir/') : url;
        const response = await fetch(target, { signal });
        const body = await response.json();
        if (!response.ok) throw Object.assign(new Error('HTTP error'), { status: response.status, body });
        return body;
      },
    };
    const events = listenForNextWidget();
    const context = await fixture<FhirContext>(html`<fhir-context .client=${client}>
      <fhir-patient-summary></fhir-patient-summary>
    </fhir-context>`);
    const el = context.querySelector('fhir-patient-summary')!;
    const { detail } = await events.load;
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(detail.unavailableSections).to.equal(1);
    const failed = section(el, 'vitals')!;
    expect(failed.querySelector('[part~="section-error"]')!.textContent).to.contain('Latest vital signs unavailable');
    expect(failed.textContent).to.contain('(500)');
    expect(failed.textContent).not.to.contain('Not recorded');
    expect(section(el, 'allergies')!.textContent).to.contain('Peanut');
    await expect(el).to.be.accessible();
  });
});

describe('<fhir-patient-summary> when the load fails', () => {
  for (const [kind, status] of [
    ['500', 500],
    ['401', 401],
    ['html', undefined],
  ] as const) {
    it(`fault ${kind}: error state, "Allergies unavailable", nothing shown as data`, async () => {
      const el = await summaryFor('x', `/faults/${kind}/fhir`);
      const { detail } = await firstError(el);
      await el.updateComplete;
      expect(el.state).to.equal('error');
      expect(shown(el)).to.contain('Patient summary unavailable');
      expect(shown(el)).to.contain('Allergies unavailable');
      expect(shown(el)).not.to.match(/not recorded|No known|Not known/);
      if (status !== undefined) expect(detail.status).to.equal(status);
      expect(part(el, 'retry')!.tagName).to.equal('BUTTON');
      await expect(el).to.be.accessible();
    });
  }

  it('timeout: error state after the context timeout', async () => {
    const events = listenForNextWidget();
    const context = await fixture<FhirContext>(html`<fhir-context server="/faults/timeout/fhir" patient="x" timeout="300">
      <fhir-patient-summary></fhir-patient-summary>
    </fhir-context>`);
    const el = context.querySelector('fhir-patient-summary')!;
    expect(el.state).to.equal('loading');
    await expect(el).to.be.accessible();
    await events.error;
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(shown(el)).to.contain('Allergies unavailable');
  });
});

describe('<fhir-patient-summary> with resources given directly', () => {
  it('renders server strings as text, never as markup', async () => {
    const el = await summaryWith([
      { resourceType: 'Patient', id: 'p1', name: [{ family: 'Smith', given: [HOSTILE] }], identifier: [{ type: { text: HOSTILE }, value: HOSTILE }] },
      { resourceType: 'Condition', subject: { reference: 'Patient/p1' }, clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: HOSTILE } },
      { resourceType: 'MedicationRequest', subject: { reference: 'Patient/p1' }, status: 'active', medicationCodeableConcept: { text: HOSTILE } },
    ]);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(part(el, 'name')!.textContent).to.contain(HOSTILE);
    expect(part(el, 'problem')!.textContent).to.contain(HOSTILE);
    expect(part(el, 'medication')!.textContent).to.contain(HOSTILE);
  });

  it('says "Not known" for missing data, never "?" or "undefined"', async () => {
    const el = await summaryWith([{ resourceType: 'Patient', id: 'p1' }]);
    expect(squash(part(el, 'name')!.textContent)).to.equal('Name not known');
    expect(facts(el)).to.deep.equal({ Born: 'Not known', Gender: 'Not known', Identifier: 'Not known' });
    expect(shown(el)).not.to.match(/undefined|\?|null|NaN/);
    await expect(el).to.be.accessible();
  });

  it('shows a deceased patient unmistakably, with the date and the age at death', async () => {
    const el = await summaryWith([
      { resourceType: 'Patient', id: 'p1', name: [{ family: 'Grey', given: ['Ada'] }], birthDate: '1930-01-02', deceasedDateTime: '2020-03-04' },
    ]);
    const deceased = part(el, 'deceased')!;
    expect(squash(deceased.textContent)).to.equal(`✝ Deceased 04-Mar-2020 (aged ${formatAge('1930-01-02', '2020-03-04')})`);
    expect(deceased.querySelector('time')!.getAttribute('datetime')).to.equal('2020-03-04');
    expect(facts(el).Born).to.equal('02-Jan-1930'); // no living age beside a date of death
    await expect(el).to.be.accessible();
  });

  it('drops and counts records of another patient', async () => {
    const el = await summaryWith([
      { resourceType: 'Patient', id: 'p1', name: [{ family: 'Grey' }] },
      { resourceType: 'Condition', subject: { reference: 'Patient/p1' }, clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: 'Asthma' } },
      { resourceType: 'Condition', subject: { reference: 'Patient/p2' }, clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: 'Gout' } },
    ]);
    expect(section(el, 'problems')!.textContent).to.contain('Asthma');
    expect(shown(el)).not.to.contain('Gout');
    expect(section(el, 'problems')!.textContent).to.contain('1 record for another patient not shown');
  });
});

describeWithFixtures('<fhir-patient-summary> with the real fixtures', () => {
  for (const file of [
    'examples/r4/Patient-example.json',
    'examples/stu3/patient-example.json',
    'examples/dstu2/Patient-example.json',
    'examples/r5/patient-example.json',
  ]) {
    it(`${file}: CHALMERS, Peter James; MRN 12345`, async () => {
      const el = await summaryWith([await loadFixture(file)]);
      expect(squash(part(el, 'name')!.textContent)).to.equal('CHALMERS, Peter James');
      expect(facts(el)).to.deep.equal({ Born: bornText('1974-12-25'), Gender: 'Male', MRN: '12345' });
      expect(shown(el)).not.to.contain('urn:oid');
    });
  }

  it('R4 Patient-infant-twin-1: identifiers labelled, none shown as a URI', async () => {
    const el = await summaryWith([await loadFixture('examples/r4/Patient-infant-twin-1.json')]);
    expect(squash(part(el, 'name')!.textContent)).to.equal('SOLO, Jaina');
    expect(facts(el)).to.deep.include({ MRN: 'MRN7465737865', ID: '7465737865', Gender: 'Female' });
    expect(shown(el)).not.to.match(/https?:\/\//);
  });

  it('Synthea jorge-brekke given directly: 10 allergies, problems, medications, vitals, nothing dropped', async () => {
    const el = await summaryWith(await loadFixture('synthea/jorge-brekke-ac7921e0.json'));
    expect(section(el, 'allergies')!.querySelectorAll('[part~="allergens"] [part~="allergen"]')).to.have.length(10);
    expect(shown(el)).not.to.contain('another patient');
    expect(squash(part(el, 'name')!.textContent)).to.equal('BREKKE, Jorge');
    expect(facts(el)).to.deep.include({ MRN: 'ac7921e0-c949-4b42-97f2-fad5d171cd01', SSN: '***-**-9533' });
    expect(parts(el, 'problem').length).to.be.greaterThan(0);
    expect(vital(el, 'blood-pressure')).to.match(/^\d+(\.\d)?\/\d+(\.\d)? mmHg · /);
    expect(vital(el, 'weight')).to.match(/ kg · /);
  });

  it('Synthea don-moore (deceased 2019) given directly: deceased with the date', async () => {
    const el = await summaryWith(await loadFixture('synthea/don-moore-d65926d8.json'));
    const deceased = part(el, 'deceased')!;
    expect(deceased.textContent).to.contain('Deceased');
    expect(deceased.querySelector('time')!.getAttribute('datetime')).to.match(/^2019-05-21/);
    expect(squash(section(el, 'allergies')!.querySelector('[part~="status"]')!.textContent)).to.contain('Allergies not recorded');
  });

  it('Synthea luigi-wiegand uploaded to the server: infant identity, allergies not recorded', async () => {
    const bundle = await loadFixture('synthea/luigi-wiegand-e27d88b0.json');
    const response = await fetch('/fhir', { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(bundle) });
    expect(response.ok).to.equal(true);
    const result = (await response.json()) as { entry: { response: { location: string } }[] };
    const id = result.entry.map((e) => e.response.location).find((l) => l.startsWith('Patient/'))!.split('/')[1];
    const el = await summaryFor(id);
    const { detail } = await firstLoad(el);
    await el.updateComplete;
    expect(squash(part(el, 'name')!.textContent)).to.match(/^WIEGAND, Luigi/);
    expect(facts(el).Born).to.equal(bornText('2020-10-20'));
    expect(squash(section(el, 'allergies')!.querySelector('[part~="status"]')!.textContent)).to.contain('Allergies not recorded');
    expect(detail).to.include({ allergies: 0, medications: 0, otherPatient: 0 });
    expect(vital(el, 'weight')).to.match(/ kg · /);
    await expect(el).to.be.accessible();
  });
});

describe('<fhir-patient-summary> stories (smoke and accessibility)', () => {
  const expected: Record<string, string> = {
    Elderly: 'ready',
    Child: 'ready',
    InfantAge: 'ready',
    NoKnownAllergies: 'ready',
    AllergiesNotRecorded: 'ready',
    Deceased: 'ready',
    LongNames: 'ready',
    NoIdentifiers: 'ready',
    SomeSections: 'ready',
    Loading: 'loading',
    ServerError: 'error',
  };
  const entries = Object.entries(stories).filter(([name]) => name !== 'default') as [
    string,
    { render: (args: object) => unknown; args?: object },
  ][];

  it('every story has an expectation', () => {
    expect(entries.map(([name]) => name).sort()).to.deep.equal(Object.keys(expected).sort());
  });

  for (const [name, story] of entries) {
    it(`${name}`, async () => {
      // The story's own root (a Lit element): a plain wrapper would wait for an animation frame,
      // which a background page under concurrent test files does not get.
      const root = await fixture<HTMLElement>(story.render({ sections: '', ...story.args }) as TemplateResult);
      const el = (root.matches('fhir-patient-summary') ? root : root.querySelector('fhir-patient-summary')) as FhirPatientSummary;
      if (expected[name] === 'loading') await el.updateComplete;
      else await untilState(el, ['ready', 'empty', 'error']);
      expect(el.state).to.equal(expected[name]);
      expect(shown(el)).not.to.match(/undefined|NaN/);
      await expect(el).to.be.accessible();
    });
  }

  it('Deceased and InfantAge show what they are named for', async () => {
    const d = await fixture<FhirPatientSummary>(entries.find(([n]) => n === 'Deceased')![1].render({ sections: '' }) as TemplateResult);
    await untilState(d, ['ready']);
    expect(part(d, 'deceased')!.textContent).to.contain('Deceased');
    const i = await fixture<FhirPatientSummary>(entries.find(([n]) => n === 'InfantAge')![1].render({ sections: '' }) as TemplateResult);
    await untilState(i, ['ready']);
    expect(facts(i).Born).to.match(/\((\d+w( \d+d)?|\d+d|\d+m( \d+d)?)\)$/);
  });
});
