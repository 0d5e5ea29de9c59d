// The package as an author meets it: `npm pack`s the built kit, unpacks the tarball to
// .pack/node_modules/gd-kit, and from there
//   - builds the fixture pages of test/fixtures/ with Vite, webpack 5, esbuild and Rollup
//     into .pack/out/<bundler>-<page>/ (test/dist/package.test.ts opens them in the
//     browsers), and reports the gzip weight of the Vite builds against the budget (every
//     element; one element alone: the curvature widget, the network);
//   - imports `gd-kit/core` in plain Node and runs an optimizer, printing nothing but its
//     own line; imports `gd-kit` and the element entries there and expects the one-line
//     error that says they need a browser;
//   - type-checks a React TSX consumer (`nodenext`: the tags in JSX, the `gd-kit/react`
//     components, and the typos they must reject) and a TypeScript one (`node16`) with
//     `skipLibCheck: false`;
//   - checks what ships: the LICENSE, source maps that carry their sources, and the editor
//     data (VS Code custom data, JetBrains web-types) valid against their JSON schemas;
//   - writes the measured Vite sizes into the README (between `<!-- size:… -->` marks).
// Vue, Svelte and Next.js consumers need registry installs: `npm run test:frameworks`.
// The fixtures sit beside node_modules/gd-kit in .pack/, so `gd-kit` resolves as in an
// author's project; its own dependencies (lit, tfjs, d3) resolve from the repository's
// node_modules, one level up. Run after `npm run build`; exits non-zero on any failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';
import * as esbuild from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const packDir = path.join(root, '.pack');
const fixtures = path.join(packDir, 'fixtures');
const out = path.join(packDir, 'out');
const started = Date.now();

/** gzip -9 of everything a page loads (its .js and .css), in KiB. */
export const BUDGET_KIB = 150;

function log(message) {
  console.log(`package: ${message}`);
}

function pack() {
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(path.join(packDir, 'node_modules/gd-kit'), { recursive: true });
  const [info] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  const tarball = path.join(packDir, info.filename);
  execFileSync('tar', ['-xzf', tarball, '-C', path.join(packDir, 'node_modules/gd-kit'), '--strip-components=1']);
  cpSync(path.join(root, 'test/fixtures'), fixtures, { recursive: true });
  // A package.json of its own, so that Node resolves `gd-kit` in .pack/ from
  // .pack/node_modules (the tarball), not as the repository's own name (self-reference).
  writeFileSync(path.join(packDir, 'package.json'), JSON.stringify({ private: true }));
  log(`packed ${info.filename}: ${info.entryCount} files, ${(info.size / 1024).toFixed(0)} KiB`);
}

/** Copies a page's HTML and its guard script next to a bundle written as main.js. */
function writePage(page, outDir) {
  for (const file of ['index.html', '../page-guard.js']) cpSync(path.join(fixtures, page, file), path.join(outDir, path.basename(file)));
}

async function withVite(page) {
  const outDir = path.join(out, `vite-${page}`);
  await viteBuild({
    configFile: false,
    root: path.join(fixtures, page),
    base: './',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, reportCompressedSize: false, manifest: true },
  });
  // Vite leaves the classic guard script alone; it is not part of the app.
  cpSync(path.join(fixtures, 'page-guard.js'), path.join(outDir, 'page-guard.js'));
  return outDir;
}

async function withWebpack(page) {
  const outDir = path.join(out, `webpack-${page}`);
  const compiler = webpack({
    mode: 'production',
    context: path.join(fixtures, page),
    entry: './main.js',
    // The fixture pages load the bundle as a module script, where webpack's automatic
    // publicPath (from document.currentScript) cannot find the chunks (the network, webgl).
    output: { path: outDir, filename: 'main.js', publicPath: './', clean: true },
    // Production mode, so unused exports and `sideEffects` are applied as for an
    // author; minifying would only cost time here.
    optimization: { minimize: false },
    performance: { hints: false },
    devtool: false,
  });
  const stats = await new Promise((resolve, reject) => compiler.run((error, result) => (error ? reject(error) : resolve(result))));
  await new Promise((resolve) => compiler.close(resolve));
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true, errorDetails: false }).slice(0, 4000));
  writePage(page, outDir);
  return outDir;
}

async function withEsbuild(page) {
  const outDir = path.join(out, `esbuild-${page}`);
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(fixtures, page, 'main.js')],
    outfile: path.join(outDir, 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'error',
  });
  writePage(page, outDir);
  return outDir;
}

async function withRollup(page) {
  const outDir = path.join(out, `rollup-${page}`);
  rmSync(outDir, { recursive: true, force: true });
  const bundle = await rollup({
    input: path.join(fixtures, page, 'main.js'),
    // tfjs pulls in two CommonJS packages (long, seedrandom): any Rollup app needs these.
    plugins: [nodeResolve({ browser: true }), commonjs()],
    onwarn(warning, warn) {
      if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
      warn(warning);
    },
  });
  await bundle.write({ file: path.join(outDir, 'main.js'), format: 'es', inlineDynamicImports: true });
  await bundle.close();
  writePage(page, outDir);
  return outDir;
}

