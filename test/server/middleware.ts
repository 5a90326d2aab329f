// Koa middleware for the @web/test-runner dev server: everything the browser tests reach over HTTP
// on the test page's own origin.
//   /fixtures/*  the shared third-party fixtures (../shared/fixtures), 404 where that folder is absent
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Next = () => Promise<unknown>;
interface KoaContext {
  path: string;
  method: string;
  status: number;
  body: unknown;
  respond?: boolean;
  req: import('node:http').IncomingMessage;
  res: import('node:http').ServerResponse;
  set(name: string, value: string): void;
}
export type Middleware = (ctx: KoaContext, next: Next) => Promise<unknown>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.resolve(root, '../shared/fixtures');

function fixtures(): Middleware {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/fixtures/')) return next();
    const relative = decodeURIComponent(ctx.path.slice('/fixtures/'.length));
    const file = path.resolve(fixturesDir, relative);
    if (!file.startsWith(fixturesDir + path.sep) || !existsSync(file)) {
      ctx.status = 404;
      ctx.body = 'fixture not found (is ../shared/fixtures present?)';
      return;
    }
    ctx.set('Content-Type', file.endsWith('.json') ? 'application/json' : 'text/plain');
    ctx.body = await readFile(file);
  };
}

export async function testServerMiddleware(): Promise<Middleware[]> {
  return [fixtures()];
}
