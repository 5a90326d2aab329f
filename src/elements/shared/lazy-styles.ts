// A lazy part's own styles (the lab trend's table and cursor, the results' views, the medication
// list's past group), added to a widget's shadow root after the widget's own, once per root, when the
// part is first drawn: a page that never shows the part never downloads them. Like Lit's own styles:
// constructed style sheets, which a strict `style-src` allows.
import { adoptStyles, supportsAdoptingStyleSheets, type CSSResult } from 'lit';

const adopted = new WeakMap<CSSResult, WeakSet<ShadowRoot>>();

export function addStyles(root: ShadowRoot, ...styles: CSSResult[]): void {
  for (const sheet of styles) {
    const roots = adopted.get(sheet) ?? new WeakSet<ShadowRoot>();
    adopted.set(sheet, roots);
    if (roots.has(root)) continue;
    roots.add(root);
    if (supportsAdoptingStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet.styleSheet!];
    else adoptStyles(root, [sheet]);
  }
}
