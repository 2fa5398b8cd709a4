/**
 * Preloaded into the companion by the write benchmarks (NODE_OPTIONS=--import): watches the event
 * loop's delay and the garbage collector's pauses and, on each SIGUSR2, writes what it saw since the
 * previous signal to S3KEYS_LOOP_PROBE_FILE and starts over. Plain JavaScript, so it loads before tsx does.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
let gc = { count: 0, maxMs: 0, totalMs: 0 };
new PerformanceObserver((list) => {
  for (const pause of list.getEntries()) {
    gc.count++;
    gc.maxMs = Math.max(gc.maxMs, pause.duration);
    gc.totalMs += pause.duration;
  }
}).observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => {
  const report = { maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, gc, at: Date.now() };
  // Written aside, then renamed: the benchmark polls the file and must never read half a report.
  const file = process.env.S3KEYS_LOOP_PROBE_FILE ?? 'loop-probe.json';
  writeFileSync(`${file}.part`, JSON.stringify(report));
  renameSync(`${file}.part`, file);
  delay.reset();
  gc = { count: 0, maxMs: 0, totalMs: 0 };
});
