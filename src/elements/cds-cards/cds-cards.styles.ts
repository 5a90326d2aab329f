import { css } from 'lit';

export const cdsCardsStyles = css`
  :host {
    --_cds-critical: var(--fhir-cds-cards-critical-color, var(--_critical));
    --_cds-critical-bg: var(--fhir-cds-cards-critical-background, var(--_critical-bg));
    --_cds-warning: var(--fhir-cds-cards-warning-color, var(--_abnormal));
    --_cds-info: var(--fhir-cds-cards-info-color, var(--_accent));
    --_cds-bg: var(--fhir-cds-cards-background, var(--_bg));
    --_cds-icon-size: 20px;
  }
  .base {
    display: grid;
    gap: var(--_space-2);
  }
  .cards {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  .card {
    display: grid;
    gap: var(--_space-1);
    min-inline-size: 0;
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_border);
    border-inline-start: 6px solid var(--_cds-edge);
    border-radius: var(--_radius);
    background: var(--_cds-bg);
    overflow-wrap: anywhere;
    --_cds-edge: var(--_cds-info);
  }
  .card[data-indicator='warning'] {
    --_cds-edge: var(--_cds-warning);
  }
  .card[data-indicator='critical'] {
    --_cds-edge: var(--_cds-critical);
    background: var(--_cds-critical-bg);
  }
  .head {
    display: flex;
    align-items: baseline;
    gap: var(--_space-2);
    flex-wrap: wrap;
  }
  .indicator {
    font-weight: 700;
    white-space: nowrap;
    color: var(--_cds-edge);
  }
  .summary {
    margin: 0;
    font-weight: 600;
    flex: 1 1 12rem;
    min-inline-size: 0;
  }
  .detail {
    min-inline-size: 0;
  }
  .detail > :first-child {
    margin-block-start: 0;
  }
  .detail > :last-child {
    margin-block-end: 0;
  }
  .detail p,
  .detail ul,
  .detail ol,
  .detail pre,
  .detail blockquote,
  .detail table {
    margin-block: var(--_space-1);
  }
  .detail pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .detail table {
    border-collapse: collapse;
  }
  .detail th,
  .detail td {
    border: 1px solid var(--_border);
    padding: 0 var(--_space-1);
    text-align: start;
  }
  .detail-text {
    white-space: pre-wrap;
  }
  a {
    color: var(--_accent);
  }
  .source {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
    display: flex;
    align-items: center;
    gap: var(--_space-1);
    flex-wrap: wrap;
  }
  .source img {
    inline-size: var(--_cds-icon-size);
    block-size: var(--_cds-icon-size);
    object-fit: contain;
  }
  .suggestions,
  .links {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .suggestion {
    display: grid;
    gap: var(--_space-1);
  }
  .actions {
    margin: 0;
    padding-inline-start: var(--_space-4);
    font-size: 0.875em;
    color: var(--_muted);
  }
  button {
    font: inherit;
    padding: var(--_space-1) var(--_space-3);
    border-radius: var(--_radius);
    border: 1px solid currentColor;
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
    justify-self: start;
  }
  button[data-recommended] {
    border-width: 2px;
    font-weight: 600;
  }
  button:disabled {
    cursor: default;
    opacity: 0.7;
  }
  .link-button {
    border-style: dashed;
  }
  .footer {
    display: flex;
    gap: var(--_space-2);
    flex-wrap: wrap;
    align-items: center;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
    display: grid;
    gap: var(--_space-1);
  }
  .unavailable {
    margin: 0;
    padding: var(--_space-2) var(--_space-3);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    border-inline-start: 6px solid var(--_critical);
    background: var(--_error-bg);
    font-weight: 600;
  }
  .empty {
    margin: 0;
    color: var(--_muted);
  }
`;
