import { css } from 'lit';
import { plainButton } from '../../styles/plain-button.js';

export const medicationListStyles = css`
  :host {
    --_ml-bg: var(--fhir-medication-list-background, var(--_bg));
    --_ml-row-border: var(--fhir-medication-list-row-border, var(--_border));
    --_ml-conflict: var(--fhir-medication-list-conflict-color, var(--_critical));
    --_ml-conflict-bg: var(--fhir-medication-list-conflict-background, var(--_critical-bg));
    --_ml-past: var(--fhir-medication-list-past-color, var(--_muted));
  }
  .base {
    display: grid;
    gap: var(--_space-3);
    background: var(--_ml-bg);
  }
  .group-label {
    font-weight: 700;
    margin: 0;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  .row {
    position: relative;
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_ml-row-border);
    border-radius: var(--_radius);
    display: grid;
    gap: var(--_space-1);
    /* A row off screen is not laid out or painted until it comes near (it stays in the DOM: find
       in page, Tab order and screen-reader counts see every row). Its size until then: the last
       size it had, else about a three-line row. */
    content-visibility: auto;
    contain-intrinsic-block-size: auto 5.5em;
  }
  @media print {
    .row {
      content-visibility: visible;
    }
  }
  .row:hover {
    background: var(--_subtle);
  }
  .row[data-conflict] {
    border-inline-start: 6px solid var(--_ml-conflict);
  }
  .line {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-1) var(--_space-2);
  }
  .name {
    ${plainButton}
    font-weight: 700;
  }
  /* The whole row selects: the name button's hit area covers it. */
  .name::after {
    content: '';
    position: absolute;
    inset: 0;
  }
  .status {
    margin-inline-start: auto;
    font-size: 0.8125em;
    padding: 0 var(--_space-2);
    border: 1px solid currentColor;
    border-radius: 999px;
    white-space: nowrap;
  }
  .status[data-status='active'] {
    color: var(--_ok);
  }
  .status[data-marked] {
    border-style: dashed;
  }
  .dosage {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .structured {
    display: block;
  }
  .structured,
  .meta,
  .reference-only {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space-3);
  }
  .conflict {
    margin: 0;
    padding: var(--_space-1) var(--_space-2);
    border-radius: var(--_radius);
    color: var(--_ml-conflict);
    background: var(--_ml-conflict-bg);
    font-weight: 700;
  }
  .warning {
    margin: 0;
    padding: var(--_space-2) var(--_space-3);
    border-inline-start: 6px solid var(--_abnormal);
    background: var(--_error-bg);
    border-radius: var(--_radius);
  }
  .notices {
    margin: 0;
    padding: 0;
    list-style: none;
  }
`;
