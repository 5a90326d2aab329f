// SMART on FHIR through fhirclient, loaded only when a page actually launches (dynamic import).
import { FhirError } from './errors.js';
import type { FhirClientLike } from './transport.js';

/**
 * Completes a SMART launch that fhirclient's `oauth2.authorize` started (the redirect back with
 * `code` and `state`), and resolves to the authorised Client.
 */
export async function completeSmartLaunch(): Promise<FhirClientLike> {
  let fhir: { oauth2: { ready(): Promise<unknown> } };
  try {
    const module = (await import('fhirclient')) as unknown as { default?: typeof fhir } & typeof fhir;
    fhir = module.default ?? module;
  } catch (error) {
    throw new FhirError('launch', 'The SMART launch library could not be loaded.', { cause: error });
  }
  try {
    return (await fhir.oauth2.ready()) as FhirClientLike;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FhirError('launch', `The SMART launch could not be completed: ${reason}`, { cause: error });
  }
}
