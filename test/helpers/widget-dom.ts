// Reading a widget as a user or host sees it: its parts, its text, its first events.

/** The first element of a widget's shadow tree carrying `part` name. */
export function part(el: Element, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector(`[part~="${name}"]`);
}

/** Every element of a widget's shadow tree carrying `part` name. */
export function parts(el: Element, name: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

/** Text with whitespace collapsed. */
export function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

interface FirstEvents {
  load: Promise<CustomEvent>;
  error: Promise<CustomEvent>;
}

const firstEvents = new WeakMap<Element, FirstEvents>();

/** Listens for the next `fhir-load` / `fhir-error` before a widget exists, so a fast load cannot be missed. */
export function listenForNextWidget(): FirstEvents {
  const next = (type: string) =>
    new Promise<CustomEvent>((resolve) => document.addEventListener(type, (e) => resolve(e as CustomEvent), { once: true }));
  return { load: next('fhir-load'), error: next('fhir-error') };
}

/** Ties the events from `listenForNextWidget` to the widget that was then mounted. */
export function rememberFirstEvents(el: Element, events: FirstEvents): void {
  firstEvents.set(el, events);
}

export const firstLoad = (el: Element): Promise<CustomEvent> => firstEvents.get(el)!.load;
export const firstError = (el: Element): Promise<CustomEvent> => firstEvents.get(el)!.error;
