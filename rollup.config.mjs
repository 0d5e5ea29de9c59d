// The self-contained CDN file: one ES module with every element and no bare imports,
// for a blog that adds one <script type="module">. (The unbundled ESM in dist/ with
// .d.ts files comes from `tsc`; see scripts/build.mjs.)
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import { collapseTemplatesPlugin } from './scripts/minify-templates.mjs';
import { longWithoutWasm, platformWithoutModelStores, tfjsCoreWithoutExtras } from './scripts/tfjs-plugins.mjs';

const cdn = {
  input: 'src/cdn.ts',
  output: {
    file: 'dist/cdn/gd-kit.js',
    format: 'es',
    sourcemap: true,
    inlineDynamicImports: true,
  },
  plugins: [
    // `browser: true` keeps seedrandom's `require("crypto")` out of the bundle.
    tfjsCoreWithoutExtras,
    nodeResolve({ browser: true, exportConditions: ['production'] }),
    longWithoutWasm,
    platformWithoutModelStores,
    commonjs(),
    collapseTemplatesPlugin,
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
    terser({ module: true, ecma: 2020, format: { comments: false }, compress: { passes: 3 } }),
  ],
  onwarn(warning, warn) {
    // tfjs and lit use `this` at module top level in UMD-guarded code paths.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};

/**
 * The iframe embed page as static files (dist/embed/): demo/embed.ts compiled against
 * the CDN bundle instead of the sources, for hosts that serve plain files.
 */
const embed = {
  input: 'demo/embed.ts',
  external: (id) => /[\\/]src[\\/]index\.(js|ts)$/.test(id) || id === '../src/index.js',
  output: {
    file: 'dist/embed/embed.js',
    format: 'es',
    paths: (id) => (/src[\\/]index\.(js|ts)$/.test(id) ? '../cdn/gd-kit.js' : id),
  },
  plugins: [esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }), terser({ format: { comments: false } })],
};

export default [cdn, embed];
