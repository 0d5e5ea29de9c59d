/* global window, document, KeyboardEvent */
// node scripts/screenshots.mjs [name …]: retakes the README's screenshots in docs/
// (headless Chromium, light and dark): every element on the embed page at 375 and
// 1,200 px, and the lesson page. Each shot first brings its element to the state the
// README describes, so a screenshot shows the lesson, not a blank start. With names,
// only those shots are retaken.
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

/** A sweep run to its end, then a cell picked (the middle of the top row) so its path is drawn. */
async function finishAndPick(element) {
  await window.customElements.whenDefined(element.localName);
  await element.updateComplete;
  const plot = element.shadowRoot.querySelector('.plot');
  plot.focus();
  const press = (key, n = 1) => {
    for (let i = 0; i < n; i++) plot.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  };
  press('ArrowUp', 64);
  press('Home');
  press('ArrowRight', Number(element.dataset.pick ?? 0));
  press('Enter');
  while (!element.shadowRoot.querySelector('.path-preview')) await new Promise((resolve) => setTimeout(resolve, 100));
  await element.updateComplete;
  plot.blur();
}

/** The ravine run until every optimizer has crossed the finish line (plain descent last, at step 286). */
async function stepRavine(element) {
  await window.customElements.whenDefined(element.localName);
  await element.step(300);
  await element.updateComplete;
}

/**
 * Every widget of a page drawn: its elements' updates and a sweep's run done, and each
 * basin map worked out (only while its race is on screen, so each is scrolled to in turn).
 */
async function pageSettled() {
  await Promise.all([...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('gd-')).map((el) => el.updateComplete));
  for (const race of document.querySelectorAll('gd-optimizer-race[basins]')) {
    race.scrollIntoView();
    for (let wait = 0; wait < 300 && !race.basinMap; wait++) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  window.scrollTo(0, 0);
}

/**
 * name → the embed page's query (or `page`, a whole page shot top to bottom), what to
 * do in the page before the shot (run in the page with the element; it may not close
 * over anything here), the widths and schemes, and `screen` for a shot of one phone
 * screen instead of the whole element (the line fit's map keeps to the top while its
 * panels scroll under it).
 */
const SHOTS = {
  'line-fit': { query: 'widget=line-fit', prepare: stepTwelve, screen: { height: 760, scrollTo: 'fieldset[part~="panel"]' } },
  // c = 8: the window widened to follow the run, and the ghost of the run before α changed.
  curvature: {
    query: 'widget=curvature&curvature=8&learning-rate=0.2&init=2',
    prepare: async (element) => {
      await window.customElements.whenDefined(element.localName);
      await element.step(5);
      await element.updateComplete;
      element.learningRate = 0.26;
      await element.updateComplete;
      await element.step(6);
      await element.updateComplete;
    },
  },
  // The ravine once plain descent, the last, has crossed the finish line.
  'optimizer-race': { query: 'widget=race', prepare: stepRavine },
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
  // A row per optimizer on the ravine, Adam's cell picked: its path on the small map.
  'sweep-optimizers': {
    query: 'widget=sweep&y=optimizer&steps=200&x-range=0.001,10&cells=30&data-pick=22',
    prepare: finishAndPick,
    sizes: [1200],
    schemes: ['light'],
  },
  // Equal work: two passes over the data for every batch size.
  'sweep-batch': {
    query: 'widget=sweep&data=line-fit&y=batch-size&size=100&noise=0.5&seed=1&epochs=2&x-range=0.01,2&cells=40',
    prepare: finishRun,
    sizes: [1200],
    schemes: ['light'],
  },
  // The spiral 300 updates in (Adam's boundary already winding, plain descent's not yet),
  // with the loss-landscape slice through Adam's weights and the 1-D slices.
  network: {
    query: 'widget=network&task=spiral&racer=4',
    prepare: async (element) => {
      await window.customElements.whenDefined(element.localName);
      await element.step(300);
      await element.computeLandscape();
      await element.updateComplete;
    },
  },
  lesson: { page: '/demo/lesson.html', prepare: pageSettled },
  // The README's first picture: the top of the demo page, one screen (docs/demo.png).
  demo: { page: '/demo/index.html', prepare: pageSettled, sizes: [1200], schemes: ['light'], screen: { height: 1500 }, file: 'demo.png' },
};

const wanted = process.argv.slice(2);
for (const name of wanted) if (!(name in SHOTS)) throw new Error(`no screenshot named ${name}; known: ${Object.keys(SHOTS).join(', ')}`);

const session = await openBrowserSession();
try {
  for (const [
    name,
    { query, page: pagePath, prepare, sizes = [375, 1200], schemes = ['light', 'dark'], screen: phoneScreen, file: named },
  ] of Object.entries(SHOTS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    for (const width of sizes) {
      // A screen of the phone's own: on a wide screen the element is shot whole (a page shot keeps its screen).
      const screen = width < 720 || pagePath ? phoneScreen : undefined;
      for (const scheme of schemes) {
        const page = await session.browser.newPage();
        page.on('pageerror', (error) => console.error(`${name}: page error: ${error.message}`));
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        // A whole element on a screen taller than it is, so its sticky bars rest in their places.
        await page.setViewport({ width, height: screen?.height ?? (pagePath ? 900 : 3000), deviceScaleFactor: 1 });
        const file = path.join(docs, named ?? `${name}-${width}-${scheme}.png`);
        if (pagePath) {
          await page.goto(`${session.base}${pagePath}`, { waitUntil: 'networkidle0' });
          await page.evaluate(prepare);
          await new Promise((resolve) => setTimeout(resolve, 2000));
          await page.screenshot({ path: file, fullPage: !screen });
          console.log(path.relative(process.cwd(), file));
          await page.close();
          continue;
        }
        // data-pick=N: which column a shot picks (a data attribute of the element, ignored by it).
        const pick = new URLSearchParams(query).get('data-pick');
        const elementQuery = query.replace(/&data-pick=\d+/, '');
        await page.goto(`${session.base}/demo/embed.html?${elementQuery}&theme=${scheme}&share=off`, { waitUntil: 'networkidle0' });
        const element = await page.waitForSelector('gd-optimizer-race, gd-line-fit, gd-curvature, gd-sweep, gd-network');
        if (pick) await element.evaluate((el, column) => (el.dataset.pick = column), pick);
        await page.evaluate(prepare, element);
        if (screen?.scrollTo)
          await element.evaluate((el, target) => el.shadowRoot.querySelector(target).scrollIntoView({ block: 'end' }), screen.scrollTo);
        // Fonts, the lazily drawn canvases and a resize settle.
        await new Promise((resolve) => setTimeout(resolve, 1000));
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
