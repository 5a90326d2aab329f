// The data layer's failures in a translated locale's words (es, de, ar use it). Its own module, so
// that the English every page loads does not carry it: only a translated locale's chunk imports it.
import type { FhirErrorKind } from '../fhir/errors.js';
import type { CommonMessages } from './messages.js';

/**
 * Builds `fhirError` for a locale from its words per kind (no final full stop): those words, the HTTP status when the
 * server answered, then the server's own explanation.
 */
export function fhirErrorMessages(
  kinds: Record<FhirErrorKind, string>,
  withDetail: (message: string, detail: string) => string,
): CommonMessages['fhirError'] {
  return (kind, status, detail) => {
    const message = `${kinds[kind]}${status === undefined ? '' : ` (HTTP ${status})`}.`;
    return detail ? withDetail(message, detail) : message;
  };
}
