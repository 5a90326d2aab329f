// What a CDS prefetch sends of a record: the included resources a template asked for, the search
// Bundle it answers with, and the records too deep to send. Shared by one source's prefetch
// (./cds.ts) and the several-sources one (./cds-merged.ts, loaded only then).
import type { AnyResource } from '../../model/fhir-types.js';

/**
 * The deepest a record may nest (objects and arrays, the resource itself = 1) to be sent to a
 * service. The real data in the shared fixtures (Synthea patients, HL7 R4/R5 and IPS examples)
 * nests at most 9; a Questionnaire with items 25 levels deep stays under 64. A record past it is
 * malformed: `JSON.stringify` of a few thousand levels overflows the stack, and one such record
 * would cost every service's call.
 */
export const MAX_RECORD_DEPTH = 64;

/** Whether `value` nests deeper than `limit`: an iterative walk that stops as soon as it passes. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** A record too deep to send: its reference when it has an id, else the record itself (counted once per object). */
export function malformedKey(resource: AnyResource): unknown {
  return typeof resource.id === 'string' ? `${resource.resourceType}/${resource.id}` : resource;
}

/**
 * The included resources a prefetch template asked for: none without `_include`/`_revinclude`;
 * with `_include`, those a match references (a search over data given directly "includes" every
 * other given record: sent as is, each service got the whole chart, megabytes to serialize).
 */
export function askedIncluded(matches: readonly AnyResource[], included: readonly AnyResource[], params: Record<string, string | undefined>): AnyResource[] {
  if (params._revinclude !== undefined) return [...included];
  if (params._include === undefined || !included.length) return [];
  const referenced = new Set<string>();
  const note = (value: unknown) => {
    const reference = (value as { reference?: unknown } | null)?.reference;
    if (typeof reference === 'string' && reference.length <= 512) referenced.add(reference);
  };
  // A match's own references: top-level fields and one level down (`medicationReference`, `basedOn[]`).
  for (const match of matches) {
    for (const value of Object.values(match)) {
      if (Array.isArray(value)) value.slice(0, 100).forEach(note);
      else note(value);
    }
  }
  return included.filter((r) => {
    const key = `${r.resourceType}/${String(r.id)}`;
    return referenced.has(key) || referenced.has(`urn:uuid:${String(r.id)}`) || [...referenced].some((ref) => ref.endsWith(`/${key}`));
  });
}

export function searchBundle(resources: AnyResource[], included: AnyResource[], total: number | undefined): unknown {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(total === undefined ? {} : { total }),
    entry: [
      ...resources.map((resource) => ({ resource, search: { mode: 'match' } })),
      ...included.map((resource) => ({ resource, search: { mode: 'include' } })),
    ],
  };
}

/** The records shallow enough to send; the others are noted in `malformed` and left out. */
export function sendable(list: AnyResource[], malformed: Set<unknown>): AnyResource[] {
  return list.filter((resource) => {
    if (!nestsDeeperThan(resource, MAX_RECORD_DEPTH)) return true;
    malformed.add(malformedKey(resource));
    return false;
  });
}
