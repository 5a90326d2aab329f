// <fhir-allergy-banner> through its public API: against the local FHIR server via <fhir-context>,
// with the real HL7 / Synthea fixtures, and through server faults.
import { sendKeys } from '@web/test-runner-commands';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { defineElements } from '../../src/define.js';
import type { FhirAllergyBanner } from '../../src/elements/allergy-banner/allergy-banner.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import * as stories from '../../stories/allergy-banner.stories.js';
import { describeWithFixtures, loadFixture } from '../helpers/fixtures.js';
import { requestsTo, untilState } from '../helpers/probe-widget.js';
import { firstError, firstLoad, listenForNextWidget, part, parts, rememberFirstEvents } from '../helpers/widget-dom.js';

defineElements();

const HOSTILE = '<img src=x onerror=alert(1)>';

/** Visible text of the banner, whitespace collapsed. */
function shown(el: FhirAllergyBanner): string {
  return (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ').trim();
}
function statusOf(el: FhirAllergyBanner): string {
  return (part(el, 'status')?.textContent ?? '').replace(/\s+/g, ' ').replace(/^[^A-Za-z]+/, '').trim();
}

async function bannerFor(patient: string, server = '/fhir', timeout?: number): Promise<FhirAllergyBanner> {
  const events = listenForNextWidget();
  const context = await fixture<FhirContext>(html`<fhir-context server=${server} patient=${patient} timeout=${timeout ?? 30000}>
    <fhir-allergy-banner></fhir-allergy-banner>
  </fhir-context>`);
  const el = context.querySelector('fhir-allergy-banner')!;
  rememberFirstEvents(el, events);
  return el;
}

async function bannerWith(resources: unknown): Promise<FhirAllergyBanner> {
  const el = await fixture<FhirAllergyBanner>(html`<fhir-allergy-banner .resources=${resources}></fhir-allergy-banner>`);
  await untilState(el, ['ready', 'empty', 'error']);
  return el;
}

function allergy(patch: Record<string, unknown>): AnyResource {
  return {
    resourceType: 'AllergyIntolerance',
    clinicalStatus: { coding: [{ code: 'active' }] },
    verificationStatus: { coding: [{ code: 'confirmed' }] },
    patient: { reference: 'Patient/p1' },
    ...patch,
  };
}

describe('<fhir-allergy-banner> against the local FHIR server', () => {
  it('pat-child: Known allergies, high-criticality peanut, details on demand', async () => {
    const el = await bannerFor('pat-child');
    const { detail } = await firstLoad(el);
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(el.getAttribute('state')).to.equal('ready');
    expect(statusOf(el)).to.equal('Known allergies');
    expect(part(el, 'status')!.dataset.status).to.equal('known');
    const [first] = parts(el, 'allergen');
    expect(first.textContent).to.contain('Peanut');
    expect(first.textContent).to.contain('High criticality'); // text, not colour alone
    expect(first.getAttribute('part')).to.contain('high-criticality');
    expect(first.textContent).to.contain('Food');
    expect(first.textContent).to.contain('Allergy');
    expect(detail).to.deep.equal({ active: 1, inactive: 1, noKnownAssertions: 0, enteredInError: 0, refuted: 0, otherPatient: 0 });
    // The resolved egg allergy is listed apart.
    expect(part(el, 'inactive')!.textContent).to.contain('Egg');
    expect(part(el, 'inactive')!.textContent).to.contain('Resolved');
    expect(part(el, 'allergens')!.textContent).not.to.contain('Egg');

    const toggle = part(el, 'toggle') as HTMLButtonElement;
    expect(toggle.tagName).to.equal('BUTTON');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    const details = el.shadowRoot!.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(details.hidden).to.equal(true);
    await expect(el).to.be.accessible();
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(details.hidden).to.equal(false);
    expect(details.textContent).to.contain('Anaphylaxis');
    expect(details.textContent).to.contain('Severe');
    expect(details.querySelectorAll('time').length).to.be.greaterThan(2); // onset and recorded dates
    await expect(el).to.be.accessible();
  });

  it('pat-ckd: No known allergies (asserted with SNOMED 716186003)', async () => {
    const el = await bannerFor('pat-ckd');
    const { detail } = await firstLoad(el);
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(statusOf(el)).to.equal('No known allergies');
    expect(detail.noKnownAssertions).to.equal(1);
    expect(parts(el, 'allergen')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('pat-diabetes: Allergies not recorded (state empty), never "no known"', async () => {
    const el = await bannerFor('pat-diabetes');
    await firstLoad(el);
    await el.updateComplete;
    expect(el.state).to.equal('empty');
    expect(statusOf(el)).to.equal('Allergies not recorded');
    expect(shown(el)).not.to.contain('No known');
    await expect(el).to.be.accessible();
  });

  it('pat-elderly: penicillin first, unconfirmed marked, inactive apart, entered-in-error hidden and counted', async () => {
    const el = await bannerFor('pat-elderly');
    const { detail } = await firstLoad(el);
    await el.updateComplete;
    expect(statusOf(el)).to.equal('Known allergies');
    const names = parts(el, 'allergen')
      .filter((li) => li.closest('[part~="allergens"]'))
      .map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(names[0]).to.match(/^▲ ?Penicillin/);
    expect(names.some((n) => n.includes('Sulfonamide') && n.includes('Unconfirmed'))).to.equal(true);
    expect(names.some((n) => n.includes('Aspirin'))).to.equal(false);
    expect(shown(el)).not.to.contain('Aspirin');
    expect(part(el, 'inactive')!.textContent).to.contain('Latex');
    const notices = parts(el, 'notice').map((n) => n.textContent!.trim());
    expect(notices).to.include('1 entry hidden: entered in error');
    expect(detail).to.include({ active: 3, inactive: 1, enteredInError: 1, otherPatient: 0 });
    await expect(el).to.be.accessible();
  });

  it('opens and closes the details from the keyboard (Enter, Space)', async () => {
    const el = await bannerFor('pat-child');
    await untilState(el, ['ready']);
    const toggle = part(el, 'toggle') as HTMLButtonElement;
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(part(el, 'details')!.hidden).to.equal(false);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(part(el, 'details')!.hidden).to.equal(true);
  });

  it('shows only the new patient after the context patient changes', async () => {
    const el = await bannerFor('pat-child');
    await untilState(el, ['ready']);
    expect(shown(el)).to.contain('Peanut');
    const context = el.closest('fhir-context')!;
    const loaded = oneEvent(el, 'fhir-load');
    context.patient = 'pat-ckd';
    await loaded;
    await el.updateComplete;
    expect(statusOf(el)).to.equal('No known allergies');
    expect(shown(el)).not.to.contain('Peanut');
  });

  it('shares one allergy request with a second banner in the same context', async () => {
    const before = requestsTo('/fhir/AllergyIntolerance?patient=pat-elderly').length;
    const context = await fixture<FhirContext>(html`<fhir-context server="/fhir" patient="pat-elderly">
      <fhir-allergy-banner></fhir-allergy-banner><fhir-allergy-banner></fhir-allergy-banner>
    </fhir-context>`);
    const banners = [...context.querySelectorAll('fhir-allergy-banner')];
    await Promise.all(banners.map((b) => untilState(b, ['ready'])));
    expect(requestsTo('/fhir/AllergyIntolerance?patient=pat-elderly').length - before).to.equal(1);
  });
});

describe('<fhir-allergy-banner> when the load fails', () => {
  for (const [kind, status] of [
    ['500', 500],
    ['401', 401],
    ['timeout', undefined],
    ['html', undefined],
  ] as const) {
    it(`fault ${kind}: "Allergies unavailable", state error, never "not recorded"`, async () => {
      const el = await bannerFor('x', `/faults/${kind}/fhir`, kind === 'timeout' ? 300 : undefined);
      const { detail } = await firstError(el);
      await el.updateComplete;
      expect(el.state).to.equal('error');
      expect(el.getAttribute('state')).to.equal('error');
      expect(statusOf(el)).to.equal('Allergies unavailable');
      expect(part(el, 'status')!.dataset.status).to.equal('unavailable');
      expect(shown(el)).not.to.match(/not recorded|No known/);
      expect(part(el, 'error-message')!.textContent!.trim()).to.equal(detail.message);
      expect(detail.message.length).to.be.greaterThan(10);
      if (status !== undefined) expect(detail.status).to.equal(status);
      expect(part(el, 'retry')!.tagName).to.equal('BUTTON');
      await expect(el).to.be.accessible();
    });
  }

  it('Retry asks again', async () => {
    const el = await bannerFor('x', '/faults/500/fhir');
    await untilState(el, ['error']);
    const before = requestsTo('/faults/500/fhir/AllergyIntolerance').length;
    const again = oneEvent(el, 'fhir-error');
    (part(el, 'retry') as HTMLButtonElement).click();
    await again;
    expect(requestsTo('/faults/500/fhir/AllergyIntolerance').length).to.be.greaterThan(before);
    expect(el.state).to.equal('error');
  });

  it('is accessible while loading', async () => {
    const el = await bannerFor('x', '/faults/timeout/fhir', 5000);
    await el.updateComplete;
    expect(el.state).to.equal('loading');
    expect(shown(el)).to.contain('Loading allergies');
    await expect(el).to.be.accessible();
  });
});

describe('<fhir-allergy-banner> with resources given directly', () => {
  it('renders a server string as text, never as markup', async () => {
    const el = await bannerWith([
      { resourceType: 'Patient', id: 'p1' },
      allergy({
        code: { text: HOSTILE },
        criticality: 'high',
        reaction: [{ manifestation: [{ text: HOSTILE }], description: HOSTILE }],
        note: [{ text: HOSTILE }],
      }),
    ]);
    (part(el, 'toggle') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(part(el, 'allergen')!.textContent).to.contain(HOSTILE);
    expect(part(el, 'details')!.textContent).to.contain(HOSTILE);
  });

  it('flags a "no known allergies" record beside a current allergy', async () => {
    const el = await bannerWith([
      allergy({ code: { coding: [{ system: 'http://snomed.info/sct', code: '716186003' }] } }),
      allergy({ code: { text: 'Penicillin' }, category: ['medication'] }),
    ]);
    expect(statusOf(el)).to.equal('Known allergies');
    expect(part(el, 'contradiction')!.textContent).to.contain('Conflicting records');
    expect(shown(el)).not.to.contain('Also recorded');
    await expect(el).to.be.accessible();
  });

  it('keeps a partial assertion beside an allergy it does not cover: NKDA with a food allergy', async () => {
    const el = await bannerWith([
      allergy({ code: { coding: [{ system: 'http://snomed.info/sct', code: '409137002' }] } }),
      allergy({ code: { text: 'Sesame' }, category: ['food'] }),
    ]);
    expect(statusOf(el)).to.equal('Known allergies');
    expect(part(el, 'contradiction')).to.equal(null);
    expect(shown(el)).to.contain('Also recorded: No known drug allergies');
  });

  it('never shows a refuted allergy, and says so', async () => {
    const el = await bannerWith([allergy({ code: { text: 'Aspirin' }, verificationStatus: { coding: [{ code: 'refuted' }] } })]);
    expect(statusOf(el)).to.equal('Allergies not recorded');
    expect(shown(el)).not.to.contain('Aspirin');
    expect(shown(el)).to.contain('1 refuted allergy not shown');
  });

  it('drops and counts an allergy of another patient', async () => {
    const el = await bannerWith([
      { resourceType: 'Patient', id: 'p1' },
      allergy({ code: { text: 'Egg' } }),
      allergy({ code: { text: 'Shellfish' }, patient: { reference: 'Patient/p2' } }),
    ]);
    expect(shown(el)).to.contain('Egg');
    expect(shown(el)).not.to.contain('Shellfish');
    expect(shown(el)).to.contain('1 record for another patient not shown');
  });

  it('treats IPS no-allergy-info as not recorded', async () => {
    const el = await bannerWith([
      allergy({ code: { coding: [{ system: 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips', code: 'no-allergy-info' }] } }),
    ]);
    expect(statusOf(el)).to.equal('Allergies not recorded');
    expect(el.state).to.equal('empty');
  });

  it('does not throw on malformed resources', async () => {
    const el = await bannerWith([{ resourceType: 'AllergyIntolerance', code: 7, reaction: 'x', patient: 'nobody' }, null, 'junk']);
    expect(el.state).to.equal('ready');
    expect(part(el, 'allergen')!.textContent).to.contain('Allergen not recorded');
  });
});

describeWithFixtures('<fhir-allergy-banner> with the real fixtures', () => {
  it('HL7 R4 AllergyIntolerance-nkda: "No known drug allergies", nothing said about food', async () => {
    const el = await bannerWith([await loadFixture('examples/r4/AllergyIntolerance-nkda.json')]);
    expect(statusOf(el)).to.equal('No known drug allergies');
    expect(shown(el)).not.to.contain('No known allergies');
    expect(part(el, 'status')!.dataset.status).to.equal('no-known');
    await expect(el).to.be.accessible();
  });

  for (const file of [
    'examples/r4/AllergyIntolerance-example.json',
    'examples/stu3/AllergyIntolerance-example.json',
    'examples/dstu2/AllergyIntolerance-example.json',
  ]) {
    it(`cashew (${file.split('/')[1]}): high criticality, anaphylaxis in the details`, async () => {
      const el = await bannerWith([await loadFixture(file)]);
      expect(statusOf(el)).to.equal('Known allergies');
      expect(part(el, 'allergen')!.textContent).to.contain('Cashew nuts');
      expect(part(el, 'allergen')!.textContent).to.contain('High criticality');
      (part(el, 'toggle') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(part(el, 'details')!.textContent).to.contain('Anaphylactic reaction');
      expect(part(el, 'details')!.textContent).to.contain('Severe');
      await expect(el).to.be.accessible();
    });
  }

  it('HL7 R4 fish allergy: the record text, no criticality claimed', async () => {
    const el = await bannerWith([await loadFixture('examples/r4/AllergyIntolerance-fishallergy.json')]);
    expect(part(el, 'allergen')!.textContent).to.contain('Allergic to fresh fish. Tolerates canned fish');
    expect(part(el, 'allergen')!.textContent).not.to.contain('criticality');
  });

  it('Synthea jorge-brekke uploaded to the server: 10 allergies for the new patient id', async () => {
    const bundle = await loadFixture('synthea/jorge-brekke-ac7921e0.json');
    const response = await fetch('/fhir', {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(bundle),
    });
    expect(response.ok).to.equal(true);
    const result = (await response.json()) as { entry: { response: { location: string } }[] };
    const location = result.entry.map((e) => e.response.location).find((l) => /^Patient\//.test(l))!;
    const id = location.split('/')[1];
    const el = await bannerFor(id);
    const { detail } = await firstLoad(el);
    await el.updateComplete;
    expect(detail.active).to.equal(10);
    expect(detail.otherPatient).to.equal(0);
    expect(parts(el, 'allergen')).to.have.length(10);
    expect(statusOf(el)).to.equal('Known allergies');
  });

  it('Synthea jorge-brekke given directly (urn:uuid references): 10 allergies, none dropped', async () => {
    const el = await bannerWith(await loadFixture('synthea/jorge-brekke-ac7921e0.json'));
    expect(parts(el, 'allergen')).to.have.length(10);
    expect(shown(el)).not.to.contain('another patient');
  });

  it('Synthea luigi-wiegand (no allergy records): Allergies not recorded', async () => {
    const el = await bannerWith(await loadFixture('synthea/luigi-wiegand-e27d88b0.json'));
    expect(statusOf(el)).to.equal('Allergies not recorded');
    expect(el.state).to.equal('empty');
  });
});

describe('<fhir-allergy-banner> stories (smoke and accessibility)', () => {
  /** The status each story must lead with (undefined: still loading). */
  const expected: Record<string, string | undefined> = {
    KnownAllergies: 'known',
    HighCriticality: 'known',
    NoKnownAllergies: 'no-known',
    NoKnownDrugAllergiesOnly: 'no-known',
    NotRecorded: 'not-recorded',
    Unavailable: 'unavailable',
    Loading: undefined,
    Unconfirmed: 'known',
    InactiveOnly: 'not-recorded',
    EnteredInErrorHidden: 'known',
    Contradiction: 'known',
    OtherPatientDropped: 'no-known',
  };
  const entries = Object.entries(stories).filter(([name]) => name !== 'default') as [string, { render: (args: object) => unknown }][];

  it('every story has an expectation', () => {
    expect(entries.map(([name]) => name).sort()).to.deep.equal(Object.keys(expected).sort());
  });

  for (const [name, story] of entries) {
    it(`${name}`, async () => {
      // The story's own root (a Lit element): a plain wrapper would wait for an animation frame,
      // which a background page under concurrent test files does not get.
      const root = await fixture<HTMLElement>(story.render({}) as TemplateResult);
      const el = (root.matches('fhir-allergy-banner') ? root : root.querySelector('fhir-allergy-banner')) as FhirAllergyBanner;
      if (expected[name] === undefined) {
        await el.updateComplete;
        expect(el.state).to.equal('loading');
      } else {
        await untilState(el, ['ready', 'empty', 'error']);
        expect(part(el, 'status')!.dataset.status).to.equal(expected[name]);
      }
      await expect(el).to.be.accessible();
    });
  }
});
