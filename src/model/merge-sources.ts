// One chart from several records (issue 14): the pure rules for merging what several FHIR sources
// return for the same person. The same record reaching us from two sources is shown once and lists
// both; things that only look alike (another date, dose or status) stay apart. Which source a
// merged resource came from is kept beside it (`sourcesOf` in ./source-merge.ts), so models and
// views can label rows. Widgets load this module only when a context has more than one source.
import { codingsOf, firstCode } from './codes.js';
import type { AnyResource } from './fhir-types.js';
import { markSources, type IdentityDifference, type IdentityField, type SourcedData, type SourcedResources } from './source-merge.js';

function codingKeys(value: unknown): string[] {
  return codingsOf(value)
    .filter((coding) => coding.code)
    .map((coding) => `${coding.system ?? ''}|${coding.code ?? ''}`)
    .sort();
}

function identifierKeys(resource: AnyResource): string[] {
  const identifiers = Array.isArray(resource.identifier) ? (resource.identifier as unknown[]) : [];
  const keys: string[] = [];
  for (const identifier of identifiers) {
    const { system, value } = (identifier ?? {}) as { system?: unknown; value?: unknown };
    if (typeof system === 'string' && system !== '' && typeof value === 'string' && value !== '') keys.push(`${system}|${value}`);
  }
  return keys;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}

function effectiveOf(resource: AnyResource): string {
  const period = resource.effectivePeriod as { start?: unknown } | undefined;
  return text(resource.effectiveDateTime ?? resource.effectiveInstant ?? period?.start ?? resource.issued);
}

function quantityKey(resource: AnyResource): string | undefined {
  const quantity = resource.valueQuantity as { value?: unknown; unit?: unknown; code?: unknown; system?: unknown } | undefined;
  if (quantity && typeof quantity.value === 'number') return `q:${quantity.value}|${text(quantity.code ?? quantity.unit)}`;
  if (resource.valueCodeableConcept !== undefined) return `c:${codingKeys(resource.valueCodeableConcept).join(',')}`;
  if (typeof resource.valueString === 'string') return `s:${resource.valueString}`;
  return undefined;
}

/** The statuses of an allergy or a medication: a record with another status is another row. */
function statusKey(resource: AnyResource): string {
  return [firstCode(resource.clinicalStatus), firstCode(resource.verificationStatus), text(resource.status)].join('/');
}

/** Dosage, as given: another dose is another row. */
function dosageKey(resource: AnyResource): string {
  return text(resource.dosageInstruction ?? resource.dosage);
}

/**
 * The content key under which two records from different sources are the same record, or
 * undefined when no content rule applies (only an identifier can then match).
 * Observations: same code, same effective time, same value and unit. Allergies: same coded
 * substance and same status. Medications (requests, statements): same coded product, same status
 * and the same dosage.
 */
export function contentKey(resource: AnyResource): string | undefined {
  switch (resource.resourceType) {
    case 'Observation': {
      const code = codingKeys(resource.code);
      const value = quantityKey(resource);
      const when = effectiveOf(resource);
      if (!code.length || value === undefined || when === '') return undefined;
      return `Observation|${code.join(',')}|${when}|${value}`;
    }
    case 'AllergyIntolerance': {
      const substance = codingKeys(resource.code ?? resource.substance);
      if (!substance.length) return undefined;
      return `AllergyIntolerance|${substance.join(',')}|${statusKey(resource)}`;
    }
    case 'MedicationRequest':
    case 'MedicationStatement':
    case 'MedicationOrder': {
      const product = codingKeys(resource.medicationCodeableConcept);
      if (!product.length) return undefined;
      return `${resource.resourceType}|${product.join(',')}|${statusKey(resource)}|${dosageKey(resource)}`;
    }
    default:
      return undefined;
  }
}

/** Every key under which `resource` may equal a record of another source. */
export function duplicateKeys(resource: AnyResource): string[] {
  const keys = identifierKeys(resource).map((key) => `${resource.resourceType}#id:${key}`);
  const content = contentKey(resource);
  if (content !== undefined) keys.push(content);
  return keys;
}

/**
 * Merges the resources of several sources into one list: each record once, listing every source
 * it came from (`sourcesOf`). Duplicates are looked for only across sources, never within one (a
 * source's own two records stay two). The result holds shallow copies, so a source's cached
 * resources are never marked.
 */
export function mergeSourcedResources(parts: readonly SourcedResources[]): AnyResource[] {
  const merged: AnyResource[] = [];
  const byKey = new Map<string, { copy: AnyResource; sources: string[] }>();
  for (const part of parts) {
    const claimed = new Set<object>();
    for (const resource of part.resources) {
      const keys = duplicateKeys(resource);
      const match = keys.map((key) => byKey.get(key)).find((entry) => entry && !entry.sources.includes(part.source) && !claimed.has(entry.copy));
      if (match) {
        match.sources.push(part.source);
        claimed.add(match.copy);
        markSources(match.copy, [...match.sources]);
        continue;
      }
      const copy = { ...resource };
      const entry = { copy, sources: [part.source] };
      markSources(copy, [part.source]);
      for (const key of keys) if (!byKey.has(key)) byKey.set(key, entry);
      merged.push(copy);
    }
  }
  return merged;
}

