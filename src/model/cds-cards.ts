// CDS Hooks 2.0 (cds-hooks.org) as the kit reads it: a service's discovery document and its cards,
// checked field by field (a service is a server like any other: every field may be missing or
// hostile), cards sorted by urgency, and which URLs a card may point at or a token may go to.
// Pure: no network, no DOM, no English.

export const CDS_INDICATORS = ['critical', 'warning', 'info'] as const;
export type CdsIndicator = (typeof CDS_INDICATORS)[number];

export const CDS_ACTION_TYPES = ['create', 'update', 'delete'] as const;
export type CdsActionType = (typeof CDS_ACTION_TYPES)[number];

/** One entry of `GET {base}` → `{ services: [...] }`. */
export interface CdsServiceDescription {
  id: string;
  hook: string;
  title?: string;
  description: string;
  /** Prefetch key → FHIR query template (`Patient/{{context.patientId}}`). */
  prefetch: Record<string, string>;
}

export interface CdsCoding {
  code: string;
  system?: string;
  display?: string;
}

export interface CdsAction {
  type: CdsActionType;
  description: string;
  resource?: unknown;
  /** Relative references (`MedicationRequest/123`) of the resources a delete names. */
  resourceId: string[];
}

export interface CdsSuggestion {
  label: string;
  uuid?: string;
  isRecommended: boolean;
  actions: CdsAction[];
}

export interface CdsLink {
  label: string;
  /** Absolute http(s) URL (checked). */
  url: string;
  type: 'absolute' | 'smart';
  appContext?: string;
}

export interface CdsSource {
  label: string;
  /** http(s) only; dropped otherwise. */
  url?: string;
  /** http(s) only; dropped otherwise. */
  icon?: string;
  topic?: CdsCoding;
}

export interface CdsCard {
  uuid?: string;
  summary: string;
  detail?: string;
  indicator: CdsIndicator;
  source: CdsSource;
  suggestions: CdsSuggestion[];
  selectionBehavior?: 'at-most-one' | 'any';
  overrideReasons: CdsCoding[];
  links: CdsLink[];
}

/** What was read from one service's answer: its valid cards, and how many were dropped as unreadable. */
export interface CdsServiceAnswer {
  cards: CdsCard[];
  invalid: number;
}

