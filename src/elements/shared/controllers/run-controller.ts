import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SLICE_MS, sliceNow, taskSliceLeft, yieldMacrotask } from '../../../core/slices.js';

/** The run an element steps: applies updates now, synchronously. */
export interface RunControllerOptions {
  /**
   * Applies up to `k` updates now and returns how many it applied; fewer (0 included)
   * means the run cannot go further (stopped, at its step limit), which ends a `step(n)`.
   */
  apply: (k: number) => number;
  /** Frees the run's tensors: called once the host is really removed (not on a move). */
  release: () => void;
  /** Called after every chunk, e.g. to ask for a paint. */
  afterChunk?: () => void;
  /**
   * Time one chunk may take (default the kit's slice, SLICE_MS); a function when it
   * depends on the moment (less while a drag needs the frame).
   */
  budgetMs?: number | (() => number);
  /** The most updates one chunk makes (one read-back each; keeps a graph small). */
  maxChunk?: number;
  /** Updates in the first chunk, before any is measured (default 1). */
  initialChunk?: number;
  /** Hands the main thread back between chunks (default: a macrotask). */
  yieldToEventLoop?: () => Promise<void>;
  /** Clock (default the slice clock, `sliceNow`). */
  now?: () => number;
  /**
   * Whether the page's kit work in this task leaves room for a first chunk (default
   * `taskSliceLeft`): many elements asked to step in one task hand back before their
   * first chunks instead of making them all in that task.
   */
  taskSliceLeft?: () => boolean;
}

type Host = ReactiveControllerHost & { readonly isConnected: boolean };

/**
 * Owns a run's step queue and its lifetime for every element. `step(n)` is applied in
 * chunks sized from the measured cost of an update so that each fits well inside a
 * frame, with the main thread handed back between chunks: a long `step(100000)` never
 * freezes the page. Calls run one after the other, as queued; `cancel()` (on reset,
 * a rebuild, a removal) ends every pending step at its next chunk boundary, and its
 * promise resolves with what was applied so far. The run is released only when the
 * host is removed for good: a move (disconnected, then connected again in the same
 * task) keeps it.
 */
export class RunController implements ReactiveController {
  private queue: Promise<unknown> = Promise.resolve();
  private epoch = 0;
  private pending = 0;
  /** Updates in the next chunk, adapted to the measured time of the last one. */
  private size = 1;
  private releaseTimer?: ReturnType<typeof setTimeout>;
  /** Resolves the hand-back a step is waiting in (see `handBack`). */
  private wake?: () => void;
  private readonly budget: () => number;
  private readonly maxChunk: number;
  private readonly yieldToEventLoop: () => Promise<void>;
  private readonly now: () => number;
  private readonly taskSliceLeft: () => boolean;

  constructor(
    private readonly host: Host,
    private readonly options: RunControllerOptions,
  ) {
    const budget = options.budgetMs ?? SLICE_MS;
    this.budget = typeof budget === 'function' ? budget : () => budget;
    this.maxChunk = options.maxChunk ?? 1000;
    this.size = Math.max(1, Math.min(this.maxChunk, Math.floor(options.initialChunk ?? 1)));
    this.yieldToEventLoop = options.yieldToEventLoop ?? yieldMacrotask;
    this.now = options.now ?? sliceNow;
    this.taskSliceLeft = options.taskSliceLeft ?? taskSliceLeft;
    host.addController(this);
  }

  /** True while a `step(n)` (or a queued operation) is under way. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /**
   * Applies exactly `n` updates (fewer if the run stops, or none past a `cancel()`), in
   * time-sliced chunks after every operation queued before it. Resolves with the number
   * applied.
   */
  step(n: number): Promise<number> {
    const epoch = this.epoch;
    return this.enqueue(async () => {
      let applied = 0;
      if (n > 0 && !this.taskSliceLeft()) await this.handBack();
      while (applied < n && epoch === this.epoch) {
        const k = Math.min(n - applied, this.size);
        const begin = this.now();
        const made = this.options.apply(k);
        if (k === this.size) this.adapt(this.now() - begin);
        applied += made;
        this.options.afterChunk?.();
        if (made < k) break;
        if (applied < n) await this.handBack();
      }
      return applied;
    });
  }

  /** Settles once everything queued so far has run (compare it by identity to see if more came). */
  get idle(): Promise<unknown> {
    return this.queue;
  }

  /** Runs `operation` after everything queued before it (builds, resets, steps never interleave). */
  enqueue<T>(operation: () => T | Promise<T>): Promise<T> {
    this.pending++;
    const next = this.queue.then(operation).finally(() => this.pending--);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends every pending `step` at its next chunk boundary (within a frame); they resolve. */
  cancel(): void {
    this.epoch++;
    this.wake?.();
  }

  /**
   * Hands the main thread back between chunks, until the next macrotask or a `cancel()`,
   * whichever comes first: a reset ends a long step at once, not after whatever frame
   * (rendering, painting) the browser runs before that macrotask.
   */
  private async handBack(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      void this.yieldToEventLoop().then(resolve);
    });
    this.wake = undefined;
  }

  /**
   * Sizes the next chunk from the last one's time. A call has a fixed cost (the graph,
   * the read-back) besides its per-update cost, so the size doubles while a chunk takes
   * under half the budget and shrinks in proportion when one overruns it.
   */
  private adapt(ms: number): void {
    const budget = this.budget();
    if (ms > budget) this.size = Math.max(1, Math.floor((this.size * budget) / ms));
    else if (ms <= budget / 2) this.size = Math.min(this.maxChunk, this.size * 2);
  }

  hostConnected(): void {
    clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
  }

  hostDisconnected(): void {
    // A move reconnects in the same task; only a real removal ends the steps and frees tensors.
    clearTimeout(this.releaseTimer);
    this.releaseTimer = setTimeout(() => {
      this.releaseTimer = undefined;
      if (this.host.isConnected) return;
      this.cancel();
      void this.enqueue(() => {
        if (!this.host.isConnected) this.options.release();
      });
    }, 0);
  }
}
