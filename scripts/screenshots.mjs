/* global window */
// node scripts/screenshots.mjs [name …]: retakes the README's element screenshots in
// docs/ (headless Chromium on the embed page, light and dark). Each shot first brings
// its element to the state the README describes, so a screenshot shows the lesson, not
// a blank start. With names, only those shots are retaken.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowserSession } from './browser-session.mjs';

const docs = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs');

/** A few steps into a run: paths and the cost chart have something to show. */
async function stepTwelve(element) {
  await window.customElements.whenDefined(element.localName);
  await element.step(12);
  await element.updateComplete;
}

/** A sweep's `updateComplete` waits for its whole run. */
async function finishRun(element) {
  await window.customElements.whenDefined(element.localName);
  await element.updateComplete;
}

/**
 * name → the embed page's query, what to do in the page before the shot (run in the
 * page with the element; it may not close over anything here), the widths and schemes,
 * and `screen` for a shot of one phone screen instead of the whole element (the line
 * fit's map keeps to the top while its panels scroll under it).
 */
const SHOTS = {
  'line-fit': { query: 'widget=line-fit', prepare: stepTwelve, sizes: [375], screen: { height: 760, scrollTo: 'fieldset[part~="panel"]' } },
  curvature: { query: 'widget=curvature', prepare: stepTwelve, sizes: [375] },
  'optimizer-race': { query: 'widget=race', prepare: stepTwelve, sizes: [375] },
  // Six-hump camel, 1,000 starts per optimizer, 60 updates in: tails still moving, the
  // tally split between the global and a local minimum.
  'optimizer-race-swarm': {
    query: 'widget=race&landscape=six-hump-camel&swarm=1000',
    prepare: async (element) => {
      await window.customElements.whenDefined(element.localName);
      await element.step(60);
      await element.updateComplete;
    },
    sizes: [1200],
    schemes: ['light'],
  },
  // Momentum on Himmelblau, whose basins interleave.
  'optimizer-race-basins': {
    query: 'widget=race&landscape=himmelblau&basins=2',
    prepare: async (element) => {
      await window.customElements.whenDefined(element.localName);
      await element.updateComplete;
      while (!element.basinMap) await new Promise((resolve) => setTimeout(resolve, 200));
    },
    sizes: [1200],
    schemes: ['light'],
  },
  sweep: { query: 'widget=sweep&landscape=bowl&optimizer=momentum&y=beta&cells=24&steps=200', prepare: finishRun },
  'sweep-batch': {
    query: 'widget=sweep&data=line-fit&y=batch-size&size=100&noise=0.5&seed=1&steps=200&x-range=0.01,2&cells=40',
    prepare: finishRun,
    sizes: [1200],
    schemes: ['light'],
  },
};

const wanted = process.argv.slice(2);
for (const name of wanted) if (!(name in SHOTS)) throw new Error(`no screenshot named ${name}; known: ${Object.keys(SHOTS).join(', ')}`);

const session = await openBrowserSession();
try {
  for (const [name, { query, prepare, sizes = [375, 1200], schemes = ['light', 'dark'], screen }] of Object.entries(SHOTS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    for (const width of sizes) {
      for (const scheme of schemes) {
        const page = await session.browser.newPage();
        page.on('pageerror', (error) => console.error(`${name}: page error: ${error.message}`));
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        // A whole element on a screen taller than it is, so its sticky bars rest in their places.
        await page.setViewport({ width, height: screen?.height ?? 3000, deviceScaleFactor: 1 });
        await page.goto(`${session.base}/demo/embed.html?${query}&theme=${scheme}&share=off`, { waitUntil: 'networkidle0' });
        const element = await page.waitForSelector('gd-optimizer-race, gd-line-fit, gd-curvature, gd-sweep');
        await page.evaluate(prepare, element);
        if (screen?.scrollTo)
          await element.evaluate((el, target) => el.shadowRoot.querySelector(target).scrollIntoView({ block: 'end' }), screen.scrollTo);
        // Fonts, the lazily drawn canvases and a resize settle.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const file = path.join(docs, `${name}-${width}-${scheme}.png`);
        if (screen) await page.screenshot({ path: file });
        else await element.screenshot({ path: file });
        console.log(path.relative(process.cwd(), file));
        await page.close();
      }
    }
  }
} finally {
  await session.close();
}
