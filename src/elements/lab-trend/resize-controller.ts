// The width of one element of the host's shadow tree, kept up to date by a ResizeObserver (a tiny
// local stand-in for @lit-labs/observers' ResizeController: one element, one number). The host is
// observed too, from when it is connected, so a first chart's width can be guessed from it without
// reading a layout value in the middle of an update.
import type { ReactiveController, ReactiveElement } from 'lit';

export class WidthController implements ReactiveController {
  /** The observed element's content width in CSS pixels (the initial guess until measured). */
  width: number;
  private observer?: ResizeObserver;
  private observed?: Element;
  /** The host's content width as last observed (0: not yet). */
  private hostWidth = 0;
  private frame = 0;

  constructor(
    private readonly host: ReactiveElement,
    /** Finds the element to observe after each update (it may come and go with the state). */
    private readonly target: () => Element | null | undefined,
    initial: number,
    private readonly min = 0,
  ) {
    this.width = initial;
    host.addController(this);
  }

  private get resizeObserver(): ResizeObserver {
    return (this.observer ??= new ResizeObserver((entries) => {
      let width = 0;
      for (const entry of entries) {
        if (entry.target === this.host) this.hostWidth = Math.floor(entry.contentRect.width);
        else if (entry.target === this.observed) width = Math.floor(entry.contentRect.width);
      }
      if (width <= 0 || Math.max(this.min, width) === this.width) return;
      // Applied in the next frame: a redraw inside the observer's callback would loop.
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => {
        const next = Math.max(this.min, width);
        if (next === this.width) return; // guessed right in the meantime: nothing to draw again
        this.width = next;
        this.host.requestUpdate();
      });
    }));
  }

  hostConnected(): void {
    if (typeof ResizeObserver !== 'undefined') this.resizeObserver.observe(this.host);
  }

  hostUpdated(): void {
    const element = this.target();
    if (!element || element === this.observed || typeof ResizeObserver === 'undefined') return;
    if (this.observed) this.resizeObserver.unobserve(this.observed);
    this.resizeObserver.observe(element);
    this.observed = element;
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = undefined;
  }

  /**
   * Sets the width before the first measurement: the host's width less `inset` (the chart's
   * padding and borders), from the host's last observation, or read now when there has been none.
   */
  guess(inset: number): void {
    const hostWidth = this.hostWidth || this.host.clientWidth;
    if (hostWidth > 0) this.width = Math.max(this.min, hostWidth - inset);
  }
}
