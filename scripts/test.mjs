// npm test: find (or install) the browsers, type-check, lint, check formatting, check
// generated files are current, check the race's import graph, build, check the packed
// package (bundler fixtures, Node, consumers' tsc), load the demo pages, then run every
// browser test. Exits non-zero on any failure and ends with a plain "N passed, N failed" line.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { findBrowser, findFirefox } from './find-browser.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.env.CHROME_PATH = findBrowser();
process.env.FIREFOX_PATH = findFirefox();

const steps = [
  ['type-check', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'tsconfig.test.json']],
  ['lint', 'node_modules/.bin/eslint', ['--max-warnings', '0', '.']],
  ['format', 'node_modules/.bin/prettier', ['--check', '--log-level', 'warn', '.']],
  ['formulas', 'node', ['scripts/typeset.mjs', '--check']],
  ['manifest', 'node', ['scripts/check-manifest.mjs']],
  ['imports', 'node', ['scripts/check-imports.mjs']],
  ['build', 'node', ['scripts/build.mjs']],
  ['package', 'node', ['scripts/check-package.mjs']],
  ['demo pages', 'node', ['scripts/check-demo.mjs']],
  ['browser tests', 'node_modules/.bin/wtr', [...process.argv.slice(2)]],
];

/** Runs a step, streaming its output; resolves to its exit code and what it printed. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: process.env, stdio: ['inherit', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, output }));
  });
}

const started = Date.now();
for (const [name, command, args] of steps) {
  const t0 = Date.now();
  const { code, signal, output } = await run(command, args);
  const counts = summarize(output);
  if (code !== 0) {
    console.error(`\ngd-kit test: ${name} failed (exit ${signal ?? code}).`);
    if (counts) console.log(counts);
    process.exit(code || 1);
  }
  console.log(`gd-kit test: ${name} ok (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (name === 'browser tests') {
    console.log(`gd-kit test: all steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (counts) console.log(counts);
  }
}

/**
 * The runner's own summary is not a plain line, and it counts each browser on its own
 * progress line ("Chrome: |…| 7 passed, 0 failed"): sum the last counts of every browser.
 */
function summarize(output) {
  const perBrowser = new Map();
  // eslint-disable-next-line no-control-regex -- ANSI escape codes begin with the ESC control character
  const plain = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''); // its progress redraws with ANSI codes
  for (const match of plain.matchAll(/(\w+):\s+\|[^\n]*?\| (\d+) passed, (\d+) failed/g)) perBrowser.set(match[1], [+match[2], +match[3]]);
  if (!perBrowser.size) return null;
  const [passed, failed] = [...perBrowser.values()].reduce(([p, f], [dp, df]) => [p + dp, f + df], [0, 0]);
  const each = [...perBrowser].map(([browser, [p, f]]) => `${browser} ${p} passed, ${f} failed`).join('; ');
  // The failures reporter names each failed test; repeated here, they end the log with the counts.
  const failures = plain.split('\n').filter((line) => line.startsWith('gd-kit failed test: '));
  return [...failures, `gd-kit test: ${each}`, `${passed} passed, ${failed} failed`].join('\n');
}
