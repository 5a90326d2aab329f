// The styles of the summary's "Identity differs in …" warning. Only a summary with several sources whose
// Patients differ shows it (drawn by the several-sources rules, src/elements/base/several-sources.ts),
// so they are a module of their own, adopted in the summary's load (before `ready`) when it has one.
import { css } from 'lit';

const identityMismatchStyles = css`
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
`;

/** Adds the warning's styles to the summary's shadow root (after its own; once per root). */
export function adoptIdentityMismatchStyles(root: Node): void {
  const sheet = identityMismatchStyles.styleSheet;
  if (sheet && root instanceof ShadowRoot && !root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}
