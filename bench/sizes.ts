// 1. Bytes a host page pays. For each bundle: the entry file plus everything it imports statically
// (what loads before any tag works), and separately each group that is only reached through a
// dynamic import() (the lazy chunks: fhirclient, ucum-lhc). Each figure is taken of the files as
// they are shipped and again after a full minification pass (Vite's lib build leaves whitespace
// in ES output), each raw, gzip (level 9) and brotli (quality 11), all with node:zlib.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, loadConfigFromFile, minify, parseSync, type InlineConfig } from 'vite';
import { NPM_ENTRIES } from './package.js';
import { ELEMENT_ENTRIES, FOUR_WIDGET_TAGS, root, tmpDir } from './paths.js';

export interface ByteFigures {
  raw: number;
  gzip: number;
  brotli: number;
  min: number;
  minGzip: number;
  minBrotli: number;
}

export interface SizeRow {
  /** What a host page pays for: `all`, `entry:<name>`, `lazy:<package>`, `lit`. */
  id: string;
  label: string;
  kind: 'bundle' | 'entry' | 'lazy' | 'floor' | 'autoload';
  /** Files (relative to their build directory) summed in this row. */
  files: string[];
  bytes: ByteFigures;
  /** npm packages whose code is in these files (from the source maps). */
  packages: string[];
}

export interface SizeResults {
  rows: SizeRow[];
  /** Bytes of dist/fhir-elements.js (its initial files) by origin: npm package or src/ folder, largest first. */
  breakdown: { origin: string; bytes: number }[];
  /** Static imports of dist/fhir-elements.js other than itself: a "single file" that is not one. */
  distStaticImports: string[];
  /** Bytes of the four-widget autoloader page (its files, shipped, before compression) by origin. */
  autoloadBreakdown?: { origin: string; bytes: number }[];
}

export function compressedSizes(code: Buffer): { raw: number; gzip: number; brotli: number } {
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: code.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }).length,
  };
}

/** Sizes of a group of files: concatenated, as one download would be compressed per file and summed. */
async function figuresOf(dir: string, files: string[]): Promise<ByteFigures> {
  const total: ByteFigures = { raw: 0, gzip: 0, brotli: 0, min: 0, minGzip: 0, minBrotli: 0 };
  for (const file of files) {
    const code = readFileSync(path.join(dir, file));
    const shipped = compressedSizes(code);
    const minified = await minify(file, code.toString('utf8'), { compress: true, mangle: true, module: true });
    if (minified.errors.length > 0) throw new Error(`minify ${file}: ${minified.errors[0].message}`);
    const min = compressedSizes(Buffer.from(minified.code, 'utf8'));
    total.raw += shipped.raw;
    total.gzip += shipped.gzip;
    total.brotli += shipped.brotli;
    total.min += min.raw;
    total.minGzip += min.gzip;
    total.minBrotli += min.brotli;
  }
  return total;
}

export interface ModuleImports {
  staticImports: string[];
  dynamicImports: string[];
}

export function importsOf(dir: string, file: string): ModuleImports {
  const code = readFileSync(path.join(dir, file), 'utf8');
  const parsed = parseSync(file, code);
  const relative = (specifier: string): string | undefined =>
    specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : undefined;
  const staticImports = parsed.module.staticImports.map((item) => relative(item.moduleRequest.value));
  const staticExports = parsed.module.staticExports.flatMap((item) =>
    item.entries.map((entry) => (entry.moduleRequest ? relative(entry.moduleRequest.value) : undefined)),
  );
  const dynamicImports = parsed.module.dynamicImports.map((item) => {
    const text = code.slice(item.moduleRequest.start, item.moduleRequest.end).trim();
    const literal = /^(["'`])([^"'`$]+)\1$/.exec(text);
    return literal ? relative(literal[2]) : undefined;
  });
  const present = (list: (string | undefined)[]) => [...new Set(list.filter((item): item is string => !!item))];
  return { staticImports: present([...staticImports, ...staticExports]), dynamicImports: present(dynamicImports) };
}

/** The entry and its static-import closure; dynamic-import targets found on the way. */
export function staticClosure(dir: string, entry: string, exclude: Set<string> = new Set()): { files: string[]; lazyRoots: string[] } {
  const files: string[] = [];
  const lazyRoots: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || exclude.has(file)) return;
    seen.add(file);
    files.push(file);
    const { staticImports, dynamicImports } = importsOf(dir, file);
    staticImports.forEach(visit);
    lazyRoots.push(...dynamicImports);
  };
  visit(entry);
  return { files, lazyRoots: [...new Set(lazyRoots)] };
}

