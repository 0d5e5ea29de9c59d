import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/optimizer-race/define.js';
import type { GdOptimizerRace } from '../../../src/elements/optimizer-race/gd-optimizer-race.js';
import { DEFAULT_FORMULA_DOMAIN, parseFormula } from '../../../src/core/index.js';
import { timerRunsWhile } from '../main-thread.js';
import { setSliceClock } from '../../../src/core/slices.js';

const ROSENBROCK = '(1 - w1)^2 + 100 (w2 - w1^2)^2';
const MATHML = 'http://www.w3.org/1998/Math/MathML';

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (polling) until `done()` holds; fails after `ms`. */
async function until(done: () => boolean, what: string, ms = 30000): Promise<void> {
  const end = performance.now() + ms;
  while (!done()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await settle(20);
  }
}

const shadowText = (el: Element) => el.shadowRoot!.textContent ?? '';
const formulaNote = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('.note[data-note="formula"]');
const foundMinimum = (el: Element) => [...el.shadowRoot!.querySelectorAll('.key')].some((key) => key.textContent.includes('found minimum'));

/** Every element inside the formula display's <math> is MathML, and nothing else is made. */
function expectOnlyMathml(el: Element): void {
  const display = el.shadowRoot!.querySelector('.landscape-formula')!;
  const math = display.querySelector('math');
  expect(math, 'a <math> element').to.not.equal(null);
  expect(math!.namespaceURI).to.equal(MATHML);
  for (const node of math!.querySelectorAll('*')) expect(node.namespaceURI, node.localName).to.equal(MATHML);
  expect(el.shadowRoot!.querySelectorAll('script, img, iframe, object, embed, [onerror], [onload]')).to.have.length(0);
}

