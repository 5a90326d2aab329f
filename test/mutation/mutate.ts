// Mutation operators for FHIR JSON: each takes a resource (a plain JSON tree) and breaks one part
// of it the way real feeds and hostile servers do. Pure functions of the PRNG: a seed makes the
// same mutations again.
import type { Rng } from './prng.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const MUTATION_KINDS = [
  'delete',
  'null',
  'wrong-type',
  'empty',
  'huge-string',
  'unicode',
  'bad-date',
  'odd-number',
  'unknown-code',
  'dangling-reference',
  'malformed-reference',
  'deep-nesting',
  'markup-everywhere',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number] | 'duplicate-id';

/** Markup and script payloads: any of them running sets `window.__mutationPwned`. */
export const MARKUP_PAYLOADS = [
  '<script>window.__mutationPwned=1</script>',
  '<img src=x onerror="window.__mutationPwned=1">',
  '"><svg onload=window.__mutationPwned=1>',
  'javascript:window.__mutationPwned=1',
  '<iframe src="javascript:window.__mutationPwned=1"></iframe>',
  '<a href="javascript:window.__mutationPwned=1">click</a>',
  "'><details open ontoggle=window.__mutationPwned=1>",
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__mutationPwned=1>',
  '{{constructor.constructor("window.__mutationPwned=1")()}}',
  '${window.__mutationPwned=1}',
  '<style>*{display:none!important}</style>',
  '&lt;b&gt;&amp;&#x3C;script&#x3E;',
] as const;

export const UNICODE_TRICKS = [
  '\u202Eevil\u202C', // right-to-left override
  '\u2066isolate never popped',
  'zero\u200Bwidth\u200C\u200Djoin\uFEFF',
  'e' + '\u0301\u0308\u0327'.repeat(40), // combining marks pile
  'lone \uD800 surrogate',
  'nul \u0000 byte',
  'line\u2028separator\u2029',
  '\u061Carabic mark \u0627\u0644\u062F\u0648\u0627\u0621',
  '𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦 🏳️‍🌈',
  '\u00A0\u2007\u202F',
  'İıſK', // case-folding traps
  '\uFFFD\uFFFF',
] as const;

export const BAD_DATES = [
  '2020-13-45',
  '2021-02-30',
  'yesterday',
  '0000-00-00',
  '99999-12-31',
  '-2020-01-01',
  '2020-01-01T25:61:61Z',
  '2020-W05',
  '',
  '275760-09-14',
  '2020-01-01T00:00:00+99:00',
  '\u202E2020-01-01',
  '1e309',
  '2999-01-01',
  '1582-10-10',
] as const;

/** 1e309 is Infinity once parsed; JSON cannot carry NaN, so neither do these. */
export const ODD_NUMBERS = [
  Infinity,
  -Infinity,
  -0,
  1e-320,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER + 2, // not representable: 2^53 + 1 rounds
  1e21,
  0.1 + 0.2,
  -1,
  0,
] as const;

export const UNKNOWN_CODES = ['zz-unknown', 'urn:oid:0.0.0', ' ', 'ACTIVE', 'active ', 'entered-in-errorX', 'unknown', '42'] as const;

export const DANGLING_REFERENCES = [
  'Medication/does-not-exist',
  'Practitioner/ghost',
  '#missing-contained',
  'http://elsewhere.example/fhir/Medication/1',
  'urn:uuid:00000000-0000-0000-0000-000000000000',
  'Encounter/gone/_history/9',
] as const;

export const MALFORMED_REFERENCES = [
  '',
  '/',
  'Patient/',
  'Patient',
  '//',
  '#',
  'urn:uuid:',
  'Patient/../../etc',
  'Patient/a/_history/',
  'javascript:window.__mutationPwned=1',
  'Medication/ spaces here',
  '?patient=1',
] as const;

const DATE_KEY = /date|Date|period|start|end|issued|onset|authored|recorded|instant|birth|effective|when|occurrence/;
const NUMBER_KEY = /value|low|high|numerator|denominator|quantity|Quantity|doseQuantity/;

