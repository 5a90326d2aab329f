// A card detail with no Markdown syntax at all needs no parser: its paragraphs are its text between
// blank lines, exactly as `marked` reads it (test/elements/cds-cards-markdown.test.ts proves the two
// equal over generated strings). Only characters and line starts that GFM never reads as syntax
// pass; anything else (or any doubt: a space at a line's edge, `www.`, `://`) goes to the parser.

/** Letters, marks, digits, spaces, newlines and punctuation that no Markdown rule starts with. */
const PLAIN_CHARS = /^[\p{L}\p{M}\p{N} \n.,;:?'"()%/=+\-–—‘’“”°²³µ·×±≤≥]*$/u;
/** A line start or end that could be a block (list, heading underline, code) or a hard break. */
const BLOCK_EDGE = /^(?:[ +=-]|\d+[.)])|[ ]$/m;
const AUTOLINK = /www\.|:\/\//i;

/** The paragraphs of a detail without Markdown syntax, or undefined when it may have some. */
export function plainParagraphs(detail: string): string[] | undefined {
  if (!PLAIN_CHARS.test(detail) || BLOCK_EDGE.test(detail) || AUTOLINK.test(detail)) return undefined;
  return detail
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter(Boolean);
}
