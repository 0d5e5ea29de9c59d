import { expect } from '@open-wc/testing';
import { getLandscape } from '../../../../src/core/index.js';
import { StartPoint } from '../../../../src/elements/optimizer-race/internal/start/start-point.js';

/** A start point on a stand-in race: its landscape, its `start`, what it wrote back. */
function setup(landscapeId: string, start: unknown) {
  const race = { landscape: getLandscape(landscapeId)!, start, hasUpdated: false, written: [] as string[] };
  const host = {
    renderRoot: document.createDocumentFragment(),
    get hasUpdated() {
      return race.hasUpdated;
    },
    addController: () => {},
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  };
  const controller = new StartPoint(host, {
    landscape: () => race.landscape,
    start: () => race.start,
    write: (text) => {
      race.written.push(text);
      race.start = text;
    },
    moved: () => {},
  });
  return { race, controller };
}

describe('StartPoint', () => {
  it('before the first update, starts at a valid start given, else at the landscape’s', () => {
    expect(setup('booth', '1,2').controller.current()).to.deep.equal([1, 2]);
    expect(setup('booth', [3, -4]).controller.current()).to.deep.equal([3, -4]);
    for (const outside of ['11,0', 'a,b', null]) expect(setup('booth', outside).controller.current()).to.deep.equal([-8, -6]);
  });

  it('takes a new start; a new landscape moves it to the landscape’s own, and says so in `start` once updated', () => {
    const { race, controller } = setup('booth', '1,2');
    controller.follow(new Map([['start', undefined]]), true);
    race.hasUpdated = true;
    expect(controller.point).to.deep.equal([1, 2]);
    expect(race.written, 'nothing written on the first update').to.deep.equal([]);

    race.landscape = getLandscape('himmelblau')!;
    controller.follow(new Map([['landscape', 'booth']]), true);
    expect(controller.point).to.deep.equal([...race.landscape.start]);
    expect(race.written).to.deep.equal([race.landscape.start.join(',')]);

    // A restored state's start wins over the landscape's, even when its text is the one there was.
    race.start = '1,2';
    controller.restore();
    race.landscape = getLandscape('booth')!;
    controller.follow(new Map([['landscape', 'himmelblau']]), true);
    expect(controller.point).to.deep.equal([1, 2]);
    expect(controller.saved()).to.equal('1,2');
    race.landscape = getLandscape('himmelblau')!;
    controller.follow(new Map([['landscape', 'booth']]), true);
    expect(controller.point, 'the restore is taken once').to.deep.equal([...race.landscape.start]);
  });
});
