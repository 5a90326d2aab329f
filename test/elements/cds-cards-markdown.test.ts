// Card detail Markdown: GitHub-flavoured structure comes through as elements; raw HTML, images and
// unsafe links do not.
import { expect, fixture, html } from '@open-wc/testing';
import { markdownTree } from '../../src/elements/cds-cards/cds-markdown.js';
import { markdownViews } from '../../src/elements/cds-cards/cds-markdown-view.js';
import { plainParagraphs } from '../../src/elements/cds-cards/cds-plain-text.js';
import type { MarkdownNode } from '../../src/elements/cds-cards/cds-markdown.js';
import { safeHttpUrl } from '../../src/model/cds-cards.js';

async function rendered(source: string): Promise<HTMLElement> {
  return fixture<HTMLElement>(html`<div>${markdownViews(markdownTree(source, (url) => safeHttpUrl(url)))}</div>`);
}

describe('CDS card Markdown', () => {
  it('renders GFM structure: emphasis, lists, task items, tables, code, quotes, links', async () => {
    const el = await rendered(
      [
        '# Title',
        '',
        'Some **bold**, *em*, ~~gone~~ and `code` with a [guide](https://example.org/g).',
        '',
        '1. one',
        '2. two',
        '',
        '- [x] done',
        '- [ ] open',
        '',
        '| drug | dose |',
        '|---|---|',
        '| warfarin | 5 mg |',
        '',
        '```',
        'if (a < b) {}',
        '```',
        '',
        '> quoted',
      ].join('\n'),
    );
    expect(el.querySelector('p strong')?.textContent).to.equal('Title');
    expect([...el.querySelectorAll('strong, em, del, code')].map((e) => `${e.localName}:${e.textContent}`)).to.include.members([
      'strong:bold',
      'em:em',
      'del:gone',
      'code:code',
    ]);
    expect([...el.querySelectorAll('ol > li')].map((li) => li.textContent)).to.deep.equal(['one', 'two']);
    expect([...el.querySelectorAll('ul > li')].map((li) => li.textContent)).to.deep.equal(['☑ done', '☐ open']);
    expect([...el.querySelectorAll('th')].map((th) => th.textContent)).to.deep.equal(['drug', 'dose']);
    expect(el.querySelector('td')?.textContent).to.equal('warfarin');
    expect(el.querySelector('pre code')?.textContent).to.equal('if (a < b) {}');
    expect(el.querySelector('blockquote p')?.textContent).to.equal('quoted');
    const link = el.querySelector('a')!;
    expect([link.href, link.target, link.rel]).to.deep.equal(['https://example.org/g', '_blank', 'noopener noreferrer']);
  });

  it('keeps raw HTML as text, drops images to their alt text and unsafe links to their words', async () => {
    const el = await rendered(
      '<b onclick="x()">tag</b> ![pixel](https://tracker.example/p.gif) [run](javascript:alert(1)) [data](data:text/html,x) <https://ok.example/a>\n\n<div style="display:none">block</div>',
    );
    expect(el.querySelectorAll('b, div div, img, script, [style], [onclick]').length).to.equal(0);
    expect(el.textContent).to.include('<b onclick="x()">tag</b>');
    expect(el.textContent).to.include('<div style="display:none">block</div>');
    expect(el.textContent).to.include('pixel');
    expect([...el.querySelectorAll('a')].map((a) => a.href)).to.deep.equal(['https://ok.example/a']);
  });

  describe('a detail without Markdown syntax (rendered without the parser)', () => {
    /** The tree with neighbouring text joined (the parser may split one text into several). */
    const joined = (nodes: readonly MarkdownNode[]): unknown[] =>
      nodes.reduce<unknown[]>((out, n) => {
        if (typeof n !== 'string') out.push({ ...n, children: joined(n.children) });
        else if (typeof out.at(-1) === 'string') out[out.length - 1] = `${out.at(-1) as string}${n}`;
        else out.push(n);
        return out;
      }, []);
    const asTree = (paragraphs: string[]) => paragraphs.map((text) => ({ tag: 'p', children: [text] }));
    /** Seeded, so a failure names a string that fails again. */
    function strings(pieces: readonly string[], count: number, seed: number): string[] {
      let state = seed;
      const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
      return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 14) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
    }
    // Words, digits, spaces, line and paragraph breaks, and punctuation that sits near syntax.
    const SAFE = ['a', 'Zo', 'é', '1', '23', '9.', '1)', ' ', '  ', '\n', '\n\n', '\n\n\n', '.', ')', '(', '-', '+', '=', ':', '/', 'w', 'ww', '–', '%', "'", '"', '≥', 'http', 'mg/dL', 'نص', '日本'];
    // The same with Markdown's own characters, block starts, autolinks and odd whitespace.
    const ANY = [...SAFE, 'www.', '://', '@', '*', '_', '#', '&', '|', '<', '>', '~', '`', '[', ']', '!', '\t', '1. ', '- ', '---', '===', '\u00a0', '\r', '\\', '&amp;'];

    for (const [name, pieces, seed] of [['plain-looking', SAFE, 7], ['any', ANY, 11]] as const) {
      it(`equals the parser's paragraphs wherever it is taken (${name} strings)`, () => {
        let taken = 0;
        for (const source of strings(pieces, 4000, seed)) {
          const plain = plainParagraphs(source);
          if (!plain) continue;
          taken += 1;
          expect(asTree(plain), JSON.stringify(source)).to.deep.equal(joined(markdownTree(source, (url) => safeHttpUrl(url))));
        }
        // The check is not empty: a good share of the strings took the fast path.
        expect(taken).to.be.greaterThan(name === 'any' ? 100 : 2000);
      });
    }

    it('is taken for ordinary sentences and refused wherever Markdown could be', () => {
      expect(plainParagraphs('No HbA1c is recorded. Guidelines advise HbA1c every 3–6 months in diabetes.')).to.deep.equal([
        'No HbA1c is recorded. Guidelines advise HbA1c every 3–6 months in diabetes.',
      ]);
      expect(plainParagraphs('eGFR 24 mL/min/1.73m² (2024-01-02).\n\nAvoid NSAIDs: risk ≥ benefit.\n')).to.deep.equal([
        'eGFR 24 mL/min/1.73m² (2024-01-02).',
        'Avoid NSAIDs: risk ≥ benefit.',
      ]);
      for (const source of ['**bold**', 'a_b', '1. one', '- item', 'see www.example.org', 'https://example.org', 'a@b.org', 'x <b>', 'AT&amp;T', 'Title\n===', '    code', 'line  \nbreak', '| a |'])
        expect(plainParagraphs(source), source).to.equal(undefined);
    });
  });
});
