// FHIR search on top of medplum's MemoryRepository, adding what that repository leaves out so that
// clients see a real R4 server:
// - reference parameters accept a bare id (`patient=123`) as well as `Patient/123`, absolute URLs on
//   this server and the type modifier (`subject:Patient=123`) — medplum matches only `Patient/123`;
// - unknown and unsupported parameters are a 400, not a silent empty result (medplum matches nothing);
// - `_sort` by the parameter's value (dates chronologically, missing values last), `_count`/`_offset`
//   paging with `total` and absolute `link` self/first/previous/next, and a default page size;
// - `_include` / `_revinclude` (and `:iterate`), which medplum's memory search ignores.
// Matching itself (token, date prefixes, comma lists, `:not`, `:missing`) is medplum's.
import type { SearchRequest, WithId } from '@medplum/core';
import {
  OperationOutcomeError,
  allOk,
  convertToSearchableDates,
  convertToSearchableNumbers,
  convertToSearchableQuantities,
  convertToSearchableReferences,
  convertToSearchableStrings,
  convertToSearchableTokens,
  evalFhirPathTyped,
  getSearchParameter,
  isResourceType,
  parseSearchRequest,
  splitSearchOnComma,
  toTypedValue,
} from '@medplum/core';
import type { FhirRepository, FhirRequest, FhirRequestConfig, FhirResponse } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, BundleLink, Resource, SearchParameter } from '@medplum/fhirtypes';
import { invalidRequest, notSupported, resourceNotFound } from './operation-outcomes.js';

/** What every request carries into the route handlers (and, through medplum, into batch entries). */
export interface FhirServerRequestConfig extends FhirRequestConfig {
  /** Absolute base URL of this server as the client addressed it, e.g. `http://localhost:8000/fhir`. */
  baseUrl: string;
  /** `Prefer: handling=lenient`: unknown search parameters are ignored instead of a 400. */
  lenient?: boolean;
}

export interface SearchSettings {
  /** Page size when the request has no `_count`. */
  defaultPageSize: number;
  /** Largest page a client may ask for; larger `_count` values are reduced to it. */
  maxPageSize: number;
}

/**
 * Parameter types medplum's memory matcher evaluates; others (number, quantity, composite, special) it
 * cannot. The one list: search refuses the others, and the CapabilityStatement advertises only these.
 */
export const SEARCHABLE_TYPES: ReadonlySet<string> = new Set(['token', 'reference', 'date', 'string', 'uri']);
/** Result parameters that only shape the response and are passed through into paging links. */
const PASSTHROUGH = new Set(['_format', '_pretty', '_total', '_']);
const TOTAL_MODES = new Set(['none', 'estimate', 'accurate']);
const UNSUPPORTED_RESULT_PARAMETERS = new Set([
  '_elements', '_contained', '_containedType', '_list', '_query', '_filter', '_text', '_content', '_type',
]);
/** How deep `:iterate` includes follow references. */
const MAX_INCLUDE_ROUNDS = 4;
const LOCAL_REFERENCE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;
const BARE_ID = /^[A-Za-z0-9\-.]{1,64}$/;

interface SortRule {
  code: string;
  descending: boolean;
  param: SearchParameter;
}

interface IncludeTarget {
  resourceType: string;
  param: SearchParameter;
  targetType?: string;
  iterate: boolean;
}

/** A search request, validated and normalised, ready to run against the repository. */
export interface SearchPlan {
  resourceType: string;
  /** Filters in medplum's query form (`code` → values), references already normalised. */
  filters: Record<string, string[]>;
  sort: SortRule[];
  count: number;
  offset: number;
  includes: IncludeTarget[];
  revIncludes: IncludeTarget[];
  summaryCount: boolean;
  /** The client's parameters in order, minus `_count`/`_offset`, to build paging links from. */
  linkParameters: [string, string][];
}

function fail(outcome: ReturnType<typeof invalidRequest>): never {
  throw new OperationOutcomeError(outcome);
}

/** Flattens medplum's parsed query (and a form-encoded `_search` body) into ordered pairs. */
export function queryPairs(...sources: (Record<string, unknown> | undefined)[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const source of sources) {
    if (!source || typeof source !== 'object') continue;
    for (const [key, value] of Object.entries(source)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== undefined && item !== null) pairs.push([key, String(item)]);
      }
    }
  }
  return pairs;
}

