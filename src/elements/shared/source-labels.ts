// Several sources (issue 14): the compact label beside a row, allergen, problem or result naming
// the sources it came from ("Riverside EMR · Regional HIE"), with "From Riverside EMR and Regional
// HIE" for assistive technology. Shown only when the widget read more than one source.
import { css } from 'lit';
import type { CommonMessages } from '../../i18n/messages.js';
import { sourceMergeRules } from '../base/fhir-widget.js';

/**
 * A row's sources: the compact labels, and "From A and B" for assistive technology. Only a widget
 * that read several sources shows them (`multiSource`), so the template is the several-sources
 * module's (src/elements/base/several-sources.ts), loaded by that load before anything is shown.
 */
export function renderSources(sources: readonly string[], common: CommonMessages, list: (items: string[]) => string): unknown {
  return sourceMergeRules().renderSources(sources, common, list);
}

export const sourceLabelStyles = css`
  .source-label {
    margin-inline-start: var(--_space-1, 0.25rem);
    padding: 0 0.3em;
    border: 1px solid currentColor;
    border-radius: 0.3em;
    font-size: 0.8em;
    font-weight: normal;
    white-space: nowrap;
  }
`;
