// The self-contained CDN file: one ES module with every element and no bare imports,
// for a blog that adds one <script type="module">. (The unbundled ESM in dist/ with
// .d.ts files comes from `tsc`; see scripts/build.mjs.)
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';

export default {
  input: 'src/index.ts',
  output: {
    file: 'dist/cdn/gd-kit.js',
    format: 'es',
    sourcemap: true,
    inlineDynamicImports: true,
  },
  plugins: [
    // `browser: true` keeps seedrandom's `require("crypto")` out of the bundle.
    nodeResolve({ browser: true, exportConditions: ['production'] }),
    commonjs(),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
    terser({ format: { comments: false }, compress: { passes: 2 } }),
  ],
  onwarn(warning, warn) {
    // tfjs and lit use `this` at module top level in UMD-guarded code paths.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
