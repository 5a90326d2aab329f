// Filling in the words of a data-layer failure (./error-text.ts, loaded the first time a load
// fails), at the edges where a failure leaves the data layer: the loader's searches and reads, its
// connection, a widget's load. Its own module, imported by no lazy chunk: a module with a dynamic
// import that a lazy chunk also imports is split out of the one-file bundle into a chunk of its own.
import { FhirError, pendingText } from './errors.js';

/**
 * `error` with its full message: the words of a data-layer failure are loaded here, once, the first
 * time a load fails. Anything else is returned as it is.
 */
export async function described<T>(error: T): Promise<T> {
  const pending = error instanceof FhirError ? pendingText.get(error) : undefined;
  if (pending) {
    try {
      const { ERROR_TEXTS } = await import('./error-text.js');
      const [text, args] = pending;
      (error as FhirError).message = (ERROR_TEXTS[text] as (...values: unknown[]) => string)(...args);
      pendingText.delete(error as FhirError);
    } catch {
      // The words could not be loaded: the message keeps the kind, the status and the detail.
    }
  }
  return error;
}

/** Rejects with `described(error)`: `promise.catch(rejectDescribed)` at the data layer's edges. */
export async function rejectDescribed(error: unknown): Promise<never> {
  throw await described(error);
}
