import type { GdLineFit } from '../../../src/elements/line-fit/gd-line-fit.js';

/**
 * Waits until the widget's layout stops changing. Its first renders follow the page's
 * reflow (with classic scrollbars, as in Firefox, a scrollbar comes and goes), and a test
 * that aims the mouse needs the final positions.
 */
export async function settled(el: GdLineFit): Promise<void> {
  const shape = () =>
    JSON.stringify([el.getBoundingClientRect(), el.shadowRoot!.querySelector('canvas.contours')?.getBoundingClientRect()]);
  // Unchanged over three checks a few frames apart: a resize is measured in one frame and
  // drawn in the next.
  let [before, stable] = ['', 0];
  for (let i = 0; i < 40 && stable < 3; i++) {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await el.updateComplete;
    const now = shape();
    stable = now === before ? stable + 1 : 0;
    before = now;
  }
}
