import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

describe('tfjs smoke', () => {
  for (const backend of ['cpu', 'webgl']) {
    it(`takes a gradient on ${backend}`, async () => {
      expect(await tf.setBackend(backend)).to.equal(true);
      const g = tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)));
      const out = g(tf.tensor1d([1, 2])).dataSync();
      expect(Array.from(out)).to.deep.equal([2, 4]);
    });
  }
});
