import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & { readonly isConnected: boolean; readonly hasUpdated: boolean };

/**
 * The paint time every PaintController on the page spent in one frame. A page often
 * holds several widgets whose first paints (contour maps, a large dataset) come in the
 * same frame, just after the page is laid out: together with the browser's own rendering
 * they made one task of 60–70 ms. A paint that finds the frame's budget spent waits for
 * the next frame instead, where the paints that waited are called first (they asked for
 * that frame before any new request did), so a frame paints at most its budget and one
 * paint more, and every paint gets its turn: a hundred races' first paints take a
 * hundred frames' budgets, not one frame.
 */
export class FrameLedger {
  private frame = NaN;
  private spent = 0;

  constructor(
    /** Paint time after which further paints in the frame wait for the next. */
    readonly budgetMs = 12,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether a paint may still run in the frame stamped `time`. */
  admits(time: number): boolean {
    if (time !== this.frame) {
      this.frame = time;
      this.spent = 0;
    }
    return this.spent < this.budgetMs;
  }

  /** Runs `paint` and adds its time to the frame's. */
  charge(paint: () => void): void {
    const begin = this.now();
    try {
      paint();
    } finally {
      this.spent += this.now() - begin;
    }
  }
}

/** The ledger of the page's frames, shared by every element of the kit. */
const pageLedger = new FrameLedger();

export interface PaintControllerOptions {
  /**
   * Whether a paint would be seen (default: always). A paint due while it would not be
   * waits, without a frame, until `resume()`: a page of a hundred races paints the few in
   * view, not all of them, and the others when they are scrolled to.
   */
  visible?: () => boolean;
  /** Calls back at the next frame with the frame's time (default `requestAnimationFrame`). */
  schedule?: (callback: (time: number) => void) => number;
  unschedule?: (handle: number) => void;
  ledger?: FrameLedger;
}

/**
 * The one place an element paints its canvases: `request()` asks for a paint and any
 * number of requests before the next animation frame give one paint. Chunks of a long
 * `step(n)`, a drag preview, a legend click and a re-render may all land in one frame;
 * the learner sees one consistent picture and the main thread draws it once. When other
 * widgets' paints already took the frame's budget, the paint waits one frame (see
 * FrameLedger).
 */
export class PaintController implements ReactiveController {
  private frame?: number;
  /** A paint came due while it would not be seen: it is made on `resume()`. */
  private hidden = false;
  private readonly schedule: (callback: (time: number) => void) => number;
  private readonly unschedule: (handle: number) => void;
  private readonly ledger: FrameLedger;

  constructor(
    private readonly host: Host,
    private readonly paint: () => void,
    private readonly options: PaintControllerOptions = {},
  ) {
    this.schedule = options.schedule ?? ((callback) => requestAnimationFrame(callback));
    this.unschedule = options.unschedule ?? ((handle) => cancelAnimationFrame(handle));
    this.ledger = options.ledger ?? pageLedger;
    host.addController(this);
  }

  /** Paints at the next frame (once, however often it is asked before then). */
  request(): void {
    if (this.frame !== undefined || !this.host.hasUpdated) return;
    this.frame = this.schedule((time) => this.atFrame(time));
  }

  /** True while a paint waits for its frame. */
  get pending(): boolean {
    return this.frame !== undefined;
  }

  /** The host may be seen again: a paint held back meanwhile is asked for now. */
  resume(): void {
    if (!this.hidden || !(this.options.visible?.() ?? true)) return;
    this.hidden = false;
    this.request();
  }

  private atFrame(time: number): void {
    if (!this.host.isConnected) {
      this.frame = undefined;
      return;
    }
    if (this.options.visible && !this.options.visible()) {
      this.frame = undefined;
      this.hidden = true;
      return;
    }
    if (!this.ledger.admits(time)) {
      this.frame = this.schedule((next) => this.atFrame(next));
      return;
    }
    this.frame = undefined;
    this.ledger.charge(this.paint);
  }

  hostUpdated(): void {
    // A re-render may have replaced or resized a canvas: repaint it in the same frame's wake.
    this.request();
  }

  hostDisconnected(): void {
    if (this.frame !== undefined) this.unschedule(this.frame);
    this.frame = undefined;
  }
}
