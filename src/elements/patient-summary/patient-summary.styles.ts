import { css } from 'lit';

export const patientSummaryStyles = css`
  :host {
    --_ps-bg: var(--fhir-patient-summary-background, var(--_bg));
    --_ps-banner-bg: var(--fhir-patient-summary-banner-background, var(--_subtle));
    --_ps-deceased: var(--fhir-patient-summary-deceased-color, var(--_fg));
    --_ps-deceased-bg: var(--fhir-patient-summary-deceased-background, var(--_subtle));
    --_ps-gap: var(--fhir-patient-summary-gap, var(--_space-3));
  }
  .summary {
    display: grid;
    gap: var(--_ps-gap);
    padding: var(--_ps-gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_ps-bg);
  }
  .identity-mismatch {
    margin-block-end: var(--_space-2);
    padding: var(--_space-2) var(--_space-3);
    border: 2px solid var(--_critical);
    border-inline-start-width: 6px;
    border-radius: var(--_radius);
    background: var(--_critical-bg);
    color: var(--_fg);
  }
  .identity-mismatch p {
    margin: 0;
  }
  .identity {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-1) var(--_space-4);
    padding: var(--_space-2) var(--_space-3);
    border-radius: var(--_radius);
    background: var(--_ps-banner-bg);
  }
  .name {
    font-size: 1.25em;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-4);
    margin: 0;
  }
  .fact {
    display: flex;
    gap: 0.35em;
  }
  .fact dt {
    color: var(--_muted);
  }
  .fact dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .deceased {
    flex-basis: 100%;
    margin: 0;
    padding: var(--_space-1) var(--_space-2);
    border: 2px solid var(--_ps-deceased);
    border-radius: var(--_radius);
    color: var(--_ps-deceased);
    background: var(--_ps-deceased-bg);
    font-weight: 700;
  }
  .sections {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
    gap: var(--_ps-gap);
  }
  .section {
    min-inline-size: 0;
  }
  .section-title {
    font-size: 1em;
    margin: 0 0 var(--_space-1);
    padding-block-end: var(--_space-1);
    border-block-end: 1px solid var(--_border);
  }
  .items {
    margin: 0;
    padding-inline-start: var(--_space-4);
  }
  .items li {
    overflow-wrap: anywhere;
  }
  .vitals {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.125rem var(--_space-3);
    margin: 0;
  }
  .vitals dt {
    color: var(--_muted);
  }
  .vitals dd {
    margin: 0;
  }
  .value {
    font-weight: 600;
  }
  .section-error {
    padding: var(--_space-1) var(--_space-2);
    border-inline-start: 4px solid var(--_critical);
    background: var(--_error-bg);
  }
  .section-error .status {
    margin-inline-end: var(--_space-2);
  }
`;
