// Keeps one malformed record from breaking every search that meets it. medplum stores whatever JSON
// it is given, and its matcher then throws on a structure it does not expect (an Observation whose
// `code.coding` is an object: "t.coding is not iterable"; a coding whose `code` is an array:
// "value?.toLowerCase is not a function") — for every search of that patient, as a 500.
// So the server asks, before it stores a resource, whether every search parameter of its type can
// read it: each parameter is matched against probe values by the very matcher searches use. A
// resource some parameter cannot read is refused with a 400 naming the parameter and its expression.
// (The server's sort and _include read the same values and skip what they cannot read.)
// It costs about 1–4 ms per resource, so the server's own generated data (preload) is not checked.
import type { SearchRequest } from '@medplum/core';
import { OperationOutcomeError, getSearchParameters, matchesSearchRequest, parseSearchRequest } from '@medplum/core';
import type { Resource, SearchParameter } from '@medplum/fhirtypes';
import { SEARCHABLE_TYPES } from './fhir-search.js';
import { invalidRequest } from './operation-outcomes.js';

/**
 * Query strings that exercise the matcher's reading of one parameter type (equality reads every
 * field a token, reference, date, string or uri value has; `:missing` and `:not` read no more).
 */
function probesFor(code: string, type: string): Record<string, string>[] {
  switch (type) {
    case 'token':
      return [{ [code]: 'http://probe.invalid|probe' }, { [code]: 'probe' }];
    case 'reference':
      return [{ [code]: 'Patient/probe' }];
    case 'date':
      return [{ [code]: 'ge2000-01-01' }];
    case 'string':
      return [{ [code]: 'probe' }];
    case 'uri':
      return [{ [code]: 'http://probe.invalid' }];
    default:
      return [];
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface ParameterProbe {
  param: SearchParameter;
  requests: SearchRequest[];
}

/** Per resource type: its parameters and their probe requests, parsed once. */
const probeCache = new Map<string, ParameterProbe[]>();

function probesOf(resourceType: string): ParameterProbe[] {
  let probes = probeCache.get(resourceType);
  if (!probes) {
    probes = Object.values(getSearchParameters(resourceType) ?? {})
      .filter((param) => param.code && param.expression && param.type)
      .map((param) => ({
        param,
        requests: SEARCHABLE_TYPES.has(param.type as string)
          ? probesFor(param.code as string, param.type as string).map((query) => parseSearchRequest(resourceType, query) as SearchRequest)
          : [],
      }));
    probeCache.set(resourceType, probes);
  }
  return probes;
}

/** The search parameter of `resource`'s type that cannot read it, with the reason; undefined if all can. */
export function unreadableBy(resource: Resource): { param: SearchParameter; reason: string } | undefined {
  for (const { param, requests } of probesOf(resource.resourceType)) {
    try {
      for (const request of requests) matchesSearchRequest(resource, request);
    } catch (error) {
      return { param, reason: describe(error) };
    }
  }
  return undefined;
}

/** Throws a 400 OperationOutcome when a search parameter of the resource's type cannot read it. */
export function assertSearchable(resource: Resource): void {
  const problem = unreadableBy(resource);
  if (!problem) return;
  const { param, reason } = problem;
  throw new OperationOutcomeError(
    invalidRequest(
      `${resource.resourceType} is malformed where search parameter "${param.code}" reads it (${param.expression}): ${reason}`,
    ),
  );
}
