import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/optimizer-race/define.js';
import { LANDSCAPE_IDS, ParticleRun, getLandscape } from '../../../src/core/index.js';
import { landscapeData } from '../../../src/elements/optimizer-race/internal/landscape/landscape-cache.js';
import type { GdOptimizerRace } from '../../../src/elements/optimizer-race/gd-optimizer-race.js';
import { BAND_COUNT, GRID_SIZE, PREVIEW_STEPS } from '../../../src/elements/optimizer-race/internal/settings.js';
import { RacePreview, type RaceModel } from '../../../src/elements/optimizer-race/internal/run/race-model.js';

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The race's model (private): the test reads the preview it shows. */
const modelOf = (race: GdOptimizerRace) => (race as unknown as { model: RaceModel }).model;

function pointer(type: string, target: Element, clientX: number, clientY: number): void {
  target.dispatchEvent(new PointerEvent(type, { button: 0, clientX, clientY, pointerId: 1, bubbles: true, composed: true }));
}

describe('<gd-optimizer-race>: dragging the start', () => {
  it('previews in short slices, and the released start keeps the preview made while dragging', async () => {
    const race = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="booth" style="width: 400px"></gd-optimizer-race>`);
    await race.updateComplete;
    // As for a reader a moment after the page loaded: the idle-time preparation is done
    // (made here at once rather than waited for).
    for (const id of LANDSCAPE_IDS) landscapeData(getLandscape(id)!, GRID_SIZE, BAND_COUNT);
    const handle = race.shadowRoot!.querySelector<SVGGElement>('.handle')!;
    const surface = race.shadowRoot!.querySelector<SVGRectElement>('.drag-surface')!.getBoundingClientRect();
    const at = (fx: number, fy: number): [number, number] => [surface.x + surface.width * fx, surface.y + surface.height * fy];

    // The slices each preview was made in, and every fork made (a fork is one preview begun).
    const slices = new Map<RacePreview, number>();
    // Wrapped and put back below; called with their own objects.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const advance = RacePreview.prototype.advance;
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const fork = ParticleRun.prototype.fork;
    let forks = 0;
    RacePreview.prototype.advance = function (this: RacePreview, k: number) {
      const made = advance.call(this, k);
      if (made) slices.set(this, (slices.get(this) ?? 0) + 1);
      return made;
    };
    ParticleRun.prototype.fork = function (this: ParticleRun, ...args: Parameters<ParticleRun['fork']>) {
      forks++;
      return fork.apply(this, args);
    };
    try {
      pointer('pointerdown', handle, ...at(0.3, 0.3));
      for (let i = 1; i <= 12; i++) {
        pointer('pointermove', handle, ...at(0.3 + i * 0.03, 0.3 + i * 0.02));
        await frame();
      }
      // The pointer rests here: the whole preview follows in slices, one new task after
      // another. (How soon it is on screen is measured by npm run bench, with real input.)
      const stoppedAt = performance.now();
      const model = modelOf(race);
      while (!model.preview?.complete && performance.now() - stoppedAt < 50_000) await sleep(0);
      expect(model.preview?.complete, 'the preview of the resting point is complete').to.equal(true);
      const shown = model.preview!;
      // Made by the previewer's slices, sized from the measured ones (the RunController's
      // own tests cover that sizing). Since the core's fused kernels a whole 100-step
      // preview takes well under a millisecond, so the rest of it may come in one slice.
      expect(slices.get(shown), 'slices of the resting preview').to.be.at.least(1);
      const forksBeforeRelease = forks;
      pointer('pointerup', handle, ...at(0.3 + 12 * 0.03, 0.3 + 12 * 0.02));
      await race.updateComplete;
      await frame();
      await sleep(50);
      expect(forks, 'no preview computed again on release').to.equal(forksBeforeRelease);
      const committed = modelOf(race);
      expect(committed).to.not.equal(model);
      expect(committed.preview, 'the committed race shows the dragged preview').to.equal(shown);
      // It is exactly what a fresh preview from the committed start gives.
      const start = race.trajectories[0].points[0];
      expect(shown.start).to.deep.equal(start);
      const fresh = committed.build().preview(
        PREVIEW_STEPS,
        race.trajectories.map(() => [...start]),
      );
      expect(shown.points).to.deep.equal(fresh.map((p) => p.points));
      expect(shown.costs).to.deep.equal(fresh.map((p) => p.costs));
    } finally {
      RacePreview.prototype.advance = advance;
      ParticleRun.prototype.fork = fork;
    }
  });
});
