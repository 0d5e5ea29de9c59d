/** Small statistics for benchmarks: medians and percentiles of samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const median = (samples: number[]) => percentile(samples, 50);

/** Runs `work` `runs` times after `warmup` runs and returns the median duration in ms. */
export async function timeMedian(work: () => unknown, runs = 15, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/**
 * The intervals (ms) between animation frames over `ms` of frames. `npm run bench` serves
 * its pages cross-origin isolated, so the clock ticks in 5 µs steps and a page making
 * every 60 Hz frame reads 16.67 (with the usual 0.1 ms steps it reads 16.6–16.8).
 */
export async function frameIntervals(ms: number): Promise<number[]> {
  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  const intervals: number[] = [];
  const t0 = performance.now();
  let last = await frame();
  while (performance.now() - t0 < ms) {
    const now = await frame();
    intervals.push(now - last);
    last = now;
  }
  return intervals;
}
