// Global design tokens (`--fhir-*`) with their defaults, shared by every widget. Hosts theme the
// kit by setting these on any ancestor; each element also offers its own `--fhir-<element>-*` hooks.
import { css } from 'lit';

export const tokens = css`
  :host {
    --_fg: var(--fhir-color-text, light-dark(#1d2330, #e7eaf0));
    --_muted: var(--fhir-color-muted, light-dark(#555f70, #a9b1bf));
    --_bg: var(--fhir-color-surface, light-dark(#ffffff, #161a22));
    --_subtle: var(--fhir-color-surface-subtle, light-dark(#f3f5f8, #212733));
    --_border: var(--fhir-color-border, light-dark(#c9ced8, #3a4252));
    --_accent: var(--fhir-color-accent, light-dark(#005eb8, #7fb3ff));
    --_abnormal: var(--fhir-color-abnormal, light-dark(#8a4b00, #ffb866));
    --_critical: var(--fhir-color-critical, light-dark(#b3001b, #ff7a8a));
    --_critical-bg: var(--fhir-color-critical-surface, light-dark(#fde8ea, #3d1419));
    --_ok: var(--fhir-color-ok, light-dark(#0b6b3a, #6fdc9f));
    --_error-bg: var(--fhir-color-error-surface, light-dark(#fff4e5, #3a2a12));
    --_radius: var(--fhir-radius, 6px);
    --_space-1: var(--fhir-space-1, 0.25rem);
    --_space-2: var(--fhir-space-2, 0.5rem);
    --_space-3: var(--fhir-space-3, 0.75rem);
    --_space-4: var(--fhir-space-4, 1rem);
    --_font: var(--fhir-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--fhir-font-size, 0.9375rem);
    --_focus: var(--fhir-color-focus, light-dark(#ffb81c, #ffd166));
    color-scheme: var(--fhir-color-scheme, light dark);
    display: block;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.4;
    color: var(--_fg);
    /* Inherited text styles of the host page stop here: a page's text-transform must not turn the
       tall-man "diphenhydrAMINE" into "DIPHENHYDRAMINE", nor letter-spacing or alignment alter
       how a drug name or a value reads. Themes use the --fhir-* tokens instead. */
    text-transform: none;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-indent: 0;
    font-variant: normal;
    font-style: normal;
    font-weight: normal;
    white-space: normal;
    text-shadow: none;
    font-stretch: normal;
    font-kerning: auto;
    hyphens: manual;
  }
  :host([hidden]) {
    display: none;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** The loading and error panels every widget shares. */
export const statusPanels = css`
  .status-panel {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
    padding: var(--_space-3);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg);
  }
  .status-panel[data-kind='error'] {
    border-inline-start: 6px solid var(--_critical);
    background: var(--_error-bg);
  }
  .status-panel .title {
    font-weight: 700;
  }
  .status-panel .detail {
    flex-basis: 100%;
    color: var(--_fg);
    overflow-wrap: anywhere;
  }
  .status-panel button {
    font: inherit;
    padding: var(--_space-1) var(--_space-3);
    border-radius: var(--_radius);
    border: 1px solid currentColor;
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
  }
  /* The Retry button of a widget's or a section's error. */
  .retry {
    font: inherit;
    padding: 0 var(--_space-2);
    border-radius: var(--_radius);
    border: 1px solid currentColor;
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
  }
  .spinner {
    inline-size: 1em;
    block-size: 1em;
    border-radius: 50%;
    border: 2px solid var(--_border);
    border-block-start-color: var(--_accent);
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  .notice {
    color: var(--_muted);
    font-size: 0.875em;
    margin: var(--_space-1) 0 0;
  }
`;
