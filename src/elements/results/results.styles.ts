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
  .group-label {
    font-size: 1em;
    margin: 0 0 var(--_space-2);
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  .report {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-2) var(--_space-3);
    display: grid;
    gap: var(--_space-1);
    /* A report off screen is not laid out or painted until it comes near; it stays in the DOM (find
       in page, Tab order and screen-reader counts see every report). Its size until then: the last
       size it had, else about a closed report's. */
    content-visibility: auto;
    contain-intrinsic-block-size: auto 4.5em;
  }
  @media print {
    .report {
      content-visibility: visible;
    }
  }
  .report[data-status-kind='revised'] {
    border-inline-start: 6px solid var(--_rs-revised);
  }
  .report[data-status-kind='cancelled'] .report-toggle {
    text-decoration: line-through;
  }
  .report-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-2);
  }
  .report-toggle {
    font: inherit;
    font-weight: 700;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    text-align: start;
    cursor: pointer;
  }
  .chevron {
    display: inline-block;
    margin-inline-end: var(--_space-1);
    transition: transform 0.15s;
  }
  [aria-expanded='true'] > .chevron {
    transform: rotate(90deg);
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
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-3);
    color: var(--_muted);
    font-size: 0.875em;
  }
  .conclusion {
    margin: 0;
  }
  .study {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-3);
    padding: var(--_space-1) 0;
  }
  .study-name {
    font-weight: 700;
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
