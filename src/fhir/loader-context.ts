// The @lit/context key through which <fhir-context> hands its loader to every widget inside it.
import { createContext } from '@lit/context';
import type { FhirLoader } from './loader.js';

export const fhirLoaderContext = createContext<FhirLoader | undefined>(Symbol('fhir-elements-loader'));
