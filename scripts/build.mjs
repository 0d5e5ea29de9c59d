// npm run build: unbundled ESM + .d.ts in dist/ (tsc), dist/cdn/gd-kit.js (rollup),
// dist/core/node.js, the core for Node (esbuild), and TensorFlow.js bundled into
// dist/core/tf.js and tf-webgl.js (rollup). Fails if the CDN file keeps any import
// specifier (it must be self-contained), or if a file of dist/ still imports tfjs.
import { execFileSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { longWithoutWasm, platformWithoutModelStores, tfjsCoreWithoutExtras } from './tfjs-plugins.mjs';
import { collapseTemplates } from './minify-templates.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

const started = Date.now();
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.json']);
for (const file of readdirSync(path.join(root, 'dist'), { recursive: true }).filter((f) => f.endsWith('.js'))) {
  const at = path.join(root, 'dist', file);
  const code = readFileSync(at, 'utf8');
  const collapsed = collapseTemplates(code);
  if (collapsed !== code) writeFileSync(at, collapsed);
}
run(bin('rollup'), ['-c', 'rollup.config.mjs', '--silent']);
await buildNodeCore();
await bundleTfjs();

// The embed page's static files beside its compiled script (dist/embed/).
const embedHtml = readFileSync(path.join(root, 'demo/embed.html'), 'utf8').replace('src="./embed.ts"', 'src="./embed.js"');
if (!embedHtml.includes('src="./embed.js"')) throw new Error('demo/embed.html no longer loads ./embed.ts');
writeFileSync(path.join(root, 'dist/embed/index.html'), embedHtml);
for (const file of ['embed.css', 'favicon.svg']) copyFileSync(path.join(root, 'demo', file), path.join(root, 'dist/embed', file));

const cdnFile = path.join(root, 'dist/cdn/gd-kit.js');
const bundle = readFileSync(cdnFile, 'utf8');
const leftovers = findImportSpecifiers(bundle);
if (leftovers.length) {
  console.error(`gd-kit: dist/cdn/gd-kit.js still imports ${leftovers.join(', ')}; it must be self-contained.`);
  process.exit(1);
}
const gzipKiB = gzipSync(bundle, { level: 9 }).length / 1024;
console.log(
  `build: dist/ (ESM + .d.ts), dist/embed/ and dist/cdn/gd-kit.js — ${(bundle.length / 1024).toFixed(1)} KiB, ${gzipKiB.toFixed(1)} KiB gzip — in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

/**
 * `gd-kit/core` in Node (the `node` condition of its export). tfjs publishes its
 * modular ESM (`dist/*.js`) with extensionless relative imports, which Node cannot load,
 * and its Node entries (CommonJS) register no gradients; so the core is bundled here with
 * the same tfjs modules as in the browser, minus the webgl backend, which needs a
 * browser. tfjs-core's Node platform `require`s `util` (and `node-fetch` for its file
 * loaders, which the kit never uses) at run time, hence the `require` in the banner.
 */
async function buildNodeCore() {
  const withoutWebgl = {
    name: 'without-webgl',
    setup(build) {
      build.onResolve({ filter: /^@tensorflow\/tfjs-backend-webgl\// }, (args) => ({ path: args.path, namespace: 'no-webgl' }));
      build.onLoad({ filter: /.*/, namespace: 'no-webgl' }, () => ({
        contents: 'export class MathBackendWebGL {}',
        loader: 'js',
      }));
    },
  };
  await esbuild.build({
    // From tsc's output, so the package's own `sideEffects` list is what keeps tf.js.
    entryPoints: [path.join(root, 'dist/core/index.js')],
    outfile: path.join(root, 'dist/core/node.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // tfjs's ESM everywhere: its CommonJS `main` would be a second copy of tfjs-core.
    mainFields: ['module', 'main'],
    external: ['node-fetch'],
    plugins: [withoutWebgl],
    banner: { js: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

/**
 * dist/core/tf.js and dist/core/tf-webgl.js with the tfjs modules they use bundled in
 * (the rest of dist/ stays one file per module). An author's bundler then never resolves
 * tfjs itself, so it gets tfjs as trimmed for the kit (scripts/tfjs-plugins.mjs): without
 * the model savers and loaders and optimizer classes that tfjs-core's entry registers at
 * import, which a bundler has to keep. tfjs shares one engine and kernel registry across
 * copies on a page (see src/core/tf.ts), so a page's own tfjs still works beside it.
 */
async function bundleTfjs() {
  const core = path.join(root, 'dist/core');
  const bundled = new Set(['tf.js', 'tf-webgl.js', 'tf-quiet.js'].map((file) => path.join(core, file)));
  const bundle = await rollup({
    input: { tf: path.join(core, 'tf.js'), 'tf-webgl': path.join(core, 'tf-webgl.js') },
    // The kit's other modules (the fused webgl kernels) stay files of their own.
    external: (source, importer) =>
      importer !== undefined &&
      source.startsWith('.') &&
      !importer.includes('node_modules') &&
      !bundled.has(path.resolve(path.dirname(importer), source)),
    plugins: [tfjsCoreWithoutExtras, nodeResolve({ browser: true }), longWithoutWasm, platformWithoutModelStores, commonjs()],
    onwarn(warning, warn) {
      if (warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
  });
  await bundle.write({ dir: core, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'tfjs.js', sourcemap: true });
  await bundle.close();
  const importsTfjs = readdirSync(path.join(root, 'dist'), { recursive: true })
    .filter((file) => file.endsWith('.js') && !file.startsWith('cdn'))
    .filter((file) => /^(?:import|export)\b[^;]*?["']@tensorflow\//m.test(readFileSync(path.join(root, 'dist', file), 'utf8')));
  if (importsTfjs.length) throw new Error(`gd-kit: ${importsTfjs.join(', ')} still import tfjs by name`);
}

/** Static `import … from "x"`, `export … from "x"` and `import("x")` specifiers in minified code. */
export function findImportSpecifiers(code) {
  const specifiers = new Set();
  const patterns = [
    /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g,
    /(?:^|[;}\s])export\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) specifiers.add(match[1]);
  }
  return [...specifiers];
}
