// npm run test:frameworks: the kit in the frameworks that need their own installs from
// the npm registry, so it is not part of `npm test` (minutes of installs and builds).
// From the packed tarball, in a temporary folder (test/frameworks/ holds the projects):
//   - Next.js (App Router): `next build` (Turbopack, then webpack) and `next start`; in
//     headless Chromium, after hydration, the gd-kit/react components' camelCase
//     properties reach the elements and their onGd… events reach React;
//   - Vue: `vue-tsc` passes a correct template and flags a typo (`type="adamm"`);
//   - Svelte: `svelte-check` the same.
// Builds the kit first when dist/ is missing. Exits non-zero on any failure.
// `--keep` leaves the temporary folder in place (its path is printed).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, findBrowser } from './find-browser.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const keep = process.argv.includes('--keep');
const started = Date.now();
const log = (message) => console.log(`frameworks: ${message}`);

/** The framework versions the check installs (the current majors). */
const VERSIONS = {
  next: '^16.0.0',
  react: '^19.0.0',
  'react-dom': '^19.0.0',
  '@lit/react': '^1.0.8',
  '@types/react': '^19.0.0',
  '@types/react-dom': '^19.0.0',
  '@types/node': '^20.0.0',
  // vue-tsc and svelte-check drive TypeScript's JavaScript API, which 7.x no longer has.
  typescript: '~5.9.0',
  vue: '^3.5.0',
  'vue-tsc': '^3.0.0',
  svelte: '^5.0.0',
  'svelte-check': '^4.0.0',
};

async function timed(name, work) {
  const t0 = Date.now();
  const result = await work();
  log(`${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return result;
}

function run(command, args, cwd, env = {}) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function mustRun(command, args, cwd, env) {
  const { code, output } = run(command, args, cwd, env);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${output.slice(-6000)}`);
  return output;
}

