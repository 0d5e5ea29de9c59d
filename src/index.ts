/**
 * gd-kit: registers every element (this is the CDN entry) and re-exports the classes
 * and the core for scripts that build on them.
 */
import './elements/line-fit/define.js';
import './elements/curvature/define.js';
import './elements/optimizer/define.js';
import './elements/optimizer-race/define.js';
import './elements/sweep/define.js';
import './elements/network/define.js';

export { GdLineFit } from './elements/line-fit/gd-line-fit.js';
export { GdCurvature } from './elements/curvature/gd-curvature.js';
export { GdOptimizer } from './elements/optimizer/gd-optimizer.js';
export { GdOptimizerRace } from './elements/optimizer-race/gd-optimizer-race.js';
export { GdSweep } from './elements/sweep/gd-sweep.js';
export { GdNetwork } from './elements/network/gd-network.js';
export { defineElement } from './elements/shared/define.js';
export type * from './elements/shared/events.js';
export * as core from './core/index.js';
