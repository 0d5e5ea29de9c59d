/**
 * `<gd-network>`'s budgets (README, "Performance"), measured through the public API in a
 * real page on the cpu backend: 4 racers × a 2-8-8-1 network × m = 200, full batch,
 * playing (frame-interval p95, updates per second per racer); a 41 × 41 loss-landscape
 * slice from the request until it is on screen, and the longest main-thread task
 * meanwhile (Long Tasks API); and what 10,000 updates leave behind (live tensors).
 */
import '../../src/index.js';
import * as tf from '../../src/core/tf.js';
import type { GdNetwork } from '../../src/elements/network/gd-network.js';
import { frameIntervals, percentile } from '../stats.js';

type Report = (name: string, value: number, unit: string) => void;

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => +value.toFixed(digits);

const longTasks: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });

/** The budget's workload: four rules on a 2-8-8-1 network, m = 200 training points (and 100 test points, scored every update), full batch. */
function networkMarkup(): string {
  return `<gd-network task="spiral" size="200" layers="8,8" batch-size="full" speed="3">
      <gd-optimizer type="sgd" learning-rate="0.3"></gd-optimizer>
      <gd-optimizer type="momentum" learning-rate="0.1"></gd-optimizer>
      <gd-optimizer type="rmsprop" learning-rate="0.01"></gd-optimizer>
      <gd-optimizer type="adam" learning-rate="0.01"></gd-optimizer>
    </gd-network>`;
}

async function mount(): Promise<GdNetwork> {
  const host = document.createElement('div');
  host.style.width = '1100px';
  host.innerHTML = networkMarkup();
  document.body.append(host);
  // 'gd-kit' fetches and defines <gd-network> once the page has one.
  await customElements.whenDefined('gd-network');
  const element = host.firstElementChild as GdNetwork;
  await element.updateComplete;
  await frame();
  await frame();
  return element;
}

export async function run(report: Report): Promise<void> {
  // The same measure on this page with nothing running: what one frame reads here.
  const idle = await frameIntervals(3000);
  report('idle page, nothing running: frame interval p95 (one 60 Hz frame as this clock reads it)', round(percentile(idle, 95)), 'ms');
  const network = await mount();
  if (network.data.x.length !== 200 || network.parameterCount !== 105) throw new Error('not the budget workload');

  // --- playing ------------------------------------------------------------------
  network.play();
  await sleep(1000);
  // Phases for the trace bench/run.mjs takes: the longest task by CPU time as well as wall time.
  performance.mark('gd-bench:network playing:start');
  const startIteration = network.iteration;
  const t0 = performance.now();
  const intervals = await frameIntervals(5000);
  const seconds = (performance.now() - t0) / 1000;
  const updates = network.iteration - startIteration;
  performance.mark('gd-bench:network playing:end');
  network.pause();
  report(
    'network, 4 racers × 2-8-8-1 × m = 200, full batch, playing: frame interval p95 (budget ≤ 16.7)',
    round(percentile(intervals, 95)),
    'ms',
  );
  report('network, same: missed frames (interval > 20 ms)', round((100 * intervals.filter((i) => i > 20).length) / intervals.length), '%');
  report('network, same: updates/s per racer (budget ≥ 60)', Math.round(updates / seconds), 'updates/s');

  // --- the 41 × 41 landscape slice -----------------------------------------------
  const times: number[] = [];
  const longest: number[] = [];
  performance.mark('gd-bench:network slices:start');
  for (let i = 0; i < 5; i++) {
    await sleep(300);
    const from = performance.now();
    await network.computeLandscape();
    // On screen: the paint the slice asked for runs in the next frame.
    await frame();
    await frame();
    const to = performance.now();
    times.push(to - from);
    const tasks = longTasks.filter((task) => task.start + task.duration >= from && task.start <= to);
    longest.push(Math.max(0, ...tasks.map((task) => task.duration)));
    await network.step(20);
    await sleep(200);
  }
  performance.mark('gd-bench:network slices:end');
  if (network.landscapeSlice?.values.length !== 41 * 41) throw new Error('not a 41 × 41 slice');
  report('network: 41 × 41 landscape slice, request → on screen, median of 5 (budget ≤ 1000)', Math.round(percentile(times, 50)), 'ms');
  report('network: same, longest task meanwhile, worst of 5 (budget ≤ 50; 0 = no task over 50 ms)', Math.round(Math.max(...longest)), 'ms');

  // --- 10,000 updates: live tensors ----------------------------------------------
  network.reset();
  await network.step(100);
  await frame();
  const tensorsBefore = tf.memory().numTensors;
  await network.step(10000);
  await frame();
  report('network: 10,000 updates, live tensor change (budget 0)', tf.memory().numTensors - tensorsBefore, 'tensors');
  network.parentElement!.remove();
}
