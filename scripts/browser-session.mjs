// The repository served by the same dev server `npm start` uses, and a headless
// Chromium to drive it: for the demo check and the benchmark.
import { startDevServer } from '@web/dev-server';
import puppeteer from 'puppeteer-core';
import config from '../web-dev-server.config.mjs';
import { findBrowser, CHROME_FLAGS } from './find-browser.mjs';

export async function openBrowserSession({ extraArgs = [] } = {}) {
  const server = await startDevServer({
    config: { ...config, port: 0, watch: false },
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
