// A smoke test of the benchmark report (bench/summary.ts), without running any benchmark.
import { describe, expect, it } from 'vitest';
import { summaryMarkdown, summaryRows } from '../../../bench/summary.ts';

const at = '2026-12-02T00:00:00.000Z';

describe('benchmark summary', () => {
  it('gives each figure its same-run baseline, ratio, goal and verdict, and the machine in the header', () => {
    const rows = summaryRows([
      {
        name: 'read-throughput',
        at,
        load: { start: 2.5, end: 3 },
        figures: { 'api.read.rps': 6000, 'baseline.read.rps (bare)': 10000, 'api.read.p99_ms': 40 },
      },
      {
        name: 'key-latency',
        at,
        figures: { 'api.create.p99_ms@1000': 20, 'floor.p99_ms@1000': 8 },
      },
    ]);
    const read = rows.find((r) => r.figure.startsWith('api.read.rps'))!;
    expect(read).toMatchObject({
      value: 6000,
      ratio: 0.6,
      goal: 'ratio ≥ 0.75',
      met: 'not met',
      load: '2.5 → 3',
    });
    const create = rows.find((r) => r.figure.startsWith('api.create.p99_ms @ 1,000'))!;
    expect(create).toMatchObject({ value: 20, ratio: 2.5, goal: '≤ 15 ms', met: 'not met' });
    expect(rows.find((r) => r.figure === 'api.read.p99_ms')).toMatchObject({ value: 40, met: '—' });

    const markdown = summaryMarkdown(
      { cores: 2, memoryGiB: 24, node: 'v20.20.2', chromium: 'Chromium 1', ceph: 'ceph version 18' },
      rows,
    );
    expect(markdown).toContain(
      'Machine: 2 cores, 24 GiB memory; Node v20.20.2; Chromium 1; ceph version 18.',
    );
    expect(markdown).toMatch(
      /\| api\.read\.rps .*\| 6000 req\/s \| 10000 req\/s \(bare @hono\/node-server\) \| 0\.6 \| ratio ≥ 0\.75 \| not met \| 2\.5 → 3 \|/,
    );
  });

  it('judges a goal on the exact ratio, not on the two decimals it shows', () => {
    const rows = summaryRows([
      {
        name: 'pg-read',
        at,
        figures: { 'pg.read.rps (two instances)': 1533, 'pg.read.rps (one instance)': 1540 },
      },
    ]);
    expect(rows.find((r) => r.figure.startsWith('pg.read.rps'))).toMatchObject({ ratio: 1, met: 'not met' });
  });
});
