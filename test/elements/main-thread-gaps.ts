/**
 * The stretches the main thread was held, from a timer that asks to run every ms: the
 * gaps between its runs (and from the last run to the stop), sorted. A blocking step(n)
 * gives no gap at all until it ends (the timer never runs); a sliced one gives many
 * short ones.
 */
export function watchGaps(): () => number[] {
  let last = performance.now();
  const gaps: number[] = [];
  const id = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 1);
  return () => {
    clearInterval(id);
    gaps.push(performance.now() - last);
    return gaps.sort((a, b) => a - b);
  };
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
