// A card's `detail` (GitHub-flavoured Markdown) as Lit templates. `marked` only tokenises; every
// token becomes a template here, so no HTML string is ever parsed: raw HTML in the Markdown is
// shown as the text it is, images as their alt text (no tracker can load), and links only when
// they are http(s), opening in a new tab without opener or referrer. Loaded lazily: only a page
// with a card that has a detail pays for it.
import { html, nothing, type TemplateResult } from 'lit';
import { Lexer, type Token, type Tokens } from 'marked';
import { safeHttpUrl } from '../../model/cds-cards.js';

type Part = TemplateResult | string | typeof nothing;

function inline(tokens: readonly Token[] | undefined): Part[] {
  return (tokens ?? []).map((token) => inlineToken(token));
}

function inlineToken(token: Token): Part {
  switch (token.type) {
    case 'strong':
      return html`<strong>${inline(token.tokens)}</strong>`;
    case 'em':
      return html`<em>${inline(token.tokens)}</em>`;
    case 'del':
      return html`<del>${inline(token.tokens)}</del>`;
    case 'codespan':
      return html`<code>${token.text}</code>`;
    case 'br':
      return html`<br />`;
    case 'link': {
      const link = token as Tokens.Link;
      const href = safeHttpUrl(link.href);
      const label = inline(link.tokens);
      return href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${label}</a>` : html`${label}`;
    }
    case 'image':
      // No image from a service's Markdown is loaded (it could be a tracker): its alt text stands in.
      return (token as Tokens.Image).text;
    case 'text':
      return 'tokens' in token && token.tokens ? html`${inline(token.tokens)}` : token.text;
    case 'escape':
    case 'html':
    default:
      // Raw HTML is text: shown as written, never parsed.
      return 'text' in token && typeof token.text === 'string' ? token.text : token.raw;
  }
}

function block(token: Token): Part {
  switch (token.type) {
    case 'space':
    case 'def':
      return nothing;
    case 'paragraph':
      return html`<p>${inline(token.tokens)}</p>`;
    case 'heading':
      return html`<p class="md-heading"><strong>${inline(token.tokens)}</strong></p>`;
    case 'text':
      return html`<p>${'tokens' in token && token.tokens ? inline(token.tokens) : token.text}</p>`;
    case 'code':
      return html`<pre><code>${token.text}</code></pre>`;
    case 'blockquote':
      return html`<blockquote>${blocks(token.tokens)}</blockquote>`;
    case 'hr':
      return html`<hr />`;
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map(
        (item) => html`<li>${item.task ? `${item.checked ? '☑' : '☐'} ` : ''}${item.tokens.map((t) => (t.type === 'text' ? inlineToken(t) : block(t)))}</li>`,
      );
      return list.ordered ? html`<ol start=${typeof list.start === 'number' ? list.start : 1}>${items}</ol>` : html`<ul>${items}</ul>`;
    }
    case 'table': {
      const table = token as Tokens.Table;
      return html`<table>
        <thead>
          <tr>${table.header.map((cell) => html`<th scope="col">${inline(cell.tokens)}</th>`)}</tr>
        </thead>
        <tbody>
          ${table.rows.map((row) => html`<tr>${row.map((cell) => html`<td>${inline(cell.tokens)}</td>`)}</tr>`)}
        </tbody>
      </table>`;
    }
    case 'html':
    default:
      return html`<p>${'text' in token && typeof token.text === 'string' ? token.text : token.raw}</p>`;
  }
}

function blocks(tokens: readonly Token[] | undefined): Part[] {
  return (tokens ?? []).map((token) => block(token));
}

/** The Markdown as inert Lit templates. */
export function markdownTemplate(source: string): TemplateResult {
  const tokens = new Lexer({ gfm: true, breaks: false }).lex(source);
  return html`${blocks(tokens)}`;
}
