// The repository served by the same dev server `npm start` uses, and a headless
// Chromium to drive it: for the demo check and the benchmark.
import { startDevServer } from '@web/dev-server';
import puppeteer from 'puppeteer-core';
import config from '../web-dev-server.config.mjs';
import { findBrowser, CHROME_FLAGS } from './find-browser.mjs';

/**
 * Headers that make every page cross-origin isolated: its clock (performance.now and the
 * animation-frame times) then reads in 5 µs steps instead of 100 µs, fine enough to tell
 * a 60 Hz frame (16.67 ms) from one a tenth of a millisecond late.
 */
async function crossOriginIsolation(context, next) {
  context.set('Cross-Origin-Opener-Policy', 'same-origin');
  context.set('Cross-Origin-Embedder-Policy', 'require-corp');
  await next();
}

export async function openBrowserSession({ extraArgs = [], isolated = false } = {}) {
  const server = await startDevServer({
    config: { ...config, port: 0, watch: false, middleware: [...(config.middleware ?? []), ...(isolated ? [crossOriginIsolation] : [])] },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: [...CHROME_FLAGS, ...extraArgs] });
  return {
    base: `http://localhost:${server.server.address().port}`,
    browser,
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}
