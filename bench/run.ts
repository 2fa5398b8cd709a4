/**
 * `npm run bench`: runs every benchmark, prints its figures, saves them under bench/results/, then writes
 * the summary of every saved result (summary.md and summary.json). `npm run bench -- NAME…` runs only
 * those (the summary still shows the others' last saved figures).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { autofill } from './autofill.ts';
import { coldStart } from './cold-start.ts';
import { keyLatency } from './key-latency.ts';
import { pgLatency } from './pg-latency.ts';
import { pgRead } from './pg-read.ts';
import { popupOpen } from './popup-open.ts';
import { readThroughput } from './read-throughput.ts';
import { resetLatency } from './reset-latency.ts';
import { vaultSync } from './vault-sync.ts';
import { machine, summaryMarkdown, summaryRows, type SavedResult } from './summary.ts';

const RESULTS = join(import.meta.dirname, 'results');
await mkdir(RESULTS, { recursive: true });

const only = process.argv.slice(2);
const benches = [
  keyLatency,
  readThroughput,
  coldStart,
  resetLatency,
  popupOpen,
  autofill,
  pgLatency,
  pgRead,
  vaultSync,
].filter((b) => only.length === 0 || only.includes(b.name));

const load = () => Math.round(loadavg()[0]! * 100) / 100;
const started = performance.now();
for (const bench of benches) {
  const start = load();
  const result = await bench();
  const file = join(RESULTS, `${result.name}.json`);
  await writeFile(
    file,
    // The load average tells whether other work shared the machine during the run.
    `${JSON.stringify({ ...result, at: new Date().toISOString(), node: process.version, load: { start, end: load() } }, null, 2)}\n`,
  );
  console.log(`saved ${file}`);
}

const saved: SavedResult[] = [];
for (const name of (await readdir(RESULTS)).filter((f) => f.endsWith('.json') && !f.startsWith('summary')))
  saved.push(JSON.parse(await readFile(join(RESULTS, name), 'utf8')));
const host = await machine();
const rows = summaryRows(saved);
const seconds = Math.round((performance.now() - started) / 1000);
const ran = benches.map((b) => b.name);
await writeFile(
  join(RESULTS, 'summary.json'),
  `${JSON.stringify({ machine: host, ran, seconds, rows }, null, 2)}\n`,
);
await writeFile(
  join(RESULTS, 'summary.md'),
  `${summaryMarkdown(host, rows)}\nThe last run (${ran.join(', ')}) took ${seconds} s; other rows are from earlier runs.\n`,
);
console.log(`\n${summaryMarkdown(host, rows)}`);
