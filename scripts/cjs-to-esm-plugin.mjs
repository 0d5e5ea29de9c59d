// tfjs-core imports two CommonJS packages (`long`, `seedrandom`) that the dev server
// cannot serve as ES modules. For exactly those entry files, bundle them to ESM with
// esbuild and re-export their CommonJS keys as named exports.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const CJS_PACKAGES = ['long', 'seedrandom'];

export function cjsToEsmPlugin() {
  const entries = new Map(CJS_PACKAGES.map((name) => [path.resolve(require.resolve(name)), name]));
  const cache = new Map();
  return {
    name: 'gd-cjs-to-esm',
    async transform(context) {
      const file = context.request.url.split('?')[0];
      const absolute = [...entries.keys()].find((entry) => entry.endsWith(file.replace(/^\/__wds-outside-root__\/\d+/, '')));
      if (!absolute) return undefined;
      if (!cache.has(absolute)) {
        const keys = Object.keys(require(absolute)).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default');
        const source = [
          `import cjs from ${JSON.stringify(absolute)};`,
          'export default cjs;',
          ...keys.map((key) => `export const ${key} = cjs[${JSON.stringify(key)}];`),
        ].join('\n');
        const result = await build({
          stdin: { contents: source, resolveDir: path.dirname(absolute), loader: 'js' },
          bundle: true,
          format: 'esm',
          write: false,
          platform: 'browser',
        });
        cache.set(absolute, result.outputFiles[0].text);
      }
      return { body: cache.get(absolute), transformCache: false };
    },
  };
}
