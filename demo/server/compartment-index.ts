// Which resources point at which patient, by the `patient` and `subject` search parameters.
// medplum's MemoryRepository.search tests every resource of the type against the filters; with a
// scale patient of tens of thousands of Observations loaded, every other patient's search would
// pay for all of them. The repository uses this index only to choose the candidates; medplum's
// matcher still decides every match. The references are computed with the very expressions the
// matcher evaluates, so the candidates for `patient=Patient/1` are exactly the resources whose
// `patient` values include `Patient/1`.
import { convertToSearchableReferences, evalFhirPathTyped, getSearchParameter, splitSearchOnComma, toTypedValue } from '@medplum/core';
import type { Filter, SearchRequest } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';

/** Search parameters indexed: the ones every patient-scoped search uses. */
export const INDEXED_PARAMETERS = ['patient', 'subject'] as const;

const key = (resourceType: string, code: string, reference: string): string => `${resourceType}|${code}|${reference}`;

export class CompartmentIndex {
  /** `Type|param|Patient/1` → ids of that type. */
  private readonly members = new Map<string, Set<string>>();
  /** `Type/id` → the keys it is filed under, to unfile it on update and delete. */
  private readonly filedUnder = new Map<string, string[]>();

  /** Files a stored resource; a new version keeps its place where its references did not change. */
  file(resource: Resource): void {
    if (!resource.id) return;
    const self = `${resource.resourceType}/${resource.id}`;
    const keys: string[] = [];
    for (const code of INDEXED_PARAMETERS) {
      const param = getSearchParameter(resource.resourceType, code);
      if (!param?.expression) continue;
      const references = convertToSearchableReferences(evalFhirPathTyped(param.expression, [toTypedValue(resource)]));
      for (const reference of references) keys.push(key(resource.resourceType, code, reference));
    }
    const previous = this.filedUnder.get(self) ?? [];
    for (const filed of previous) if (!keys.includes(filed)) this.members.get(filed)?.delete(resource.id);
    for (const filed of keys) {
      let ids = this.members.get(filed);
      if (!ids) this.members.set(filed, (ids = new Set()));
      ids.add(resource.id);
    }
    if (keys.length > 0) this.filedUnder.set(self, keys);
    else this.filedUnder.delete(self);
  }

  unfile(resourceType: string, id: string): void {
    const self = `${resourceType}/${id}`;
    for (const filed of this.filedUnder.get(self) ?? []) this.members.get(filed)?.delete(id);
    this.filedUnder.delete(self);
  }

  /**
   * For a request with a plain equality filter on an indexed parameter (the first one, if several):
   * the ids that satisfy that filter — exactly, so the matcher need not test it again — and the
   * request without it. Undefined when no filter can be answered from the index.
   */
  narrow<T extends Resource>(request: SearchRequest<T>): { ids: Set<string>; rest: SearchRequest<T> } | undefined {
    const filter = request.filters?.find(
      (candidate: Filter) =>
        (INDEXED_PARAMETERS as readonly string[]).includes(candidate.code) && candidate.operator === 'eq' && candidate.value !== '',
    );
    if (!filter) return undefined;
    const ids = new Set<string>();
    for (const reference of splitSearchOnComma(filter.value)) {
      for (const id of this.members.get(key(request.resourceType, filter.code, reference)) ?? []) ids.add(id);
    }
    return { ids, rest: { ...request, filters: request.filters?.filter((candidate) => candidate !== filter) } };
  }
}
