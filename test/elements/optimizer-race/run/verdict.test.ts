import { expect } from '@open-wc/testing';
import { getLandscape } from '../../../../src/core/index.js';
import { classifyEnd } from '../../../../src/elements/optimizer-race/internal/run/verdict.js';

describe('classifyEnd (where a swarm particle ended)', () => {
  const himmelblau = getLandscape('himmelblau')!;
  const styblinski = getLandscape('styblinski-tang')!;
  const saddle = getLandscape('saddle')!;

  it('names which of Himmelblau’s four global minima a particle reached, stopped or still creeping', () => {
    himmelblau.minima.forEach((m, i) => {
      const near = [m.position[0] + 0.02, m.position[1] - 0.02];
      expect(classifyEnd(himmelblau, 'running', near, 1e-3)).to.deep.equal({ kind: 'global', minimum: i });
      expect(classifyEnd(himmelblau, 'converged', m.position, 0)).to.deep.equal({ kind: 'global', minimum: i });
    });
  });

  it('tells a local minimum, a saddle, a diverged and a still moving particle apart', () => {
    const local = styblinski.minima.findIndex((m) => m.global === false);
    expect(local).to.be.at.least(0);
    expect(classifyEnd(styblinski, 'converged', styblinski.minima[local].position, styblinski.minima[local].value)).to.deep.equal({
      kind: 'local',
      minimum: local,
    });
    expect(classifyEnd(saddle, 'running', [0, 0], 0).kind).to.equal('saddle');
    expect(classifyEnd(himmelblau, 'diverged', [1e7, 0], Infinity)).to.deep.equal({ kind: 'diverged', minimum: -1 });
    expect(classifyEnd(himmelblau, 'running', [0, 0], 170)).to.deep.equal({ kind: 'moving', minimum: -1 });
  });
});
