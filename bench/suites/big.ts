/**
 * Work proportional to what a page asks for, sliced or shared (README, "Performance"):
 * the longest main-thread task while 100 races render and each makes step(10); while a
 * race with 16 optimizers steps and plays a swarm of 10,000 starts each; while the embed
 * page takes 10,000 theme messages; and while it restores a state with 100 optimizers,
 * a swarm of 10,000 and 100,000 updates. The page marks each phase; bench/run.mjs reads
 * the tasks of the page and its same-origin frames from a trace (task-trace.mjs).
 * `?case=races|swarm|theme|state` runs one case.
 */
import '../../src/index.js';
import type { GdOptimizerRace } from '../../src/elements/optimizer-race/gd-optimizer-race.js';
import { frameIntervals } from '../stats.js';

type Report = (name: string, value: number, unit: string) => void;

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number) => Math.round(value);

/**
 * Marks a phase for bench/run.mjs, which reads the page's tasks from a trace and reports
 * the longest one within it (main-thread CPU time and wall time).
 */
function phase(label: string, edge: 'start' | 'end'): void {
  performance.mark(`gd-bench:${label}:${edge}`);
}

const TYPES = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adagrad', 'adam', 'adamw'];

async function manyRaces(report: Report): Promise<void> {
  const page = document.createElement('div');
  page.style.width = '700px';
  phase('100 races: first render, step(10) on each, 3 s after', 'start');
  const t0 = performance.now();
  page.innerHTML = Array.from({ length: 100 }, () => '<gd-optimizer-race></gd-optimizer-race>').join('');
  document.body.append(page);
  const races = Array.from(page.querySelectorAll<GdOptimizerRace>('gd-optimizer-race'));
  await Promise.all(races.map((race) => race.updateComplete));
  await frame();
  await frame();
  const rendered = performance.now() - t0;
  const t1 = performance.now();
  await Promise.all(races.map((race) => race.step(10)));
  const stepped = performance.now() - t1;
  // Previews, thumbnails and grids made in idle time afterwards count too.
  await sleep(3000);
  phase('100 races: first render, step(10) on each, 3 s after', 'end');
  report('100 races: first render (all updateComplete, two frames)', round(rendered), 'ms');
  report('100 races: step(10) on each, all resolved', round(stepped), 'ms');
  report('100 races: every race at iteration 10', races.every((race) => race.iteration === 10) ? 1 : 0, 'yes');
  page.remove();
}

async function bigSwarm(report: Report): Promise<void> {
  const host = document.createElement('div');
  host.style.width = '1100px';
  const children = Array.from({ length: 16 }, (_, i) => `<gd-optimizer type="${TYPES[i % TYPES.length]}"></gd-optimizer>`).join('');
  host.innerHTML = `<gd-optimizer-race landscape="six-hump-camel" swarm="10000">${children}</gd-optimizer-race>`;
  phase('swarm 10,000 × 16 optimizers: first render and step(2)', 'start');
  document.body.append(host);
  const race = host.firstElementChild as GdOptimizerRace;
  await race.updateComplete;
  await frame();
  const t0 = performance.now();
  await race.step(2);
  const stepped = performance.now() - t0;
  phase('swarm 10,000 × 16 optimizers: first render and step(2)', 'end');
  report('swarm 10,000 × 16 optimizers: step(2) resolved', round(stepped), 'ms');
  phase('swarm 10,000 × 16 optimizers: 10 s of play', 'start');
  race.play();
  const intervals = await frameIntervals(10000);
  race.pause();
  phase('swarm 10,000 × 16 optimizers: 10 s of play', 'end');
  intervals.sort((a, b) => a - b);
  report('swarm 10,000 × 16 optimizers: frame interval p95 while playing', round(intervals[Math.floor(intervals.length * 0.95)]), 'ms');
  report('swarm 10,000 × 16 optimizers: swarm updates in 10 s of play', race.swarmTally?.iteration ?? 0, 'updates');
  host.remove();
}

/** The embed page in a same-origin frame; resolves once its widget rendered. */
async function embed(query: string): Promise<{ frame: HTMLIFrameElement; widget: HTMLElement & Record<string, unknown> }> {
  const frameElement = document.createElement('iframe');
  frameElement.style.width = '900px';
  frameElement.style.height = '700px';
  frameElement.src = `/demo/embed.html?${query}`;
  const loaded = new Promise((resolve) => frameElement.addEventListener('load', resolve, { once: true }));
  document.body.append(frameElement);
  await loaded;
  const widget = frameElement.contentDocument!.querySelector('gd-optimizer-race') as unknown as HTMLElement & Record<string, unknown>;
  return { frame: frameElement, widget };
}

async function themeStorm(report: Report): Promise<void> {
  const { frame: frameElement, widget } = await embed('widget=race&theme=host');
  await (widget.updateComplete as Promise<unknown>);
  await sleep(3000);
  phase('embed page: 10,000 theme messages', 'start');
  const t0 = performance.now();
  // Posted 500 a task: one loop posting all 10,000 is itself an 80 ms task of the host page.
  for (let i = 0; i < 10000; i++) {
    frameElement.contentWindow!.postMessage({ type: 'gd-kit:theme', theme: i % 2 ? 'light' : 'dark' }, '*');
    if (i % 500 === 499) await sleep(0);
  }
  // Every message is a task of its own; a timer queued after them runs once they are handled.
  await sleep(0);
  await frame();
  await frame();
  const handled = performance.now() - t0;
  await sleep(500);
  phase('embed page: 10,000 theme messages', 'end');
  report('embed page: 10,000 theme messages handled', round(handled), 'ms');
  report('embed page: theme after the last message is light', widget.theme === 'light' ? 1 : 0, 'yes');
  frameElement.remove();
}

async function bigState(report: Report): Promise<void> {
  // 100 optimizers (the race keeps the first 16, as it would of 5,000): the dev server refuses a request line over 16 KiB.
  const optimizers = Array.from({ length: 100 }, (_, i) => ({ type: TYPES[i % TYPES.length], learningRate: 0.01 }));
  const state = { landscape: 'himmelblau', swarm: 10000, iteration: 100000, optimizers };
  const label = 'embed page: state with 100 optimizers (16 kept), swarm 10,000, iteration 100,000 (load and 20 s after)';
  phase(label, 'start');
  const t0 = performance.now();
  const { frame: frameElement, widget } = await embed(`widget=race&state=${encodeURIComponent(JSON.stringify(state))}`);
  const loaded = performance.now() - t0;
  await sleep(20000);
  phase(label, 'end');
  report('embed page, big state: frame loaded', round(loaded), 'ms');
  report('embed page, big state: race updates after 20 s', Number(widget.iteration), 'updates');
  frameElement.remove();
}

export async function run(report: Report): Promise<void> {
  const only = new URLSearchParams(location.search).get('case');
  const cases: Record<string, (report: Report) => Promise<void>> = {
    races: manyRaces,
    swarm: bigSwarm,
    theme: themeStorm,
    state: bigState,
  };
  for (const [name, measure] of Object.entries(cases)) {
    if (only && only !== name) continue;
    await measure(report);
    await sleep(1000);
  }
}
