// The words of the data layer's own failures (src/fhir/errors.ts `failure`), loaded by `described`
// inside a load that failed: a page whose loads succeed never fetches them. English, as the data
// layer's messages always are; a widget in another language shows its locale's `fhirError` words.

const STATUS_TEXT: Record<number, string> = {
  400: 'rejected the request as invalid (400)',
  401: 'requires authorization (401): the session may have expired',
  403: 'refused access (403)',
  404: 'has no such resource or endpoint (404)',
  405: 'does not allow this operation (405)',
  410: 'says the resource is gone (410)',
  422: 'could not process the request (422)',
  429: 'is rate limiting requests (429): try again shortly',
  500: 'had an internal error (500)',
  502: 'could not reach an upstream server (502)',
  503: 'is unavailable (503)',
  504: 'timed out upstream (504)',
};

/** "30 s", "0.3 s": how long a request was given. */
function seconds(ms: number): string {
  const value = ms / 1000;
  return `${value >= 10 ? Math.round(value) : Number(value.toFixed(1))} s`;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export const ERROR_TEXTS = {
  http: (status: number, detail: string | undefined) =>
    `The FHIR server ${STATUS_TEXT[status] ?? `answered with HTTP ${status}`}${detail ? `: ${detail}` : '.'}`,
  noAnswerInTime: () => 'The FHIR server did not answer in time.',
  unreachable: () => 'The FHIR server could not be reached (network error or blocked by CORS).',
  unreadable: (name: string | undefined) => `The FHIR data could not be read${name ? ` (${name})` : ''}.`,
  rateLimited: () =>
    'The FHIR server is rate limiting requests (429), also when asked again once after the wait it requested: try again later.',
  noAnswerWithin: (ms: number) => `The FHIR server did not answer within ${seconds(ms)}.`,
  unfinished: (ms: number | undefined) =>
    `The FHIR server did not finish sending its answer${ms === undefined ? '' : ` within ${seconds(ms)}`}.`,
  cutShort: () => 'The FHIR server’s answer is not valid JSON: it may have been cut short.',
  notFhirJson: () => 'The server answered, but not with FHIR JSON (is the address a FHIR base URL?).',
  otherOrigin: (what: string, where: string) =>
    `The FHIR server sent a ${what} to another address (${where}); it was not followed, so no credentials were sent there.`,
  tooLarge: (maxBytes: number) => `The FHIR server's answer is larger than ${megabytes(maxBytes)}; it was not read.`,
  pagingLoop: () => 'The FHIR server’s paging links lead back to a page already read; paging stopped.',
  searchOutcome: () => 'The FHIR server answered a search with an OperationOutcome.',
  searchNotBundle: () => 'The FHIR server answered a search with something other than a Bundle.',
  noPatient: () => 'No patient is selected: set the patient attribute of <fhir-context>.',
  noMedicationSearch: () => 'No medication search succeeded.',
  notGiven: (reference: string) => `${reference} is not among the given resources.`,
  notResource: (reference: string) => `The FHIR server answered ${reference} with something that is not a resource.`,
  noSource: () => 'No FHIR source is configured: set the server and patient attributes, smart, client or resources.',
};

export type ErrorTexts = typeof ERROR_TEXTS;