/** npm packages whose sources went into these files, by bytes of source content, largest first. */
export function packagesOf(dir: string, files: string[]): string[] {
  const weight = new Map<string, number>();
  for (const file of files) {
    const mapFile = path.join(dir, `${file}.map`);
    if (!existsSync(mapFile)) continue;
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources?: string[]; sourcesContent?: (string | null)[] };
    (map.sources ?? []).forEach((source, index) => {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source.replace(/\\/g, '/'));
      const name = match ? match[1] : 'fhir-elements';
      weight.set(name, (weight.get(name) ?? 0) + (map.sourcesContent?.[index]?.length ?? 1));
    });
  }
  return [...weight.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one line of source-map mappings into [generated column, source index] pairs. */
function decodeLine(line: string, state: { source: number }): [number, number | undefined][] {
  const segments: [number, number | undefined][] = [];
  let column = 0;
  for (const segment of line.split(',')) {
    if (!segment) continue;
    const values: number[] = [];
    let value = 0;
    let shift = 0;
    for (const char of segment) {
      const digit = BASE64.indexOf(char);
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += values[0];
    if (values.length > 1) state.source += values[1];
    segments.push([column, values.length > 1 ? state.source : undefined]);
  }
  return segments;
}

/** Where a source file's code comes from: `lit-html`, `@lit/context`, `src/elements/lab-trend` … */
function originOf(source: string): string {
  const normal = source.replace(/\\/g, '/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(normal);
  if (pkg) return pkg[1];
  const own = /(?:^|\/)(src\/(?:elements\/[^/]+|model\/[^/]+|[^/]+))/.exec(normal);
  return own ? own[1].replace(/\.ts$/, '') : 'other';
}

/** Generated bytes of these files attributed to the origin of their source (via the source maps). */
function bytesByOrigin(dir: string, files: string[]): { origin: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const file of files) {
    const code = readFileSync(path.join(dir, file), 'utf8');
    const mapFile = path.join(dir, `${file}.map`);
    if (!existsSync(mapFile)) {
      totals.set('(no source map)', (totals.get('(no source map)') ?? 0) + Buffer.byteLength(code));
      continue;
    }
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string };
    const codeLines = code.split('\n');
    const mappingLines = map.mappings.split(';');
    const state = { source: 0 };
    const add = (origin: string, bytes: number) => totals.set(origin, (totals.get(origin) ?? 0) + bytes);
    // Code before a line's first mapping (the inside of a multi-line template literal: HTML, CSS)
    // belongs to the source of the last mapping before it.
    let previous = '(unmapped)';
    codeLines.forEach((line, lineIndex) => {
      const segments = decodeLine(mappingLines[lineIndex] ?? '', state);
      add(previous, Buffer.byteLength(line.slice(0, segments[0]?.[0] ?? line.length)) + 1); // + the newline
      segments.forEach(([column, source], index) => {
        const end = index + 1 < segments.length ? segments[index + 1][0] : line.length;
        if (source !== undefined) previous = originOf(map.sources[source] ?? '');
        add(source === undefined ? '(unmapped)' : previous, Buffer.byteLength(line.slice(column, end)));
      });
    });
  }
  return [...totals.entries()].map(([origin, bytes]) => ({ origin, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** Rows for one built bundle: the initial download, then each lazy group. */
async function bundleRows(
  dir: string,
  entry: string,
  row: Pick<SizeRow, 'id' | 'label' | 'kind'>,
  withLazy: boolean,
): Promise<{ rows: SizeRow[]; staticImports: string[]; files: string[] }> {
  const initial = staticClosure(dir, entry);
  const rows: SizeRow[] = [
    { ...row, files: initial.files, bytes: await figuresOf(dir, initial.files), packages: packagesOf(dir, initial.files) },
  ];
  if (withLazy) {
    const taken = new Set(initial.files);
    const queue = [...initial.lazyRoots];
    while (queue.length > 0) {
      const lazyRoot = queue.shift()!;
      if (taken.has(lazyRoot)) continue;
      const group = staticClosure(dir, lazyRoot, taken);
      group.files.forEach((file) => taken.add(file));
      queue.push(...group.lazyRoots);
      const packages = packagesOf(dir, group.files);
      const main = packages.find((name) => name !== 'fhir-elements') ?? packages[0] ?? lazyRoot;
      rows.push({
        id: `lazy:${main}`,
        label: `lazy: ${main} (${group.files.join(' + ')})`,
        kind: 'lazy',
        files: group.files,
        bytes: await figuresOf(dir, group.files),
        packages,
      });
    }
  }
  return { rows, staticImports: initial.files.slice(1), files: initial.files };
}

/** The project's own build settings for dist/fhir-elements.js (vite.config.ts, `vite build`). */
async function distBuildConfig(): Promise<InlineConfig> {
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production', isSsrBuild: false, isPreview: false }, path.join(root, 'vite.config.ts'), root, 'silent');
  if (!loaded) throw new Error('vite.config.ts could not be loaded');
  return loaded.config;
}

/**
 * A self-contained ES bundle of one entry (lit and every dependency included), built with the same
 * settings as dist/fhir-elements.js, only the entry and the output directory differ.
 */
async function bundleSelfContained(name: string, entryFile: string, base: InlineConfig): Promise<string> {
  const outDir = path.join(tmpDir, 'sizes', name);
  const buildOptions = { ...(base.build ?? {}), outDir, emptyOutDir: true, sourcemap: true, copyPublicDir: false };
  if (buildOptions.lib) {
    buildOptions.lib = { ...buildOptions.lib, entry: { [name]: entryFile }, formats: ['es'] };
  } else {
    const key = buildOptions.rolldownOptions ? 'rolldownOptions' : 'rollupOptions';
    buildOptions[key] = { ...(buildOptions[key] ?? {}), input: { [name]: entryFile } };
  }
  await build({ ...base, configFile: false, root, logLevel: 'silent', publicDir: false, build: buildOptions });
  return outDir;
}

const LIT_FLOOR = `// The floor: one minimal Lit element (LitElement, html, css), bundled like the kit.
import { LitElement, css, html } from 'lit';
export class BenchFloor extends LitElement {
  static styles = css\`:host { display: block; }\`;
  render() { return html\`<p>floor</p>\`; }
}
customElements.define('bench-floor', BenchFloor);
`;

/** Tag → its lazily imported chunk, read from the built autoloader (`"fhir-x":()=>…import(`./autoload/x.js`)`). */
export function autoloadTargets(dir: string, entry: string): Map<string, string> {
  const code = readFileSync(path.join(dir, entry), 'utf8');
  const targets = new Map<string, string>();
  for (const match of code.matchAll(/["'`](fhir-[a-z-]+)["'`]\s*:\s*\(\)\s*=>[^,}]*?import\((["'`])([^"'`$]+)\2\)/g)) {
    targets.set(match[1], path.posix.normalize(path.posix.join(path.posix.dirname(entry), match[3])));
  }
  return targets;
}

/**
 * The autoloader's rows, from the built files' static import graph (a static-closure figure: chunks
 * behind a dynamic import() are not in it even when every ordinary render loads them; the real page
 * in Chromium, bench/page.ts, counts what is fetched): the autoloader itself (what every
 * page pays), a page showing the four original widgets (the autoloader plus every chunk those tags pull
 * in statically; lazy fhirclient/ucum/locale chunks excluded), and each later widget's increment on top
 * of that page (its chunks not already loaded).
 */
async function autoloadRows(dist: string): Promise<{ rows: SizeRow[]; pageFiles: string[] }> {
  const entry = 'fhir-elements-autoloader.js';
  if (!existsSync(path.join(dist, entry))) return { rows: [], pageFiles: [] };
  const rows: SizeRow[] = [];
  const loader = staticClosure(dist, entry);
  rows.push({ id: 'autoloader', label: 'dist/fhir-elements-autoloader.js (alone)', kind: 'autoload', files: loader.files, bytes: await figuresOf(dist, loader.files), packages: packagesOf(dist, loader.files) });
  const targets = autoloadTargets(dist, entry);
  const page = new Set(loader.files);
  const missing = FOUR_WIDGET_TAGS.filter((tag) => !targets.has(tag));
  if (missing.length > 0) throw new Error(`the built autoloader has no chunk for ${missing.join(', ')}`);
  for (const tag of FOUR_WIDGET_TAGS) staticClosure(dist, targets.get(tag)!).files.forEach((file) => page.add(file));
  const pageFiles = [...page];
  rows.push({
    id: 'autoload:four-widgets',
    label: 'page: 4 widgets + context via autoloader (static closure)',
    kind: 'autoload',
    files: pageFiles,
    bytes: await figuresOf(dist, pageFiles),
    packages: packagesOf(dist, pageFiles),
  });
  for (const [tag, chunk] of targets) {
    if ((FOUR_WIDGET_TAGS as readonly string[]).includes(tag)) continue;
    const extra = staticClosure(dist, chunk, page).files;
    rows.push({ id: `autoload:+${tag}`, label: `  + <${tag}> on that page`, kind: 'autoload', files: extra, bytes: await figuresOf(dist, extra), packages: packagesOf(dist, extra) });
  }
  return { rows, pageFiles };
}

export async function measureSizes(log: (line: string) => void): Promise<SizeResults> {
  const dist = path.join(root, 'dist');
  const rows: SizeRow[] = [];
  const base = await distBuildConfig();
  const all = await bundleRows(dist, 'fhir-elements.js', { id: 'all', label: 'dist/fhir-elements.js (all tags)', kind: 'bundle' }, true);
  const [allRow, ...lazyRows] = all.rows;
  rows.push(allRow);

  for (const name of ELEMENT_ENTRIES) {
    const entryFile = path.join(root, 'src/entries', `${name}.ts`);
    if (!existsSync(entryFile)) continue;
    log(`  bundling entry ${name} …`);
    const outDir = await bundleSelfContained(name, entryFile, base);
    const { rows: entryRows } = await bundleRows(outDir, `${name}.js`, { id: `entry:${name}`, label: `entry ${name}`, kind: 'entry' }, false);
    rows.push(...entryRows);
  }
  rows.push(...lazyRows);

  // The npm modules as a host's bundler starts from them: dist/<entry>.js and its static imports
  // (lit and React stay the host's; the lazy chunks are not counted).
  for (const name of NPM_ENTRIES) {
    if (!existsSync(path.join(dist, `${name}.js`))) continue;
    const { rows: npmRows } = await bundleRows(dist, `${name}.js`, { id: `npm:${name}`, label: `npm fhir-elements/${name === 'index' ? '' : `${name}.js`} (lit excluded)`, kind: 'entry' }, false);
    rows.push(...npmRows);
  }

  log('  bundling the lit floor …');
  const floorSource = path.join(tmpDir, 'lit-floor.js');
  mkdirSync(tmpDir, { recursive: true });
  writeFileSync(floorSource, LIT_FLOOR);
  const floorDir = await bundleSelfContained('lit-floor', floorSource, base);
  const floor = await bundleRows(floorDir, 'lit-floor.js', { id: 'lit', label: 'lit alone (floor: one minimal element)', kind: 'floor' }, false);
  rows.push(...floor.rows);
  const autoload = await autoloadRows(dist);
  rows.push(...autoload.rows);
  return {
    rows,
    breakdown: bytesByOrigin(dist, all.files),
    distStaticImports: all.staticImports,
    ...(autoload.pageFiles.length > 0 ? { autoloadBreakdown: bytesByOrigin(dist, autoload.pageFiles) } : {}),
  };
}
