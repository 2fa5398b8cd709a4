/**
 * The benchmark report: every figure of the saved results in one table, with its baseline from the
 * same run, the ratio, the goal and whether it is met, and the machine in the header. The load average
 * (1 min) at the start and end of each benchmark stands beside its figures: this machine is shared.
 */
import { execFile } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';

/** A saved benchmark result, as run.ts writes it. */
export interface SavedResult {
  name: string;
  at: string;
  load?: { start: number; end: number };
  [field: string]: unknown;
}

export interface SummaryRow {
  figure: string;
  value: number | null;
  unit: string;
  baseline: string;
  ratio: number | null;
  goal: string;
  met: 'met' | 'not met' | '—';
  load: string;
}

interface Spec {
  bench: string;
  figure: string;
  unit: string;
  value: (r: SavedResult) => number | null | undefined;
  baseline?: { name: string; value: (r: SavedResult) => number | null | undefined };
  goal?: { text: string; met: (value: number, ratio: number | null) => boolean };
}

const figure = (name: string) => (r: SavedResult) => (r.figures as Record<string, number | null>)?.[name];
const row = (name: string, stat: 'p50' | 'p99') => (r: SavedResult) =>
  (r.rows as Record<string, Record<string, number>> | undefined)?.[name]?.[stat];

const SPECS: Spec[] = [
  ...[1_000, 10_000].flatMap((accounts): Spec[] =>
    (['create', 'reset'] as const).map((op) => ({
      bench: 'key-latency',
      figure: `api.${op}.p99_ms @ ${accounts.toLocaleString('en')} accounts (lowdb)`,
      unit: 'ms',
      value: figure(`api.${op}.p99_ms@${accounts}`),
      baseline: { name: 'two appends + fdatasync, p99', value: figure(`floor.p99_ms@${accounts}`) },
      goal: accounts === 1_000 ? { text: '≤ 15 ms', met: (v) => v <= 15 } : undefined,
    })),
  ),
  {
    bench: 'key-latency',
    figure: 'api.write.loop_block_max_ms',
    unit: 'ms',
    value: figure('api.write.loop_block_max_ms'),
  },
  {
    bench: 'read-throughput',
    figure: 'api.read.rps (GET /api/v1/regions)',
    unit: 'req/s',
    value: figure('api.read.rps'),
    baseline: { name: 'bare @hono/node-server', value: figure('baseline.read.rps (bare)') },
    goal: { text: 'ratio ≥ 0.75', met: (_, ratio) => ratio !== null && ratio >= 0.75 },
  },
  { bench: 'read-throughput', figure: 'api.read.p99_ms', unit: 'ms', value: figure('api.read.p99_ms') },
  {
    bench: 'cold-start',
    figure: 'companion.cold_start_ms (10,000 accounts × 3 regions, Ceph)',
    unit: 'ms',
    value: figure('companion.cold_start_ms'),
    goal: { text: '≤ 2,000 ms to the first read', met: (v) => v <= 2000 },
  },
  { bench: 'cold-start', figure: 'companion.rss_mb', unit: 'MiB', value: figure('companion.rss_mb') },
  {
    bench: 'reset-latency',
    figure: 'reset via companion, p50 (Ceph)',
    unit: 'ms',
    value: row('reset via companion', 'p50'),
    baseline: { name: 'same Admin Ops calls direct, p50', value: row('same Admin Ops calls, direct', 'p50') },
    goal: { text: 'ratio ≤ 1.3', met: (_, ratio) => ratio !== null && ratio <= 1.3 },
  },
  {
    bench: 'reset-latency',
    figure: 'reset via companion from fetch, p50 (Ceph)',
    unit: 'ms',
    value: row('reset via companion, fetch client', 'p50'),
    baseline: { name: 'same Admin Ops calls direct, p50', value: row('same Admin Ops calls, direct', 'p50') },
  },
  {
    bench: 'reset-latency',
    figure: 'reset inside the companion (its access log), p50',
    unit: 'ms',
    value: row('reset inside the companion (its access log)', 'p50'),
    baseline: { name: 'same Admin Ops calls direct, p50', value: row('same Admin Ops calls, direct', 'p50') },
  },
  {
    bench: 'popup-open',
    figure: 'popup open, p50',
    unit: 'ms',
    value: row('popup', 'p50'),
    baseline: { name: 'one-button Preact popup, p50', value: row('baseline', 'p50') },
    goal: { text: 'ratio ≤ 1.25', met: (_, ratio) => ratio !== null && ratio <= 1.25 },
  },
  {
    bench: 'popup-open',
    figure: 'popup ready to use (all of it rendered over the list), p50',
    unit: 'ms',
    value: row('popupReady', 'p50'),
    baseline: { name: 'one-button Preact popup, p50', value: row('baseline', 'p50') },
  },
  {
    bench: 'popup-open',
    figure: 'header + region list only (bench/popup-list-only), p50',
    unit: 'ms',
    value: row('listOnly', 'p50'),
    baseline: { name: 'one-button Preact popup, p50', value: row('baseline', 'p50') },
  },
  ...(['popup', 'listOnly'] as const).map(
    (page): Spec => ({
      bench: 'popup-open',
      figure: `${page === 'popup' ? 'popup open' : 'header + region list only'} ÷ baseline, median of each round's ratio`,
      unit: '×',
      value: figure(`${page}.round_ratio_p50`),
    }),
  ),
  {
    bench: 'popup-open',
    figure: 'popup JS + CSS at open, gzip',
    unit: 'KB',
    value: (r) => {
      const bytes = (r.bundleGzipBytes as { total?: number } | undefined)?.total;
      return bytes === undefined ? null : Math.round(bytes / 102.4) / 10;
    },
    goal: { text: '≤ 40 KB', met: (v) => v <= 40 },
  },
  {
    bench: 'autofill',
    figure: 'fill a typical console, in page, p50',
    unit: 'ms',
    value: row('typical console (minio-console.html): in page', 'p50'),
    goal: { text: '≤ 5 ms', met: (v) => v <= 5 },
  },
  {
    bench: 'autofill',
    figure: 'fill a page of 5,000 inputs, in page, p50',
    unit: 'ms',
    value: row('5,000 inputs (many-inputs.html): in page', 'p50'),
    goal: { text: '≤ 50 ms', met: (v) => v <= 50 },
  },
  {
    bench: 'autofill',
    figure: 'fill a typical console (fillTab), p99',
    unit: 'ms',
    value: row('typical console (minio-console.html): fillTab', 'p99'),
  },
  ...(['create', 'reset'] as const).map(
    (op): Spec => ({
      bench: 'pg-latency',
      figure: `pg.${op}.p99_ms (100,000 accounts)`,
      unit: 'ms',
      value: figure(`pg.${op}.p99_ms`),
      goal: { text: '≤ 10 ms', met: (v) => v <= 10 },
    }),
  ),
  {
    bench: 'pg-latency',
    figure: "companion's GC pauses during those 2,000 changes: count",
    unit: 'pauses',
    value: figure('pg.companion_gc.count'),
  },
  {
    bench: 'pg-latency',
    figure: "companion's GC pauses during those 2,000 changes: longest",
    unit: 'ms',
    value: figure('pg.companion_gc.max_ms'),
  },
  {
    bench: 'pg-read',
    figure: 'pg.read.rps, two instances behind nginx',
    unit: 'req/s',
    value: figure('pg.read.rps (two instances)'),
    baseline: { name: 'one instance', value: figure('pg.read.rps (one instance)') },
    goal: { text: 'ratio ≥ 1 (two not slower)', met: (_, ratio) => ratio !== null && ratio >= 1 },
  },
  {
    bench: 'pg-read',
    // Whether a second instance adds capacity once it has CPU of its own (bench/pg-read.ts).
    figure: 'pg.read.rps, two instances, each with its own CPU budget (cgroup quota)',
    unit: 'req/s',
    value: figure('pg.read.rps (two instances, CPU budget)'),
    baseline: { name: 'one instance, same budget', value: figure('pg.read.rps (one instance, CPU budget)') },
  },
  {
    bench: 'pg-read',
    figure: 'whole machine CPU busy under that load, two instances',
    unit: '%',
    value: figure('pg.read.machine_cpu_busy_pct (two instances)'),
    baseline: { name: 'one instance', value: figure('pg.read.machine_cpu_busy_pct (one instance)') },
  },
  ...(
    [
      ['cpu_us_per_request', 'all parts (companions, PostgreSQL, nginx, load generator)'],
      ['companions_cpu_us_per_request', 'the companions'],
    ] as const
  ).map(
    ([name, parts]): Spec => ({
      bench: 'pg-read',
      figure: `CPU per read, ${parts}, two instances`,
      unit: 'µs',
      value: figure(`pg.read.${name} (two instances)`),
      baseline: { name: 'one instance', value: figure(`pg.read.${name} (one instance)`) },
    }),
  ),
];

