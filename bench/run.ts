/** `npm run bench`: runs every benchmark, prints its figures, saves them under bench/results/. */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { autofill } from './autofill.ts';
import { keyLatency } from './key-latency.ts';
import { pgLatency } from './pg-latency.ts';
import { pgRead } from './pg-read.ts';
import { popupOpen } from './popup-open.ts';
import { readThroughput } from './read-throughput.ts';
import { resetLatency } from './reset-latency.ts';

const RESULTS = join(import.meta.dirname, 'results');
await mkdir(RESULTS, { recursive: true });

// `npm run bench -- NAME…` runs only those.
const only = process.argv.slice(2);
const benches = [keyLatency, readThroughput, resetLatency, popupOpen, autofill, pgLatency, pgRead].filter(
  (b) => only.length === 0 || only.includes(b.name),
);

for (const bench of benches) {
  const result = await bench();
  const file = join(RESULTS, `${result.name}.json`);
  await writeFile(
    file,
    // The load average tells whether other work shared the machine during the run.
    `${JSON.stringify({ ...result, at: new Date().toISOString(), node: process.version, loadAverage: loadavg() }, null, 2)}\n`,
  );
  console.log(`saved ${file}`);
}