interface Slot {
  parent: Json;
  key: string | number;
  path: string;
}

/** Every value inside `node` (not the root), with where it sits. `protect` keys are never listed at the top level. */
function slots(node: Json, protect: ReadonlySet<string>, path = '', depth = 0, out: Slot[] = []): Slot[] {
  if (depth > 40 || node === null || typeof node !== 'object') return out;
  const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
  for (const key of keys) {
    if (depth === 0 && protect.has(String(key))) continue;
    const childPath = Array.isArray(node) ? `${path}[${key}]` : path ? `${path}.${key}` : String(key);
    out.push({ parent: node, key, path: childPath });
    slots(node[key], protect, childPath, depth + 1, out);
  }
  return out;
}

const valueAt = (slot: Slot): Json => slot.parent[slot.key];

function set(slot: Slot, value: Json): void {
  slot.parent[slot.key] = value;
}

function remove(slot: Slot): void {
  if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
  else delete slot.parent[slot.key];
}

function hugeString(rng: Rng): string {
  const length = rng.pick([5_000, 12_000, 30_000, 60_000]);
  return rng.chance(0.5)
    ? 'W'.repeat(length) // one unbreakable word
    : 'lorem ipsum '.repeat(Math.ceil(length / 12)).slice(0, length);
}

function deepNest(rng: Rng, leaf: Json): Json {
  const depth = rng.pick([50, 200, 1_000, 3_000]);
  const shape = rng.int(3);
  let node: Json = leaf;
  for (let i = 0; i < depth; i++) {
    node = shape === 0 ? { extension: [node] } : shape === 1 ? [node] : { coding: [{ code: node }] };
  }
  return node;
}

function wrongType(rng: Rng, value: Json): Json {
  if (typeof value === 'string') return rng.pick([12345, true, { text: value }, [value]]);
  if (typeof value === 'number') return rng.pick([String(value), [value], { value }]);
  if (typeof value === 'boolean') return rng.pick(['true', 1, {}]);
  if (Array.isArray(value)) return rng.pick([value[0] ?? {}, 'not an array', 7]);
  if (value && typeof value === 'object') return rng.pick(['text instead of an object', 42, [value], true]);
  return {};
}

function emptyOf(value: Json): Json {
  if (typeof value === 'string') return '';
  if (Array.isArray(value)) return [];
  if (value && typeof value === 'object') return {};
  return '';
}

function allStrings(node: Json, replace: (s: string, key: string | number) => string, skipTop: ReadonlySet<string>, depth = 0): void {
  if (node === null || typeof node !== 'object' || depth > 60) return;
  const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
  for (const key of keys) {
    if (depth === 0 && skipTop.has(String(key))) continue;
    const value = node[key];
    if (typeof value === 'string') node[key] = replace(value, key);
    else allStrings(value, replace, skipTop, depth + 1);
  }
}

/**
 * Applies one mutation of `kind` to `resource` in place. Returns a short description (kind and
 * path), or undefined when the resource had nothing the kind could break.
 */
