/**
 * Runs one benchmark suite in the page (`?suite=core`) and leaves the results on
 * `window.__bench` for bench/run.mjs to collect.
 */
interface Result {
  name: string;
  value: number;
  unit: string;
}
type Suite = { run(report: (name: string, value: number, unit: string) => void): Promise<void> };

declare global {
  interface Window {
    __bench?: { done: boolean; results: Result[]; error?: string };
  }
}

const suites: Record<string, () => Promise<Suite>> = {
  core: () => import('./suites/core.js'),
  elements: () => import('./suites/elements.js'),
  crossover: () => import('./suites/crossover.js'),
  sweep: () => import('./suites/sweep.js'),
  swarm: () => import('./suites/swarm.js'),
  batched: () => import('./suites/batched.js'),
  big: () => import('./suites/big.js'),
  network: () => import('./suites/network.js'),
};

const state: NonNullable<Window['__bench']> = { done: false, results: [] };
window.__bench = state;
const suiteName = new URLSearchParams(location.search).get('suite') ?? 'core';
try {
  const suite = await suites[suiteName]();
  await suite.run((result, value, unit) => {
    state.results.push({ name: result, value, unit });
    console.log(`${result}: ${value} ${unit}`);
  });
} catch (error) {
  state.error = String((error as Error)?.stack ?? error);
} finally {
  state.done = true;
}
export {};
