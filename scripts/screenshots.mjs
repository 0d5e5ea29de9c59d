/* global window */
// The README's phone screenshots (docs/<element>-375-<theme>.png): the embed page at
// 375 px in headless Chromium, light and dark, a few steps into a run. The line fit is
// one screen (its map keeps to the top, the panels scroll under it); the others are the
// whole element. `node scripts/screenshots.mjs line-fit` retakes only the ones named.
import { openBrowserSession } from './browser-session.mjs';

const SHOTS = [
  { name: 'line-fit', widget: 'line-fit', screen: { height: 760, scrollTo: 'fieldset[part~="panel"]' } },
  { name: 'curvature', widget: 'curvature' },
  { name: 'optimizer-race', widget: 'race' },
];
const only = process.argv.slice(2);

const session = await openBrowserSession();
try {
  for (const shot of SHOTS.filter((s) => !only.length || only.includes(s.name))) {
    for (const theme of ['light', 'dark']) {
      const page = await session.browser.newPage();
      // The whole elements on a screen taller than they are, so their sticky bars rest in their places.
      await page.setViewport({ width: 375, height: shot.screen?.height ?? 3000 });
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);
      await page.goto(`${session.base}/demo/embed.html?widget=${shot.widget}&theme=${theme}&share=off`);
      const element = await page.waitForSelector('body > [theme]');
      await element.evaluate(async (el, target) => {
        await window.customElements.whenDefined(el.localName);
        await el.step(12);
        await el.updateComplete;
        if (target) el.shadowRoot.querySelector(target).scrollIntoView({ block: 'end' });
      }, shot.screen?.scrollTo);
      // Fonts, the lazily drawn canvases and a resize settle.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const path = `docs/${shot.name}-375-${theme}.png`;
      if (shot.screen) await page.screenshot({ path });
      else await element.screenshot({ path });
      console.log(path);
      await page.close();
    }
  }
} finally {
  await session.close();
}
