import { css } from 'lit';

export const resultsStyles = css`
  :host {
    --_rs-bg: var(--fhir-results-background, var(--_bg));
    --_rs-critical: var(--fhir-results-critical-color, var(--_critical));
    --_rs-abnormal: var(--fhir-results-abnormal-color, var(--_abnormal));
    --_rs-revised: var(--fhir-results-revised-color, var(--_accent));
    --_rs-height: var(--fhir-results-flowsheet-height, 28rem);
  }
  .base {
    display: grid;
    gap: var(--_space-3);
    background: var(--_rs-bg);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-3);
  }
  .toolbar button,
  .pager button,
  [part~='text-toggle'] {
    font: inherit;
    padding: var(--_space-1) var(--_space-2);
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: inherit;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .toolbar button[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_bg);
  }
  .status {
    font-size: 0.8125em;
    padding: 0 var(--_space-2);
    border: 1px dashed currentColor;
    border-radius: 999px;
    white-space: nowrap;
  }
  .status[data-kind='revised'] {
    border-style: solid;
    font-weight: 700;
    color: var(--_rs-revised);
  }
  .status[data-kind='cancelled'] {
    color: var(--_muted);
  }
  a {
    color: var(--_accent);
  }
  .warning {
    margin: 0;
    padding: var(--_space-2) var(--_space-3);
    background: var(--_error-bg);
    border-radius: var(--_radius);
  }
  .notices {
    margin: 0;
    padding-inline-start: var(--_space-4);
    color: var(--_muted);
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .empty {
    margin: 0;
    color: var(--_muted);
  }
`;
