// Every failure of the data layer becomes one typed error with a message a person can read.
// Messages are plain text: widgets render them as text nodes, never as markup. The words of the
// data layer's own failures live in ./error-text.ts, loaded inside the failing load (./described.ts):
// a page whose loads succeed never fetches them.
import type { ErrorTexts } from './error-text.js';

export const FHIR_ERROR_KINDS = [
  'network',
  'timeout',
  'unauthorized',
  'forbidden',
  'not-found',
  'rate-limited',
  'server',
  'client',
  'invalid-response',
  'not-configured',
  'launch',
  /** A paging link, reference or redirect pointed to another origin: not followed, no token sent. */
  'other-origin',
  /** The answer passed the size limit: reading stopped. */
  'too-large',
  /** Paging links led back to a page already read: paging stopped. */
  'paging-loop',
] as const;
export type FhirErrorKind = (typeof FHIR_ERROR_KINDS)[number];

export class FhirError extends Error {
  override readonly name = 'FhirError';
  readonly kind: FhirErrorKind;
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** What was being fetched, e.g. `AllergyIntolerance?patient=123`. */
  readonly request?: string;
  /** The server's own explanation (OperationOutcome text), when it gave one. */
  readonly detail?: string;

  constructor(
    kind: FhirErrorKind,
    message: string,
    options: { status?: number; request?: string; detail?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = options.status;
    this.request = options.request;
    this.detail = options.detail;
  }
}

function kindForStatus(status: number): FhirErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'client';
}

/** The human text of an OperationOutcome: its issues' details.text or diagnostics, joined. */
export function outcomeText(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || (body as { resourceType?: unknown }).resourceType !== 'OperationOutcome') {
    return undefined;
  }
  const issues = (body as { issue?: unknown }).issue;
  if (!Array.isArray(issues)) return undefined;
  const texts = issues
    .map((issue: { details?: { text?: unknown }; diagnostics?: unknown }) => {
      const text = issue?.details?.text ?? issue?.diagnostics;
      return typeof text === 'string' ? text.trim() : '';
    })
    .filter(Boolean);
  return texts.length ? texts.join('; ').slice(0, 500) : undefined;
}

/** The words of failures made here, waiting for ./error-text.ts (./described.ts): which text, with what. */
export const pendingText = new WeakMap<FhirError, [keyof ErrorTexts, unknown[]]>();

/**
 * A FhirError whose message is `text` of ./error-text.ts (with `args`), filled in by `described`
 * inside the failing load. Until then (and if those words cannot be loaded) the message still says
 * what failed: the kind, the HTTP status and the server's own explanation.
 */
export function failure<K extends keyof ErrorTexts>(
  kind: FhirErrorKind,
  text: K,
  args: Parameters<ErrorTexts[K]>,
  options: { status?: number; request?: string; detail?: string; cause?: unknown } = {},
): FhirError {
  const { status, detail } = options;
  const error = new FhirError(kind, `The FHIR request failed (${kind}${status ? `, HTTP ${status}` : ''})${detail ? `: ${detail}` : '.'}`, options);
  pendingText.set(error, [text, args]);
  return error;
}

/** A FhirError for an HTTP failure, naming the status and the server's own explanation if any. */
export function httpError(status: number, body: unknown, request?: string): FhirError {
  const detail = outcomeText(body);
  return failure(kindForStatus(status), 'http', [status, detail], { status, request, detail });
}

/** Converts anything thrown by fetch, fhirclient or a parser into a FhirError. */
export function toFhirError(error: unknown, request?: string): FhirError {
  if (error instanceof FhirError) return error;
  const record = (error ?? {}) as { name?: string; status?: number; message?: string; response?: unknown; body?: unknown };
  if (record.name === 'TimeoutError') {
    return failure('timeout', 'noAnswerInTime', [], { request, cause: error });
  }
  if (typeof record.status === 'number' && record.status >= 400) {
    return httpError(record.status, record.body, request);
  }
  if (record.name === 'TypeError' || /fetch|network/i.test(record.message ?? '')) {
    return failure('network', 'unreachable', [], { request, cause: error });
  }
  // Never the thrown message itself: a parser's message quotes the data (a name, a birth date), and
  // this text reaches the page and `fhir-error` listeners. The cause keeps it for a debugger.
  const name = typeof record.name === 'string' && /^[A-Za-z]{1,40}$/.test(record.name) ? record.name : undefined;
  return failure('invalid-response', 'unreadable', [name], { request, cause: error });
}

/**
 * True for an abort caused by our own cancellation (patient changed, element removed), or for
 * anything thrown once `signal` (the caller's) has aborted. The one test the whole kit uses.
 */
export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (error as { name?: string } | null)?.name === 'AbortError';
}

/**
 * HTTP statuses with which a server says it does not support a search or a batch (unknown resource
 * type, e.g. DSTU2 has no MedicationRequest; no batch endpoint): the caller falls back.
 */
export const SEARCH_NOT_SUPPORTED_STATUSES: ReadonlySet<number> = new Set([400, 404, 405, 501]);

/** True when `error` is one of `SEARCH_NOT_SUPPORTED_STATUSES` (and not a cancellation). */
export function searchNotSupported(error: unknown): boolean {
  if (isAbort(error)) return false;
  const status = toFhirError(error).status;
  return status !== undefined && SEARCH_NOT_SUPPORTED_STATUSES.has(status);
}
