// The language of one widget, as a Lit reactive controller (Shoelace's LocalizeController,
// Spectrum's language resolution): the element's own `lang` or its nearest ancestor's — crossing
// shadow roots through their hosts — else the document's. One MutationObserver, shared by every
// widget, watches `lang` and `dir` attributes; a change re-renders the widgets it affects, as does
// a language registered or loaded later.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatFor, type Format } from './format.js';
import type { Direction, Locale } from './locale.js';
import { englishLocale, loadLocale, localeFor, onLocalesChanged } from './registry.js';

type Host = ReactiveControllerHost & HTMLElement;

const controllers = new Set<LocaleController>();
const watched = new WeakSet<Node>();
let observer: MutationObserver | undefined;

function refreshAll(): void {
  for (const controller of controllers) controller.refresh();
}

/** Starts watching `lang`/`dir` in the document and in every shadow root above `element`. */
function watch(element: Element): void {
  observer ??= new MutationObserver(refreshAll);
  const options: MutationObserverInit = { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true };
  let root: Node = element.getRootNode();
  for (;;) {
    if (!watched.has(root) && (root instanceof ShadowRoot || root instanceof Document)) {
      observer.observe(root instanceof Document ? root.documentElement : root, options);
      watched.add(root);
    }
    if (!(root instanceof ShadowRoot)) break;
    root = root.host.getRootNode();
  }
}

onLocalesChanged(refreshAll);

/** The nearest non-empty value of `attribute` on `element` or its ancestors, crossing shadow roots. */
function inherited(element: Element, attribute: 'lang' | 'dir', skip?: Element): string | undefined {
  let node: Element | null = element;
  while (node) {
    const value = node === skip ? null : node.getAttribute(attribute);
    if (value && (attribute !== 'dir' || value !== 'auto')) return value;
    if (node.parentElement) node = node.parentElement;
    else {
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
  }
  return undefined;
}

export class LocaleController implements ReactiveController {
  private readonly host: Host;
  private current = '';
  private resolved: Locale = englishLocale();
  /** Whether the host's `dir` was set by this controller (and so may be changed or removed by it). */
  private ownDir = false;
  private pending?: Promise<unknown>;

  constructor(host: Host) {
    this.host = host;
    host.addController(this);
  }

  /** The language tag in force (`es-MX`), or `''` when neither the page nor an ancestor sets one. */
  get lang(): string {
    return this.current;
  }

  /** Every message of the language in force (English while a shipped language is still loading). */
  get messages(): Locale {
    return this.resolved;
  }

  /** Numbers, dates, lists and plurals of the language in force, in its preset. */
  get format(): Format {
    const locale = this.resolved;
    if (locale.format === 'nhs-cui') return formatFor(locale.tag, 'nhs-cui');
    // A regional tag of the same language keeps its regional conventions (`es-MX`).
    const regional = this.current.toLowerCase().split('-')[0] === locale.tag.toLowerCase().split('-')[0];
    return formatFor(regional ? this.current : locale.tag, 'intl');
  }

  /** The direction in force: an ancestor's explicit `dir`, else the language's own. */
  get dir(): Direction {
    const explicit = inherited(this.host, 'dir', this.ownDir ? this.host : undefined);
    return explicit === 'rtl' || explicit === 'ltr' ? explicit : this.resolved.dir;
  }

  /** Resolves once the language in force has loaded (at once when it already has). */
  get ready(): Promise<void> {
    return (this.pending ?? Promise.resolve()).then(() => undefined);
  }

  hostConnected(): void {
    controllers.add(this);
    watch(this.host);
    this.refresh();
  }

  hostDisconnected(): void {
    controllers.delete(this);
  }

  hostUpdate(): void {
    this.applyDir();
  }

  /** Re-reads the language (and the registry); asks the host to re-render if anything changed. */
  refresh(): void {
    const lang = inherited(this.host, 'lang') ?? '';
    const locale = localeFor(lang);
    if (!locale) {
      this.pending = loadLocale(lang);
      // Re-rendered by onLocalesChanged when it arrives.
    } else {
      this.pending = undefined;
    }
    // Until it arrives, the language shown so far; English read again, since its words arrive in
    // parts (a view's words registered meanwhile are in the new English, not in the one shown).
    const next = locale ?? (this.resolved.tag === englishLocale().tag ? (localeFor('en') ?? this.resolved) : this.resolved);
    if (lang !== this.current || next !== this.resolved || this.ownDir !== this.wantsOwnDir()) {
      this.current = lang;
      this.resolved = next;
      this.host.requestUpdate();
    }
  }

  private wantsOwnDir(): boolean {
    return this.resolved.dir === 'rtl' && inherited(this.host, 'dir', this.ownDir ? this.host : undefined) === undefined;
  }

  /**
   * A right-to-left language lays the widget out right to left when no ancestor says otherwise
   * (the widgets use logical CSS properties): the host gets `dir="rtl"`, removed again when the
   * language changes. An author's own `dir` anywhere above always wins.
   */
  private applyDir(): void {
    const wants = this.wantsOwnDir();
    if (wants && !this.ownDir) {
      this.ownDir = true;
      this.host.setAttribute('dir', 'rtl');
    } else if (!wants && this.ownDir) {
      this.ownDir = false;
      this.host.removeAttribute('dir');
    }
  }
}