/**
 * A Vite build's gzip size split by its manifest: what the page loads (the entry, its
 * static imports and CSS) and the chunks it imports only on demand (the webgl backend,
 * fetched when a run needs webgl: a forced backend or a real GPU to calibrate).
 */
function loadedAndLazy(dir) {
  const manifest = JSON.parse(readFileSync(path.join(dir, '.vite', 'manifest.json'), 'utf8'));
  const kib = (file) => gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length / 1024;
  const loaded = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (loaded.has(chunk.file)) return;
    loaded.add(chunk.file);
    for (const css of chunk.css ?? []) loaded.add(css);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const lazyFiles = Object.values(manifest)
    .map((chunk) => chunk.file)
    .filter((file) => file.endsWith('.js') && !loaded.has(file))
    .map((file) => [path.basename(file), kib(file)]);
  const loadedKiB = [...loaded].reduce((sum, file) => sum + kib(file), 0);
  // Everything the build wrote is accounted for: loaded at once, or on demand.
  const total = gzipKiB(dir);
  const lazy = lazyFiles.reduce((sum, [, size]) => sum + size, 0);
  if (Math.abs(total - loadedKiB - lazy) > 0.05) throw new Error(`${dir}: files outside the manifest (${total.toFixed(1)} KiB written)`);
  return { loaded: loadedKiB, lazy, lazyFiles };
}

function gzipKiB(dir) {
  let bytes = 0;
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(js|css)$/.test(name) && name !== 'page-guard.js') bytes += gzipSync(readFileSync(file), { level: 9 }).length;
    }
  };
  walk(dir);
  return bytes / 1024;
}

