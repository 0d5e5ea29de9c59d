/**
 * Swarm mode of the race: how many swarm updates a second the batched core makes for
 * 1,000 and 10,000 seeded starts per optimizer × the race's four default optimizers on
 * Himmelblau, on each backend, as the element runs it (`SwarmModel`: one latest-only
 * run, tails and read-back included). Each figure is measured over ~1.5 s after a warm-up.
 */
import * as tf from '../../src/core/tf.js';
import { getLandscape, initBackend, loadWebGL, type BackendName } from '../../src/core/index.js';
import { resolveEntries } from '../../src/elements/optimizer-race/internal/optimizers/entries.js';
import { SwarmModel } from '../../src/elements/optimizer-race/internal/swarm/swarm-model.js';

type Report = (name: string, value: number, unit: string) => void;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Updates per second and the median time of one `step(k)` call, stepping for about `ms`. */
function measure(model: SwarmModel, k: number, ms: number): { rate: number; call: number } {
  const warm = performance.now();
  while (performance.now() - warm < 500) {
    if (model.finished) model.reset();
    model.step(k);
  }
  const calls: number[] = [];
  let updates = 0;
  const begin = performance.now();
  while (performance.now() - begin < ms) {
    // The swarm stops at its 500 updates; start it over (its parts are made again as they step).
    if (model.finished) model.reset();
    const t0 = performance.now();
    updates += model.step(k);
    calls.push(performance.now() - t0);
  }
  return { rate: (updates / (performance.now() - begin)) * 1000, call: median(calls) };
}

export async function run(report: Report, backends: BackendName[] = ['cpu', 'webgl']): Promise<void> {
  const landscape = getLandscape('himmelblau')!;
  const entries = resolveEntries('himmelblau', [], []);
  for (const backend of backends) {
    if (backend === 'webgl') await loadWebGL();
    const active = await initBackend(backend);
    if (active !== backend) continue;
    await tf.ready();
    for (const size of [1000, 10000]) {
      const model = new SwarmModel({ landscape, entries, size, seed: 1, backend });
      // One update per call, as a frame of play makes when the swarm is large.
      const { rate, call } = measure(model, size >= 10000 ? 1 : 2, 1500);
      const label = `${backend}: swarm ${size.toLocaleString('en')} starts × 4 optimizers`;
      report(`${label} steps/s`, rate, 'steps/s');
      report(`${label} step(${size >= 10000 ? 1 : 2}) median ms`, call, 'ms');
      const t0 = performance.now();
      model.tally();
      report(`${label} tally ms`, performance.now() - t0, 'ms');
      model.dispose();
    }
  }
}
