import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import { initBackend, type BackendName } from '../../src/core/index.js';

export const BACKENDS: BackendName[] = ['cpu', 'webgl'];

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