async function timed(name, work) {
  const t0 = Date.now();
  const result = await work();
  log(`${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return result;
}

/**
 * Type-checks a consumer; any error fails, except one known conflict that is not the
 * kit's: tfjs-core 4.22 pins @webgpu/types 0.1.38, whose declarations clash with the
 * WebGPU types that TypeScript 6's own DOM library now has (no error with TypeScript 5).
 * Those errors sit in @webgpu/types and in TypeScript's lib.dom.d.ts, and are counted.
 */
function tsc(project) {
  let output = '';
  try {
    execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', path.join(fixtures, project, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    if (!output) throw error;
  }
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  // Any path to node_modules: a worktree whose node_modules links to another checkout's reports it as ../…/node_modules.
  const webgpuClash = (line) =>
    /^(?:[^(]*\/)?node_modules\/(@webgpu\/types\/dist\/index\.d\.ts|typescript\/lib\/lib\.dom\.d\.ts)\(/.test(line);
  const ours = errors.filter((line) => !webgpuClash(line));
  if (ours.length || (output && !errors.length)) {
    console.error(ours.length ? ours.join('\n') : output);
    throw new Error(`tsc found ${ours.length} error(s) in the ${project} consumer`);
  }
  return errors.length;
}

/**
 * The package's LICENSE (MIT, the kit's contributors), its source maps (each carries the
 * text of every source it names, since the sources are not shipped) and its editor data,
 * validated against the formats' JSON schemas: VS Code's from its HTML and CSS language
 * services, JetBrains' web-types vendored (scripts/schemas/, no package ships it).
 */
function checkShipped() {
  const unpacked = path.join(packDir, 'node_modules/gd-kit');
  const license = readFileSync(path.join(unpacked, 'LICENSE'), 'utf8');
  if (!/^MIT License/.test(license) || !license.includes('gd-kit contributors'))
    throw new Error('LICENSE: not the MIT licence of the gd-kit contributors');
  const maps = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.map')) maps.push(file);
    }
  };
  walk(path.join(unpacked, 'dist'));
  for (const file of maps) {
    const map = JSON.parse(readFileSync(file, 'utf8'));
    const missing = map.sources.filter((_source, i) => typeof map.sourcesContent?.[i] !== 'string');
    if (missing.length) throw new Error(`${path.relative(unpacked, file)}: no sourcesContent for ${missing.slice(0, 3).join(', ')}`);
  }
  const schemaOf = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
  const checks = [
    [
      new Ajv({ allErrors: true, strict: false }),
      'node_modules/vscode-html-languageservice/docs/customData.schema.json',
      'editor/vscode.html-custom-data.json',
    ],
    [
      new Ajv({ allErrors: true, strict: false }),
      'node_modules/vscode-css-languageservice/docs/customData.schema.json',
      'editor/vscode.css-custom-data.json',
    ],
    [new AjvDraft04({ allErrors: true, strict: false }), 'scripts/schemas/web-types.schema.json', 'editor/web-types.json'],
  ];
  for (const [ajv, schema, data] of checks) {
    const validate = ajv.compile(schemaOf(schema));
    const json = JSON.parse(readFileSync(path.join(unpacked, data), 'utf8'));
    if (!validate(json)) throw new Error(`${data} does not match ${schema}: ${ajv.errorsText(validate.errors)}`);
    if (!/gd-optimizer-race|--gd-sweep-line-color/.test(JSON.stringify(json))) throw new Error(`${data} does not describe the elements`);
  }
  const pkg = JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
  if (!readFileSync(path.join(unpacked, pkg['web-types']), 'utf8')) throw new Error('package.json names no web-types file');
  log(`  ${maps.length} source maps with their sources; LICENSE; editor data valid`);
}

/** The README's sizes (`<!-- size:all -->136.9 KiB<!-- /size -->`), from this measurement. */
function writeSizesToReadme(measured) {
  const file = path.join(root, 'README.md');
  const text = readFileSync(file, 'utf8');
  const written = text.replace(/<!-- size:(\w+) -->[^<]*<!-- \/size -->/g, (mark, name) => {
    if (!(name in measured)) throw new Error(`README.md: unknown size mark ${name}`);
    return `<!-- size:${name} -->${measured[name].toFixed(1)} KiB<!-- /size -->`;
  });
  if (!/<!-- size:all -->/.test(text)) throw new Error('README.md: no <!-- size:all --> mark');
  if (written !== text) {
    writeFileSync(file, written);
    log('README.md: sizes updated from this build (commit it)');
  }
}

pack();

await timed('Node: gd-kit/core runs and prints only its own output', () => {
  const result = spawnSync(process.execPath, [path.join(fixtures, 'node/core.mjs')], { cwd: fixtures, encoding: 'utf8' });
  const printed = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/^node: gd-kit\/core ran on the cpu backend; Adam reached \(3\.0000, 2\.0000\)\n$/.test(printed)) {
    throw new Error(`gd-kit/core in Node (exit ${result.status}) printed:\n${printed}`);
  }
});
await timed('Node: gd-kit and the element entries say they need a browser', () => {
  for (const entry of ['gd-kit', 'gd-kit/elements/curvature', 'gd-kit/elements/optimizer-race/class', 'gd-kit/cdn']) {
    const result = spawnSync(
      process.execPath,
      ['-e', `import(${JSON.stringify(entry)}).catch((error) => { console.error(error.message); process.exit(3); })`],
      {
        cwd: fixtures,
        encoding: 'utf8',
      },
    );
    const lines = result.stderr.trim().split('\n');
    if (result.status !== 3 || lines.length !== 1 || !/^gd-kit: the elements need a browser .* import 'gd-kit\/core'/.test(lines[0])) {
      throw new Error(`import('${entry}') in Node (exit ${result.status}) printed:\n${result.stdout}${result.stderr}`);
    }
  }
});
for (const [project, what] of [
  ['tsx', 'React TSX consumer (nodenext, skipLibCheck: false)'],
  ['node16', 'TypeScript consumer (node16, skipLibCheck: false)'],
]) {
  const tolerated = await timed(`tsc: ${what}`, () => tsc(project));
  if (tolerated) log(`  (${tolerated} errors of tfjs's @webgpu/types against TypeScript 6's DOM library, not the kit's)`);
}

await timed('what ships: LICENSE, source maps with their sources, editor data valid against its schemas', checkShipped);

const viteAll = await timed('Vite: every element', () => withVite('all'));
const viteOne = await timed('Vite: gd-kit/elements/curvature', () => withVite('curvature'));
const viteNetwork = await timed('Vite: gd-kit/elements/network', () => withVite('network'));
await timed('webpack 5: every element', () => withWebpack('all'));
await timed('webpack 5: a class under another tag', () => withWebpack('class'));
await timed('esbuild: every element', () => withEsbuild('all'));
await timed('esbuild: gd-kit/elements/curvature', () => withEsbuild('curvature'));
await timed('esbuild: gd-kit/elements/network', () => withEsbuild('network'));
await timed('Rollup: every element', () => withRollup('all'));

const all = loadedAndLazy(viteAll);
const one = loadedAndLazy(viteOne);
const network = loadedAndLazy(viteNetwork);
const sizes = { all: all.loaded, curvature: one.loaded, network: network.loaded, lazy: all.lazy };
writeFileSync(path.join(out, 'sizes.json'), JSON.stringify(sizes, null, 2));
log(
  `Vite production build, gzip -9, what the page loads: import 'gd-kit' ${sizes.all.toFixed(1)} KiB, import 'gd-kit/elements/curvature' ${sizes.curvature.toFixed(1)} KiB, import 'gd-kit/elements/network' ${sizes.network.toFixed(1)} KiB (budget ${BUDGET_KIB} KiB); loaded only when needed: ${all.lazyFiles.map(([name, kib]) => `${name} ${kib.toFixed(1)} KiB`).join(', ') || 'nothing'}`,
);
writeSizesToReadme({ all: sizes.all, curvature: sizes.curvature, network: sizes.network, lazy: all.lazy });
if (!(sizes.all <= BUDGET_KIB && sizes.curvature < sizes.all && sizes.network < sizes.all)) {
  console.error(`gd-kit: over budget: every element must fit in ${BUDGET_KIB} KiB gzip, one element in less.`);
  process.exit(1);
}
log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
