/**
 * Runs a timer again and again, a macrotask each time, while `condition()` holds, at most
 * `limit` times; resolves with how many runs saw it hold. Work made in one task gives the
 * timer no run until it ends; work in slices lets it run between them. This counts the
 * main thread's hand-backs, not milliseconds, so a loaded machine cannot change it.
 */
export function timerRunsWhile(condition: () => boolean, limit: number): Promise<number> {
  return new Promise((resolve) => {
    let runs = 0;
    const tick = () => {
      if (runs >= limit || !condition()) {
        resolve(runs);
        return;
      }
      runs++;
      setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
  });
}

/**
 * Whether `promise` settles before a timer queued now runs: a cancelled step must end in
 * the task that cancelled it, not after a slice or a frame that the browser runs first.
 * (An order, not a duration: a loaded machine cannot make it pass or fail.)
 */
export async function settlesBeforeNextTask(promise: Promise<unknown>): Promise<boolean> {
  let timerRan = false;
  const timer = new Promise<void>((resolve) =>
    setTimeout(() => {
      timerRan = true;
      resolve();
    }, 0),
  );
  await Promise.race([promise, timer]);
  return !timerRan;
}
