import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { cjsToEsmPlugin } from './scripts/cjs-to-esm-plugin.mjs';
import { failuresReporter } from './scripts/failures-reporter.mjs';
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
  'test/elements/optimizer-race/race-context-loss.test.ts',
];

export default {
  nodeResolve: { exportConditions: ['production'], browser: true },
  concurrency: 1,
  reporters: [defaultReporter(), failuresReporter()],
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
      files: [ALL, ...WEBGL_BACKEND.map((file) => `!${file}`)],
      browsers: [
        puppeteerLauncher({
          launchOptions: { browser: 'firefox', executablePath: findFirefox(), headless: true },
        }),
      ],
    },
  ],
  plugins: [cjsToEsmPlugin(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
};
