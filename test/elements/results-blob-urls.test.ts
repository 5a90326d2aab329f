// <fhir-results>: the blob URLs an opened report makes of attachment data are kept by the list of
// reports, and revoked when the element leaves the page; back on the page, the report links anew.
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../../src/define.js';
import type { FhirResults } from '../../src/elements/results/results.js';
import type { AnyResource } from '../../src/model/fhir-types.js';
import { untilState } from '../helpers/probe-widget.js';
import { part } from '../helpers/widget-dom.js';

defineElements();

const PDF = btoa('%PDF-1.4 a report');
const data: AnyResource[] = [
  { resourceType: 'Patient', id: 'p1' },
  {
    resourceType: 'DiagnosticReport',
    id: 'r1',
    status: 'final',
    code: { text: 'Discharge letter' },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2024-05-01',
    presentedForm: [{ contentType: 'application/pdf', title: 'Letter', data: PDF }],
  },
];

/** Whether a blob URL still gives its bytes. */
const readable = (url: string): Promise<boolean> =>
  fetch(url).then(
    (response) => response.ok,
    () => false,
  );

async function openedLink(el: FhirResults): Promise<string> {
  const toggle = part(el, 'report-toggle')!;
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  await el.updateComplete;
  const link = part(el, 'attachment-link') as HTMLAnchorElement | null;
  expect(link, 'the attachment link').to.not.equal(null);
  return link!.href;
}

describe('<fhir-results> attachment blob URLs', () => {
  it('are revoked when the element is removed, and made anew when it comes back', async () => {
    const el = await fixture<FhirResults>(html`<fhir-results .resources=${data}></fhir-results>`);
    expect(await untilState(el, ['ready', 'empty', 'error'], 30_000)).to.equal('ready');
    const first = await openedLink(el);
    expect(first).to.match(/^blob:/);
    expect(await readable(first)).to.equal(true);

    const parent = el.parentNode!;
    el.remove();
    expect(await readable(first), 'revoked on removal').to.equal(false);

    parent.appendChild(el);
    await el.updateComplete;
    const second = await openedLink(el);
    expect(second).to.match(/^blob:/);
    expect(second === first).to.equal(false);
    expect(await readable(second)).to.equal(true);
  });
});