export function applyMutation(rng: Rng, resource: Json, kind: MutationKind, protect: ReadonlySet<string>): string | undefined {
  if (kind === 'markup-everywhere') {
    const payload = rng.pick(MARKUP_PAYLOADS);
    allStrings(resource, (s, key) => (key === 'reference' && rng.chance(0.5) ? s : rng.chance(0.5) ? `${s}${payload}` : payload), protect);
    return `markup-everywhere ${JSON.stringify(payload)}`;
  }
  const all = slots(resource, protect);
  const strings = all.filter((s) => typeof valueAt(s) === 'string');
  const choose = (candidates: Slot[]) => (candidates.length ? rng.pick(candidates) : undefined);
  let slot: Slot | undefined;
  switch (kind) {
    case 'delete':
      slot = choose(all);
      if (slot) remove(slot);
      break;
    case 'null':
      slot = choose(all);
      if (slot) set(slot, null);
      break;
    case 'wrong-type':
      slot = choose(all);
      if (slot) set(slot, wrongType(rng, valueAt(slot)));
      break;
    case 'empty':
      slot = choose(all);
      if (slot) set(slot, emptyOf(valueAt(slot)));
      break;
    case 'huge-string':
      slot = choose(strings.filter((s) => s.key !== 'resourceType'));
      if (slot) set(slot, hugeString(rng));
      break;
    case 'unicode':
      slot = choose(strings);
      if (slot) {
        const trick = rng.pick(UNICODE_TRICKS);
        set(slot, rng.chance(0.5) ? trick : `${valueAt(slot)}${trick}`);
      }
      break;
    case 'bad-date':
      slot = choose(all.filter((s) => DATE_KEY.test(String(s.key)) || DATE_KEY.test(s.path)));
      if (slot) set(slot, rng.chance(0.8) ? rng.pick(BAD_DATES) : rng.pick([1577836800000, { start: 'x' }, ['2020-01-01']]));
      else {
        resource.effectiveDateTime = rng.pick(BAD_DATES);
        return 'bad-date effectiveDateTime (added)';
      }
      break;
    case 'odd-number': {
      slot = choose(all.filter((s) => typeof valueAt(s) === 'number' || NUMBER_KEY.test(String(s.key))));
      const odd = rng.pick(ODD_NUMBERS);
      if (slot) set(slot, typeof valueAt(slot) === 'object' && valueAt(slot) ? { ...valueAt(slot), value: odd } : odd);
      else {
        resource.valueQuantity = { value: odd, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' };
        return `odd-number valueQuantity.value=${Object.is(odd, -0) ? '-0' : odd} (added)`;
      }
      return slot ? `odd-number ${slot.path}=${Object.is(odd, -0) ? '-0' : odd}` : undefined;
    }
    case 'unknown-code':
      slot = choose(strings.filter((s) => s.key === 'code' || s.key === 'system' || s.key === 'status' || s.key === 'unit'));
      if (slot) set(slot, rng.pick(UNKNOWN_CODES));
      break;
    case 'dangling-reference':
      slot = choose(strings.filter((s) => s.key === 'reference' && !/^(subject|patient)\b/.test(s.path)));
      if (slot) set(slot, rng.pick(DANGLING_REFERENCES));
      else {
        resource.medicationReference = { reference: rng.pick(DANGLING_REFERENCES) };
        return 'dangling-reference medicationReference (added)';
      }
      break;
    case 'malformed-reference':
      slot = choose(all.filter((s) => s.key === 'reference'));
      if (slot) set(slot, rng.chance(0.85) ? rng.pick(MALFORMED_REFERENCES) : rng.pick([42, { reference: 'Patient/x' }, null]));
      break;
    case 'deep-nesting':
      slot = choose(all);
      if (slot) set(slot, deepNest(rng, valueAt(slot)));
      break;
    case 'duplicate-id':
      return undefined; // batch-level: see mutateBatch
  }
  return slot ? `${kind} ${slot.path}` : undefined;
}

export interface MutatedResource {
  resource: Json;
  /** What was done to it, in order. Empty when unchanged. */
  mutations: string[];
}

/** One to three mutations on a copy of `resource` (`protect`: top-level keys left alone). */
export function mutateResource(rng: Rng, resource: Json, protect: ReadonlySet<string>): MutatedResource {
  const copy = structuredClone(resource);
  const mutations: string[] = [];
  const count = 1 + rng.int(3);
  for (let i = 0; i < count * 3 && mutations.length < count; i++) {
    const kind = rng.pick(MUTATION_KINDS);
    const done = applyMutation(rng, copy, kind, protect);
    if (done) mutations.push(done);
  }
  return { resource: copy, mutations };
}

/** Duplicated ids across a batch: some resources take the id of another (same or other type). */
export function duplicateIds(rng: Rng, batch: MutatedResource[], rate: number): void {
  for (const item of batch) {
    if (!rng.chance(rate) || !item.resource || typeof item.resource !== 'object') continue;
    const other = rng.pick(batch).resource;
    if (other && typeof other === 'object' && 'id' in other) {
      item.resource.id = other.id;
      item.mutations.push(`duplicate-id ${String(other.id).slice(0, 40)}`);
    }
  }
}
