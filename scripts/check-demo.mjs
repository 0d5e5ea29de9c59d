// Loads the demo and embed pages (through the same dev server `npm start` uses) in
// headless Chromium and fails on any console error, page error or failed request.
// `--screenshots DIR` also writes full-page PNGs at 1200 px and 360 px, light and dark.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { openBrowserSession } from './browser-session.mjs';

const shotsIndex = process.argv.indexOf('--screenshots');
const shotsDir = shotsIndex > 0 ? path.resolve(process.argv[shotsIndex + 1]) : undefined;
const PAGES = [
  '/demo/index.html',
  '/demo/embed.html?widget=race&landscape=rosenbrock&start=-1.5,2&optimizer=sgd:0.001&optimizer=adam:0.02',
  '/demo/embed.html?widget=line-fit&size=1000',
  '/demo/embed.html?widget=curvature&curvature=3&learning-rate=0.5',
];

const { base, browser, close } = await openBrowserSession();
const problems = [];
try {
  for (const url of PAGES) {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${url}: console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${url}: page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`${url}: request failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${url}: HTTP ${response.status()} for ${response.url()}`);
    });
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(base + url, { waitUntil: 'networkidle0' });
    await page.evaluate(() =>
      Promise.all([...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('gd-')).map((el) => el.updateComplete)),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (shotsDir && url === PAGES[0]) {
      mkdirSync(shotsDir, { recursive: true });
      for (const [width, scheme] of [
        [1200, 'light'],
        [1200, 'dark'],
        [360, 'light'],
        [360, 'dark'],
      ]) {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.setViewport({ width, height: 900 });
        await new Promise((resolve) => setTimeout(resolve, 400));
        await page.screenshot({ path: path.join(shotsDir, `demo-${width}-${scheme}.png`), fullPage: true });
      }
    }
    await page.close();
  }
} finally {
  await close();
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`demo: ${PAGES.length} pages loaded without console errors`);
