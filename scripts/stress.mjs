// npm run test:stress: hunts flaky tests before CI does. Builds and packs once (as npm
// test does), then runs the browser suite N times (default 3) while one busy-looping
// process per core keeps the machine loaded, as a CI runner running both browsers is.
// Reports every test that failed in any run, with how many runs it failed in.
//
//   npm run test:stress                      3 runs of the whole browser suite
//   npm run test:stress -- --runs 5          5 runs
//   npm run test:stress -- --hogs 0          no load
//   npm run test:stress -- --files 'test/core/*.test.ts'   (anything else goes to wtr)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findBrowser, findFirefox } from './find-browser.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
/** Takes `--name value` out of the arguments (the rest go to the test runner). */
function option(name, fallback) {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const [, value] = args.splice(at, 2);
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    console.error(`gd-kit stress: --${name} takes a whole number, not "${value}"`);
    process.exit(2);
  }
  return number;
}
const runs = option('runs', 3);
const hogCount = option('hogs', os.availableParallelism?.() ?? os.cpus().length);

process.env.CHROME_PATH = findBrowser();
process.env.FIREFOX_PATH = findFirefox();

function run(command, commandArgs, env = process.env, quiet = false) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, env, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

// The browser tests need the build and the packed package's fixture pages.
for (const [name, script] of [
  ['build', 'scripts/build.mjs'],
  ['package', 'scripts/check-package.mjs'],
]) {
  if ((await run('node', [script])) !== 0) {
    console.error(`gd-kit stress: ${name} failed; fix that first (npm test shows why).`);
    process.exit(1);
  }
}

const hogs = Array.from({ length: hogCount }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopHogs = () => hogs.forEach((hog) => hog.kill());
process.on('exit', stopHogs);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const folder = mkdtempSync(path.join(os.tmpdir(), 'gd-kit-stress-'));
/** test → the runs it failed in, and its last error */
const failures = new Map();
const walls = [];
for (let i = 1; i <= runs; i++) {
  const file = path.join(folder, `run-${i}.jsonl`);
  console.log(`gd-kit stress: run ${i} of ${runs}, ${hogCount} busy process(es) beside it ...`);
  const began = Date.now();
  const code = await run('node_modules/.bin/wtr', args, { ...process.env, GD_KIT_FAILURES_FILE: file }, true);
  const seconds = (Date.now() - began) / 1000;
  walls.push(seconds);
  const failed = existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
    : [];
  for (const { test, error } of failed) {
    const entry = failures.get(test) ?? { runs: [], error };
    entry.runs.push(i);
    entry.error = error;
    failures.set(test, entry);
  }
  if (code !== 0 && !failed.length) failures.set(`run ${i}: the test runner itself`, { runs: [i], error: `exit ${code}` });
  console.log(`gd-kit stress: run ${i}: ${failed.length} failed test(s), ${seconds.toFixed(0)} s`);
}
stopHogs();

console.log(
  `\ngd-kit stress: ${runs} run(s) of the browser suite under load; wall times ${walls.map((s) => `${s.toFixed(0)} s`).join(', ')}`,
);
if (!failures.size) {
  console.log('gd-kit stress: no test failed in any run.');
  process.exit(0);
}
for (const [test, { runs: failedIn, error }] of failures) {
  console.log(`gd-kit flaky or failing (${failedIn.length} of ${runs} runs): ${test}: ${error}`);
}
process.exit(1);
