// Vite plugin for `npm start`: mounts the local FHIR server at /fhir of the dev server, preloaded
// with the generated demo patients. The server (and medplum) is imported only when the dev server
// starts, so `vite build` never loads it. Vite starts at once; FHIR requests that arrive while the
// definitions and patients load (about 2 s) wait for them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin, ViteDevServer } from 'vite';
import { cdsMiddleware } from '../cds/service.js';
import { sendStartupFailure } from './fhir-http.js';
import type { FhirServer, FhirServerOptions } from './fhir-server.js';

export interface FhirServerPluginOptions extends Omit<FhirServerOptions, 'patients'> {
  /** Where the FHIR base is mounted (default `/fhir`). */
  basePath?: string;
  /** Bundles to preload instead of `generateDemoPatients()`. */
  patients?: FhirServerOptions['patients'];
  /** Also mount the fault-injecting endpoints at `/faults/<kind>/fhir` (default true). */
  faults?: boolean;
}

async function startFhirServer(options: FhirServerPluginOptions): Promise<FhirServer> {
  const [{ createFhirServer }, { loadDemoPatients }] = await Promise.all([
    import('./fhir-server.js'),
    import('./demo-patients.js'),
  ]);
  const patients = options.patients ?? (await loadDemoPatients());
  return createFhirServer({ ...options, patients });
}

export function fhirServerPlugin(options: FhirServerPluginOptions = {}): Plugin {
  const basePath = (options.basePath ?? '/fhir').replace(/\/+$/, '');
  return {
    name: 'fhir-elements:fhir-server',
    apply: 'serve',
    configureServer(server: ViteDevServer) {
      const started = performance.now();
      const ready = startFhirServer(options);
      ready.catch((error: unknown) => {
        server.config.logger.error(`[fhir] the local FHIR server failed to start: ${(error as Error)?.stack ?? error}`);
      });
      const faults = options.faults === false ? undefined : import('./fault-injection.js');

      server.middlewares.use(cdsMiddleware()); // the demo CDS Hooks service at /cds-services
      server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
        const path = (req.url ?? '/').split('?')[0];
        const inBase = path === basePath || path.startsWith(basePath + '/');
        const inFaults = faults !== undefined && path.startsWith('/faults/');
        if (!inBase && !inFaults) {
          next();
          return;
        }
        void (async () => {
          try {
            const fhir = await ready;
            const faultModule = inFaults ? await faults : undefined;
            const fault = faultModule?.faultRoute(path);
            if (faultModule && fault) {
              await faultModule.answerWithFault(fault.kind, req, res, { server: fhir, basePath: fault.basePath });
            } else if (inBase) {
              await fhir.handle(req, res, basePath);
            } else {
              next();
            }
          } catch (error) {
            sendStartupFailure(req, res, error);
          }
        })();
      });

      const announce = (): void => {
        // After Vite's own "ready" banner, which it prints once listen() resolves.
        void ready.then(() => new Promise((resolve) => setTimeout(resolve, 100))).then(() => ready).then((fhir) => {
          const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? `http://localhost:${server.config.server.port}`;
          server.config.logger.info(
            `  ➜  FHIR R4:  ${origin}${basePath}  (definitions ${fhir.definitionsMilliseconds} ms, ` +
              `demo patients ${fhir.preloadMilliseconds} ms, ready ${Math.round(performance.now() - started)} ms)`,
          );
        }, () => undefined);
      };
      if (server.httpServer?.listening) announce();
      else server.httpServer?.once('listening', announce);
    },
  };
}
