import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import { initBackend, probeWebGL, type BackendName } from '../../src/core/index.js';

/**
 * The backends the math is checked on: webgl wherever the browser has WebGL2, which
 * headless Chromium has (test/core/backend.test.ts, run in Chromium only, fails without
 * it); headless Firefox has no WebGL, so there the cpu backend is checked.
 */
export const BACKENDS: BackendName[] = probeWebGL().webgl2 ? ['cpu', 'webgl'] : ['cpu'];

/** Switches the kit (and tfjs) to `backend` and checks that it took. */
export async function useBackend(backend: BackendName): Promise<void> {
  expect(await initBackend(backend)).to.equal(backend);
  expect(tf.getBackend()).to.equal(backend);
}

/** |actual − expected| ≤ max(abs, rel·|expected|), with a readable message. */
export function expectClose(actual: number, expected: number, rel: number, abs: number, what = ''): void {
  const tolerance = Math.max(abs, rel * Math.abs(expected));
  const ok = Math.abs(actual - expected) <= tolerance;
  expect(ok, `${what} ${actual} vs ${expected} (tolerance ${tolerance})`).to.equal(true);
}
