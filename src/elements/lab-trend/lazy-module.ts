// A part of the trend in its own module, loaded the first time it is needed (the table, the chart's
// cursor): never by an ordinary render of the chart.
import { adoptStyles, supportsAdoptingStyleSheets, type CSSResult } from 'lit';

/** A module loaded on demand: `value` once loaded, `false` when the last load failed. */
export class LazyModule<T> {
  value: T | false | undefined;
  /** While loading: settles (never rejects) when the module has loaded or failed. */
  pending?: Promise<void>;

  constructor(private readonly importer: () => Promise<T>) {}

  /** Loads it, unless it is there or on its way (after a failure: tries again). */
  load(): Promise<void> {
    return (this.pending ??= this.importer()
      .then(
        (module) => {
          this.value = module;
        },
        () => {
          this.value = false;
        },
      )
      .finally(() => {
        this.pending = undefined;
      }));
  }
}

const adopted = new WeakMap<CSSResult, WeakSet<ShadowRoot>>();

/**
 * Adds a lazy part's own styles to a shadow root, once (the chart's render does not carry them). Like
 * Lit's own styles: a constructed style sheet, which a strict `style-src` allows.
 */
export function addStyles(root: ShadowRoot, styles: CSSResult): void {
  const roots = adopted.get(styles) ?? new WeakSet<ShadowRoot>();
  adopted.set(styles, roots);
  if (roots.has(root)) return;
  roots.add(root);
  if (supportsAdoptingStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet!];
  else adoptStyles(root, [styles]);
}
