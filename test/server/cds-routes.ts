// The demo CDS Hooks service on the test server (/cds-services, and its fault modes under
// /cds-faults/<kind>/<ids>/cds-services), plus a counted log of the FHIR requests that reach /fhir,
// so tests can prove that a CDS prefetch and a widget's search were one request:
//   GET /cds-test/fhir-log   → [{ method, url, from: 'browser' | 'cds-service' }]   DELETE clears it.
import { createCdsHandler } from '../../demo/cds/service.js';
import type { Middleware } from './middleware.js';

interface FhirRequestRecord {
  method: string;
  url: string;
  from: 'browser' | 'cds-service';
}

export function cdsTestMiddleware(): Middleware {
  const handle = createCdsHandler({ faults: true });
  const log: FhirRequestRecord[] = [];
  return async (ctx, next) => {
    if (ctx.path === '/cds-test/fhir-log') {
      if (ctx.method === 'DELETE') log.length = 0;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = JSON.stringify(log);
      ctx.set('Content-Type', 'application/json');
      return;
    }
    if (ctx.path === '/fhir' || ctx.path.startsWith('/fhir/')) {
      const agent = String(ctx.req.headers['user-agent'] ?? '');
      log.push({ method: ctx.method, url: ctx.req.url ?? '', from: agent.includes('fhir-elements-demo-cds') ? 'cds-service' : 'browser' });
      if (log.length > 5000) log.shift();
      return next();
    }
    if (handle(ctx.req, ctx.res)) {
      ctx.status = 200; // what Koa (and the test runner's 404 report) sees; the handler writes the real status
      ctx.respond = false;
      return;
    }
    return next();
  };
}
