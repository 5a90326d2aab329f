// Card detail Markdown: GitHub-flavoured structure comes through as elements; raw HTML, images and
// unsafe links do not.
import { expect, fixture, html } from '@open-wc/testing';
import { markdownTree } from '../../src/elements/cds-cards/cds-markdown.js';
import { markdownViews } from '../../src/elements/cds-cards/cds-markdown-view.js';
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
});
