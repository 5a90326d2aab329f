// Server text past the length a clinician reads at a glance, shown clamped with "Show all".
// The full text waits inside a closed <details>, which is not laid out: a 1 MB note or a
// 50,000-character word costs nothing until opened. Stateless (no element, no listener); styles in
// src/styles/long-text.ts. Text only: never markup.
import { html, type TemplateResult } from 'lit';

/** Characters shown before "Show all". */
export const CLAMP_LENGTH = 400;

/** Words at least this long are laid out as "break anywhere" runs. */
const LONG_WORD = 80;

/**
 * `value` with every very long word in a `<span class="long-word">` (`word-break: break-all`):
 * Chromium lays out a 50,000-character word under `overflow-wrap: anywhere` in seconds (it measures
 * each emergency break), but as a break-all run in milliseconds. Text stays text.
 */
export function breakableText(value: string): string | TemplateResult {
  const long = new RegExp(`\\S{${LONG_WORD},}`, 'g');
  if (!long.test(value)) return value;
  long.lastIndex = 0;
  const parts: (string | HTMLElement)[] = [];
  let last = 0;
  for (const match of value.matchAll(long)) {
    parts.push(value.slice(last, match.index));
    // Chunks joined by <wbr>: break opportunities the line breaker finds at once.
    const word = match[0];
    const chunks: string[] = [];
    for (let i = 0; i < word.length; i += LONG_WORD) chunks.push(word.slice(i, i + LONG_WORD));
    parts.push(chunkedWord(chunks));
    last = match.index + match[0].length;
  }
  parts.push(value.slice(last));
  return html`${parts}`;
}

/** One text node per chunk with a <wbr> between (built directly: thousands of Lit parts would be slow). */
function chunkedWord(chunks: string[]): HTMLElement {
  const span = document.createElement('span');
  span.className = 'long-word';
  chunks.forEach((chunk, index) => {
    if (index > 0) span.append(document.createElement('wbr'));
    span.append(chunk);
  });
  return span;
}

/** Characters per block of a revealed very long text (each laid out only when scrolled near). */
const BLOCK = 8_000;

/** Splits a very long text into blocks, at a line end (else a space) near every ${BLOCK} characters. */
function blocksOf(value: string): string[] {
  if (value.length <= BLOCK) return [value];
  const blocks: string[] = [];
  let start = 0;
  while (start < value.length) {
    let end = Math.min(value.length, start + BLOCK);
    if (end < value.length) {
      const window = value.slice(start + BLOCK / 2, end);
      const at = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
      if (at >= 0) end = start + BLOCK / 2 + at + 1;
    }
    blocks.push(value.slice(start, end));
    start = end;
  }
  return blocks;
}

/** `value` as text: as is when short, else its start, "…" and a "Show all" toggle revealing the rest. */
export function clampedText(value: string, showAll: string, length = CLAMP_LENGTH): string | TemplateResult {
  if (value.length <= length) return breakableText(value);
  // Never split a surrogate pair (an emoji, a rare CJK character) at the cut.
  let cut = length;
  const code = value.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return html`<span class="clamped"
    ><span class="clamped-start">${value.slice(0, cut)}… </span
    ><details class="clamped-more"><summary>${showAll}</summary><span class="clamped-full">${blocksOf(value).map((block) => html`<span class="text-block">${breakableText(block)}</span>`)}</span></details></span
  >`;
}
