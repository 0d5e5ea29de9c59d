/** At most this often the readout changes (it is a live region: a screen reader reads each change). */
const READOUT_INTERVAL_MS = 150;

/**
 * The one-line readout under a map: the point under the pointer, or the focused handle's
 * point as the keys move it. Changes are throttled; the last one always shows.
 */
export class PointReadout {
  text = '';
  private last = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private pending?: () => void;

  constructor(private readonly changed: () => void) {}

  /**
   * Shows the text `describe` gives. It is called only when the throttle lets the change
   * through, so a pointer sweeping the map costs one description per interval; `now`
   * skips the throttle (a key press, a focus).
   */
  show(describe: () => string, now = false): void {
    this.pending = () => {
      this.text = describe();
      this.last = performance.now();
      this.changed();
    };
    const wait = now ? 0 : this.last + READOUT_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.pending();
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.pending?.();
      }, wait);
    }
  }
}