function searchParameterOf(resourceType: string, code: string): SearchParameter | undefined {
  return getSearchParameter(resourceType, code);
}

function nonNegativeInteger(name: string, value: string): number {
  if (!/^\d{1,9}$/.test(value)) fail(invalidRequest(`${name} must be a non-negative integer, not "${value}"`));
  return Number(value);
}

/** `Patient/1`, `1` (expanded to every target type), `http://this-server/fhir/Patient/1`, `Patient/1/_history/2`. */
export function normaliseReference(value: string, targets: readonly string[], baseUrl: string): string[] {
  let reference = value.trim();
  if (baseUrl && reference.startsWith(baseUrl + '/')) reference = reference.slice(baseUrl.length + 1);
  reference = reference.replace(/\/_history\/[^/]+$/, '');
  if (LOCAL_REFERENCE.test(reference)) return [reference];
  if (BARE_ID.test(reference) && targets.length > 0) return targets.map((type) => `${type}/${reference}`);
  return [reference];
}

function escapeSearchValue(value: string): string {
  return value.replace(/[\\,]/g, (character) => '\\' + character);
}

function parseIncludeTarget(resourceType: string, key: string, modifier: string, value: string): IncludeTarget {
  if (modifier && modifier !== 'iterate') fail(notSupported(`${key} does not support the modifier ":${modifier}"`));
  const iterate = modifier === 'iterate';
  const [sourceType, code, targetType, ...rest] = value.split(':');
  if (!sourceType || !code || rest.length > 0 || code === '*') {
    fail(invalidRequest(`${key}=${value} must have the form ResourceType:search-parameter[:TargetType]`));
  }
  if (!isResourceType(sourceType)) fail(invalidRequest(`${key}=${value}: unknown resource type "${sourceType}"`));
  if (key === '_include' && !iterate && sourceType !== resourceType) {
    fail(invalidRequest(`_include=${value} must start with the searched type ${resourceType} (or use _include:iterate)`));
  }
  const param = searchParameterOf(sourceType, code);
  if (!param || param.type !== 'reference') {
    fail(invalidRequest(`${key}=${value}: "${code}" is not a reference search parameter of ${sourceType}`));
  }
  if (targetType && !(param.target ?? []).includes(targetType as never)) {
    fail(invalidRequest(`${key}=${value}: ${sourceType}.${code} cannot point to ${targetType}`));
  }
  return { resourceType: sourceType, param, targetType: targetType || undefined, iterate };
}

/**
 * Validates and normalises a search. Throws an OperationOutcomeError (400) for unknown parameters,
 * parameter types or modifiers the engine cannot evaluate, and malformed control values.
 */
