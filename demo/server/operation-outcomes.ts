// OperationOutcome bodies for every failure the server reports. Ids follow @medplum/core's
// convention (`not-found`, `unauthorized`, …) so `getStatus()` maps them to the HTTP status both
// for plain requests and inside batch-response entries.
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

type IssueCode = OperationOutcomeIssue['code'];

function outcome(id: string | undefined, code: IssueCode, text: string, diagnostics?: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    ...(id ? { id } : {}),
    issue: [{ severity: 'error', code, details: { text }, ...(diagnostics ? { diagnostics } : {}) }],
  };
}

/** 400: the request is malformed (bad parameter value, bad JSON, wrong resource type). */
export const invalidRequest = (text: string): OperationOutcome => outcome(undefined, 'invalid', text);

/** 400: the request is well formed but asks for something this server does not do. */
export const notSupported = (text: string): OperationOutcome => outcome(undefined, 'not-supported', text);

/** 404 */
export const resourceNotFound = (text: string): OperationOutcome => outcome('not-found', 'not-found', text);

/** 401 (the id `unauthorized` is what @medplum/core maps to 401). */
export const loginRequired = (text: string): OperationOutcome => outcome('unauthorized', 'login', text);

/** 403 */
export const accessForbidden = (text: string): OperationOutcome => outcome('forbidden', 'forbidden', text);

/** 429 */
export const tooManyRequests = (text: string): OperationOutcome => outcome('too-many-requests', 'throttled', text);

/** 500: `code: exception` is what @medplum/core maps to 500. */
export const internalError = (text: string, diagnostics?: string): OperationOutcome =>
  outcome(undefined, 'exception', text, diagnostics);

/** 405 and 406 have no @medplum/core id: the HTTP layer passes their status explicitly. */
export const methodNotAllowed = (text: string): OperationOutcome => outcome(undefined, 'not-supported', text);

/** 200 with a message, e.g. for DELETE. */
export const informational = (text: string): OperationOutcome => ({
  resourceType: 'OperationOutcome',
  id: 'ok',
  issue: [{ severity: 'information', code: 'informational', details: { text } }],
});
