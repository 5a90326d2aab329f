// A widget inside a `<…-context>` whose tag is not defined yet (a page that defines the context after
// its widgets, or a host's own widget class registered first): no provider answered its request for
// the context's loader. @lit/context's ContextRoot then keeps the request and asks again when the
// context upgrades. Loaded only then: with the kit's own entries the context is always defined before
// any widget, so an ordinary page never fetches this.
import { ContextRoot } from '@lit/context';

let attached = false;

/** Attaches one ContextRoot to the document and asks again through `consumers` (their requests are kept until a context answers). */
export function awaitContext(consumers: readonly { hostConnected(): void }[]): void {
  if (!attached) {
    attached = true;
    new ContextRoot().attach(document.documentElement);
  }
  for (const consumer of consumers) consumer.hostConnected();
}
