import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/line-fit/define.js';
import type { GdLineFit } from '../../src/elements/line-fit/gd-line-fit.js';

/*
 * What the line fit teaches, asserted as a reader would see it: which points the next
 * update uses, where the learning rate stops being stable, how decay shrinks α, and the
 * old path left behind when a hyperparameter changes.
 */

const shadow = (el: GdLineFit) => el.shadowRoot!;

/** The scatter's highlighted points, as the indices the markup lists. */
function highlighted(el: GdLineFit): number[] {
  const group = shadow(el).querySelector<SVGGElement>('[part~="data"] g.batch');
  if (!group) return [];
  return (group.dataset.indices ?? '').split(' ').filter(Boolean).map(Number);
}

/** λ_max of the Hessian of J(w, b) = (1/m)Σ(wx + b − y)², (2/m)[[Σx², Σx], [Σx, m]], in float64. */
function lambdaMax(x: number[]): number {
  const m = x.length;
  const a = (2 / m) * x.reduce((s, v) => s + v * v, 0);
  const c = (2 / m) * x.reduce((s, v) => s + v, 0);
  const d = 2;
  return (a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + c * c);
}

function mark(el: GdLineFit, label: string): HTMLButtonElement {
  const found = [...shadow(el).querySelectorAll<HTMLButtonElement>('.mark button')].find((b) => b.textContent.trim() === `α = ${label}`);
  if (!found) throw new Error(`no mark ${label}`);
  return found;
}

