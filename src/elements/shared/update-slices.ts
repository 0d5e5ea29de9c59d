/**
 * The page's first renders, one task slice at a time. lit makes each element's update in
 * a microtask of the task that asked for it, so a page that adds a hundred races at once
 * renders all of them in one task (seconds). A first update that finds the task's slice
 * spent (`taskSliceLeft`, shared with every other kind of kit work) waits in line and
 * runs in a later task, in the order asked, as many per task as fit the slice (at least
 * one).
 */
import { nextTask, openTaskSlice, taskSliceLeft } from '../../core/slices.js';

const waiting: (() => void)[] = [];
let draining = false;

/** Runs `update` now if the task's slice allows (returns nothing), else later (returns when it ran). */
export function updateInSlice(update: () => void): void | Promise<void> {
  if (!waiting.length && taskSliceLeft()) {
    update();
    return;
  }
  return new Promise<void>((resolve, reject) => {
    waiting.push(() => {
      try {
        update();
        resolve();
      } catch (error: unknown) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    if (!draining) {
      draining = true;
      void nextTask().then(drain);
    }
  });
}

function drain(): void {
  openTaskSlice();
  do waiting.shift()!();
  while (waiting.length && taskSliceLeft());
  if (waiting.length) void nextTask().then(drain);
  else draining = false;
}