// --- identity guard --------------------------------------------------------------------------

function officialName(patient: AnyResource): { family?: string; given?: string } {
  const names = Array.isArray(patient.name) ? (patient.name as { use?: string; family?: unknown; given?: unknown }[]) : [];
  const name = names.find((n) => n?.use === 'official') ?? names.find((n) => n?.use !== 'old' && n?.use !== 'maiden') ?? names[0];
  if (!name) return {};
  const family = Array.isArray(name.family) ? name.family.join(' ') : typeof name.family === 'string' ? name.family : undefined;
  const given = Array.isArray(name.given) ? name.given.filter((g) => typeof g === 'string').join(' ') : undefined;
  return { ...(family ? { family } : {}), ...(given ? { given } : {}) };
}

function comparable(value: string | undefined): string {
  return (value ?? '').normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Where another source's Patient differs from the primary's in family name, given name, birth date
 * or gender (it may be another person). A field one side leaves out is not a difference.
 */
export function identityDifferences(primary: AnyResource, other: AnyResource): IdentityDifference[] {
  const a = officialName(primary);
  const b = officialName(other);
  const fields: [IdentityField, string | undefined, string | undefined][] = [
    ['family', a.family, b.family],
    ['given', a.given, b.given],
    ['birthDate', typeof primary.birthDate === 'string' ? primary.birthDate : undefined, typeof other.birthDate === 'string' ? other.birthDate : undefined],
    ['gender', typeof primary.gender === 'string' ? primary.gender : undefined, typeof other.gender === 'string' ? other.gender : undefined],
  ];
  return fields
    .filter(([, x, y]) => x !== undefined && y !== undefined && comparable(x) !== comparable(y))
    .map(([field, x, y]) => ({ field, primary: x, other: y }));
}

// --- whole query results ---------------------------------------------------------------------

function isResource(value: unknown): value is AnyResource {
  return !!value && typeof value === 'object' && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}

function isResourceArray(value: unknown): value is AnyResource[] {
  return Array.isArray(value) && value.every(isResource);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Merges what one named query returned from each source (any shape of plain objects holding
 * resource arrays, e.g. a SearchResult or the medication list's sources): every resource array is
 * merged with `mergeSourcedResources`, `truncated` flags are or-ed, a server's `total` is dropped
 * (it counted one source, not the merge), anything else is the first source's.
 */
export function mergeSourcedData<Data>(parts: readonly SourcedData<Data>[]): Data {
  const merge = (values: { source: string; value: unknown }[]): unknown => {
    const first = values[0]?.value;
    if (values.every((v) => isResourceArray(v.value) || v.value === undefined)) {
      return mergeSourcedResources(values.map((v) => ({ source: v.source, resources: (v.value as AnyResource[] | undefined) ?? [] })));
    }
    if (values.every((v) => Array.isArray(v.value))) {
      // Other lists (e.g. which searches were truncated): each item once.
      const seen = new Set<string>();
      return values.flatMap((v) => v.value as unknown[]).filter((item) => {
        const key = JSON.stringify(item);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    if (values.every((v) => isPlainObject(v.value) && !isResource(v.value))) {
      const keys = new Set(values.flatMap((v) => Object.keys(v.value as object)));
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        if (key === 'total') continue;
        const inner = values.map((v) => ({ source: v.source, value: (v.value as Record<string, unknown>)[key] }));
        if (key === 'truncated' && inner.every((v) => typeof v.value === 'boolean')) out[key] = inner.some((v) => v.value === true);
        else out[key] = merge(inner.filter((v) => v.value !== undefined));
      }
      return out;
    }
    return first;
  };
  return merge(parts.map((part) => ({ source: part.source, value: part.data }))) as Data;
}

/** Every resource array inside `data` kept to `keep`'s choice; returns the new data and how many were dropped. */
export function filterSourcedData<Data>(
  data: Data,
  partition: (resources: readonly AnyResource[]) => { kept: AnyResource[]; otherPatient: number },
): { data: Data; otherPatient: number } {
  let otherPatient = 0;
  const walk = (value: unknown): unknown => {
    if (isResourceArray(value)) {
      const result = partition(value);
      otherPatient += result.otherPatient;
      return result.kept;
    }
    if (isPlainObject(value) && !isResource(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) out[key] = walk(inner);
      return out;
    }
    return value;
  };
  return { data: walk(data) as Data, otherPatient };
}
