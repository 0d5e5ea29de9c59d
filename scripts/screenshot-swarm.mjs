/* global window, document */
// The README's swarm screenshot: the race of bench/interaction-swarm.html on the six-hump
// camel, 1,000 starts per optimizer, 60 updates in (tails still moving, the tally split
// between the global and a local minimum), 1,200 px wide, light scheme, headless Chromium.
// Usage: node scripts/screenshot-swarm.mjs [out.png] [landscape] [steps] [scheme]
import { openBrowserSession } from './browser-session.mjs';

const [out = 'docs/optimizer-race-swarm-1200-light.png', landscape = 'six-hump-camel', steps = '60', scheme = 'light'] =
  process.argv.slice(2);
const { base, browser, close } = await openBrowserSession();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1224, height: 900 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${base}/bench/interaction-swarm.html`);
  await page.waitForFunction(() => window.__recorder?.ready, { timeout: 60000 });
  await page.evaluate(
    async (landscape, steps) => {
      document.body.style.width = '1200px';
      const race = document.querySelector('gd-optimizer-race');
      race.landscape = landscape;
      await race.updateComplete;
      await race.step(Number(steps));
      // The contour bands and the last paint land within a few frames.
      await new Promise((resolve) => setTimeout(resolve, 500));
    },
    landscape,
    steps,
  );
  await (await page.$('gd-optimizer-race')).screenshot({ path: out });
  console.log(
    `${out}: ${await page.evaluate(() => JSON.stringify(document.querySelector('gd-optimizer-race').swarmTally.optimizers.map((o) => [o.label, o.global, o.local, o.moving])))}`,
  );
} finally {
  await close();
}
