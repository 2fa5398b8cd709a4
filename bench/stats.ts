/** Percentiles over measured durations in milliseconds. */
export interface Summary {
  count: number;
  p50: number;
  p99: number;
  mean: number;
}

export function summarize(durations: number[]): Summary {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

/** Runs `op` `count` times, one after another, and returns each duration. */
export async function timeEach(count: number, op: (i: number) => Promise<void>): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await op(i);
    durations.push(performance.now() - started);
  }
  return durations;
}
