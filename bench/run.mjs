// npm run bench: builds the CDN bundle, serves the repo, and runs the benchmark suites
// in headless Chromium (the same browser the tests use). Prints one table of medians.
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { openBrowserSession } from '../scripts/browser-session.mjs';
import { runInteraction, runSwarmInteraction } from './interaction.mjs';
import { startTaskTrace, stopTaskTrace } from './task-trace.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const wanted = (name) => only.length === 0 || only.includes(name);
const rows = [];
const report = (suite, name, value, unit) => rows.push({ suite, name, value, unit });

if (wanted('bundle') || wanted('page')) {
  execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  const bundle = readFileSync(path.join(root, 'dist/cdn/gd-kit.js'));
  report('bundle', 'dist/cdn/gd-kit.js gzip -9 (budget ≤ 200)', +(gzipSync(bundle, { level: 9 }).length / 1024).toFixed(1), 'KiB');
}

// Cross-origin isolated pages: a clock in 5 µs steps (see browser-session.mjs), so frame
// intervals read 16.67 ms at 60 Hz, not 16.6–16.8.
const { base, browser, close } = await openBrowserSession({
  extraArgs: ['--js-flags=--expose-gc', '--enable-precise-memory-info'],
  isolated: true,
});

try {
  for (const suite of ['core', 'elements', 'crossover', 'sweep', 'swarm', 'batched', 'big', 'network']) {
    if (!wanted(suite)) continue;
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.on('pageerror', (error) => console.error(`[${suite}] page error: ${error.message}`));
    const caseArg = process.argv.find((arg) => arg.startsWith('--case='));
    const extra = `${process.argv.includes('--quick') ? '&long=0' : ''}${caseArg ? `&case=${caseArg.slice(7)}` : ''}`;
    // The `big` suite's rows are the longest main-thread tasks of its phases, from a trace.
    const traced = suite === 'big' || suite === 'network';
    if (traced) await startTaskTrace(page);
    await page.goto(`${base}/bench/index.html?suite=${suite}${extra}`);
    page.on('console', (message) => console.log(`  [${suite}] ${message.text()}`));
    const deadline = Date.now() + 600000;
    while (!(await page.evaluate(() => window.__bench?.done))) {
      if (Date.now() > deadline) throw new Error(`suite ${suite} did not finish in 10 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const state = await page.evaluate(() => window.__bench);
    if (state.error) console.error(`[${suite}] ${state.error}`);
    for (const { name, value, unit } of state.results) report(suite, name, value, unit);
    if (traced) {
      for (const { phase, longestWall, longestCpu, overWall, overCpu, busyCpu } of await stopTaskTrace(page)) {
        report(suite, `${phase}: longest task, main-thread CPU (budget ≤ 50)`, Math.round(longestCpu), 'ms');
        report(suite, `${phase}: longest task, wall clock`, Math.round(longestWall), 'ms');
        report(suite, `${phase}: tasks over 50 ms (CPU / wall)`, `${overCpu} / ${overWall}`, 'tasks');
        report(suite, `${phase}: main thread busy (CPU time / phase)`, Math.round(100 * busyCpu), '%');
      }
    }
    await page.close();
  }
  const runsArg = process.argv.find((arg) => arg.startsWith('--runs='));
  const runs = runsArg ? Number(runsArg.slice(7)) : 5;
  if (wanted('interaction')) {
    await runInteraction(browser, base, report, { runs, long: !process.argv.includes('--quick') });
  }
  // `interaction-swarm` alone runs only this case.
  if (wanted('interaction') || wanted('interaction-swarm')) await runSwarmInteraction(browser, base, report, { runs });
  if (wanted('page')) {
    // Navigation → all three widgets drawn, with the production bundle. Median of 7 cold loads.
    const samples = [];
    for (let i = 0; i < 7; i++) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1200, height: 2400 });
      const t0 = Date.now();
      await page.goto(`${base}/bench/page-load.html`);
      // Drawn = every widget has painted pixels on a canvas (or SVG paths when it has no canvas).
      await page.waitForFunction(
        () =>
          ['gd-line-fit', 'gd-curvature', 'gd-optimizer-race'].every((tag) => {
            const root = document.querySelector(tag)?.shadowRoot;
            if (!root) return false;
            const canvases = [...root.querySelectorAll('canvas')];
            if (canvases.length === 0) return [...root.querySelectorAll('svg path')].some((p) => (p.getAttribute('d') ?? '').length > 4);
            return canvases.some((canvas) => {
              if (canvas.width < 2 || canvas.height < 2) return false;
              const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
              if (!pixels) return false;
              for (let i = 3; i < pixels.length; i += 4 * 97) if (pixels[i] !== 0) return true;
              return false;
            });
          }),
        { timeout: 30000, polling: 'raf' },
      );
      samples.push(Date.now() - t0);
      await context.close();
    }
    samples.sort((a, b) => a - b);
    report('page', 'demo page: navigation → three widgets drawn, median of 7 (budget ≤ 1000)', samples[3], 'ms');
  }
} finally {
  await close();
}

const width = Math.max(...rows.map((r) => r.suite.length + r.name.length + 3));
console.log('\ngd-kit benchmark (headless Chromium on this machine)\n');
// Infinity arrives from the page as null (JSON): shown as ∞.
const shown = (value) =>
  typeof value === 'string'
    ? value
    : value == null || !Number.isFinite(value)
      ? '∞'
      : Math.abs(value) >= 100
        ? Math.round(value)
        : Math.abs(value) >= 1
          ? +value.toFixed(Math.abs(value) >= 10 ? 1 : 2)
          : +value.toPrecision(3);
for (const row of rows) console.log(`${`${row.suite} · ${row.name}`.padEnd(width)}  ${String(shown(row.value)).padStart(10)} ${row.unit}`);
mkdirSync(path.join(root, '.bench-out'), { recursive: true });
writeFileSync(path.join(root, '.bench-out/results.json'), JSON.stringify(rows, null, 2));
