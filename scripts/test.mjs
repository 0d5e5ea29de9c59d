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

// Stages run one after the other; the steps of a stage at the same time (they read the
// sources, or the one build, and write nothing the others read), which keeps both cores
// busy where one step alone would leave one idle.
const stages = [
  [
    ['type-check', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'tsconfig.test.json']],
    ['lint', 'node_modules/.bin/eslint', ['--max-warnings', '0', '.']],
    ['format', 'node_modules/.bin/prettier', ['--check', '--log-level', 'warn', '.']],
    ['formulas', 'node', ['scripts/typeset.mjs', '--check']],
    ['manifest', 'node', ['scripts/check-manifest.mjs']],
    ['imports', 'node', ['scripts/check-imports.mjs']],
  ],
  [['build', 'node', ['scripts/build.mjs']]],
  [
    ['package', 'node', ['scripts/check-package.mjs']],
    ['demo pages', 'node', ['scripts/check-demo.mjs']],
  ],
  [['browser tests', 'node_modules/.bin/wtr', [...process.argv.slice(2)]]],
];

/**
 * Runs a step; resolves to its exit code and what it printed. Alone in its stage it
 * streams its output; beside others it prints it whole when it ends, so lines never mix.
 */
function run(command, args, stream) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: process.env, stdio: ['inherit', 'pipe', 'pipe'] });
    let output = '';
    const take = (target) => (chunk) => {
      if (stream) target.write(chunk);
      output += chunk;
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, output }));
  });
}

const started = Date.now();
for (const stage of stages) {
  const stream = stage.length === 1;
  const results = await Promise.all(
    stage.map(async ([name, command, args]) => {
      const t0 = Date.now();
      const result = await run(command, args, stream);
      if (!stream) process.stdout.write(result.output);
      if (result.code === 0) console.log(`gd-kit test: ${name} ok (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      return { name, ...result };
    }),
  );
  const failed = results.find((result) => result.code !== 0);
  if (failed) {
    const counts = summarize(failed.output);
    console.error(`\ngd-kit test: ${failed.name} failed (exit ${failed.signal ?? failed.code}).`);
    if (counts) console.log(counts);
    process.exit(failed.code || 1);
  }
  if (stage[0][0] === 'browser tests') {
    console.log(`gd-kit test: all steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const counts = summarize(results[0].output);
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
