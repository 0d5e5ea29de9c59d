/**
 * The elements' performance budgets (README, "Performance"; docs/architecture.md), measured through the public API in a real page:
 * the race's frame times and update rates while playing (and again after 60 s),
 * the drag preview, a landscape switch, a 100,000-point line-fit dataset, and what
 * 10,000 steps of play leave behind (tensors, heap), and the heap of 16 races on one page.
 */
import '../../src/index.js';
import * as tf from '../../src/core/tf.js';
import type { GdOptimizerRace } from '../../src/elements/optimizer-race/gd-optimizer-race.js';
import type { GdLineFit } from '../../src/elements/line-fit/gd-line-fit.js';
import { frameIntervals, median, percentile } from '../stats.js';

type Report = (name: string, value: number, unit: string) => void;

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => +value.toFixed(digits);

/** Frame intervals (ms) and race updates per second over `ms` of play. */
async function sampleFrames(race: GdOptimizerRace, ms: number) {
  const startIteration = race.iteration;
  const t0 = performance.now();
  const intervals = await frameIntervals(ms);
  const seconds = (performance.now() - t0) / 1000;
  // At 60 Hz every frame is 16.7 ms apart; an interval over 20 ms is a missed frame.
  const missed = intervals.filter((interval) => interval > 20).length / intervals.length;
  return {
    p95: percentile(intervals, 95),
    missed: 100 * missed,
    updatesPerSecond: (race.iteration - startIteration) / seconds,
  };
}

function raceMarkup(): string {
  // Small learning rates on Rosenbrock: nobody converges within the minute we measure,
  // so the paths keep growing the whole time, as the original article's did.
  return `<gd-optimizer-race landscape="rosenbrock" start="-1.5,2" speed="5">
      <gd-optimizer type="sgd" learning-rate="0.00001"></gd-optimizer>
      <gd-optimizer type="momentum" learning-rate="0.00001"></gd-optimizer>
      <gd-optimizer type="rmsprop" learning-rate="0.00002"></gd-optimizer>
      <gd-optimizer type="adam" learning-rate="0.00002"></gd-optimizer>
    </gd-optimizer-race>`;
}

async function mount<T extends HTMLElement>(markup: string): Promise<T> {
  const host = document.createElement('div');
  host.style.width = '1100px';
  host.innerHTML = markup;
  document.body.append(host);
  const element = host.firstElementChild as T & { updateComplete: Promise<unknown> };
  await element.updateComplete;
  await frame();
  await frame();
  return element;
}

