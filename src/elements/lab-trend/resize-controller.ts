// The width of one element of the host's shadow tree, kept up to date by a ResizeObserver (a tiny
// local stand-in for @lit-labs/observers' ResizeController: one element, one number).
import type { ReactiveController, ReactiveElement } from 'lit';

export class WidthController implements ReactiveController {
  /** The observed element's content width in CSS pixels (the initial guess until measured). */
  width: number;
  private observer?: ResizeObserver;
  private observed?: Element;
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

  hostUpdated(): void {
    const element = this.target();
    if (!element || element === this.observed || typeof ResizeObserver === 'undefined') return;
    this.observer ??= new ResizeObserver((entries) => {
      const width = Math.floor(entries[entries.length - 1].contentRect.width);
      if (width <= 0 || Math.max(this.min, width) === this.width) return;
      // Applied in the next frame: a redraw inside the observer's callback would loop.
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => {
        this.width = Math.max(this.min, width);
        this.host.requestUpdate();
      });
    });
    if (this.observed) this.observer.unobserve(this.observed);
    this.observer.observe(element);
    this.observed = element;
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = undefined;
  }

  /** Sets the width before the first measurement (e.g. from the host's own width). */
  guess(width: number): void {
    this.width = Math.max(this.min, width);
  }
}
