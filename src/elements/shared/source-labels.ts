// Several sources (issue 14): the compact label beside a row, allergen, problem or result naming
// the sources it came from ("Riverside EMR · Regional HIE"), with "From Riverside EMR and Regional
// HIE" for assistive technology. Shown only when the widget read more than one source.
import { css, html, nothing } from 'lit';
import type { CommonMessages } from '../../i18n/messages.js';

/** A row's sources: the compact labels, and "From A and B" for assistive technology. */
export function renderSources(sources: readonly string[], common: CommonMessages, list: (items: string[]) => string): unknown {
  if (!sources.length) return nothing;
  const full = common.fromSources(list([...sources]));
  return html` <span part="source" class="source-label" title=${full}
    ><span aria-hidden="true">${sources.join(' · ')}</span><span class="visually-hidden">${full}</span></span
  >`;
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
