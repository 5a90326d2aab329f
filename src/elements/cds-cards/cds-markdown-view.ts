// The Markdown tree of cds-markdown.ts as Lit templates: one fixed template per known tag, text as
// text nodes, `href` only as the tree gives it (already checked), every link opening in a new tab
// without opener or referrer. No HTML string is parsed anywhere on the way.
import { html, nothing, type TemplateResult } from 'lit';
import type { MarkdownNode } from './cds-markdown.js';

type Rendered = TemplateResult | string | typeof nothing;

function children(nodes: readonly MarkdownNode[]): Rendered[] {
  return nodes.map((n) => markdownView(n));
}

export function markdownView(n: MarkdownNode): Rendered {
  if (typeof n === 'string') return n;
  const inner = children(n.children);
  switch (n.tag) {
    case 'p':
      return html`<p>${inner}</p>`;
    case 'strong':
      return html`<strong>${inner}</strong>`;
    case 'em':
      return html`<em>${inner}</em>`;
    case 'del':
      return html`<del>${inner}</del>`;
    case 'code':
      return html`<code>${inner}</code>`;
    case 'pre':
      return html`<pre>${inner}</pre>`;
    case 'br':
      return html`<br />`;
    case 'hr':
      return html`<hr />`;
    case 'a':
      return n.href ? html`<a href=${n.href} target="_blank" rel="noopener noreferrer">${inner}</a>` : html`${inner}`;
    case 'ul':
      return html`<ul>${inner}</ul>`;
    case 'ol':
      return html`<ol start=${n.start ?? 1}>${inner}</ol>`;
    case 'li':
      return html`<li>${inner}</li>`;
    case 'blockquote':
      return html`<blockquote>${inner}</blockquote>`;
    case 'table':
      return html`<table>${inner}</table>`;
    case 'thead':
      return html`<thead>${inner}</thead>`;
    case 'tbody':
      return html`<tbody>${inner}</tbody>`;
    case 'tr':
      return html`<tr>${inner}</tr>`;
    case 'th':
      return html`<th scope="col">${inner}</th>`;
    case 'td':
      return html`<td>${inner}</td>`;
    default:
      return nothing;
  }
}

/** A whole detail. */
export function markdownViews(nodes: readonly MarkdownNode[]): TemplateResult {
  return html`${children(nodes)}`;
}
