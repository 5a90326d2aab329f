// The @lit/context key through which <fhir-context> hands every widget inside it the set of its
// sources: its own (primary) loader first, then one loader per <fhir-source> child (issue 14).
import { createContext } from '@lit/context';
import type { FhirLoader } from './loader.js';

export interface DataSource {
  /** The source's label, as shown beside its rows ("Regional HIE"); unique in its set. */
  readonly label: string;
  readonly loader: FhirLoader;
  /** The context's own source: its patient's identity is the one shown. */
  readonly primary: boolean;
}

export interface SourceSet {
  /** The primary source first. */
  readonly sources: readonly DataSource[];
}

export const fhirSourcesContext = createContext<SourceSet | undefined>(Symbol('fhir-elements-sources'));

/** The label a source gets when it has none: its server's host name. */
export function defaultSourceLabel(server: string | undefined, fallback: string): string {
  if (!server) return fallback;
  try {
    return new URL(server, document.baseURI).host || fallback;
  } catch {
    return fallback;
  }
}
