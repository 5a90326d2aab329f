// Mounts the SMART side of the demo (smart-demo.ts) on the Vite dev server: `npm start` and the
// end-to-end tests get the authorization server at /auth and the token-protected FHIR base at
// /smart/fhir on the same origin as the pages. Tests reach the servers through the plugin's `api`.
// It also sends the demo pages' Content-Security-Policy (csp.ts).
import type { Plugin } from 'vite';
import { demoPagePolicy } from './csp.js';
import type { SmartDemo, SmartDemoOptions } from './smart-demo.js';

export const SMART_AUTH_PLUGIN = 'fhir-elements:smart-auth';

export interface SmartAuthPluginApi {
  /** The authorization and FHIR servers, once started (the first request also waits for them). */
  ready(): Promise<SmartDemo>;
}

export function smartAuthPlugin(options: SmartDemoOptions = {}): Plugin<SmartAuthPluginApi> {
  let demo: Promise<SmartDemo> | undefined;
  // Imported on first use, so that `vite build` never loads the servers (or medplum).
  const start = (): Promise<SmartDemo> => (demo ??= import('./smart-demo.js').then((module) => module.createSmartDemo(options)));
  return {
    name: SMART_AUTH_PLUGIN,
    apply: 'serve',
    api: { ready: start },
    config() {
      // fhirclient and ucum-lhc are CommonJS and imported lazily (src/fhir/smart.ts,
      // src/model/unit-conversion.ts): pre-bundle them up front, so that discovering one at run
      // time never makes Vite reload a page — least of all the app page holding an auth code.
      return { optimizeDeps: { include: ['fhirclient', '@lhncbc/ucum-lhc'] } };
    },
    configureServer(server) {
      void start().catch((error: unknown) => server.config.logger.error(`SMART demo servers failed to start: ${String(error)}`));
      // The demo pages are served under a strict Content-Security-Policy with Trusted Types (csp.ts).
      server.middlewares.use((req, res, next) => {
        const policy = demoPagePolicy((req.url ?? '/').split('?')[0]);
        if (policy) res.setHeader('Content-Security-Policy', policy);
        next();
      });
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split('?')[0];
        if (!path.startsWith('/auth/') && path !== '/smart/fhir' && !path.startsWith('/smart/fhir/')) {
          next();
          return;
        }
        start()
          .then((ready) => ready.handle(req, res))
          .then((handled) => {
            if (!handled) next();
          })
          .catch(next);
      });
      const announce = (): void => {
        void start().then(() => {
          const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? `http://localhost:${server.config.server.port}`;
          server.config.logger.info(
            `  ➜  SMART:    ${origin}/ehr/ (EHR launch in a frame) · ${origin}/smart/launch.html (standalone) · FHIR ${origin}/smart/fhir (token required)`,
          );
        }, () => undefined);
      };
      if (server.httpServer?.listening) announce();
      else server.httpServer?.once('listening', announce);
    },
  };
}
