/**
 * The entry of dist/cdn/gd-kit.js: everything `gd-kit` gives, with `<gd-network>` defined
 * at once, as every other tag. The CDN file is one file, so the network is in it anyway;
 * fetching it only for pages that have one is what a bundler's chunk does (src/index.ts).
 */
import './elements/network/define.js';

export * from './index.js';
export { GdNetwork } from './elements/network/gd-network.js';
