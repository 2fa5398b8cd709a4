/**
 * Preloaded into the companion by the write benchmark (NODE_OPTIONS=--import): watches the event
 * loop's delay and, on each SIGUSR2, writes the longest stall since the previous signal to
 * S3KEYS_LOOP_PROBE_FILE and starts over. Plain JavaScript, so it loads before tsx does.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
process.on('SIGUSR2', () => {
  const report = { maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, at: Date.now() };
  writeFileSync(process.env.S3KEYS_LOOP_PROBE_FILE ?? 'loop-probe.json', JSON.stringify(report));
  delay.reset();
});
