// Privacy by default: identity masks social-security numbers and shows only the identifier types a
// host asks for; a failing load puts no token and no record data (PHI) into console output or into
// `fhir-error` details — only the kit's own words and the server's OperationOutcome text.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirContext } from '../../src/elements/context/fhir-context.js';
import type { FhirErrorDetail } from '../../src/elements/base/fhir-widget.js';
import type { FhirClientLike } from '../../src/fhir/transport.js';
import { untilState } from '../helpers/probe-widget.js';

defineElements();

const TOKEN = 'secret-bearer-token-456';
const SSN = '999-12-5375';
const patient = {
  resourceType: 'Patient',
  id: 'p-priv',
  name: [{ family: 'Hidden', given: ['Person'] }],
  identifier: [
    { system: 'http://hl7.org/fhir/sid/us-ssn', value: SSN },
    { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: 'MRN-77' },
    { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' },
    { type: { text: 'Insurance' }, value: 'INS-9' },
  ],
};

function shadowText(el: Element): string {
  return el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
}

describe('<fhir-patient-summary> identifiers', () => {
  it('shows MRN and NHS number, and the SSN masked to its last four digits', async () => {
    const el = await fixture(html`<fhir-patient-summary .resources=${[patient]}></fhir-patient-summary>`);
    await untilState(el as HTMLElement & { state: string }, ['ready', 'empty']);
    const text = shadowText(el);
    expect(text).to.include('MRN-77');
    expect(text).to.include('943 476 5919');
    expect(text).to.include('***-**-5375');
    expect(text).not.to.include(SSN);
    expect(el.shadowRoot!.innerHTML).not.to.include('999-12');
  });

  it('shows only the types listed in `identifiers`', async () => {
    const el = await fixture(html`<fhir-patient-summary identifiers="MR NH" .resources=${[patient]}></fhir-patient-summary>`);
    await untilState(el as HTMLElement & { state: string }, ['ready', 'empty']);
    const text = shadowText(el);
    expect(text).to.include('MRN-77');
    expect(text).to.include('943 476 5919');
    expect(text).not.to.include('5375');
    expect(text).not.to.include('INS-9');
  });
});

describe('no token or record data in console output or fhir-error details', () => {
  const levels = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  let captured: string[] = [];
  const originals = new Map<string, (...args: unknown[]) => void>();
  const onError = (event: ErrorEvent) => captured.push(String(event.message));
  const onRejection = (event: PromiseRejectionEvent) => captured.push(String((event.reason as Error)?.message ?? event.reason));

  beforeEach(() => {
    captured = [];
    for (const level of levels) {
      const original = console[level] as (...args: unknown[]) => void;
      originals.set(level, original);
      console[level] = (...args: unknown[]) => {
        captured.push(args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' '));
        original.apply(console, args);
      };
    }
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => {
    for (const level of levels) console[level] = originals.get(level)! as never;
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  function safeJson(value: unknown): string {
    try {
      return value instanceof Error ? `${value.name}: ${value.message}` : JSON.stringify(value);
    } catch {
      return String(value);
    }
  }

  async function realClient(serverUrl: string): Promise<FhirClientLike> {
    const module = (await import('fhirclient')) as unknown as { default: { client(state: unknown): FhirClientLike } };
    return module.default.client({ serverUrl, tokenResponse: { patient: 'pat-child', access_token: TOKEN } });
  }

  // Faults whose bodies carry record data (the allergen text and the patient's id) or whose
  // failure could echo the request (URL with patient id, Authorization header).
  for (const fault of ['truncated', 'next-other-origin', 'next-loop', 'html', '403', 'redirect-other-origin']) {
    it(`a ${fault} failure through a token-bearing client leaks nothing`, async () => {
      const client = await realClient(new URL(`/faults/${fault}/fhir`, location.href).href);
      const context = await fixture<FhirContext>(html`<fhir-context .client=${client}>
        <fhir-allergy-banner></fhir-allergy-banner>
      </fhir-context>`);
      const widget = context.querySelector('fhir-allergy-banner')!;
      const { detail } = (await oneEvent(widget, 'fhir-error')) as CustomEvent<FhirErrorDetail>;
      expect(widget.getAttribute('state')).to.equal('error');
      const exposed = [JSON.stringify(detail), shadowText(widget), ...captured].join('\n');
      expect(exposed).not.to.include(TOKEN);
      expect(exposed).not.to.include('Fault allergen'); // record text
      expect(exposed).not.to.include('pat-child'); // the patient's id
      expect(exposed).not.to.match(/Bearer/i);
    });
  }
});
