// The medication list's "Past medications (n)" group: drawn only with `status="all"` and past orders,
// so its own module, loaded by the list's load (before `ready`) when the model has past rows. The
// rows themselves are drawn by the list (the same row as the current group's).
import { css, html, type TemplateResult } from 'lit';
import { addStyles } from '../shared/lazy-styles.js';

export interface PastGroupView {
  /** "Past medications (3)" */
  label: string;
  open: boolean;
  /** `aria-busy` of the list while long lists are still filling in. */
  busy: 'true' | 'false';
  rows: TemplateResult[];
  onToggle: () => void;
}

export function renderPastGroup(view: PastGroupView): TemplateResult {
  return html`<section class="group" part="group past" aria-labelledby="past-toggle">
    <button
      type="button"
      id="past-toggle"
      class="past-toggle"
      part="past-toggle"
      aria-expanded=${view.open ? 'true' : 'false'}
      aria-controls="past-list"
      @click=${view.onToggle}
    >
      <span class="chevron" aria-hidden="true">▸</span>${view.label}
    </button>
    <ul class="list" part="list" id="past-list" aria-labelledby="past-toggle" aria-busy=${view.busy} ?hidden=${!view.open}>
      ${view.rows}
    </ul>
  </section>`;
}

const pastGroupStyles = css`
  .list[hidden] {
    display: none;
  }
  .row[data-group='past'] {
    color: var(--_ml-past);
  }
  .past-toggle {
    font: inherit;
    font-weight: 700;
    margin: 0;
    justify-self: start;
    display: inline-flex;
    gap: var(--_space-2);
    align-items: center;
    padding: var(--_space-1) var(--_space-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
  }
  .chevron {
    display: inline-block;
    transition: transform 0.15s;
  }
  .past-toggle[aria-expanded='true'] .chevron {
    transform: rotate(90deg);
  }
  @media (prefers-reduced-motion: reduce) {
    .chevron {
      transition: none;
    }
  }
`;

/** Adds the group's styles to the list's shadow root (after its own; once per root). */
export function adoptPastGroupStyles(root: Node): void {
  if (root instanceof ShadowRoot) addStyles(root, pastGroupStyles);
}
