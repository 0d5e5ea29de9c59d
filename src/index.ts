/**
 * gd-kit: registers every element and re-exports the classes and the core for scripts
 * that build on them. `<gd-network>`, the heaviest, is fetched and defined when the page
 * first has one (see `defineWhenUsed`); its class comes from `gd-kit/elements/network`.
 * The CDN file's entry is `./cdn.ts`.
 */
import './elements/line-fit/define.js';
import './elements/curvature/define.js';
import './elements/optimizer/define.js';
import './elements/optimizer-race/define.js';
import './elements/sweep/define.js';
// Types only: `GdNetwork` and its tag in HTMLElementTagNameMap, no code.
import type {} from './elements/network/define.js';

export { GdLineFit } from './elements/line-fit/gd-line-fit.js';
export { GdCurvature } from './elements/curvature/gd-curvature.js';
export { GdOptimizer } from './elements/optimizer/gd-optimizer.js';
export { GdOptimizerRace } from './elements/optimizer-race/gd-optimizer-race.js';
export { GdSweep } from './elements/sweep/gd-sweep.js';
export type { GdNetwork } from './elements/network/gd-network.js';
export { defineElement } from './elements/shared/define.js';
export type * from './elements/shared/events.js';
export * as core from './core/index.js';

/**
 * Defines `tag` from the module `load` fetches, as soon as the document has such an
 * element (now, or when the parser or a script adds one): a page without one never
 * downloads it. An element inside another element's shadow root is not seen here; a page
 * that puts one there imports its module itself.
 */
function defineWhenUsed(tag: string, load: () => Promise<unknown>): void {
  if (typeof document === 'undefined' || customElements.get(tag)) return;
  const found = document.getElementsByTagName(tag);
  const observer = new MutationObserver(() => {
    if (found.length) start();
  });
  const start = () => {
    observer.disconnect();
    void load();
  };
  if (found.length) start();
  else observer.observe(document, { childList: true, subtree: true });
}

// A network trained in the page: about a tenth of the kit's weight, for pages that show one.
defineWhenUsed('gd-network', () => import('./elements/network/define.js'));