export class CdsFormatError extends Error {
  override readonly name = 'CdsFormatError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** The URL when it is an absolute `http:` or `https:` URL; undefined for anything else (`javascript:`, `data:`, relative). */
export function safeHttpUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  let url: URL;
  try {
    url = base === undefined ? new URL(value.trim()) : new URL(value.trim(), base);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

/** True for `localhost`, `*.localhost`, 127.0.0.0/8 and [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether the FHIR access token may go to this CDS service: only an `https:` service, or one on
 * this machine (loopback over http, for development). Anything else is refused even with `share-token`.
 */
export function tokenMayGoTo(serviceUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

function coding(value: unknown): CdsCoding | undefined {
  if (!isRecord(value) || !text(value.code)) return undefined;
  return {
    code: value.code as string,
    ...(text(value.system) ? { system: value.system as string } : {}),
    ...(text(value.display) ? { display: value.display as string } : {}),
  };
}

/** Reads a discovery document; throws CdsFormatError when it is not one. */
export function parseDiscovery(json: unknown): CdsServiceDescription[] {
  if (!isRecord(json) || !Array.isArray(json.services)) {
    throw new CdsFormatError('the discovery answer has no "services" list');
  }
  const services: CdsServiceDescription[] = [];
  for (const entry of json.services) {
    if (!isRecord(entry) || !text(entry.id) || !text(entry.hook)) continue;
    if (!/^[A-Za-z0-9._~-]+$/.test(entry.id as string)) continue; // an id becomes a URL path segment
    const prefetch: Record<string, string> = {};
    if (isRecord(entry.prefetch)) {
      for (const [key, template] of Object.entries(entry.prefetch)) {
        if (typeof template === 'string') prefetch[key] = template;
      }
    }
    services.push({
      id: entry.id as string,
      hook: entry.hook as string,
      ...(text(entry.title) ? { title: entry.title as string } : {}),
      description: typeof entry.description === 'string' ? entry.description : '',
      prefetch,
    });
  }
  return services;
}

function parseAction(value: unknown): CdsAction | undefined {
  if (!isRecord(value) || !(CDS_ACTION_TYPES as readonly unknown[]).includes(value.type)) return undefined;
  return {
    type: value.type as CdsActionType,
    description: typeof value.description === 'string' ? value.description : '',
    ...(value.resource === undefined ? {} : { resource: value.resource }),
    resourceId: (Array.isArray(value.resourceId) ? value.resourceId : [value.resourceId]).filter((id): id is string => !!text(id)),
  };
}

function parseSuggestion(value: unknown): CdsSuggestion | undefined {
  if (!isRecord(value) || !text(value.label)) return undefined;
  return {
    label: value.label as string,
    ...(text(value.uuid) ? { uuid: value.uuid as string } : {}),
    isRecommended: value.isRecommended === true,
    actions: Array.isArray(value.actions) ? value.actions.flatMap((a) => parseAction(a) ?? []) : [],
  };
}

function parseLink(value: unknown, base: string | undefined): CdsLink | undefined {
  if (!isRecord(value) || !text(value.label)) return undefined;
  const type = value.type === 'smart' ? 'smart' : value.type === 'absolute' ? 'absolute' : undefined;
  const url = safeHttpUrl(value.url, base);
  if (!type || !url) return undefined;
  return { label: value.label as string, url, type, ...(text(value.appContext) ? { appContext: value.appContext as string } : {}) };
}

/** One card, or undefined when it lacks what the spec requires (summary, indicator, source.label). */
export function parseCard(value: unknown, base?: string): CdsCard | undefined {
  if (!isRecord(value) || !text(value.summary)) return undefined;
  if (!(CDS_INDICATORS as readonly unknown[]).includes(value.indicator)) return undefined;
  const source = value.source;
  if (!isRecord(source) || !text(source.label)) return undefined;
  const sourceUrl = safeHttpUrl(source.url);
  const icon = safeHttpUrl(source.icon);
  const topic = coding(source.topic);
  const selection = value.selectionBehavior;
  return {
    ...(text(value.uuid) ? { uuid: value.uuid as string } : {}),
    summary: value.summary as string,
    ...(text(value.detail) ? { detail: value.detail as string } : {}),
    indicator: value.indicator as CdsIndicator,
    source: {
      label: source.label as string,
      ...(sourceUrl ? { url: sourceUrl } : {}),
      ...(icon ? { icon } : {}),
      ...(topic ? { topic } : {}),
    },
    suggestions: Array.isArray(value.suggestions) ? value.suggestions.flatMap((s) => parseSuggestion(s) ?? []) : [],
    ...(selection === 'at-most-one' || selection === 'any' ? { selectionBehavior: selection } : {}),
    overrideReasons: Array.isArray(value.overrideReasons) ? value.overrideReasons.flatMap((r) => coding(r) ?? []) : [],
    links: Array.isArray(value.links) ? value.links.flatMap((l) => parseLink(l, base) ?? []) : [],
  };
}

/** Reads a service's answer `{ cards: [...] }`; throws CdsFormatError when it has no card list. */
export function parseServiceAnswer(json: unknown, base?: string): CdsServiceAnswer {
  if (!isRecord(json) || !Array.isArray(json.cards)) throw new CdsFormatError('the answer has no "cards" list');
  const cards: CdsCard[] = [];
  let invalid = 0;
  for (const value of json.cards) {
    const card = parseCard(value, base);
    if (card) cards.push(card);
    else invalid += 1;
  }
  return { cards, invalid };
}

/** A card with the service that sent it (index = the order services were called in). */
export interface ServiceCard {
  card: CdsCard;
  serviceId: string;
  serviceIndex: number;
}

const URGENCY: Record<CdsIndicator, number> = { critical: 0, warning: 1, info: 2 };

/** Critical → warning → info, then by service order, then as each service listed them (stable). */
export function sortCards<T extends ServiceCard>(cards: readonly T[]): T[] {
  return cards
    .map((entry, position) => ({ entry, position }))
    .sort(
      (a, b) =>
        URGENCY[a.entry.card.indicator] - URGENCY[b.entry.card.indicator] ||
        a.entry.serviceIndex - b.entry.serviceIndex ||
        a.position - b.position,
    )
    .map(({ entry }) => entry);
}

/** Which services to call: those for the hook, limited to `wanted` ids when given (in discovery order). */
export function servicesToCall(
  services: readonly CdsServiceDescription[],
  hook: string,
  wanted: readonly string[] = [],
): CdsServiceDescription[] {
  const forHook = services.filter((s) => s.hook === hook);
  return wanted.length ? forHook.filter((s) => wanted.includes(s.id)) : forHook;
}

// ---- Prefetch templates -------------------------------------------------------------------------

/** The values a prefetch template may name. */
export interface PrefetchValues {
  patientId: string;
  userId?: string;
  encounterId?: string;
}

/** A resolved prefetch: one read, or one search whose parameters each appear once. */
export type PrefetchQuery =
  | { kind: 'read'; reference: string }
  | { kind: 'search'; resourceType: string; params: Record<string, string> };

const TOKEN = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;

/** The user tokens, each with the resource type it names (`userPractitionerId` of `Practitioner/p1` is `p1`). */
const USER_TOKENS: Record<string, string> = {
  userPractitionerId: 'Practitioner',
  userPractitionerRoleId: 'PractitionerRole',
  userPatientId: 'Patient',
  userRelatedPersonId: 'RelatedPerson',
};

function tokenValue(name: string, values: PrefetchValues): string | undefined {
  if (name === 'context.patientId' || name === 'context.userId' || name === 'context.encounterId') return values[name.slice(8) as keyof PrefetchValues];
  const [type, id] = values.userId?.split('/') ?? [];
  return Object.hasOwn(USER_TOKENS, name) && USER_TOKENS[name] === type ? id : undefined;
}

/**
 * A prefetch template with its tokens filled in, percent-encoded, as a read or a search the loader
 * can run; undefined when a token has no value here, the template is not a relative FHIR query, or
 * a parameter repeats (the service then gets `null` and fetches for itself, as the spec allows).
 */
export function resolvePrefetch(template: string, values: PrefetchValues): PrefetchQuery | undefined {
  let missing = false;
  const filled = template.trim().replace(TOKEN, (_match, name: string) => {
    const value = tokenValue(name, values);
    if (value === undefined || value === '') {
      missing = true;
      return '';
    }
    return encodeURIComponent(value);
  });
  if (missing || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(filled)) return undefined;
  const [path, query = ''] = filled.split('?', 2) as [string, string?];
  const segments = path.split('/').filter(Boolean);
  if (!segments.length || !/^[A-Z][A-Za-z]+$/.test(segments[0])) return undefined;
  if (segments.length === 2 && !query) return { kind: 'read', reference: `${segments[0]}/${segments[1]}` };
  if (segments.length !== 1) return undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    if (key in params) return undefined;
    params[key] = value;
  }
  return { kind: 'search', resourceType: segments[0], params };
}
