import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PlayOptions {
  /** Called once per animation frame while playing and visible. */
  frame: (timestamp: number) => void;
  /** With reduced motion the loop advances in discrete beats instead of every frame. */
  reducedMotionIntervalMs?: number;
  /** Called when `onScreen` may have changed (scrolled in or out of view, tab shown or hidden). */
  onScreenChange?: () => void;
}

/**
 * The animation loop every element shares. `playing` is what the user asked for;
 * the loop only runs while the host is on screen and the tab is visible, so a page
 * full of widgets costs nothing it does not show. With `prefers-reduced-motion`
 * it ticks a few times a second instead of every frame.
 */
export class PlayController implements ReactiveController {
  playing = false;
  private visibleInViewport = true;
  private rafId = 0;
  private lastBeat = 0;
  private observer?: IntersectionObserver;
  private readonly reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: PlayOptions,
  ) {
    host.addController(this);
  }

  /** Whether the host is in the viewport and its tab is shown (so work for the eye is worth doing). */
  get onScreen(): boolean {
    return this.visibleInViewport && document.visibilityState !== 'hidden' && this.host.isConnected;
  }

  /** True while frames are actually being delivered. */
  get running(): boolean {
    return this.rafId !== 0;
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
    if ('IntersectionObserver' in window) {
      this.observer = new IntersectionObserver((entries) => {
        this.visibleInViewport = entries[entries.length - 1].isIntersecting;
        this.sync();
        this.options.onScreenChange?.();
      });
      this.observer.observe(this.host);
    }
    this.sync();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.observer?.disconnect();
    this.observer = undefined;
    this.stopLoop();
  }

  play(): void {
    if (this.playing) return;
    this.playing = true;
    this.sync();
    this.host.requestUpdate();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.sync();
    this.host.requestUpdate();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  private readonly onVisibility = () => {
    this.sync();
    this.options.onScreenChange?.();
  };

  private sync(): void {
    const shouldRun = this.playing && this.visibleInViewport && document.visibilityState !== 'hidden' && this.host.isConnected;
    if (shouldRun && !this.rafId) {
      this.rafId = requestAnimationFrame(this.tick);
    } else if (!shouldRun) {
      this.stopLoop();
    }
  }

  private stopLoop(): void {
    if (this.rafId) cancelAnimationFrame(this.rafId);
    this.rafId = 0;
  }

  private readonly tick = (timestamp: number) => {
    this.rafId = requestAnimationFrame(this.tick);
    if (this.reducedMotion.matches) {
      const interval = this.options.reducedMotionIntervalMs ?? 250;
      if (timestamp - this.lastBeat < interval) return;
      this.lastBeat = timestamp;
    }
    this.options.frame(timestamp);
  };
}

/**
 * Updates for one animation frame: `speed` is steps per 60 Hz frame, so a slower display
 * (or a dropped frame, `elapsed` ms since the last) gets proportionally more, up to 4
 * frames' worth, and the run keeps its pace. With reduced motion every beat advances
 * exactly `speed` steps.
 */
export function stepsForFrame(speed: number, elapsed: number, reducedMotion: boolean): number {
  if (reducedMotion || !(elapsed > 0) || elapsed > 250) return speed;
  return Math.max(1, Math.min(4 * speed, Math.round((speed * elapsed) / (1000 / 60))));
}
