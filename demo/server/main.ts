// Standalone local FHIR server (for benchmarks and manual use):
//   tsx demo/server/main.ts
// Environment: PORT (default 8080), HOST (default 127.0.0.1, loopback only), PAGE_SIZE (default 50),
// SCALE_OBSERVATIONS (also load generateScalePatient with that many Observations, id pat-scale).
// Serves the FHIR base at /fhir and the fault-injecting endpoints at /faults/<kind>/fhir; the
// regional HIE at /hie/fhir and /hie/faults/<kind>/fhir (hie-server.ts).
import { createServer } from 'node:http';
import { answerWithFault, faultRoute } from './fault-injection.js';
import { createFhirServer } from './fhir-server.js';
import { loadDemoPatients } from './demo-patients.js';
import { HIE_BASE_PATH, hieFaultRoute, isUnder, loadHiePatients } from './hie-server.js';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const scaleObservations = Number(process.env.SCALE_OBSERVATIONS ?? 0);

const started = performance.now();
const patients = await loadDemoPatients({ scaleObservations });
const fhir = await createFhirServer({ patients, pageSize: Number(process.env.PAGE_SIZE ?? 50) });
const hie = await createFhirServer({ patients: await loadHiePatients(), pageSize: Number(process.env.PAGE_SIZE ?? 50) });

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  const fault = faultRoute(path);
  const hieFault = hieFaultRoute(path);
  if (fault) {
    void answerWithFault(fault.kind, req, res, { server: fhir, basePath: fault.basePath });
  } else if (hieFault) {
    void answerWithFault(hieFault.kind, req, res, { server: hie, basePath: hieFault.basePath });
  } else if (isUnder(path, HIE_BASE_PATH)) {
    void hie.handle(req, res, HIE_BASE_PATH);
  } else if (path === '/fhir' || path.startsWith('/fhir/')) {
    void fhir.handle(req, res, '/fhir');
  } else {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Not found: the FHIR base is /fhir\n');
  }
});

server.listen(port, host, () => {
  const resources = patients.reduce((sum, bundle) => sum + (bundle.entry?.length ?? 0), 0);
  console.log(
    `FHIR R4 server at http://${host}:${port}/fhir — ${patients.length} patients, ${resources} resources; ` +
      `definitions ${fhir.definitionsMilliseconds} ms, preload ${fhir.preloadMilliseconds} ms, ` +
      `ready in ${Math.round(performance.now() - started)} ms`,
  );
});