/** One row per figure of the results given (figures of benchmarks not in them are left out). */
export function summaryRows(results: SavedResult[]): SummaryRow[] {
  const byName = new Map(results.map((r) => [r.name, r]));
  return SPECS.flatMap((spec) => {
    const result = byName.get(spec.bench);
    if (!result) return [];
    const value = spec.value(result) ?? null;
    const base = spec.baseline?.value(result) ?? null;
    // Judged on the exact ratio; the table shows it to two decimals (0.995 is slower, though it prints 1).
    const exactRatio = value !== null && base ? value / base : null;
    const ratio = exactRatio === null ? null : Math.round(exactRatio * 100) / 100;
    return [
      {
        figure: spec.figure,
        value,
        unit: spec.unit,
        baseline: spec.baseline && base !== null ? `${base} ${spec.unit} (${spec.baseline.name})` : '—',
        ratio,
        goal: spec.goal?.text ?? '—',
        met: !spec.goal || value === null ? '—' : spec.goal.met(value, exactRatio) ? 'met' : 'not met',
        load: result.load ? `${result.load.start} → ${result.load.end}` : '—',
      },
    ];
  });
}

/** The machine the figures come from. */
export async function machine() {
  const version = async (command: string, args: string[]) =>
    promisify(execFile)(command, args, { timeout: 10_000 }).then(
      ({ stdout }) => stdout.trim().split('\n')[0]!,
      () => 'not installed',
    );
  return {
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: await version('chromium', ['--version']),
    ceph: await version('ceph', ['--version']),
  };
}

/** The report as Markdown. */
export function summaryMarkdown(host: Awaited<ReturnType<typeof machine>>, rows: SummaryRow[]): string {
  const cell = (v: unknown) => String(v ?? '—').replaceAll('|', '\\|');
  return [
    '# Benchmark summary',
    '',
    `Machine: ${host.cores} cores, ${host.memoryGiB} GiB memory; Node ${host.node}; ${host.chromium}; ${host.ceph}.`,
    'Load is the 1-minute load average at the start → end of the benchmark: the machine is shared, so absolute',
    'figures are inflated by load; ratios against a baseline from the same run are what to compare.',
    '',
    '| figure | value | baseline (same run) | ratio | goal | met | load |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${cell(r.figure)} | ${r.value === null ? '—' : `${r.value} ${r.unit}`} | ${cell(r.baseline)} | ${cell(r.ratio)} | ${cell(r.goal)} | ${r.met} | ${r.load} |`,
    ),
    '',
  ].join('\n');
}
