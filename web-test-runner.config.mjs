import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { failuresReporter } from './scripts/failures-reporter.mjs';
import { tfjsTestBundlePlugin } from './scripts/tfjs-test-bundle.mjs';
import { findBrowser, findFirefox, CHROME_FLAGS } from './scripts/find-browser.mjs';

// GD_KIT_TEST_FILES='test/core/run.test.ts,test/elements/sweep/*.test.ts' runs only those
// files (in both browsers; add --group chromium or --group firefox for one): the groups
// below name their own files, which a plain --files would not replace.
const ALL = process.env.GD_KIT_TEST_FILES ? process.env.GD_KIT_TEST_FILES.split(',') : ['test/**/*.test.ts'];
// Choosing, forcing and losing the webgl backend: Chromium only. Its headless mode has
// WebGL2 (SwiftShader); headless Firefox has no WebGL, so there the kit runs on its cpu
// fallback, which every other file exercises (test/core/helpers.ts picks the backends).
const WEBGL_BACKEND = [
  'test/core/backend.test.ts',
  'test/core/backend-override.test.ts',
  'test/core/backend-workload.test.ts',
  'test/core/context-loss-midrun.test.ts',
  'test/core/context-loss-midstep.test.ts',
  'test/elements/optimizer-race/race-context-loss.test.ts',
];

export default {
  nodeResolve: { exportConditions: ['production'], browser: true },
  concurrency: 1,
  reporters: [defaultReporter(), failuresReporter()],
  testsFinishTimeout: 300000,
  // A page that loads slowly because both cores are busy (CI runs both browsers at once)
  // is not a failure: allow it far more than the default 20 s to start its tests.
  testsStartTimeout: 120000,
  testFramework: { config: { timeout: 60000 } },
  groups: [
    {
      name: 'chromium',
      files: ALL,
      browsers: [
        chromeLauncher({
          launchOptions: { executablePath: findBrowser(), headless: true, args: CHROME_FLAGS },
        }),
      ],
    },
    {
      name: 'firefox',
      files: [...ALL, ...WEBGL_BACKEND.map((file) => `!${file}`)],
      browsers: [
        puppeteerLauncher({
          launchOptions: { browser: 'firefox', executablePath: findFirefox(), headless: true },
        }),
      ],
    },
  ],
  plugins: [
    tfjsTestBundlePlugin(path.dirname(fileURLToPath(import.meta.url))),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
  ],
};
