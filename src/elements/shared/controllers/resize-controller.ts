import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Measures the host's content width so plots follow their container (no fixed pixel
 * widths). `width` is 0 until the first measurement.
 *
 * A ResizeObserver reports changes. Its callbacks, and the animation frames, belong to the
 * browser's rendering steps, which a frame it does not render skips: a cross-origin
 * iframe below the fold (the embed page on an LMS) would lay the element out at no width
 * and post that height to its host until the reader scrolls to it. Layout itself is
 * never skipped, so the host is also measured from layout before an update: the first
 * one, any while it has no width, and the first after a `resize` event of the window
 * (which the embed page dispatches itself when it lays out at the width its host
 * reports). Not before every update: with several widgets on a page, each read would
 * force a layout after the previous widget's render.
 */
export class ResizeController implements ReactiveController {
  width = 0;
  height = 0;
  private observer?: ResizeObserver;
  private frame = 0;
  /** The border box at the last measurement from layout, to skip unchanged ones cheaply. */
  private borderBox = '';
  /** Measure from layout before the next update. */
  private stale = true;
  private readonly onWindowResize = () => {
    this.stale = true;
    this.host.requestUpdate();
  };

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
    window.addEventListener('resize', this.onWindowResize);
    this.stale = true;
  }

  hostUpdate(): void {
    if (!this.stale && this.width > 0) return;
    this.stale = false;
    this.measure();
  }

  hostDisconnected(): void {
    window.removeEventListener('resize', this.onWindowResize);
    this.observer?.disconnect();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /**
   * The host's content box from layout, as the ResizeObserver would report it; the update
   * under way uses it. Layout sizes (`clientWidth`), not the box on screen: a slide deck
   * that scales its slides with a transform must not shrink the plots inside.
   */
  private measure(): void {
    if (!this.host.isConnected) return;
    const borderBox = `${this.host.offsetWidth}x${this.host.offsetHeight}`;
    if (borderBox === this.borderBox) return;
    this.borderBox = borderBox;
    const style = getComputedStyle(this.host);
    const px = (value: string) => parseFloat(value) || 0;
    const width = Math.max(0, Math.round(this.host.clientWidth - px(style.paddingLeft) - px(style.paddingRight)));
    const height = Math.max(0, Math.round(this.host.clientHeight - px(style.paddingTop) - px(style.paddingBottom)));
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.onResize?.();
  }
}