const note = (el: GdLineFit) => shadow(el).querySelector('.lesson-note')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('gd-line-fit: the lesson', () => {
  it('highlights exactly the points of the next mini-batch, and draws its step beside the full-data step', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit size="60" batch-size="8" seed="5"></gd-line-fit>`);
    for (const k of [0, 1, 3, 7, 8]) {
      if (k > 0) await el.step(k - el.history.length + 1);
      await el.updateComplete;
      expect(el.history.length - 1).to.equal(k);
      const expected = el.batchIndices(k);
      expect(highlighted(el), `after ${k} steps`).to.deep.equal(expected);
      expect(el.highlightedIndices).to.deep.equal(expected);
      // One dot per point (the epoch's last batch holds the 60 − 7·8 = 4 left over).
      expect(shadow(el).querySelectorAll('[part~="data"] g.batch circle')).to.have.length(k % 8 === 7 ? 4 : 8);
      expect(expected).to.have.length(k % 8 === 7 ? 4 : 8);
    }
    const plot = shadow(el).querySelector('[part~="plot"]')!;
    expect(plot.querySelector('g.batch-step line'), 'batch arrow').not.to.equal(null);
    expect(plot.querySelector('g.full-step line'), 'full-data arrow').not.to.equal(null);
    expect(plot.querySelector('figcaption')!.textContent).to.include('this batch').and.include('all data');
    // The full batch has no noise to explain: no highlight, no arrows, no key.
    el.batchSize = 'full';
    await el.updateComplete;
    expect(highlighted(el)).to.deep.equal([]);
    expect(plot.querySelector('.batch-step')).to.equal(null);
    expect(plot.querySelector('figcaption')!.textContent).not.to.include('this batch');
  });

  it('a batch too large to ring point by point is thinned on screen, and still listed in full by highlightedIndices', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit size="3000" batch-size="2400"></gd-line-fit>`);
    // Update 2 opens the second epoch with a whole batch of 2,400 (update 1 takes the 600 left over).
    await el.step(2);
    await el.updateComplete;
    expect(el.highlightedIndices).to.deep.equal(el.batchIndices(2));
    expect(el.highlightedIndices).to.have.length(2400);
    const dots = shadow(el).querySelectorAll('[part~="data"] g.batch circle').length;
    expect(dots).to.be.within(500, 1000);
    expect(dots).to.be.below(el.highlightedIndices.length);
  });

  it('marks 2/λ_max of the data; just above it plain GD’s cost rises with a note, just below it falls', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit size="80" seed="2" init="0,0" learning-rate="0.01"></gd-line-fit>`);
    const lambda = lambdaMax(el.data.x);
    const bound = Number(mark(el, '2/λ_max').closest('.mark')!.getAttribute('data-value'));
    expect(bound).to.be.closeTo(2 / lambda, 1e-9 * bound);
    expect(Number(mark(el, '1/λ_max').closest('.mark')!.getAttribute('data-value'))).to.be.closeTo(1 / lambda, 1e-9 / lambda);

    // The mark sets α there.
    mark(el, '2/λ_max').click();
    await el.updateComplete;
    expect(el.learningRate).to.equal(bound);
    expect(mark(el, '2/λ_max').getAttribute('aria-current')).to.equal('true');

    el.learningRate = bound * 1.03;
    await el.updateComplete;
    await el.step(120);
    await el.updateComplete;
    const up = el.history;
    for (let i = up.length - 5; i < up.length; i++) expect(up[i].cost, `step ${i}`).to.be.above(up[i - 1].cost);
    expect(note(el)).to.match(/^The cost has risen for \d+ steps: α = .+ is above 2\/λ_max = .+, so each step overshoots further\.$/);

    el.learningRate = bound * 0.97;
    await el.updateComplete;
    await el.step(120);
    await el.updateComplete;
    const down = el.history;
    for (let i = 1; i < down.length; i++) expect(down[i].cost, `step ${i}`).to.be.at.most(down[i - 1].cost * (1 + 1e-6));
    expect(down[down.length - 1].cost).to.be.below(down[0].cost);
    expect(note(el)).to.equal('');
  });

  it('α = 1 on the default data: the note writes 2/λ_max with the digits that make "above" true (0.9995, not 1)', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit learning-rate="1"></gd-line-fit>`);
    const bound = 2 / lambdaMax(el.data.x);
    // The default data's bound is just under 1: three digits would write it as 1.
    expect(bound).to.be.below(1);
    expect(Number(bound.toPrecision(3))).to.equal(1);
    await el.step(60);
    await el.updateComplete;
    const match = /α = ([\d.]+) is above 2\/λ_max = ([\d.]+)/.exec(note(el));
    expect(match, note(el)).to.not.equal(null);
    const [alpha, shown] = [Number(match![1]), Number(match![2])];
    expect(alpha).to.equal(1);
    expect(alpha, 'the words say above, and the numbers agree').to.be.above(shown);
    expect(Math.abs(shown - bound)).to.be.at.most(1e-4 * bound);
    // The mark under the slider says the same number.
    expect(mark(el, '2/λ_max').getAttribute('aria-label')).to.contain(String(shown));
  });

  it('shows α_t = α / (1 + decay·t) for the next update while the rate decays', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit learning-rate="0.2" decay="0.05"></gd-line-fit>`);
    await el.step(30);
    await el.updateComplete;
    const dd = shadow(el).querySelector('.readout .decayed dd') as HTMLElement;
    expect(Number(dd.dataset.rate)).to.equal(0.2 / (1 + 0.05 * 30));
    expect(dd.textContent).to.include('at step 30');
    expect(dd.textContent).to.include((0.2 / 2.5).toFixed(2).replace(/0+$/, ''));
    // The decay input sets the property; 0 removes the readout.
    const input = shadow(el).querySelector('#decay') as HTMLInputElement;
    input.value = '0';
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.decay).to.equal(0);
    expect(shadow(el).querySelector('.readout .decayed')).to.equal(null);
  });

  it('a changed α leaves the old path as a labelled ghost; reset removes it', async () => {
    const el = await fixture<GdLineFit>(html`<gd-line-fit learning-rate="0.1"></gd-line-fit>`);
    const ghost = () => shadow(el).querySelector<SVGPathElement>('[part~="plot"] path.ghost');
    expect(ghost()).to.equal(null);
    await el.step(10);
    el.learningRate = 0.3;
    await el.updateComplete;
    expect(ghost(), 'ghost after the change').not.to.equal(null);
    expect(ghost()!.getAttribute('d')!.length).to.be.above(10);
    expect(ghost()!.dataset.label).to.equal('before: α = 0.1');
    expect(shadow(el).querySelector('[part~="plot"] figcaption')!.textContent).to.include('before: α = 0.1');
    // Further changes before any step keep the first path.
    el.learningRate = 0.4;
    await el.updateComplete;
    expect(ghost()!.dataset.label).to.equal('before: α = 0.1');
    el.reset();
    await el.updateComplete;
    expect(ghost()).to.equal(null);
  });

  it('the new controls are axe-clean and reachable from the keyboard', async () => {
    const holder = await fixture<HTMLDivElement>(
      html`<div><gd-line-fit size="40" batch-size="5" decay="0.01" theme="light"></gd-line-fit><button>after</button></div>`,
    );
    const el = holder.querySelector('gd-line-fit')!;
    await el.step(12);
    el.learningRate = 0.2;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    (shadow(el).querySelector('#rate') as HTMLInputElement).focus();
    const reached: string[] = [];
    for (let i = 0; i < 6; i++) {
      await sendKeys({ press: 'Tab' });
      const active = shadow(el).activeElement as HTMLElement | null;
      reached.push(active?.id || active?.textContent?.trim() || '');
    }
    expect(reached).to.include('α = 1/λ_max');
    expect(reached).to.include('α = 2/λ_max');
    expect(reached).to.include('decay');
    // Enter on a mark sets α there.
    mark(el, '1/λ_max').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.learningRate).to.be.closeTo(1 / lambdaMax(el.data.x), 1e-12);
  });
});
