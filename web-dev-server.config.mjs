import { esbuildPlugin } from '@web/dev-server-esbuild';
import { cjsToEsmPlugin } from './scripts/cjs-to-esm-plugin.mjs';

export default {
  rootDir: '.',
  appIndex: 'demo/index.html',
  open: false,
  watch: false,
  nodeResolve: { exportConditions: ['production'], browser: true },
  plugins: [cjsToEsmPlugin(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
};
