// npm test: find (or install) a browser, type-check, check generated files are current,
// build the CDN bundle, then run every browser test. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findBrowser } from './find-browser.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.env.CHROME_PATH = findBrowser();

const steps = [
  ['type-check', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'tsconfig.test.json']],
  ['formulas', 'node', ['scripts/typeset.mjs', '--check']],
  ['manifest', 'node', ['scripts/check-manifest.mjs']],
  ['build', 'node', ['scripts/build.mjs']],
  ['demo pages', 'node', ['scripts/check-demo.mjs']],
  ['browser tests', 'node_modules/.bin/wtr', [...process.argv.slice(2)]],
];

const started = Date.now();
for (const [name, command, args] of steps) {
  const t0 = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`\ngd-kit test: ${name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
  console.log(`gd-kit test: ${name} ok (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log(`gd-kit test: all steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