const work = mkdtempSync(path.join(tmpdir(), 'gd-kit-frameworks-'));
let failed = false;
try {
  if (!existsSync(path.join(root, 'dist/index.js'))) await timed('npm run build', () => mustRun('node', ['scripts/build.mjs'], root));
  const [info] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  cpSync(path.join(root, 'test/frameworks'), work, { recursive: true });
  writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify({ private: true, type: 'module', dependencies: { 'gd-kit': `file:./${info.filename}`, ...VERSIONS } }, null, 2),
  );
  await timed(`npm install (${info.filename}, ${Object.keys(VERSIONS).join(', ')})`, () =>
    mustRun('npm', ['install', '--no-audit', '--no-fund', '--loglevel', 'error'], work),
  );
  const installed = (name) =>
    JSON.parse(execFileSync('node', ['-p', `JSON.stringify(require('${name}/package.json').version)`], { cwd: work, encoding: 'utf8' }));
  log(
    `installed next ${installed('next')}, react ${installed('react')}, vue ${installed('vue')}, vue-tsc ${installed('vue-tsc')}, svelte ${installed('svelte')}, svelte-check ${installed('svelte-check')}`,
  );

  await typeChecks();
  for (const bundler of ['turbopack', 'webpack']) await nextApp(bundler);
} catch (error) {
  failed = true;
  console.error(`frameworks: FAILED: ${error?.stack ?? error}`);
} finally {
  if (keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
log(`${failed ? 'failed' : 'all passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);

/** vue-tsc and svelte-check: the correct templates pass, the typo is flagged (and only it). */
async function typeChecks() {
  const bin = (name) => path.join(work, 'node_modules/.bin', name);
  const expectTypo = (what, { code, output }) => {
    if (code === 0 || !/adamm/.test(output)) throw new Error(`${what}: the typo type="adamm" was not flagged:\n${output.slice(-3000)}`);
  };
  await timed('vue-tsc: a correct template passes', () => mustRun(bin('vue-tsc'), ['-p', 'vue/tsconfig.good.json'], work));
  await timed('vue-tsc: <gd-optimizer type="adamm"> is flagged', () =>
    expectTypo('vue-tsc', run(bin('vue-tsc'), ['-p', 'vue/tsconfig.typo.json'], work)),
  );
  const svelteCheck = (folder) =>
    run(
      bin('svelte-check'),
      ['--workspace', path.join(work, folder), '--tsconfig', path.join(work, folder, 'tsconfig.json'), '--output', 'machine'],
      work,
    );
  await timed('svelte-check: a correct template passes', () => {
    const result = svelteCheck('svelte/good');
    if (result.code !== 0 || !/COMPLETED \d+ FILES 0 ERRORS/.test(result.output))
      throw new Error(`svelte-check failed:\n${result.output.slice(-3000)}`);
  });
  await timed('svelte-check: <gd-optimizer type="adamm"> is flagged', () => expectTypo('svelte-check', svelteCheck('svelte/typo')));
}

/** Builds the Next.js app with one bundler, serves it and checks the hydrated page in Chromium. */
async function nextApp(bundler) {
  const app = path.join(work, 'next');
  rmSync(path.join(app, '.next'), { recursive: true, force: true });
  const next = path.join(work, 'node_modules/.bin/next');
  const env = { NEXT_TELEMETRY_DISABLED: '1' };
  await timed(`next build (${bundler})`, () => mustRun(next, ['build', ...(bundler === 'webpack' ? ['--webpack'] : [])], app, env));
  const port = 8200 + Math.floor(Math.random() * 700);
  const server = spawn(next, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: app,
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  let serverLog = '';
  server.stdout.on('data', (chunk) => (serverLog += chunk));
  server.stderr.on('data', (chunk) => (serverLog += chunk));
  const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROME_FLAGS });
  try {
    const url = `http://127.0.0.1:${port}/`;
    let html = '';
    for (let i = 0; i < 100 && !html; i++) {
      html = await fetch(url).then(
        (response) => response.text(),
        () => '',
      );
      if (!html) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (!html.includes('<gd-curvature'))
      throw new Error(`the prerendered page has no <gd-curvature>:\n${html.slice(0, 2000)}\n${serverLog}`);
    const page = await browser.newPage();
    const problems = [];
    // A failed request is reported by its URL below (the browser's own console line names none).
    page.on(
      'console',
      (message) =>
        message.type() === 'error' && !/^Failed to load resource/.test(message.text()) && problems.push(`console error: ${message.text()}`),
    );
    // The browser asks for /favicon.ico by itself; the test app has none.
    page.on(
      'response',
      (response) =>
        response.status() >= 400 &&
        !response.url().endsWith('/favicon.ico') &&
        problems.push(`HTTP ${response.status()} for ${response.url()}`),
    );
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(url, { waitUntil: 'networkidle0' });
    await timed(`next start (${bundler}): properties and events after hydration`, () => checkHydrated(page, problems));
    await page.close();
  } finally {
    await browser.close();
    server.kill();
  }
}

async function checkHydrated(page, problems) {
  const until = (fn, ...args) => page.waitForFunction(fn, { timeout: 30000 }, ...args);
  await until(() => ['gd-curvature', 'gd-optimizer-race', 'gd-sweep'].every((tag) => customElements.get(tag)));
  await page.evaluate(() =>
    Promise.all(['gd-curvature', 'gd-optimizer-race', 'gd-sweep'].map((tag) => document.querySelector(tag).updateComplete)),
  );
  await until(() => document.querySelector('#ref').textContent !== '');
  const seen = await page.evaluate(() => {
    const curvature = document.querySelector('gd-curvature');
    const optimizers = [...document.querySelectorAll('gd-optimizer')];
    return {
      learningRate: curvature.learningRate,
      curvature: curvature.curvature,
      init: curvature.init,
      className: curvature.className,
      // React's hydration of a plain tag leaves camelCase props as lower-cased attributes.
      stray: curvature.getAttributeNames().filter((name) => ['learningrate', 'classname', 'ongdstep'].includes(name)),
      optimizers: optimizers.map((o) => [o.type, o.learningRate, o.label]),
      adamBeta1: optimizers[1].beta1,
      race: document.querySelector('gd-optimizer-race').trajectories.map((t) => [t.type, t.label]),
      sweepCells: document.querySelector('gd-sweep').cells,
      ref: document.querySelector('#ref').textContent,
    };
  });
  const expected = {
    learningRate: 2.5,
    curvature: 1,
    init: 1,
    className: 'figure',
    stray: [],
    optimizers: [
      ['sgd', 0.01, 'Plain GD'],
      ['adam', 0.05, null],
    ],
    adamBeta1: 0.8,
    race: [
      ['sgd', 'Plain GD'],
      ['adam', 'Adam'],
    ],
    sweepCells: 4,
    ref: 'gd-curvature function',
  };
  if (JSON.stringify(seen) !== JSON.stringify(expected))
    throw new Error(`after hydration the elements hold ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`);

  // Events: React's onGdStep/onGdDone handlers re-render the page's own text.
  // α = 2.5 on curvature 1 diverges (αc > 2): w doubles in size every update.
  await page.evaluate(() => document.querySelector('gd-curvature').step(3));
  await until(() => document.querySelector('#curvature-steps').textContent === '3');
  await page.evaluate(() => document.querySelector('gd-optimizer-race').step(7));
  await until(() => document.querySelector('#race-steps').textContent === '7');
  await until(() => document.querySelector('#sweep-iteration').textContent === '10');
  const curvatureW = await page.evaluate(() => document.querySelector('gd-curvature').history.at(-1).w);
  // w₃ = (1 − αc)³ w₀ = (−1.5)³ = −3.375: the run used α = 2.5, not the default.
  if (Math.abs(curvatureW - -3.375) > 1e-9) throw new Error(`the curvature's w after 3 updates is ${curvatureW}, expected −3.375`);
  if (problems.length) throw new Error(`the page reported:\n${problems.join('\n')}`);
}