export function planSearch(
  resourceType: string,
  pairs: [string, string][],
  settings: SearchSettings,
  baseUrl: string,
  lenient = false,
): SearchPlan {
  const plan: SearchPlan = {
    resourceType,
    filters: {},
    sort: [],
    count: settings.defaultPageSize,
    offset: 0,
    includes: [],
    revIncludes: [],
    summaryCount: false,
    linkParameters: [],
  };
  // With `Prefer: handling=lenient` a parameter this server cannot evaluate is dropped (and left out
  // of the self link, so the client can see it was not applied); otherwise it is a 400.
  const refuse = (outcome: ReturnType<typeof notSupported>): void => {
    if (!lenient) fail(outcome);
  };

  for (const [key, value] of pairs) {
    const colon = key.indexOf(':');
    const code = colon >= 0 ? key.slice(0, colon) : key;
    const modifier = colon >= 0 ? key.slice(colon + 1) : '';

    if (code === '_count') {
      plan.count = Math.min(nonNegativeInteger('_count', value), settings.maxPageSize);
      continue;
    }
    if (code === '_offset') {
      plan.offset = nonNegativeInteger('_offset', value);
      continue;
    }
    if (PASSTHROUGH.has(code)) {
      if (code === '_total' && !TOTAL_MODES.has(value)) fail(invalidRequest(`_total must be none, estimate or accurate`));
      plan.linkParameters.push([key, value]);
      continue;
    }
    if (code === '_summary') {
      if (value !== 'count' && value !== 'false') {
        refuse(notSupported(`_summary=${value} is not supported (only count and false)`));
        continue;
      }
      plan.summaryCount = value === 'count';
      plan.linkParameters.push([key, value]);
      continue;
    }
    if (code === '_sort') {
      for (const field of value.split(',').filter(Boolean)) {
        const descending = field.startsWith('-');
        const sortCode = descending ? field.slice(1) : field;
        const param = searchParameterOf(resourceType, sortCode);
        if (!param) fail(invalidRequest(`Cannot sort ${resourceType} by unknown search parameter "${sortCode}"`));
        plan.sort.push({ code: sortCode, descending, param });
      }
      plan.linkParameters.push([key, value]);
      continue;
    }
    if (code === '_include' || code === '_revinclude') {
      const target = parseIncludeTarget(resourceType, code, modifier, value);
      (code === '_include' ? plan.includes : plan.revIncludes).push(target);
      plan.linkParameters.push([key, value]);
      continue;
    }
    if (value === '') continue; // FHIR R4 search: a parameter with an empty value is ignored.
    if (key.includes('.') || code === '_has') {
      refuse(notSupported(`Chained and reverse-chained search ("${key}") is not supported`));
      continue;
    }
    if (UNSUPPORTED_RESULT_PARAMETERS.has(code)) {
      refuse(notSupported(`${code} is not supported by this server`));
      continue;
    }
    const param = searchParameterOf(resourceType, code);
    if (!param || code === '_compartment') {
      if (lenient) continue;
      fail(invalidRequest(`Unknown search parameter "${code}" for resource type ${resourceType}`));
    }
    if (!SEARCHABLE_TYPES.has(param.type as string)) {
      refuse(notSupported(`Search parameter "${code}" (type ${param.type}) is not supported by this server`));
      continue;
    }

    let filterKey = key;
    let filterValue = value;
    if (modifier === 'missing') {
      if (value !== 'true' && value !== 'false') fail(invalidRequest(`${key} must be true or false`));
    } else if (param.type === 'reference') {
      const targets = (param.target ?? []) as string[];
      if (modifier && !targets.includes(modifier)) {
        fail(notSupported(`Modifier ":${modifier}" is not supported on reference parameter "${code}"`));
      }
      filterKey = code;
      filterValue = splitSearchOnComma(value)
        .flatMap((item) => normaliseReference(item, modifier ? [modifier] : targets, baseUrl))
        .map(escapeSearchValue)
        .join(',');
    } else if (modifier && !(modifier === 'not' && param.type === 'token') && !(modifier === 'contains' && param.type === 'string')) {
      // medplum's matcher ignores other modifiers (`:exact`, `:text`, `:above`…): refuse rather than answer wrongly.
      fail(notSupported(`Modifier ":${modifier}" is not supported on ${param.type} parameter "${code}"`));
    }
    (plan.filters[filterKey] ??= []).push(filterValue);
    plan.linkParameters.push([key, value]);
  }
  return plan;
}

type SortKey = number | string | undefined;

function sortKeyOf(resource: Resource, rule: SortRule): SortKey {
  const values = evalFhirPathTyped(rule.param.expression as string, [toTypedValue(resource)]);
  switch (rule.param.type) {
    case 'date': {
      const instants = convertToSearchableDates(values)
        .map((period) => Date.parse((rule.descending ? period.end ?? period.start : period.start ?? period.end) ?? ''))
        .filter((instant) => !Number.isNaN(instant));
      if (instants.length === 0) return undefined;
      return rule.descending ? Math.max(...instants) : Math.min(...instants);
    }
    case 'number':
      return convertToSearchableNumbers(values).flat().find((number) => number !== undefined);
    case 'quantity':
      return convertToSearchableQuantities(values).find((quantity) => quantity.value !== undefined)?.value;
    case 'token':
      return convertToSearchableTokens(values).find((token) => token.value)?.value?.toLowerCase();
    case 'reference':
      return convertToSearchableReferences(values)[0];
    default:
      return convertToSearchableStrings(values)[0]?.toLowerCase();
  }
}

