// `GET [base]/metadata`: what this server really does — the R4 resource types with the search
// parameters its engine can evaluate (token, reference, date, string, uri), their _include targets,
// batch and transaction, JSON only.
import { getSearchParameters } from '@medplum/core';
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestSecurity,
} from '@medplum/fhirtypes';
import type { FhirDefinitions } from './fhir-definitions.js';
import { SEARCHABLE_TYPES } from './fhir-search.js';

const STARTED = new Date().toISOString();

let resources: CapabilityStatementRestResource[] | undefined;

function restResources(definitions: FhirDefinitions): CapabilityStatementRestResource[] {
  resources ??= definitions.resourceTypes.map((type) => {
    const params = Object.values(getSearchParameters(type) ?? {}).filter(
      (param) => SEARCHABLE_TYPES.has(param.type as string) && param.code !== '_compartment',
    );
    return {
      type: type as CapabilityStatementRestResource['type'],
      interaction: (['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'create', 'search-type'] as const).map(
        (code) => ({ code }),
      ),
      versioning: 'versioned',
      readHistory: true,
      updateCreate: true,
      conditionalCreate: true,
      searchInclude: params.filter((param) => param.type === 'reference').map((param) => `${type}:${param.code}`),
      searchParam: params.map((param) => ({
        name: param.code as string,
        type: param.type as 'token',
        ...(param.url ? { definition: param.url } : {}),
      })),
    };
  });
  return resources;
}

export function capabilityStatement(
  baseUrl: string,
  definitions: FhirDefinitions,
  security?: CapabilityStatementRestSecurity,
): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: STARTED,
    publisher: 'fhir-elements',
    kind: 'instance',
    software: { name: 'fhir-elements demo FHIR server (@medplum/fhir-router MemoryRepository)' },
    implementation: { description: 'Local FHIR R4 server for the fhir-elements demo and tests', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['json', 'application/fhir+json'],
    patchFormat: ['application/json-patch+json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Search results are paged with _count (default page size applies when absent) and _offset; follow link[next]. ' +
          'Supported result parameters: _count, _offset, _sort, _include, _revinclude (with :iterate), _summary=count, _total.',
        security: { cors: true, ...security },
        interaction: [{ code: 'batch' }, { code: 'transaction' }],
        resource: restResources(definitions),
      },
    ],
  };
}
