/**
 * Time slicing, in one place for the core and the elements: how long a slice of work may
 * take, how the main thread is handed back between slices, how soon paused work looks
 * again, and the clock every slicing decision reads. No DOM: timers, `MessageChannel`
 * and `performance` exist in pages, workers and Node alike.
 */

/** Time one slice of work may take: half a 60 Hz frame, so input and paint fit beside it. */
export const SLICE_MS = 8;

/**
 * How soon work paused while its element is off-screen (or its tab hidden) looks again.
 * A quarter of a second: a reader who scrolls the element into view sees the work go
 * on at once, and a look that finds it still off-screen does nothing but set the next
 * timer, so four a second cost nothing measurable.
 */
export const OFF_SCREEN_RETRY_MS = 250;

/** A macrotask: lets input, rendering and timers run. Works in hidden tabs, unlike rAF. */
export function yieldMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A new task soon: lets input, rendering and timers run, without the ~4 ms a chain of
 * nested `setTimeout(0)` is held back by. For work the reader waits for (a drag's preview).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

const performanceNow = () => (typeof performance === 'undefined' ? Date.now() : performance.now());
let clock: () => number = performanceNow;

/**
 * The time (ms) as every slicing decision reads it: how long a slice took, whether it
 * may go on. One clock, so that a test can replace it (`setSliceClock`).
 */
export function sliceNow(): number {
  return clock();
}

/**
 * Replaces the clock `sliceNow` reads (a test's fake one, e.g. one that advances a fixed
 * amount per reading, makes the number of slices deterministic); without an argument,
 * puts `performance.now` back.
 */
export function setSliceClock(now?: () => number): void {
  clock = now ?? performanceNow;
}

/**
 * Work of many widgets that lands in one task (the first renders of a hundred races made
 * by one `innerHTML`, the first chunk of each one's `step(10)`: each in a microtask of the
 * same task) makes one long task however small each part is. They share one slice per
 * task: `taskSliceLeft()` says whether the kit's work in the current task has taken less
 * than SLICE_MS, and work that finds it spent hands the main thread back first. A task's
 * slice is known to be over when a message posted as it opened arrives (a later task
 * counted as the same one meanwhile waits a little longer; none runs longer).
 */
let taskBegin: number | undefined;
let taskGeneration = 0;

/** Opens the current task's slice now (a task known to be new: one that a message started). */
export function openTaskSlice(): void {
  taskBegin = sliceNow();
  const generation = ++taskGeneration;
  void nextTask().then(() => {
    if (generation === taskGeneration) taskBegin = undefined;
  });
}

/** Whether kit work may still run in the current task; the first call of a task opens its slice. */
export function taskSliceLeft(): boolean {
  if (taskBegin === undefined) {
    openTaskSlice();
    return true;
  }
  return sliceNow() - taskBegin < SLICE_MS;
}
