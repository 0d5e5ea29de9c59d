/**
 * The page side of the interaction benchmark (bench/run.mjs drives it with real input
 * through the browser's input pipeline). From the first line it records every animation
 * frame and every long task (Long Tasks API), so the driver can ask what a stretch of
 * time looked like to the reader: frame-interval p95 and the longest main-thread task.
 */
import '../src/index.js';
import { percentile } from './stats.js';

interface Recorder {
  ready: boolean;
  /** When all three elements had painted (ms on the page's clock): tasks before it are loading. */
  firstPaint: number;
  frames: number[];
  longTasks: { start: number; duration: number }[];
  now(): number;
  /** Frame-interval p95 and long tasks between two times on the page's clock. */
  window(from: number, to: number): { p95: number; frames: number; longest: number; over50: number };
}

const recorder: Recorder = {
  ready: false,
  firstPaint: 0,
  frames: [],
  longTasks: [],
  now: () => performance.now(),
  window(from, to) {
    const times = this.frames.filter((t) => t >= from && t <= to);
    const intervals = times.slice(1).map((t, i) => t - times[i]);
    const tasks = this.longTasks.filter((task) => task.start + task.duration >= from && task.start <= to);
    return {
      p95: percentile(intervals, 95),
      frames: intervals.length,
      longest: Math.max(0, ...tasks.map((task) => task.duration)),
      over50: tasks.filter((task) => task.duration > 50).length,
    };
  },
};
(window as unknown as { __recorder: Recorder }).__recorder = recorder;

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) recorder.longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });

const loop = (time: number) => {
  recorder.frames.push(time);
  requestAnimationFrame(loop);
};
requestAnimationFrame(loop);

const elements = [...document.querySelectorAll('gd-optimizer-race, gd-line-fit, gd-curvature')] as (HTMLElement & {
  updateComplete: Promise<unknown>;
})[];
await Promise.all(elements.map((element) => element.updateComplete));
await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
recorder.firstPaint = performance.now();
recorder.ready = true;
