// Server text of any length or shape is laid out safely: any string may break anywhere (a 50,000-
// character "word" wraps instead of widening the page), and clamped text (src/elements/shared/
// clamped-text.ts) keeps its full version out of layout until asked for.
import { css } from 'lit';

export const longText = css`
  :host {
    overflow-wrap: anywhere;
  }
  .clamped-more {
    display: inline;
  }
  .clamped-more > summary {
    display: inline;
    cursor: pointer;
    color: var(--fhir-color-link, LinkText);
    text-decoration: underline;
    list-style: none;
  }
  .clamped-more > summary::-webkit-details-marker {
    display: none;
  }
  .clamped-more[open] > summary {
    display: none;
  }
  .clamped:has(> .clamped-more[open]) > .clamped-start {
    display: none;
  }
  .clamped-full {
    white-space: pre-wrap;
  }
  /* A block of a very long revealed text: laid out only near the viewport. */
  .clamped-full > .text-block {
    display: block;
    content-visibility: auto;
    contain-intrinsic-size: auto 12em;
  }

`;
