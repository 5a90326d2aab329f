// SMART App Launch 2 styling (src/fhir/smart-style.ts) and launch context (launch-context.ts):
// which style values become which tokens, which are refused, which style URLs may be fetched,
// and that the EHR's style stays below any token the host page sets itself.
import { expect, fixture, html } from '@open-wc/testing';
import { readLaunchContext } from '../../src/fhir/smart.js';
import { applyStyleTokens, smartStyleTokens, styleUrlAllowed } from '../../src/fhir/smart-style.js';

describe('SMART style → --fhir-* tokens', () => {
  it('maps every SMART style key, and derives the smaller spacing steps', () => {
    const tokens = smartStyleTokens({
      color_background: '#edeae3',
      color_error: '#9e2d2d',
      color_highlight: '#69b5ce',
      color_success: '#498e49',
      color_text: '#303030',
      dim_border_radius: '6px',
      dim_font_size: '13px',
      dim_spacing_size: '20px',
      font_family_body: "Georgia, Times, 'Times New Roman', serif",
      font_family_heading: "'HelveticaNeue-Light', Helvetica, Arial, sans-serif",
    });
    expect(tokens).to.deep.equal({
      '--fhir-color-surface': '#edeae3',
      '--fhir-color-critical': '#9e2d2d',
      '--fhir-color-accent': '#69b5ce',
      '--fhir-color-ok': '#498e49',
      '--fhir-color-text': '#303030',
      '--fhir-radius': '6px',
      '--fhir-font-size': '13px',
      '--fhir-space-4': '20px',
      '--fhir-space-3': 'calc(20px * 0.75)',
      '--fhir-space-2': 'calc(20px * 0.5)',
      '--fhir-space-1': 'calc(20px * 0.25)',
      '--fhir-font-family': "Georgia, Times, 'Times New Roman', serif",
      '--fhir-font-family-heading': "'HelveticaNeue-Light', Helvetica, Arial, sans-serif",
    });
  });

  it('ignores values that are not CSS of their kind, or that could fetch, escape or inject', () => {
    const tokens = smartStyleTokens({
      color_background: 'url(https://evil.example/x.png)',
      color_error: 'red; } body { display: none',
      color_highlight: 42,
      color_success: 'var(--something)',
      color_text: 'not-a-colour',
      dim_border_radius: 'blue',
      dim_font_size: '</style><script>alert(1)</script>',
      dim_spacing_size: 'x'.repeat(500),
      font_family_body: { nested: true },
      unknown_key: '#fff',
    });
    expect(tokens).to.deep.equal({});
    expect(smartStyleTokens(null)).to.deep.equal({});
    expect(smartStyleTokens(['#fff'])).to.deep.equal({});
    expect(smartStyleTokens('{"color_text":"#000"}')).to.deep.equal({});
  });

  it('fetches a style only from the EHR’s FHIR origin or the app’s own origin, over http(s)', () => {
    const fhir = 'https://ehr.example.org/fhir/r4';
    expect(styleUrlAllowed('https://ehr.example.org/smart-style.json', fhir)).to.equal(true);
    expect(styleUrlAllowed('/smart-style.json', fhir)).to.equal(true, 'relative to the FHIR base');
    expect(styleUrlAllowed(`${location.origin}/style.json`, fhir)).to.equal(true, 'the app’s own origin');
    expect(styleUrlAllowed('https://tracker.example.com/style.json', fhir)).to.equal(false);
    expect(styleUrlAllowed('http://ehr.example.org/smart-style.json', fhir)).to.equal(false, 'another scheme is another origin');
    expect(styleUrlAllowed('https://user:pw@ehr.example.org/style.json', fhir)).to.equal(false);
    expect(styleUrlAllowed('javascript:alert(1)', fhir)).to.equal(false);
    expect(styleUrlAllowed('data:application/json,{}', fhir)).to.equal(false);
  });

  it('applies the tokens below the host’s own: a host token on any ancestor still wins', async () => {
    const host = await fixture<HTMLDivElement>(html`<div><span id="inner"></span></div>`);
    const inner = host.querySelector('#inner')!;
    const value = (name: string) => getComputedStyle(inner).getPropertyValue(name).trim();
    try {
      applyStyleTokens(host, { '--fhir-color-accent': '#69b5ce', '--fhir-color-text': '#303030' });
      expect(value('--fhir-color-accent')).to.equal('#69b5ce');
      // The host sets one token itself, on an ancestor: its value wins; the other stays the EHR's.
      host.style.setProperty('--fhir-color-accent', '#005eb8');
      expect(value('--fhir-color-accent')).to.equal('#005eb8');
      expect(value('--fhir-color-text')).to.equal('#303030');
      // A host rule on the root element itself wins too, even the least specific one (a type selector).
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('html { --fhir-color-text: #111111; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      expect(value('--fhir-color-text')).to.equal('#111111');
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((candidate) => candidate !== sheet);
      // A second launch's style replaces the first.
      applyStyleTokens(host, { '--fhir-radius': '2px' });
      expect(value('--fhir-color-text')).to.equal('');
      expect(value('--fhir-radius')).to.equal('2px');
    } finally {
      applyStyleTokens(host, {});
    }
  });
});

describe('SMART launch context', () => {
  it('reads patient, need_patient_banner and smart_style_url from the token response', () => {
    expect(
      readLaunchContext({
        serverUrl: 'https://ehr.example.org/fhir',
        tokenResponse: { patient: 'p1', need_patient_banner: false, smart_style_url: 'https://ehr.example.org/style.json' },
      }),
    ).to.deep.equal({
      patient: 'p1',
      needPatientBanner: false,
      styleUrl: 'https://ehr.example.org/style.json',
      serverUrl: 'https://ehr.example.org/fhir',
    });
  });

  it('shows the banner unless the launch explicitly says false', () => {
    for (const value of [undefined, true, 'true', 0, null, 'no']) {
      expect(readLaunchContext({ serverUrl: 'x', tokenResponse: { need_patient_banner: value } }).needPatientBanner).to.equal(true, String(value));
    }
    expect(readLaunchContext({ serverUrl: 'x' })).to.deep.equal({ needPatientBanner: true, serverUrl: 'x' });
  });
});
