// The browser tests load the kit from src/, module by module, as the dev server serves it.
// tfjs alone is ~600 of the ~800 modules a test page fetches, and every one of the ~150
// test pages fetched them all again (about 3 s a page). Only two kit modules import tfjs
// at run time (src/core/tf.ts and src/core/tf-webgl.ts, see tf.ts), so this plugin bundles
// exactly those two once per test run, tfjs inside, in one esbuild build with shared
// chunks (one tfjs engine for both). Their URLs serve a re-export of the bundled entry;
// every other kit module stays a file of its own, as it is in dist/.
import { build } from 'esbuild';
import path from 'node:path';

const PREFIX = '/__gd-kit-tfjs__/';
const ENTRIES = { tf: 'src/core/tf.ts', 'tf-webgl': 'src/core/tf-webgl.ts' };
// Bundled with tf.ts: it must run before tfjs's platform setup, and only tf.ts imports it.
const BUNDLED_KIT_MODULES = new Set(['src/core/tf.ts', 'src/core/tf-webgl.ts', 'src/core/tf-quiet.ts']);

export function tfjsTestBundlePlugin(root) {
  /** @type {Promise<Map<string, string>> | undefined} */
  let files;
  const bundle = async () => {
    const kitModules = {
      name: 'kit-modules-external',
      setup(esbuild) {
        // The kit's other modules (kernels-webgl.ts …) stay the dev server's own files.
        esbuild.onResolve({ filter: /^\./ }, (args) => {
          if (args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
          const file = path
            .relative(root, path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')))
            .split(path.sep)
            .join('/');
          if (BUNDLED_KIT_MODULES.has(file)) return undefined;
          return { path: `/${file}`, external: true };
        });
      },
    };
    const result = await build({
      absWorkingDir: root,
      entryPoints: ENTRIES,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['production'],
      target: 'es2022',
      outdir: 'tfjs-test-bundle',
      write: false,
      logLevel: 'silent',
      plugins: [kitModules],
    });
    return new Map(result.outputFiles.map((file) => [`${PREFIX}${path.basename(file.path)}`, file.text]));
  };
  return {
    name: 'gd-tfjs-test-bundle',
    serve(context) {
      const entry = Object.entries(ENTRIES).find(([, file]) => context.path === `/${file}`);
      if (entry) return { body: `export * from '${PREFIX}${entry[0]}.js';\n`, type: 'js' };
      if (!context.path.startsWith(PREFIX)) return undefined;
      files ??= bundle();
      return files.then((served) => (served.has(context.path) ? { body: served.get(context.path), type: 'js' } : undefined));
    },
  };
}
