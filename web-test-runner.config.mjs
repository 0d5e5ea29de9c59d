import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { cjsToEsmPlugin } from './scripts/cjs-to-esm-plugin.mjs';
import { findBrowser, CHROME_FLAGS } from './scripts/find-browser.mjs';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'], browser: true },
  concurrency: 1,
  testsFinishTimeout: 300000,
  testFramework: { config: { timeout: 60000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findBrowser(), headless: true, args: CHROME_FLAGS },
    }),
  ],
  plugins: [cjsToEsmPlugin(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
};
