import { expect, fixture, html } from '@open-wc/testing';
import * as tf from '../../../src/core/tf.js';
import { initBackend } from '../../../src/core/index.js';
import '../../../src/elements/optimizer-race/define.js';
import type { GdOptimizerRace } from '../../../src/elements/optimizer-race/gd-optimizer-race.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A page of its own: a lost WebGL context stays lost for the rest of the page.
describe('<gd-optimizer-race>: WebGL context lost during play', () => {
  it('gives the trajectories of an uninterrupted cpu race, and no wrong gd-done', async () => {
    // Forced: the race's run lives on webgl whatever its size.
    expect(await initBackend('webgl')).to.equal('webgl');
    const race = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="himmelblau" speed="2"></gd-optimizer-race>`);
    await race.updateComplete;
    const done: string[] = [];
    race.addEventListener('gd-done', (event) => done.push(event.detail.reason));
    const warn = console.warn;
    console.warn = () => {};
    let lostAt: number | undefined;
    try {
      race.play();
      while (race.iteration < 20) await sleep(10);
      const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
      gl.getExtension('WEBGL_lose_context')!.loseContext();
      lostAt = race.iteration;
      while (race.iteration < lostAt + 40 && race.playing) await sleep(10);
      race.pause();
    } finally {
      console.warn = warn;
    }
    const played = race.trajectories;
    const n = race.iteration;
    // Play went on through the loss: 40 more updates (a frame makes a few, so n may be
    // exactly 60 when the loss came at 20).
    expect(n).to.be.at.least(lostAt + 40);

    // The same race, never interrupted, on cpu (the page's backend after the loss).
    const reference = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="himmelblau"></gd-optimizer-race>`);
    await reference.step(n);
    const expected = reference.trajectories;
    expect(played).to.have.length(expected.length);
    played.forEach((trajectory, i) => {
      const want = expected[i];
      expect(trajectory.status, want.label).to.equal(want.status);
      expect(trajectory.points, want.label).to.have.length(want.points.length);
      want.points.forEach((point, k) =>
        point.forEach((x, j) => {
          const got = trajectory.points[k][j];
          // float32 on two backends: agree to a few ulps of the coordinates' size.
          expect(Math.abs(got - x), `${want.label} step ${k}, w${j + 1}: ${got} vs ${x}`).to.be.below(1e-4 * Math.max(1, Math.abs(x)));
        }),
      );
      // Not the (0, 0) a zero read-back from the dead context would give.
      const last = trajectory.points[trajectory.points.length - 1];
      expect(Math.hypot(last[0], last[1]), want.label).to.be.above(0.5);
    });
    // The default race on Himmelblau is still running: a gd-done here could only be a wrong one.
    expect(done).to.deep.equal([]);
  });
});
