// Measuring an install: the bytes of a folder and the package folders under node_modules. Shared by
// the host suite (test/hosts/hosts.e2e.ts) and the bench's package rows (bench/package.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Bytes of every file under `dir`. */
export function dirSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += dirSize(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

/** Every package folder under node_modules (scoped ones included, nested ones too). */
export function packagesIn(nodeModules: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.name.startsWith('@')) {
        visit(full);
        continue;
      }
      if (existsSync(path.join(full, 'package.json'))) {
        found.push(path.relative(nodeModules, full));
        visit(path.join(full, 'node_modules'));
      }
    }
  };
  visit(nodeModules);
  return found;
}
