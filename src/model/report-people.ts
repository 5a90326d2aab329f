// The people of a report (`performer`, STU3 `{ role, actor }` too, and `resultsInterpreter`) as
// names: their `display`, else the named Practitioner's, Organization's or other resource's name.
// Read with the list of reports' details (report-details.ts), so the flowsheet, which never shows
// them, does not load it.
import { listOf, type ResourceIndex } from './diagnostic-report.js';
import type { AnyResource } from './fhir-types.js';

function personName(resource: AnyResource | undefined): string | undefined {
  if (!resource) return undefined;
  if (typeof resource.name === 'string') return resource.name.trim() || undefined;
  const name = listOf(resource.name)[0] as { text?: unknown; given?: unknown; family?: unknown; prefix?: unknown } | undefined;
  if (!name) return undefined;
  if (typeof name.text === 'string' && name.text.trim()) return name.text.trim();
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : typeof v === 'string' ? [v] : []);
  const parts = [...list(name.prefix), ...list(name.given), ...list(name.family)];
  return parts.length ? parts.join(' ') : undefined;
}

/** The names of the people referenced in `value`, each once, in order. */
export function actorsOf(value: unknown, index: ResourceIndex, report: AnyResource): string[] {
  const out: string[] = [];
  for (const item of listOf(value) as Record<string, unknown>[]) {
    if (!item || typeof item !== 'object') continue;
    // STU3 performer is `{ role, actor }`.
    const ref = (item.actor && typeof item.actor === 'object' ? item.actor : item) as { reference?: unknown; display?: unknown };
    const resolved = index.resolve(ref.reference, report);
    const name = (typeof ref.display === 'string' && ref.display.trim()) || personName(resolved);
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}
