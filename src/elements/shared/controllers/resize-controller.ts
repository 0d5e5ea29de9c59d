import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Measures the host's content width with a ResizeObserver so plots follow their
 * container (no fixed pixel widths). `width` is 0 until the first measurement.
 */
export class ResizeController implements ReactiveController {
  width = 0;
  height = 0;
  private observer?: ResizeObserver;
  private frame = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onResize?: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      if (Math.round(box.width) === this.width && Math.round(box.height) === this.height) return;
      this.width = Math.round(box.width);
      this.height = Math.round(box.height);
      // Re-render in the next frame, not during the observer's delivery: a host whose
      // height follows its width would otherwise resize while notifications are being
      // delivered, and the browser reports "ResizeObserver loop completed with
      // undelivered notifications" as an uncaught error.
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.onResize?.();
        this.host.requestUpdate();
      });
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}
