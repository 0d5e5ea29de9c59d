import { expect } from '@open-wc/testing';
import * as tf from '../../src/core/tf.js';
import { currentBackend, initBackend } from '../../src/core/index.js';

describe('backend override', () => {
  it('window.GD_KIT_BACKEND forces the backend at first init, even on software WebGL', async () => {
    globalThis.GD_KIT_BACKEND = 'webgl';
    expect(await initBackend()).to.equal('webgl');
    expect(currentBackend()).to.equal('webgl');
    expect(tf.getBackend()).to.equal('webgl');
  });
});
