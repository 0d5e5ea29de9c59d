import { expect } from '@open-wc/testing';
import { FrameLedger, PaintController } from '../../../src/elements/shared/controllers/paint-controller.js';
import { fakeHost } from './fake-host.js';

/** Frames under the test's control: `schedule` queues a callback, `frame()` runs the queued ones. */
function fakeFrames() {
  let next = 1;
  let time = 0;
  const queued = new Map<number, (time: number) => void>();
  return {
    schedule: (callback: (time: number) => void) => {
      queued.set(next, callback);
      return next++;
    },
    unschedule: (handle: number) => void queued.delete(handle),
    get waiting() {
      return queued.size;
    },
    frame() {
      const callbacks = [...queued.values()];
      queued.clear();
      time += 16.7;
      callbacks.forEach((callback) => callback(time));
    },
  };
}

function setup(host = fakeHost(), frames = fakeFrames(), ledger = new FrameLedger()) {
  let paints = 0;
  const controller = new PaintController(host, () => paints++, { schedule: frames.schedule, unschedule: frames.unschedule, ledger });
  return { host, frames, controller, paints: () => paints };
}

describe('PaintController (no DOM: a fake host and fake frames)', () => {
  it('registers itself with its host', () => {
    const { host, controller } = setup();
    expect(host.controllers).to.deep.equal([controller]);
  });

  it('paints once for any number of requests before the frame', () => {
    const { frames, controller, paints } = setup();
    for (let i = 0; i < 7; i++) controller.request();
    expect(frames.waiting).to.equal(1);
    expect(controller.pending).to.equal(true);
    expect(paints(), 'nothing paints before the frame').to.equal(0);
    frames.frame();
    expect(paints()).to.equal(1);
    expect(controller.pending).to.equal(false);
    frames.frame();
    expect(paints(), 'no second paint without a new request').to.equal(1);
  });

  it('a request after the paint schedules another', () => {
    const { frames, controller, paints } = setup();
    controller.request();
    frames.frame();
    controller.request();
    controller.request();
    expect(frames.waiting).to.equal(1);
    frames.frame();
    expect(paints()).to.equal(2);
  });

  it('does not paint before the host has first updated (its canvases do not exist yet)', () => {
    const host = fakeHost();
    host.hasUpdated = false;
    const { frames, controller, paints } = setup(host);
    controller.request();
    expect(frames.waiting).to.equal(0);
    expect(controller.pending).to.equal(false);
    frames.frame();
    expect(paints()).to.equal(0);
    // Its first update repaints through hostUpdated.
    host.hasUpdated = true;
    controller.hostUpdated();
    frames.frame();
    expect(paints()).to.equal(1);
  });

  it('an update of the host asks for a paint, coalesced with requests in the same frame', () => {
    const { frames, controller, paints } = setup();
    controller.request();
    controller.hostUpdated();
    controller.request();
    frames.frame();
    expect(paints()).to.equal(1);
  });

  it('does not paint after the host is disconnected', () => {
    const { host, frames, controller, paints } = setup();
    controller.request();
    host.disconnect();
    expect(frames.waiting, 'the waiting frame is cancelled').to.equal(0);
    expect(controller.pending).to.equal(false);
    frames.frame();
    expect(paints()).to.equal(0);
  });

  it('does not paint when the host left the page before the frame, even if the frame still runs', () => {
    // A scheduler that cannot cancel: the frame runs anyway and must find the host gone.
    const host = fakeHost();
    const frames = fakeFrames();
    let paints = 0;
    const controller = new PaintController(host, () => paints++, {
      schedule: frames.schedule,
      unschedule: () => {},
      ledger: new FrameLedger(),
    });
    controller.request();
    host.disconnect();
    frames.frame();
    expect(paints).to.equal(0);
  });

  it('holds a paint back while it would not be seen, and makes it (once) when resumed in view', () => {
    let seen = false;
    const host = fakeHost();
    const frames = fakeFrames();
    let paints = 0;
    const controller = new PaintController(host, () => paints++, {
      schedule: frames.schedule,
      unschedule: frames.unschedule,
      ledger: new FrameLedger(),
      visible: () => seen,
    });
    controller.request();
    controller.request();
    frames.frame();
    expect(paints, 'off-screen: no paint').to.equal(0);
    expect(frames.waiting, 'and no frame asked for meanwhile').to.equal(0);
    controller.resume();
    expect(frames.waiting, 'still off-screen: nothing to do').to.equal(0);
    seen = true;
    controller.resume();
    controller.resume();
    frames.frame();
    expect(paints).to.equal(1);
    controller.resume();
    frames.frame();
    expect(paints, 'nothing held back any more').to.equal(1);
  });

  describe('widgets sharing a frame', () => {
    /** A clock that only paints move: each paint takes `cost` ms. */
    function pagePainters(costs: number[]) {
      let clock = 0;
      const ledger = new FrameLedger(12, () => clock);
      const frames = fakeFrames();
      const painted: number[][] = [];
      let frame = 0;
      const controllers = costs.map(
        (cost, index) =>
          new PaintController(
            fakeHost(),
            () => {
              clock += cost;
              (painted[frame] ??= []).push(index);
            },
            { schedule: frames.schedule, unschedule: frames.unschedule, ledger },
          ),
      );
      return {
        controllers,
        painted,
        frame() {
          frame++;
          frames.frame();
        },
      };
    }

    it('paints that would pass the budget together wait for the next frame, where the waiting ones go first', () => {
      const page = pagePainters([17, 16, 1]);
      page.controllers.forEach((controller) => controller.request());
      page.frame();
      expect(page.painted[1], 'the first paint used up the frame').to.deep.equal([0]);
      // All three ask again (e.g. while playing): the two that waited are first in line;
      // the second passes the budget alone, so the third waits once more, still ahead of
      // the first one, which asked anew.
      page.controllers.forEach((controller) => controller.request());
      page.frame();
      expect(page.painted[2]).to.deep.equal([1]);
      page.frame();
      expect(page.painted[3]).to.deep.equal([2, 0]);
    });

    it('a hundred dear first paints take one frame each, in the order asked, never all in one frame', () => {
      const page = pagePainters(Array.from({ length: 100 }, () => 20));
      page.controllers.forEach((controller) => controller.request());
      for (let frame = 1; frame <= 100; frame++) page.frame();
      expect(page.painted.slice(1).map((indices) => indices.length)).to.deep.equal(Array(100).fill(1));
      expect(page.painted.flat()).to.deep.equal(Array.from({ length: 100 }, (_, i) => i));
    });

    it('cheap paints all fit one frame', () => {
      const page = pagePainters([2, 3, 1, 4]);
      page.controllers.forEach((controller) => controller.request());
      page.frame();
      expect(page.painted[1]).to.deep.equal([0, 1, 2, 3]);
    });

    it('a paint waiting for the next frame is dropped when its host leaves the page', () => {
      const page = pagePainters([20, 5]);
      page.controllers.forEach((controller) => controller.request());
      page.frame();
      expect(page.controllers[1].pending, 'the second paint waits').to.equal(true);
      page.controllers[1].hostDisconnected();
      expect(page.controllers[1].pending).to.equal(false);
      page.frame();
      expect(page.painted.flat()).to.deep.equal([0]);
    });
  });
});
