// A card's `detail` (GitHub-flavoured Markdown) as a small tree of known nodes. `marked` only
// tokenises; every token becomes one of a fixed set of nodes here (rendered by
// cds-markdown-view.ts as Lit templates), so no HTML string is ever parsed: raw HTML in the
// Markdown stays the text it is, images become their alt text (no tracker can load), and links
// keep only the URLs `linkUrl` allows. Loaded lazily, and without Lit, so only a page with a card
// that has a detail pays for it and the lazy chunk shares no code with the main bundle. A detail with
// no Markdown syntax at all never gets here (cds-plain-text.ts).
//
// Why `marked` (weighed in issue 15, min+gzip of a lexer-only bundle): marked 15.3 kB (its Lexer
// alone is no smaller: the package is one module); micromark events + GFM 17.2, mdast-util-from-
// markdown + GFM 23.7, @lezer/markdown + GFM 20.2, markdown-to-jsx's parser 26.1, markdown-it 41.7,
// commonmark 48.5 (no GFM). simple-markdown (5.6) is not GFM (no task lists, `__x__` as underline,
// lists of both kinds merged) and @khanacademy/simple-markdown wants React 18 as a peer; snarkdown
// (1.0) gives an HTML string, passes raw HTML through, and has no tables.
import { Lexer, type Token, type Tokens } from 'marked';

/** The only elements a detail becomes (one fixed template each in cds-markdown-view.ts). */
export type MarkdownTag =
  | 'p' | 'strong' | 'em' | 'del' | 'code' | 'pre' | 'br' | 'hr' | 'a' | 'ul' | 'ol' | 'li' | 'blockquote'
  | 'table' | 'thead' | 'tbody' | 'tr' | 'th' | 'td';

export type MarkdownNode = string | { tag: MarkdownTag; children: MarkdownNode[]; href?: string; start?: number };

type UrlCheck = (url: string) => string | undefined;

const node = (tag: MarkdownTag, children: MarkdownNode[] = [], extra: { href?: string; start?: number } = {}): MarkdownNode => ({
  tag,
  children,
  ...extra,
});

/** Raw text of a token that is not rendered as structure (raw HTML, escapes, unknown kinds). */
const rawText = (token: Token): string => ('text' in token && typeof token.text === 'string' ? token.text : token.raw);

function inline(tokens: readonly Token[] | undefined, linkUrl: UrlCheck): MarkdownNode[] {
  return (tokens ?? []).flatMap((token): MarkdownNode[] => {
    switch (token.type) {
      case 'strong':
      case 'em':
      case 'del':
        return [node(token.type, inline(token.tokens, linkUrl))];
      case 'codespan':
        return [node('code', [token.text])];
      case 'br':
        return [node('br')];
      case 'link': {
        const link = token as Tokens.Link;
        const href = linkUrl(link.href);
        const children = inline(link.tokens, linkUrl);
        // A link to a URL that is not allowed keeps its words and loses its target.
        return href ? [node('a', children, { href })] : children;
      }
      case 'image':
        return [(token as Tokens.Image).text];
      case 'checkbox':
        return []; // a task item's box: the item shows ☑ / ☐ itself
      case 'text':
        return 'tokens' in token && token.tokens ? inline(token.tokens, linkUrl) : [token.text];
      default:
        return [rawText(token)];
    }
  });
}

function block(token: Token, linkUrl: UrlCheck): MarkdownNode[] {
  switch (token.type) {
    case 'space':
    case 'def':
    case 'checkbox':
      return [];
    case 'paragraph':
      return [node('p', inline(token.tokens, linkUrl))];
    case 'heading':
      return [node('p', [node('strong', inline(token.tokens, linkUrl))])];
    case 'text':
      return [node('p', 'tokens' in token && token.tokens ? inline(token.tokens, linkUrl) : [token.text])];
    case 'code':
      return [node('pre', [node('code', [token.text])])];
    case 'blockquote':
      return [node('blockquote', blocks(token.tokens, linkUrl))];
    case 'hr':
      return [node('hr')];
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item) =>
        node('li', [
          ...(item.task ? [item.checked ? '☑ ' : '☐ '] : []),
          ...item.tokens.flatMap((t) => (t.type === 'text' ? inline([t], linkUrl) : block(t, linkUrl))),
        ]),
      );
      return [list.ordered ? node('ol', items, { start: typeof list.start === 'number' ? list.start : 1 }) : node('ul', items)];
    }
    case 'table': {
      const table = token as Tokens.Table;
      return [
        node('table', [
          node('thead', [node('tr', table.header.map((cell) => node('th', inline(cell.tokens, linkUrl))))]),
          node('tbody', table.rows.map((row) => node('tr', row.map((cell) => node('td', inline(cell.tokens, linkUrl)))))),
        ]),
      ];
    }
    default:
      return [node('p', [rawText(token)])];
  }
}

function blocks(tokens: readonly Token[] | undefined, linkUrl: UrlCheck): MarkdownNode[] {
  return (tokens ?? []).flatMap((token) => block(token, linkUrl));
}

/** The Markdown as a tree of known nodes; links only where `linkUrl` allows them. */
export function markdownTree(source: string, linkUrl: UrlCheck): MarkdownNode[] {
  return blocks(new Lexer({ gfm: true, breaks: false }).lex(source), linkUrl);
}
