// node scripts/screenshots.mjs [name …]: retakes the README's element screenshots in
// docs/ (headless Chromium on the embed page, 375 px and 1200 px, light and dark). Each
// shot first brings its element to the state the README describes, so a screenshot
// shows the lesson, not a blank start. With names, only those shots are retaken.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowserSession } from './browser-session.mjs';

const docs = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs');

/**
 * name → the embed page's query and what to do in the page before the shot (a function
 * run in the page with the element; it may not close over anything here).
 */
const SHOTS = {
  sweep: {
    query: 'widget=sweep&landscape=bowl&optimizer=momentum&y=beta&cells=24&steps=200',
    async prepare(element) {
      await element.updateComplete;
    },
  },
  'sweep-batch': {
    query: 'widget=sweep&data=line-fit&y=batch-size&size=100&noise=0.5&seed=1&steps=200&x-range=0.01,2&cells=40',
    sizes: [1200],
    schemes: ['light'],
    async prepare(element) {
      await element.updateComplete;
    },
  },
};

const wanted = process.argv.slice(2);
for (const name of wanted) if (!(name in SHOTS)) throw new Error(`no screenshot named ${name}; known: ${Object.keys(SHOTS).join(', ')}`);

const session = await openBrowserSession();
try {
  for (const [name, { query, prepare, sizes = [375, 1200], schemes = ['light', 'dark'] }] of Object.entries(SHOTS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    for (const width of sizes) {
      for (const scheme of schemes) {
        const page = await session.browser.newPage();
        page.on('pageerror', (error) => console.error(`${name}: page error: ${error.message}`));
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
        await page.goto(`${session.base}/demo/embed.html?${query}&share=off`, { waitUntil: 'networkidle0' });
        const element = await page.waitForSelector('gd-optimizer-race, gd-line-fit, gd-curvature, gd-sweep');
        await page.evaluate(prepare, element);
        // Two frames: the last paint of a coalesced canvas is on screen.
        await page.evaluate(
          () => new Promise((resolve) => globalThis.requestAnimationFrame(() => globalThis.requestAnimationFrame(resolve))),
        );
        const file = path.join(docs, `${name}-${width}-${scheme}.png`);
        await element.screenshot({ path: file });
        console.log(path.relative(process.cwd(), file));
        await page.close();
      }
    }
  }
} finally {
  await session.close();
}
