import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { GdElement, type PropertyRule } from '../../../src/elements/shared/gd-element.js';
import { tokens } from '../../../src/elements/shared/tokens.styles.js';
import { controls } from '../../../src/elements/shared/controls.styles.js';
import { isPositive } from '../../../src/elements/shared/parse.js';
import { defineElement } from '../../../src/elements/shared/define.js';

/** A minimal element on the shared base: counts frames and steps. */
class TestGadget extends GdElement {
  static override styles = [tokens, controls];
  @property({ type: Number, attribute: 'learning-rate' }) learningRate = 0.1;
  frames = 0;
  steps = 0;

  protected override propertyRules(): Record<string, PropertyRule> {
    return {
      ...super.propertyRules(),
      learningRate: { attribute: 'learning-rate', accepts: 'a number greater than 0', valid: isPositive, fallback: 0.1 },
    };
  }

  step(n = 1) {
    this.steps += n;
    return Promise.resolve();
  }
  reset() {
    this.steps = 0;
  }
  protected onFrame() {
    this.frames++;
  }
  protected override render() {
    return html`<p>rate ${this.format(this.learningRate)}</p>
      ${this.renderNotes()}`;
  }
}
defineElement('test-gadget', TestGadget);

const nextFrames = (count: number) =>
  new Promise<void>((resolve) => {
    let left = count;
    const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  });

function captureWarnings() {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  return { warnings, restore: () => (console.warn = original) };
}

describe('GdElement (shared base)', () => {
  it('keeps the last good value for a bad attribute, shows a note, warns once', async () => {
    const capture = captureWarnings();
    try {
      const el = await fixture<TestGadget>(testHtml`<test-gadget learning-rate="0.25"></test-gadget>`);
      expect(el.learningRate).to.equal(0.25);
      el.setAttribute('learning-rate', 'abc');
      await el.updateComplete;
      expect(el.learningRate).to.equal(0.25);
      const note = el.shadowRoot!.querySelector('[data-note="learning-rate"]');
      expect(note?.textContent).to.contain('learning-rate');
      expect(note?.textContent).to.contain('greater than 0');
      // The same bad value again does not warn a second time.
      el.setAttribute('learning-rate', '0.5');
      await el.updateComplete;
      el.setAttribute('learning-rate', 'abc');
      await el.updateComplete;
      expect(capture.warnings.filter((w) => w.includes('learning-rate'))).to.have.length(1);
      // A good value clears the note.
      el.setAttribute('learning-rate', '0.05');
      await el.updateComplete;
      expect(el.learningRate).to.equal(0.05);
      expect(el.shadowRoot!.querySelector('[data-note="learning-rate"]')).to.equal(null);
    } finally {
      capture.restore();
    }
  });

  it('falls back to the default when the first value is already bad', async () => {
    const capture = captureWarnings();
    try {
      const el = await fixture<TestGadget>(testHtml`<test-gadget learning-rate="-3"></test-gadget>`);
      expect(el.learningRate).to.equal(0.1);
      expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('learning-rate');
    } finally {
      capture.restore();
    }
  });

  it('formats numbers for the element language', async () => {
    const wrapper = await fixture(testHtml`<div lang="de"><test-gadget learning-rate="0.25"></test-gadget></div>`);
    const el = wrapper.querySelector('test-gadget') as TestGadget;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.contain('0,25');
  });

  it('runs frames only while playing and on screen', async () => {
    const el = await fixture<TestGadget>(testHtml`<test-gadget></test-gadget>`);
    await nextFrames(3);
    expect(el.frames).to.equal(0);
    el.play();
    await nextFrames(5);
    expect(el.frames).to.be.greaterThan(2);
    // Scrolled far off-screen: the loop stops though the element still "plays".
    el.style.position = 'absolute';
    el.style.top = '20000px';
    await nextFrames(4);
    const offscreen = el.frames;
    await nextFrames(5);
    expect(el.playing).to.equal(true);
    expect(el.frames).to.equal(offscreen);
    el.style.top = '0px';
    await nextFrames(5);
    expect(el.frames).to.be.greaterThan(offscreen);
    el.pause();
    const paused = el.frames;
    await nextFrames(4);
    expect(el.frames).to.equal(paused);
  });

  it('follows the theme attribute with light-dark colours', async () => {
    const el = await fixture<TestGadget>(testHtml`<test-gadget theme="dark"></test-gadget>`);
    const dark = getComputedStyle(el).backgroundColor;
    el.theme = 'light';
    await el.updateComplete;
    const light = getComputedStyle(el).backgroundColor;
    expect(dark).to.not.equal(light);
    expect(light).to.equal('rgb(255, 255, 255)');
  });

  it('passes axe-core', async () => {
    const el = await fixture<TestGadget>(testHtml`<test-gadget learning-rate="x"></test-gadget>`);
    await expect(el).to.be.accessible();
  });
});

describe('defineElement', () => {
  it('does not throw when a tag is defined twice', () => {
    class Other extends HTMLElement {}
    expect(() => defineElement('test-gadget', Other)).to.not.throw();
    expect(customElements.get('test-gadget')).to.equal(TestGadget);
  });
});