describe('<gd-optimizer-race> with a formula as its landscape', () => {
  it('a formula for Rosenbrock gives the built-in race: the same costs and 100-step trajectories', async () => {
    const optimizers = html`
      <gd-optimizer type="sgd" learning-rate="0.0005"></gd-optimizer>
      <gd-optimizer type="momentum" learning-rate="0.0002"></gd-optimizer>
      <gd-optimizer type="rmsprop" learning-rate="0.01"></gd-optimizer>
      <gd-optimizer type="adam" learning-rate="0.01"></gd-optimizer>
    `;
    const builtIn = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="rosenbrock" start="-1.5,2">${optimizers}</gd-optimizer-race>`,
    );
    const custom = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="custom" formula=${ROSENBROCK} domain="-2,2,-1,3" start="-1.5,2">${optimizers}</gd-optimizer-race>`,
    );
    await builtIn.step(100);
    await custom.step(100);
    const a = builtIn.trajectories;
    const b = custom.trajectories;
    expect(b).to.have.length(4);
    a.forEach((expected, i) => {
      const actual = b[i];
      expect(actual.points.length, `${expected.label} points`).to.equal(101);
      expect(actual.points.length).to.equal(expected.points.length);
      // The built-in's gradient is written out (float64, rounded once), the formula's is
      // float32 autodiff: they differ by rounding. RMSprop's step is about ±α wherever a
      // gradient component is near 0, so there a rounding-sized difference can flip it:
      // its two paths agree to rounding for its first 40 steps here, then part.
      const steps = expected.type === 'rmsprop' ? 40 : 100;
      expected.points
        .slice(0, steps + 1)
        .forEach((p, k) =>
          p.forEach((x, j) =>
            expect(Math.abs(actual.points[k][j] - x), `${expected.label} w${j + 1} at step ${k}`).to.be.at.most(
              1e-5 * Math.max(1, Math.abs(x)),
            ),
          ),
        );
      expected.costs
        .slice(0, steps + 1)
        .forEach((c, k) =>
          expect(Math.abs(actual.costs[k] - c), `${expected.label} J at step ${k}`).to.be.at.most(1e-5 * Math.max(1, Math.abs(c))),
        );
    });
    // the formula is shown where a built-in shows its own, as MathML
    expectOnlyMathml(custom);
    expect(custom.shadowRoot!.querySelector('.landscape-formula math')!.textContent).to.include('100');
    expect(custom.toJSON()).to.include({ landscape: 'custom', formula: ROSENBROCK, domain: '-2,2,-1,3' });
  });

  for (const domain of [undefined, '-2,2,-1,3']) {
    it(`a typed Rosenbrock${domain ? ` on ${domain}` : ''} with the default rates descends for 300 steps without diverging: its rates come from its curvature`, async () => {
      const el = await fixture<GdOptimizerRace>(
        domain
          ? html`<gd-optimizer-race landscape="custom" formula=${ROSENBROCK} domain=${domain}></gd-optimizer-race>`
          : html`<gd-optimizer-race landscape="custom" formula=${ROSENBROCK}></gd-optimizer-race>`,
      );
      // The start moves to the one the minima search picks; the rates follow it.
      await until(() => foundMinimum(el), 'the found minimum', 50000);
      await el.updateComplete;
      const start = el.trajectories[0].points[0];
      // Rosenbrock's Hessian in closed form: [[2 − 400(w₂ − 3w₁²), −400w₁], [−400w₁, 200]], and its largest |λ|.
      const spectral = ([a, b]: number[]) => {
        const h = [2 - 400 * (b - 3 * a * a), -400 * a, 200];
        const mean = (h[0] + h[2]) / 2;
        const radius = Math.hypot((h[0] - h[2]) / 2, h[1]);
        return Math.max(Math.abs(mean + radius), Math.abs(mean - radius));
      };
      // ρ over the start and every minimum the search found (the parsed landscape is the one the race shows).
      const parsed = parseFormula(ROSENBROCK, domain ?? DEFAULT_FORMULA_DOMAIN);
      expect(parsed.ok).to.equal(true);
      const found = parsed.ok ? parsed.landscape.minima.map((m) => m.position) : [];
      expect(
        found.some(([a, b]) => Math.hypot(a - 1, b - 1) < 1e-3),
        'the minimum (1, 1) is found',
      ).to.equal(true);
      const rho = Math.max(spectral(start), ...found.map(spectral));
      const rates = (el.toJSON().optimizers as { type: string; learningRate: number }[]).map((o) => o.learningRate);
      // Plain descent 1/ρ, momentum 3/ρ (two significant digits, rounded down): stable where the curvature stays below 2ρ.
      expect(rates[0]).to.be.at.most(1 / rho);
      expect(rates[0]).to.be.above(0.9 / rho);
      expect(rates[1]).to.be.at.most(3 / rho);
      expect(rates[1]).to.be.above(2.7 / rho);
      await el.step(300);
      await el.updateComplete;
      for (const t of el.trajectories) {
        expect(t.status, t.label).to.not.equal('diverged');
        expect(t.points.length, t.label).to.be.at.least(2);
        // Downhill, and never a decade above the start on the way (so the cost chart, scaled to these costs, is not squashed).
        expect(t.costs.at(-1)!, t.label).to.be.below(t.costs[0]);
        expect(Math.max(...t.costs), t.label).to.be.at.most(10 * t.costs[0]);
      }
      // And well down the valley for the best of them.
      expect(Math.min(...el.trajectories.map((t) => t.costs.at(-1)! / t.costs[0]))).to.be.below(0.25);
    });
  }

  it('colours its key with a gradient the bar can find: an id of plain letters, not the formula', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="custom" formula="(w1 - 1)^2 + 2 (w2 + 0.5)^2" domain="-3,3,-3,3"></gd-optimizer-race>`,
    );
    await el.updateComplete;
    const bar = el.shadowRoot!.querySelector('.color-legend-bar')!;
    const id = /^url\(#(.+)\)$/.exec(bar.getAttribute('fill')!)![1];
    expect(id).to.match(/^[A-Za-z][\w-]*$/);
    const gradient = el.shadowRoot!.getElementById(id);
    expect(gradient?.localName).to.equal('linearGradient');
    expect(gradient!.querySelectorAll('stop').length).to.be.above(2);
    // The stops are the map's colours: light at the low end, dark at the high end, never black throughout.
    const colours = [...gradient!.querySelectorAll('stop')].map((stop) => stop.getAttribute('stop-color'));
    expect(new Set(colours).size).to.be.above(2);
    expect(getComputedStyle(bar).fill).to.match(/url\(/);
  });

  it('marks the minima found once the sliced search ends, as found (not published)', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="custom" formula="(w1 - 1)^2 + 2 (w2 + 0.5)^2" domain="-3,3,-3,3"></gd-optimizer-race>`,
    );
    await until(() => foundMinimum(el), 'the found minimum in the key');
    expect(el.shadowRoot!.querySelectorAll('.plot path.minimum')).to.have.length(1);
    expect(shadowText(el)).to.not.include('known minimum');
    expect(shadowText(el)).to.not.include('published');
    expect(shadowText(el)).to.include('the lowest minimum found');
  });

  it('20 malformed formulas one after another: a positioned note each, the previous race kept, no NaN, no exception', async () => {
    const domain = '-2,2,-1,3';
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="custom" formula=${ROSENBROCK} domain=${domain}></gd-optimizer-race>`,
    );
    await el.step(20);
    const before = JSON.stringify(el.trajectories);
    const shown = el.shadowRoot!.querySelector('.landscape-formula math')!.textContent;
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    const malformed = [
      'w1 +',
      'w1 + x',
      '(w1 - 1',
      'w1)',
      '2 ** w1',
      'sin()',
      'sin(w1, w2)',
      'min(w1)',
      'w1 $ w2',
      '',
      '   ',
      'w1..2',
      '1e999 w1',
      'foo(w1)',
      'w1 w2 w3',
      ',w1',
      'w1^',
      '()',
      'log(-1 - w1^2 - w2^2)',
      'w1 + * w2',
    ];
    expect(malformed).to.have.length(20);
    try {
      for (const formula of malformed) {
        const result = parseFormula(formula, domain);
        expect(result.ok, formula).to.equal(false);
        const { index } = (result as { ok: false; error: { index: number } }).error;
        el.formula = formula;
        await el.updateComplete;
        const note = formulaNote(el);
        expect(note, `a note for ${JSON.stringify(formula)}`).to.not.equal(null);
        expect(note!.textContent, formula).to.match(new RegExp(`at character ${index + 1}\\b`));
        // the marker: the text in monospace with a caret under the position
        const marker = note!.querySelector<HTMLElement>('.note-at')!;
        expect(marker.dataset.index).to.equal(String(index));
        expect(getComputedStyle(marker).fontFamily).to.match(/monospace/);
        const [line, caret] = marker.textContent.split('\n');
        expect(line).to.equal(formula);
        expect(caret).to.equal(`${' '.repeat(index)}^`);
        // the previous landscape and its race stay
        expect(el.formula).to.equal(ROSENBROCK);
        expect(JSON.stringify(el.trajectories)).to.equal(before);
        expect(el.shadowRoot!.querySelector('.landscape-formula math')!.textContent).to.equal(shown);
        expect(shadowText(el)).to.not.match(/NaN/);
      }
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
    expect(el.iteration).to.equal(20);
    // a good formula clears the note
    el.formula = 'w1^2 + w2^2';
    await el.updateComplete;
    expect(formulaNote(el)).to.equal(null);
  });

  it('a bad domain gets a positioned note at the domain, and the landscape stays', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="custom" formula="w1^2 + w2^2" domain="-2,2,-1,3"></gd-optimizer-race>`,
    );
    el.domain = '-2,2,x,3';
    await el.updateComplete;
    const note = el.shadowRoot!.querySelector('.note[data-note="domain"]')!;
    expect(note.textContent).to.include('at character 6');
    expect(note.querySelector<HTMLElement>('.note-at')!.dataset.index).to.equal('5');
    expect(el.domain).to.equal('-2,2,-1,3');
    expect(el.toJSON()).to.include({ domain: '-2,2,-1,3' });
  });

  it('hostile formulas never reach script and never make elements other than MathML', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="custom" formula="w1^2 + 3 w2^2"></gd-optimizer-race>`);
    const win = window as unknown as Record<string, unknown>;
    const saved = { alert: win.alert, eval: win.eval };
    const calls: string[] = [];
    win.alert = () => calls.push('alert');
    win.eval = () => calls.push('eval');
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '"><script>alert(1)</script>',
      "'><svg onload=alert(1)>",
      'constructor',
      '__proto__',
      'alert(1)',
      'w1.constructor',
      'w1["constructor"]',
      'eval("alert(1)")',
      'Function("alert(1)")()',
      'w1 + `${alert(1)}`',
      '</math><img src=x onerror=alert(1)>',
      'toString()',
      'w1; alert(1)',
    ];
    try {
      for (const formula of hostile) {
        el.formula = formula;
        await el.updateComplete;
        expect(formulaNote(el), formula).to.not.equal(null);
        expectOnlyMathml(el);
      }
      await settle(50);
    } finally {
      Object.assign(win, saved);
    }
    expect(calls).to.deep.equal([]);
    expect(el.formula).to.equal('w1^2 + 3 w2^2');
  });

  it('every function, constant and operator is shown with MathML elements only', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race
        landscape="custom"
        formula="sin(w1) + cos(w2) tan(w1/4) - exp(-w1^2) + log(1 + w2^2) + sqrt(1 + w1^2) + abs(w2) + tanh(w1) + min(w1, w2) - max(w1, -w2) + pi e + 2.5e-1 w1"
      ></gd-optimizer-race>`,
    );
    expectOnlyMathml(el);
    const math = el.shadowRoot!.querySelector('.landscape-formula math')!;
    expect([...math.querySelectorAll('mi')].map((mi) => mi.textContent)).to.include.members([
      'sin',
      'cos',
      'ln',
      'π',
      'tanh',
      'min',
      'max',
    ]);
    expect(math.querySelector('msqrt')).to.not.equal(null);
    expect(math.querySelector('mfrac')).to.not.equal(null);
  });

  it('landscape="custom" without a formula: a note, and the previous landscape stays', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="rosenbrock"></gd-optimizer-race>`);
    el.landscape = 'custom';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.note[data-note="landscape"]')!.textContent).to.include('custom with a formula');
    expect(el.landscape).to.equal('rosenbrock');
    expect(el.toJSON()).to.include({ landscape: 'rosenbrock' });
    expect(shadowText(el)).to.include('Rosenbrock');
  });

  it('changing the formula switches landscape like a thumbnail click, and toJSON() restores it', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="custom" formula="w1^2 + w2^2" domain="-4,4,-4,4"></gd-optimizer-race>`,
    );
    await el.step(10);
    expect(el.iteration).to.equal(10);
    el.formula = '(w1 - 1)^2 + (w2 - 2)^2 + w1 w2 / 4';
    await el.updateComplete;
    expect(el.iteration).to.equal(0);
    // the new landscape's own start, the centre of its window (no minima searched for it yet)
    expect(el.trajectories[0].points[0]).to.deep.equal([0, 0]);
    await el.step(7);
    const saved = el.toJSON();
    expect(saved).to.include({ landscape: 'custom', formula: '(w1 - 1)^2 + (w2 - 2)^2 + w1 w2 / 4', domain: '-4,4,-4,4', iteration: 7 });
    const copy = await fixture<GdOptimizerRace>(html`<gd-optimizer-race state=${JSON.stringify(saved)}></gd-optimizer-race>`);
    await copy.updateComplete;
    expect(copy.toJSON()).to.deep.equal(saved);
    expect(JSON.stringify(copy.trajectories)).to.equal(JSON.stringify(el.trajectories));
    // back to a built-in: the picker works as before
    el.landscape = 'booth';
    await el.updateComplete;
    expect(el.toJSON()).to.include({ landscape: 'booth' });
  });

  it('custom landscapes are not in the picker: no thumbnail is selected while one is shown', async () => {
    const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="custom" formula="w1^2 + w2^2"></gd-optimizer-race>`);
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('.picker input[type="radio"]')];
    expect(radios.length).to.be.greaterThan(5);
    expect(radios.some((radio) => radio.checked)).to.equal(false);
    expect(radios.some((radio) => radio.value.startsWith('custom'))).to.equal(false);
  });

  it('draws a new formula and finds its minima in slices: the main thread keeps coming back meanwhile', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="custom" formula="w1^2 + w2^2" domain="-3,3,-3,3"></gd-optimizer-race>`,
    );
    await until(() => foundMinimum(el), 'the first minima');
    // Made at once, the grid, contours and minima search would give a timer no run until
    // the end; in slices it runs between them. A clock that says every slice overran its
    // budget (10 ms a reading, against 8) makes the count a property of the code, not of
    // the machine: the minima search alone hands back after each of its 150 Adam updates
    // and 64 polished ends. (How long each slice takes is for npm run bench.)
    let now = 0;
    setSliceClock(() => (now += 10));
    try {
      el.formula = '(w1^2 - 1)^2 + 0.3 w1 + (w2 - 0.5)^2 + 0.2 sin(3 w2)';
      await el.updateComplete;
      expect(el.toJSON()).to.include({ landscape: 'custom' });
      expect(foundMinimum(el), 'no minima marked before the search ends').to.equal(false);
      const runs = await timerRunsWhile(() => !foundMinimum(el), Infinity);
      expect(runs, 'timer runs meanwhile').to.be.at.least(150);
    } finally {
      setSliceClock();
    }
    await until(() => foundMinimum(el) && el.shadowRoot!.querySelectorAll('.plot path.minimum').length === 2, 'the new minima');
  });

  it('a formula not finite at its window centre starts where J is finite: costs[0] finite, nothing diverged at step 0, also after the minima search and reset()', async () => {
    for (const formula of ['1/(w1^2+w2^2)', 'log(w1^2+w2^2)', 'log(w1*w2)', 'w1/w2']) {
      const el = await fixture<GdOptimizerRace>(html`<gd-optimizer-race landscape="custom" formula=${formula}></gd-optimizer-race>`);
      const check = (when: string) => {
        for (const t of el.trajectories) {
          expect(Number.isFinite(t.costs[0]), `${formula} ${when}: ${t.label} J₀ = ${t.costs[0]}`).to.equal(true);
        }
        expect(shadowText(el), `${formula} ${when}`).to.not.include('diverged at step 0');
        expect(el.shadowRoot!.querySelector('.note[data-note="formula"]'), `${formula} ${when}: accepted`).to.equal(null);
      };
      await el.step(1);
      check('at once');
      // The search ends (found minima or none); the start it leaves is finite too.
      await settle(1500);
      el.reset();
      await el.updateComplete;
      await el.step(1);
      check('after the search and reset()');
    }
  });

  it('a domain too narrow to draw is refused with a note; the race keeps drawing its last good window', async () => {
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(String(event.message));
    window.addEventListener('error', onError);
    try {
      const el = await fixture<GdOptimizerRace>(
        html`<gd-optimizer-race landscape="custom" formula="w1^2 + w2^2" domain="-2,2,-2,2"></gd-optimizer-race>`,
      );
      el.domain = '-1e-320,1e-320,-1e-320,1e-320';
      await el.updateComplete;
      await el.step(3);
      await settle(100);
      expect(el.domain).to.equal('-2,2,-2,2');
      expect(el.shadowRoot!.querySelector('.note[data-note="domain"]')!.textContent).to.include('too narrow');
      // The axes still have their ticks, the race its finite path.
      expect(el.shadowRoot!.querySelectorAll('.plot-svg .x-axis text').length).to.be.above(2);
      expect(el.trajectories[0].points.flat().every(Number.isFinite)).to.equal(true);
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('has no axe violations with a custom formula (and a rejected one)', async () => {
    const el = await fixture<GdOptimizerRace>(
      html`<gd-optimizer-race landscape="custom" formula=${ROSENBROCK} domain="-2,2,-1,3"></gd-optimizer-race>`,
    );
    await until(() => foundMinimum(el), 'the found minimum');
    el.formula = 'w1 + x';
    await el.updateComplete;
    await settle(50);
    await expect(el).to.be.accessible();
  });
});
