/** `npm run bench`: runs every benchmark, prints its figures, saves them under bench/results/. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keyLatency } from './key-latency.ts';

const RESULTS = join(import.meta.dirname, 'results');
await mkdir(RESULTS, { recursive: true });

for (const bench of [keyLatency]) {
  const result = await bench();
  const file = join(RESULTS, `${result.name}.json`);
  await writeFile(file, JSON.stringify({ ...result, at: new Date().toISOString(), node: process.version }, null, 2) + '\n');
  console.log(`saved ${file}`);
}