/** A stored record the sort cannot read sorts as a missing value (last), never a failed search. */
function safeSortKey(resource: Resource, rule: SortRule): SortKey {
  try {
    return sortKeyOf(resource, rule);
  } catch {
    return undefined;
  }
}

function compareSortKeys(a: SortKey, b: SortKey, descending: boolean): number {
  if (a === b) return 0;
  if (a === undefined) return 1; // missing values last, in either direction
  if (b === undefined) return -1;
  const order = a < b ? -1 : 1;
  return descending ? -order : order;
}

/** Stable sort by every rule in turn (the first rule decides, later ones break ties). */
export function sortResources<T extends Resource>(resources: T[], rules: SortRule[]): T[] {
  if (rules.length === 0) return resources;
  const keyed = resources.map((resource, index) => ({
    resource,
    index,
    keys: rules.map((rule) => safeSortKey(resource, rule)),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < rules.length; i++) {
      const order = compareSortKeys(a.keys[i], b.keys[i], rules[i].descending);
      if (order !== 0) return order;
    }
    return a.index - b.index;
  });
  return keyed.map((item) => item.resource);
}

function referenceOf(resource: Resource): string {
  return `${resource.resourceType}/${resource.id}`;
}

function referencesFrom(resource: Resource, param: SearchParameter, baseUrl: string): string[] {
  let references: string[];
  try {
    references = convertToSearchableReferences(evalFhirPathTyped(param.expression as string, [toTypedValue(resource)]));
  } catch {
    return []; // a stored record whose references cannot be read includes nothing
  }
  return references
    .flatMap((reference) => normaliseReference(reference, [], baseUrl))
    .filter((reference) => LOCAL_REFERENCE.test(reference));
}

/** Resolves `_include` and `_revinclude` for one page of matches; iterate targets follow up to a fixed depth. */
async function resolveIncludes(repo: FhirRepository, page: Resource[], plan: SearchPlan, baseUrl: string): Promise<Resource[]> {
  const seen = new Set(page.map(referenceOf));
  const included: Resource[] = [];
  let frontier = page;
  for (let round = 0; round < MAX_INCLUDE_ROUNDS && frontier.length > 0; round++) {
    const next: Resource[] = [];
    const add = (resource: Resource): void => {
      const reference = referenceOf(resource);
      if (seen.has(reference)) return;
      seen.add(reference);
      included.push(resource);
      next.push(resource);
    };
    for (const target of plan.includes) {
      if (round > 0 && !target.iterate) continue;
      for (const resource of frontier) {
        if (resource.resourceType !== target.resourceType) continue;
        for (const reference of referencesFrom(resource, target.param, baseUrl)) {
          const [, type, id] = LOCAL_REFERENCE.exec(reference) as RegExpExecArray;
          if ((target.targetType && type !== target.targetType) || seen.has(reference)) continue;
          try {
            add(await repo.readResource(type, id));
          } catch {
            // A dangling reference has nothing to include; the referring resource still shows it.
          }
        }
      }
    }
    for (const target of plan.revIncludes) {
      if (round > 0 && !target.iterate) continue;
      const references = frontier
        .filter((resource) => !target.targetType || resource.resourceType === target.targetType)
        .map(referenceOf);
      if (references.length === 0) continue;
      const request = parseSearchRequest(target.resourceType as Resource['resourceType'], {
        [target.param.code as string]: references.map(escapeSearchValue).join(','),
      });
      const found = await repo.search(request);
      for (const entry of found.entry ?? []) if (entry.resource && entry.search?.mode !== 'outcome') add(entry.resource);
    }
    frontier = next;
  }
  return included;
}

function pageUrl(baseUrl: string, plan: SearchPlan, offset: number): string {
  const query = new URLSearchParams(plan.linkParameters);
  query.set('_count', String(plan.count));
  if (offset > 0) query.set('_offset', String(offset));
  return `${baseUrl}/${plan.resourceType}?${query.toString()}`;
}

