// Rollup plugins for the builds that bundle TensorFlow.js into the package: the CDN file
// (rollup.config.mjs) and dist/core/tf.js with dist/core/tf-webgl.js (scripts/build.mjs).
//
// tfjs's backends import tfjs-core by its package name, whose entry registers tfjs's own
// optimizer classes and, through `io`, its model savers and loaders (local storage,
// IndexedDB, http, files): side effects at import, so no bundler can drop them, ~12 KiB
// gzip on every page that no widget runs. Bundled here, that entry becomes tfjs-core's
// `base.js` and its side-effect module without them, and an author's bundler (Vite,
// webpack) is handed tfjs already trimmed instead of resolving tfjs-core itself.

/** The import tfjs's backends make of tfjs-core's entry, without the optimizers' registration. */
const CORE_ENTRY = '\0gd-kit:tfjs-core';
/**
 * tfjs-core's Node platform, set up only under Node: these builds are for browsers (the
 * core's Node build, dist/core/node.js, is made apart), and its `require('util')`, which
 * tfjs-core's own package maps away for browser bundlers, would break theirs here.
 */
const NO_NODE_PLATFORM = '\0gd-kit:no-node-platform';

/** The modules of tfjs-core that do something when loaded (its package's `sideEffects`, less io). */
const CORE_SIDE_EFFECTS =
  /\/tfjs-core\/dist\/((engine|tensor|base_side_effects|flags|register_all_gradients)\.js|platforms\/[^/]+\.js|public\/chained_ops\/[^/]+\.js)$/;

export const tfjsCoreWithoutExtras = {
  name: 'tfjs-core-without-extras',
  async resolveId(source, importer, options) {
    if (source === '@tensorflow/tfjs-core') return CORE_ENTRY;
    if (source === CORE_ENTRY || source === NO_NODE_PLATFORM) return source;
    if (/[\\/]platforms[\\/]platform_node(\.js)?$/.test(source) && /[\\/]tfjs-core[\\/]/.test(importer ?? '')) return NO_NODE_PLATFORM;
    if (!/[\\/]tfjs-core[\\/]/.test(importer ?? '') && !source.includes('tfjs-core')) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    if (!resolved || !/[\\/]tfjs-core[\\/]dist[\\/]/.test(resolved.id)) return resolved;
    // tfjs-core's own list of its modules with side effects, said here: most of its
    // modules came out as having some (so its unused ops and their dependencies, such as
    // seedrandom and long, stayed in), and its io folder goes (see above).
    return { ...resolved, moduleSideEffects: CORE_SIDE_EFFECTS.test(resolved.id.replaceAll('\\', '/')) };
  },
  load(id) {
    if (id === NO_NODE_PLATFORM) return 'export {};\n';
    if (id !== CORE_ENTRY) return null;
    return "import '@tensorflow/tfjs-core/dist/base_side_effects.js';\nexport * from '@tensorflow/tfjs-core/dist/base.js';\n";
  },
};

/**
 * tfjs-core's browser platform also registers the model stores of local storage and
 * IndexedDB when it loads (for `tf.io`'s model management, which the kit never uses):
 * those two registrations go, and the store code with them.
 */
export const platformWithoutModelStores = {
  name: 'platform-without-model-stores',
  transform(code, id) {
    if (!/[\\/]tfjs-core[\\/]dist[\\/]platforms[\\/]platform_browser\.js$/.test(id)) return null;
    const patched = code.replace(
      /\n\s*\/\/ Register \w+ IOHandler\n\s*try \{\n\s*ModelStoreManagerRegistry\.registerManager\([^;]*\);\n\s*\}\n\s*catch \(err\) \{\n\s*\}/g,
      '',
    );
    if (patched.includes('registerManager('))
      this.error('platform_browser.js changed: the model store registrations to remove were not found');
    return { code: patched, map: null };
  },
};

/**
 * `long` (pulled in by tfjs-core's string hashing, which the kit never runs) compiles a
 * WebAssembly module when it loads, which a strict Content-Security-Policy reports as
 * a blocked 'wasm-eval'. Its plain-JS arithmetic is what it falls back to anyway.
 */
export const longWithoutWasm = {
  name: 'long-without-wasm',
  transform(code, id) {
    if (!/[\\/]node_modules[\\/]long[\\/]src[\\/]long\.js$/.test(id)) return null;
    const patched = code.replace(/\n\s*wasm = new WebAssembly\.Instance\([\s\S]*?\)\.exports;/, '\n  wasm = null;');
    if (patched === code) this.error('long.js changed: the WebAssembly probe to remove was not found');
    return { code: patched, map: null };
  },
};
