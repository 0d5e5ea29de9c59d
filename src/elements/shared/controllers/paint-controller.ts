import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & { readonly isConnected: boolean; readonly hasUpdated: boolean };

/**
 * The one place an element paints its canvases: `request()` asks for a paint and any
 * number of requests before the next animation frame give one paint. Chunks of a long
 * `step(n)`, a drag preview, a legend click and a re-render may all land in one frame;
 * the learner sees one consistent picture and the main thread draws it once.
 */
export class PaintController implements ReactiveController {
  private frame?: number;
  private readonly schedule: (callback: () => void) => number;
  private readonly unschedule: (handle: number) => void;

  constructor(
    private readonly host: Host,
    private readonly paint: () => void,
    options: { schedule?: (callback: () => void) => number; unschedule?: (handle: number) => void } = {},
  ) {
    this.schedule = options.schedule ?? ((callback) => requestAnimationFrame(callback));
    this.unschedule = options.unschedule ?? ((handle) => cancelAnimationFrame(handle));
    host.addController(this);
  }

  /** Paints at the next frame (once, however often it is asked before then). */
  request(): void {
    if (this.frame !== undefined || !this.host.hasUpdated) return;
    this.frame = this.schedule(() => {
      this.frame = undefined;
      if (this.host.isConnected) this.paint();
    });
  }

  /** True while a paint waits for its frame. */
  get pending(): boolean {
    return this.frame !== undefined;
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
