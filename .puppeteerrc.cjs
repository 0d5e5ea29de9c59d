// The browser tests use the system's Chromium and Firefox (scripts/find-browser.mjs);
// puppeteer (pulled in by @web/test-runner-puppeteer) must not download its own.
module.exports = { skipDownload: true };