function searchEntry(resource: Resource, mode: 'match' | 'include', baseUrl: string): BundleEntry {
  return { fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`, resource, search: { mode } };
}

/** Caches full sorted result lists so that paging through a large result runs the match once. */
export interface SearchResult {
  /** Every match, sorted. */
  matches: Resource[];
  /** `outcome` entries from the repository (stored records it could not evaluate). */
  outcomes: Resource[];
}

export class SearchResultCache {
  private readonly results = new Map<string, SearchResult>();
  private generation = -1;

  constructor(private readonly capacity = 32) {}

  lookup(key: string, generation: number): SearchResult | undefined {
    if (generation !== this.generation) {
      this.results.clear();
      this.generation = generation;
      return undefined;
    }
    const found = this.results.get(key);
    if (found) {
      this.results.delete(key);
      this.results.set(key, found); // most recently used last
    }
    return found;
  }

  store(key: string, resources: SearchResult): void {
    this.results.set(key, resources);
    while (this.results.size > this.capacity) {
      this.results.delete(this.results.keys().next().value as string);
    }
  }
}

/** Runs a planned search and builds the searchset Bundle with total, paging links and includes. */
export async function runSearch(
  repo: FhirRepository,
  plan: SearchPlan,
  baseUrl: string,
  cache?: { results: SearchResultCache; generation: number },
): Promise<Bundle> {
  const cacheKey = JSON.stringify([plan.resourceType, plan.filters, plan.sort.map((r) => [r.code, r.descending])]);
  let result = cache?.results.lookup(cacheKey, cache.generation);
  if (!result) {
    const request = parseSearchRequest(plan.resourceType as Resource['resourceType'], plan.filters) as SearchRequest;
    const found = await repo.search(request);
    const entries = found.entry ?? [];
    const resources = (outcome: boolean): WithId<Resource>[] =>
      entries
        .filter((entry) => (entry.search?.mode === 'outcome') === outcome)
        .map((entry) => entry.resource)
        .filter((r): r is WithId<Resource> => Boolean(r));
    result = { matches: sortResources(resources(false), plan.sort), outcomes: resources(true) };
    cache?.results.store(cacheKey, result);
  }
  const { matches, outcomes } = result;

  const total = matches.length;
  const page = plan.summaryCount ? [] : matches.slice(plan.offset, plan.offset + plan.count);
  const included = page.length > 0 ? await resolveIncludes(repo, page, plan, baseUrl) : [];

  const link: BundleLink[] = [{ relation: 'self', url: pageUrl(baseUrl, plan, plan.offset) }];
  if (!plan.summaryCount && plan.count > 0) {
    link.push({ relation: 'first', url: pageUrl(baseUrl, plan, 0) });
    if (plan.offset > 0) {
      link.push({ relation: 'previous', url: pageUrl(baseUrl, plan, Math.max(0, plan.offset - plan.count)) });
    }
    if (plan.offset + plan.count < total) {
      link.push({ relation: 'next', url: pageUrl(baseUrl, plan, plan.offset + plan.count) });
    }
  }

  const entry = [
    ...page.map((resource) => searchEntry(resource, 'match', baseUrl)),
    ...included.map((resource) => searchEntry(resource, 'include', baseUrl)),
    ...outcomes.map((resource) => ({ resource, search: { mode: 'outcome' as const } })),
  ];
  return {
    resourceType: 'Bundle',
    meta: { lastUpdated: new Date().toISOString() },
    type: 'searchset',
    total,
    link,
    ...(entry.length > 0 ? { entry } : {}),
  };
}

/** The route handler for `GET [type]?…` and `POST [type]/_search`, also used for searches inside batches. */
export function searchHandler(
  settings: SearchSettings,
  cache?: () => { results: SearchResultCache; generation: number },
): (req: FhirRequest, repo: FhirRepository) => Promise<FhirResponse> {
  return async (req, repo) => {
    const config = req.config as FhirServerRequestConfig | undefined;
    const baseUrl = config?.baseUrl ?? '';
    const { resourceType } = req.params;
    if (!isResourceType(resourceType)) return [resourceNotFound(`Unknown resource type "${resourceType}"`)];
    const body = req.method === 'POST' && req.body && typeof req.body === 'object' ? req.body : undefined;
    const plan = planSearch(resourceType, queryPairs(req.query, body), settings, baseUrl, config?.lenient);
    return [allOk, await runSearch(repo, plan, baseUrl, cache?.())];
  };
}