export async function run(report: Report): Promise<void> {
  const longRun = new URLSearchParams(location.search).get('long') !== '0';

  // --- race: playing, then after 60 s ---------------------------------------------
  const race = await mount<GdOptimizerRace>(raceMarkup());
  race.play();
  await sleep(1000);
  const early = await sampleFrames(race, 5000);
  report('race, 4 optimizers playing: frame interval p95 (budget ≤ 16.7; 60 Hz = 16.7)', round(early.p95), 'ms');
  report('race, 4 optimizers playing: missed frames (interval > 20 ms)', round(early.missed), '%');
  report('race, 4 optimizers playing: updates/s per optimizer (budget ≥ 240)', Math.round(early.updatesPerSecond), 'updates/s');
  if (longRun) {
    await sleep(55000);
    const late = await sampleFrames(race, 5000);
    report('race after 60 s of play: frame interval p95', round(late.p95), 'ms');
    report('race after 60 s of play: missed frames (interval > 20 ms)', round(late.missed), '%');
    report('race after 60 s of play: updates/s per optimizer', Math.round(late.updatesPerSecond), 'updates/s');
    report('race after 60 s of play: points per trajectory', race.trajectories[0].points.length, 'points');
  }
  race.pause();

  // --- drag preview: work done in the frame after a pointer move ------------------
  const handle = race.shadowRoot!.querySelector<SVGGElement>('.handle')!;
  const box = handle.getBoundingClientRect();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  handle.dispatchEvent(
    new PointerEvent('pointerdown', { bubbles: true, composed: true, clientX: cx, clientY: cy, pointerId: 1, button: 0 }),
  );
  const dragWork: number[] = [];
  for (let i = 1; i <= 25; i++) {
    // Our first callback runs before the element's preview callback of the same frame,
    // our second after it: the difference is the preview's cost inside that frame.
    let before = 0;
    requestAnimationFrame(() => (before = performance.now()));
    handle.dispatchEvent(
      new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: cx + i * 3, clientY: cy + i * 2, pointerId: 1 }),
    );
    const after = await frame().then(() => performance.now());
    dragWork.push(after - before);
    await frame();
  }
  handle.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, composed: true, clientX: cx + 75, clientY: cy + 50, pointerId: 1 }));
  report('race drag: next 100 steps of 4 optimizers previewed, work in the frame, median (budget ≤ 16.7)', round(median(dragWork)), 'ms');
  report('race drag: same, p95', round(percentile(dragWork, 95)), 'ms');

  // --- landscape switch ------------------------------------------------------------
  const switches: number[] = [];
  for (const id of [
    'himmelblau',
    'goldstein-price',
    'ackley',
    'rastrigin',
    'beale',
    'six-hump-camel',
    'styblinski-tang',
    'booth',
  ] as const) {
    await frame();
    const t0 = performance.now();
    race.landscape = id;
    await race.updateComplete;
    await frame();
    switches.push(performance.now() - t0);
  }
  report('race: switch landscape → 256×256 contours redrawn, median (budget ≤ 50)', round(median(switches)), 'ms');
  race.parentElement!.remove();

  // --- line fit: a new 100,000-point dataset ----------------------------------------
  const lineFit = await mount<GdLineFit>('<gd-line-fit size="100000" seed="3"></gd-line-fit>');
  const newDataset = [...lineFit.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.includes('New dataset'))!;
  const regenerations: number[] = [];
  for (let i = 0; i < 9; i++) {
    await frame();
    const t0 = performance.now();
    newDataset.click();
    await lineFit.updateComplete;
    await frame();
    regenerations.push(performance.now() - t0);
  }
  report('line fit: new dataset m = 100,000 → landscape redrawn, median (budget ≤ 50)', round(median(regenerations)), 'ms');
  lineFit.parentElement!.remove();

  // --- 10,000 steps of play: tensors and heap ----------------------------------------
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
  const soak = await mount<GdOptimizerRace>(raceMarkup().replace('speed="5"', 'speed="50"'));
  // The race prepares every landscape's grid, contour bands and thumbnail in idle time
  // (a bounded cache, ~20 MB); let that finish so the baseline measures play alone.
  await sleep(4000);
  soak.play();
  while (soak.iteration < 100) await frame();
  soak.pause();
  await frame();
  gc?.();
  const tensorsBefore = tf.memory().numTensors;
  const heapBefore = heap();
  const target = soak.iteration + 10000;
  soak.play();
  while (soak.iteration < target) await frame();
  soak.pause();
  await frame();
  gc?.();
  await sleep(100);
  gc?.();
  report('10,000 steps of play: live tensor change (budget 0)', tf.memory().numTensors - tensorsBefore, 'tensors');
  report('10,000 steps of play: JS heap growth (budget < 5)', round((heap() - heapBefore) / 2 ** 20, 2), 'MB');
  soak.parentElement!.remove();

  // --- 16 races on one page: JS heap ------------------------------------------------
  // The landscape grids and bands live in one cache for the page (filled above while the
  // soak race was idle), so sixteen races add only their own runs, paths and DOM; before
  // the shared cache each kept ~20 MB of grids (366 MB for 16).
  await sleep(200);
  gc?.();
  const heapBeforeRaces = heap();
  const page = document.createElement('div');
  page.style.width = '1100px';
  page.innerHTML = Array.from({ length: 16 }, () => raceMarkup()).join('');
  document.body.append(page);
  const races = Array.from(page.querySelectorAll('gd-optimizer-race'));
  await Promise.all(races.map((race) => race.updateComplete));
  // Each one in view once, so it draws its map and prepares what idle time allows.
  for (const race of races) {
    race.scrollIntoView();
    await frame();
    await frame();
  }
  await sleep(2000);
  gc?.();
  await sleep(100);
  gc?.();
  report('16 races on one page: JS heap added (landscape cache shared)', round((heap() - heapBeforeRaces) / 2 ** 20, 1), 'MB');
  page.remove();
}
