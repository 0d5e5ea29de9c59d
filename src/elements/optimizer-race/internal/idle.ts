import { OFF_SCREEN_RETRY_MS, SLICE_MS } from '../../../core/slices.js';

/** What an idle callback is told: how much of the idle period is left. */
export interface IdleBudget {
  timeRemaining(): number;
  /** true when the callback runs because its timeout passed, not in an idle period */
  readonly didTimeout?: boolean;
}

/**
 * Runs `task` in the browser's next idle period (or soon, with a budget of one slice,
 * SLICE_MS, where there is no such API). The task should stop when `timeRemaining()` runs low.
 */
export function whenIdle(task: (deadline: IdleBudget) => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback((deadline) => task(deadline), { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(() => {
    // The browser's clock, as an idle deadline's own: a test's slice clock does not reach it.
    const end = performance.now() + SLICE_MS;
    task({ timeRemaining: () => Math.max(0, end - performance.now()) });
  }, 16);
  return () => clearTimeout(id);
}

/** What the idle preparation asks of its race. */
export interface PrepareHost {
  isConnected(): boolean;
  /** false while the race is off-screen (or the tab hidden): nothing is prepared then */
  onScreen(): boolean;
}

/** Idle work stops when less than this is left of an idle period (a slice takes a few ms). */
const SLICE_MARGIN_MS = 6;

/**
 * Runs `tasks` in idle periods while `host` is in the page and on screen, one after the
 * other. Each task is one slice of a few ms and returns true once its piece is complete;
 * slices run while an idle period lasts, stopping with a margin for the slice's own time.
 * Returns a function that cancels what is left.
 */
export function prepareWhenIdle(host: PrepareHost, tasks: (() => boolean)[]): () => void {
  let cancel: () => void;
  const next = (deadline: IdleBudget) => {
    if (!host.isConnected()) return;
    // Off-screen (or in a hidden tab) nothing is prepared; look again a little later.
    if (!host.onScreen()) {
      const timer = setTimeout(() => (cancel = whenIdle(next)), OFF_SCREEN_RETRY_MS);
      cancel = () => clearTimeout(timer);
      return;
    }
    // A callback run on its timeout (a page never idle) still makes one slice of progress.
    let budget = deadline.didTimeout ? 1 : 0;
    while (tasks.length && (budget-- > 0 || deadline.timeRemaining() > SLICE_MARGIN_MS)) {
      if (tasks[0]()) tasks.shift();
    }
    if (tasks.length) cancel = whenIdle(next);
  };
  cancel = whenIdle(next);
  return () => cancel();
}
