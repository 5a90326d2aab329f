// The regional HIE's FHIR base beside the EMR's: a second in-memory server with its own ids
// (demo/data/hie.ts), mounted by the dev server (vite-plugin.ts) and the test server
// (test/server/middleware.ts) on the same origin as /fhir.
//   /hie/fhir/*                 the HIE, open, preloaded with generateHiePatients()
//   /hie/faults/<kind>/fhir/*   the HIE failing: the same fault kinds as /faults/<kind>/fhir
//                               (fault-injection.ts); `page2-500` serves the HIE's real first page
// A page makes the HIE fail by pointing its source there instead of /hie/fhir, with the same
// patient ids: e.g. `<fhir-source server="/hie/faults/500/fhir" patient="hie-2264">`, or
// `/hie/faults/timeout/fhir` for a source that never answers.
import type { Bundle } from 'fhir/r4';
import { faultRoute } from './fault-injection.js';

/** Where the HIE's FHIR base is mounted. */
export const HIE_BASE_PATH = '/hie/fhir';
/** Prefix that puts the fault endpoints in front of the HIE: `/hie/faults/<kind>/fhir`. */
export const HIE_FAULT_PREFIX = '/hie';

/** True when `path` is `base` or under it. */
export function isUnder(path: string, base: string): boolean {
  return path === base || path.startsWith(base + '/');
}

/** `/hie/faults/500/fhir/Patient/x` → `{ kind: '500', basePath: '/hie/faults/500/fhir' }`; undefined otherwise. */
export function hieFaultRoute(path: string): { kind: string; basePath: string } | undefined {
  if (!path.startsWith(HIE_FAULT_PREFIX + '/faults/')) return undefined;
  const route = faultRoute(path.slice(HIE_FAULT_PREFIX.length));
  return route && { kind: route.kind, basePath: HIE_FAULT_PREFIX + route.basePath };
}

/** The HIE's Bundles (the generator is imported lazily, as for the EMR's). */
export async function loadHiePatients(): Promise<Bundle[]> {
  const { generateHiePatients } = await import('../data/hie.js');
  return generateHiePatients();
}
