import { expect } from '@open-wc/testing';
import { RunController, type RunControllerOptions } from '../../../src/elements/shared/controllers/run-controller.js';
import { settlesBeforeNextTask, timerRunsWhile } from '../main-thread.js';
import { fakeHost } from './fake-host.js';

/**
 * A run whose updates cost `msPerUpdate` each on a fake clock (the controller reads the
 * same clock), stopping after `limit`: chunk sizes then follow from the arithmetic alone,
 * whatever else the machine is doing.
 */
function fakeRun(msPerUpdate: number, limit = Infinity) {
  const run = {
    iteration: 0,
    chunks: [] as number[],
    released: 0,
    clock: 0,
    apply(k: number): number {
      const made = Math.max(0, Math.min(k, limit - run.iteration));
      run.clock += made * msPerUpdate;
      run.iteration += made;
      run.chunks.push(made);
      return made;
    },
  };
  return run;
}

function controllerFor(run: ReturnType<typeof fakeRun>, host = fakeHost(), extra: Partial<RunControllerOptions> = {}) {
  const controller = new RunController(host, {
    apply: (k) => run.apply(k),
    release: () => run.released++,
    now: () => run.clock,
    ...extra,
  });
  return { controller, host };
}

describe('RunController (no DOM: a fake host and a fake run)', () => {
  it('applies exactly n updates in chunks that fit the budget, handing the main thread back between them', async () => {
    const run = fakeRun(0.05);
    const { controller } = controllerFor(run);
    let done = false;
    const stepping = controller.step(20000).then((applied) => {
      done = true;
      return applied;
    });
    const runs = await timerRunsWhile(() => !done, Infinity);
    expect(await stepping).to.equal(20000);
    expect(run.iteration).to.equal(20000);
    // Each chunk holds at most the 8 ms budget of work (0.05 ms an update): at most 160
    // updates, since a chunk grows only after one that took under half the budget.
    expect(Math.max(...run.chunks)).to.be.at.most(160);
    expect(run.chunks.length).to.be.greaterThan(100);
    // The timer ran between chunks (a blocking loop would give it no run before the end).
    expect(runs).to.be.greaterThan(50);
  });

  it('cancel() ends a pending long step at once; its promise resolves with what was applied', async () => {
    const run = fakeRun(0.05);
    // Hand-backs as slow as a busy browser's (a frame rendered first): a cancel that only
    // took effect when the step resumed would settle after the timer queued below.
    const slowYield = () => new Promise<void>((resolve) => setTimeout(resolve, 100));
    const { controller } = controllerFor(run, fakeHost(), { yieldToEventLoop: slowYield });
    const pending = controller.step(1_000_000);
    await new Promise((resolve) => setTimeout(resolve, 250));
    controller.cancel();
    expect(await settlesBeforeNextTask(pending), 'settled before the next task').to.equal(true);
    const applied = await pending;
    expect(applied).to.equal(run.iteration);
    expect(applied).to.be.within(1, 999_999);
    // A step queued after the cancel runs in full.
    const before = run.iteration;
    expect(await controller.step(10)).to.equal(10);
    expect(run.iteration).to.equal(before + 10);
  });

  it('runs calls in order and stops a step when the run stops', async () => {
    const run = fakeRun(0, 25);
    const { controller } = controllerFor(run);
    const order: string[] = [];
    const a = controller.step(10).then((n) => order.push(`a${n}`));
    const b = controller.enqueue(() => order.push('build'));
    const c = controller.step(100).then((n) => order.push(`c${n}`));
    await Promise.all([a, b, c]);
    expect(order).to.deep.equal(['a10', 'build', 'c15']);
    expect(controller.busy).to.equal(false);
  });

  it('releases the run on a real removal only, never on a move', async () => {
    const run = fakeRun(0);
    const { controller, host } = controllerFor(run);
    await controller.step(5);
    host.disconnect();
    host.connect();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(run.released).to.equal(0);
    host.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(run.released).to.equal(1);
  });

  it('starts with initialChunk updates, then sizes the chunks from their measured time', async () => {
    const run = fakeRun(0.5);
    const { controller } = controllerFor(run, fakeHost(), { initialChunk: 6 });
    expect(await controller.step(40)).to.equal(40);
    expect(run.chunks[0]).to.equal(6);
    // 0.5 ms an update against the 8 ms budget: never more than 16 in a chunk once measured.
    expect(Math.max(...run.chunks.slice(1))).to.be.at.most(16);
    expect(run.chunks.reduce((a, b) => a + b, 0)).to.equal(40);
  });

  it('follows a budget that changes (a drag needs more of the frame): chunks shrink to it and grow back', async () => {
    // A fake clock: each update takes exactly 1 ms of it.
    let clock = 0;
    let dragging = true;
    const chunks: number[] = [];
    const controller = new RunController(fakeHost(), {
      apply: (k) => {
        clock += k;
        chunks.push(k);
        return k;
      },
      release: () => {},
      now: () => clock,
      initialChunk: 16,
      budgetMs: () => (dragging ? 4 : 8),
    });
    await controller.step(60);
    // Over budget, the first chunk of 16 cuts the next to 4 ms' worth; none after it is larger.
    expect(chunks[0]).to.equal(16);
    expect(Math.max(...chunks.slice(1))).to.equal(4);
    dragging = false;
    chunks.length = 0;
    await controller.step(60);
    expect(Math.max(...chunks)).to.equal(8);
    expect(chunks.reduce((a, b) => a + b, 0)).to.equal(60);
  });

  it('steps a host that was never connected', async () => {
    const run = fakeRun(0);
    const host = fakeHost();
    host.isConnected = false;
    const { controller } = controllerFor(run, host);
    expect(await controller.step(7)).to.equal(7);
  });
});
