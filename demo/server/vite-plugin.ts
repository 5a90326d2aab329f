// Vite plugin for `npm start`: mounts the local FHIR server at /fhir of the dev server, preloaded
// with the generated demo patients, and the regional HIE's server at /hie/fhir (hie-server.ts). The
// servers (and medplum) are imported only when the dev server starts, so `vite build` never loads
// them. Vite starts at once; FHIR requests that arrive while the definitions and patients load
// (about 2 s) wait for them.
//   /fhir/*                     the EMR (generateDemoPatients)
//   /faults/<kind>/fhir/*       the EMR failing (fault-injection.ts: 500, 401, timeout, page2-500, …)
//   /hie/fhir/*                 the HIE (generateHiePatients; ids in HIE_PATIENTS, demo/data/hie.ts)
//   /hie/faults/<kind>/fhir/*   the HIE failing: the demo's "make the HIE fail" control points the
//                               HIE source here (same patient ids), e.g. /hie/faults/500/fhir
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
  /** Also mount the regional HIE at `/hie/fhir` (and, with `faults`, `/hie/faults/<kind>/fhir`) (default true). */
  hie?: boolean;
}

async function startFhirServer(options: FhirServerPluginOptions): Promise<FhirServer> {
  const [{ createFhirServer }, { loadDemoPatients }] = await Promise.all([
    import('./fhir-server.js'),
    import('./demo-patients.js'),
  ]);
  const patients = options.patients ?? (await loadDemoPatients());
  return createFhirServer({ ...options, patients });
}

async function startHieServer(options: FhirServerPluginOptions): Promise<FhirServer> {
  const [{ createFhirServer }, { loadHiePatients }] = await Promise.all([import('./fhir-server.js'), import('./hie-server.js')]);
  const { pageSize, maxPageSize, maxBodyBytes } = options;
  return createFhirServer({ pageSize, maxPageSize, maxBodyBytes, patients: await loadHiePatients() });
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
      const hieReady = options.hie === false ? undefined : startHieServer(options);
      hieReady?.catch((error: unknown) => {
        server.config.logger.error(`[fhir] the HIE's FHIR server failed to start: ${(error as Error)?.stack ?? error}`);
      });

      server.middlewares.use(cdsMiddleware()); // the demo CDS Hooks service at /cds-services
      server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
        const path = (req.url ?? '/').split('?')[0];
        const inBase = path === basePath || path.startsWith(basePath + '/');
        const inFaults = faults !== undefined && path.startsWith('/faults/');
        const inHie = hieReady !== undefined && path.startsWith('/hie/');
        if (!inBase && !inFaults && !inHie) {
          next();
          return;
        }
        void (async () => {
          try {
            if (inHie) {
              await handleHie(req, res, path, next);
              return;
            }
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

      /** `/hie/fhir/*` and `/hie/faults/<kind>/fhir/*`. */
      async function handleHie(req: IncomingMessage, res: ServerResponse, path: string, next: () => void): Promise<void> {
        const [hie, { HIE_BASE_PATH, hieFaultRoute, isUnder }] = await Promise.all([hieReady!, import('./hie-server.js')]);
        const fault = faults ? hieFaultRoute(path) : undefined;
        if (fault) {
          const { answerWithFault } = await faults!;
          await answerWithFault(fault.kind, req, res, { server: hie, basePath: fault.basePath });
        } else if (isUnder(path, HIE_BASE_PATH)) {
          await hie.handle(req, res, HIE_BASE_PATH);
        } else {
          next();
        }
      }

      const announce = (): void => {
        // After Vite's own "ready" banner, which it prints once listen() resolves.
        void ready.then(() => new Promise((resolve) => setTimeout(resolve, 100))).then(() => ready).then((fhir) => {
          const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? `http://localhost:${server.config.server.port}`;
          server.config.logger.info(
            `  ➜  FHIR R4:  ${origin}${basePath}  (definitions ${fhir.definitionsMilliseconds} ms, ` +
              `demo patients ${fhir.preloadMilliseconds} ms, ready ${Math.round(performance.now() - started)} ms)`,
          );
          if (hieReady) server.config.logger.info(`  ➜  HIE R4:   ${origin}/hie/fhir  (fail it at ${origin}/hie/faults/<kind>/fhir)`);
        }, () => undefined);
      };
      if (server.httpServer?.listening) announce();
      else server.httpServer?.once('listening', announce);
    },
  };
}
