/** What an idle callback is told: how much of the idle period is left. */
export interface IdleBudget {
  timeRemaining(): number;
  /** true when the callback runs because its timeout passed, not in an idle period */
  readonly didTimeout?: boolean;
}

/**
 * Runs `task` in the browser's next idle period (or soon, with an 8 ms budget, where
 * there is no such API). The task should stop when `timeRemaining()` runs low.
 */
export function whenIdle(task: (deadline: IdleBudget) => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback((deadline) => task(deadline), { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(() => {
    const end = performance.now() + 8;
    task({ timeRemaining: () => Math.max(0, end - performance.now()) });
  }, 16);
  return () => clearTimeout(id);
}
