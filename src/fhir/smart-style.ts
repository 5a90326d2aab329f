// SMART App Launch 2 styling: the EHR's `smart_style_url` points to a small JSON document of
// colours, sizes and fonts; mapped onto the kit's --fhir-* tokens, the app looks like the EHR that
// launched it. The style sheet is fetched without the access token (it is not a FHIR request) and
// only from the EHR's own origin or the app's; every value is checked as CSS of its kind and set
// through the CSSOM (never as style text), at the lowest priority there is — `:where(:root)` in an
// adopted style sheet — so any token the host page sets itself still wins.

/** SMART style keys → the --fhir-* tokens they set, and the CSS property a value must be valid for. */
const STYLE_TOKENS: Readonly<Record<string, { tokens: readonly string[]; property: string }>> = {
  color_background: { tokens: ['--fhir-color-surface'], property: 'color' },
  color_error: { tokens: ['--fhir-color-critical'], property: 'color' },
  color_highlight: { tokens: ['--fhir-color-accent'], property: 'color' },
  color_success: { tokens: ['--fhir-color-ok'], property: 'color' },
  color_text: { tokens: ['--fhir-color-text'], property: 'color' },
  dim_border_radius: { tokens: ['--fhir-radius'], property: 'border-radius' },
  dim_font_size: { tokens: ['--fhir-font-size'], property: 'font-size' },
  dim_spacing_size: { tokens: ['--fhir-space-4'], property: 'padding-top' },
  font_family_body: { tokens: ['--fhir-font-family'], property: 'font-family' },
  font_family_heading: { tokens: ['--fhir-font-family-heading'], property: 'font-family' },
};

export const SMART_STYLE_KEYS = Object.keys(STYLE_TOKENS);

/** Smaller steps of the spacing scale, derived from `dim_spacing_size` (the largest step). */
const SPACING_STEPS: readonly [string, number][] = [
  ['--fhir-space-3', 0.75],
  ['--fhir-space-2', 0.5],
  ['--fhir-space-1', 0.25],
];

/** A value is used only when it is plain CSS of its kind: no functions that fetch, no custom properties. */
function acceptable(value: unknown, property: string): value is string {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  if (text === '' || text.length > 200) return false;
  if (/url\(|image\(|var\(|attr\(|env\(|[;{}<>\\]|\/\*/i.test(text)) return false;
  return CSS.supports(property, text);
}

/**
 * The --fhir-* token values a SMART style document asks for (invalid or unknown keys are ignored).
 * Pure apart from `CSS.supports`.
 */
export function smartStyleTokens(style: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!style || typeof style !== 'object' || Array.isArray(style)) return result;
  for (const [key, { tokens, property }] of Object.entries(STYLE_TOKENS)) {
    const value = (style as Record<string, unknown>)[key];
    if (!acceptable(value, property)) continue;
    for (const token of tokens) result[token] = value.trim();
    if (key === 'dim_spacing_size') {
      for (const [token, factor] of SPACING_STEPS) result[token] = `calc(${value.trim()} * ${factor})`;
    }
  }
  return result;
}

/**
 * True when the app may fetch the style document: http(s), and on the EHR's FHIR origin or the
 * app's own origin (a host's Content-Security-Policy `connect-src` decides the rest).
 */
export function styleUrlAllowed(styleUrl: string, fhirBaseUrl: string, pageOrigin = location.origin): boolean {
  let url: URL;
  try {
    url = new URL(styleUrl, fhirBaseUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  let fhirOrigin: string;
  try {
    fhirOrigin = new URL(fhirBaseUrl).origin;
  } catch {
    return false;
  }
  return url.origin === fhirOrigin || url.origin === pageOrigin;
}

/** Fetches and maps a SMART style document; resolves to no tokens when anything is wrong. */
export async function loadSmartStyle(styleUrl: string, fhirBaseUrl: string, signal?: AbortSignal): Promise<Record<string, string>> {
  if (!styleUrlAllowed(styleUrl, fhirBaseUrl)) return {};
  try {
    const timeout = AbortSignal.timeout(10_000);
    const response = await fetch(new URL(styleUrl, fhirBaseUrl), {
      // No token, no cookies, no referrer: the style is public decoration, not patient data.
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      headers: { Accept: 'application/json' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (!response.ok) return {};
    const text = await response.text();
    if (text.length > 64 * 1024) return {};
    return smartStyleTokens(JSON.parse(text));
  } catch {
    return {};
  }
}

const applied = new WeakMap<Document | ShadowRoot, CSSStyleSheet>();

/**
 * Sets tokens as the lowest-priority defaults of the tree `element` is in: a host's own tokens (on
 * any element, by any selector) win. Calling it again replaces the previous launch's style.
 */
export function applyStyleTokens(element: Element, values: Record<string, string>): void {
  const root = element.getRootNode();
  if (!(root instanceof Document || root instanceof ShadowRoot)) return;
  let sheet = applied.get(root);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    applied.set(root, sheet);
    root.adoptedStyleSheets = [sheet, ...root.adoptedStyleSheets];
  }
  sheet.replaceSync(root instanceof Document ? ':where(:root) {}' : ':where(:host) {}');
  const rule = sheet.cssRules[0] as CSSStyleRule;
  for (const [token, value] of Object.entries(values)) rule.style.setProperty(token, value);
}
