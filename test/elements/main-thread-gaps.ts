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
