import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PlayController } from './controllers/play-controller.js';
import { ResizeController } from './controllers/resize-controller.js';
import { MediaQueryController, REDUCED_MOTION } from './controllers/media-query-controller.js';
import { formatNumber } from './format.js';
import { describeValue, isOneOf, numberOrText } from './parse.js';
import { TypedAttributes, judge, numberRule, rejectionNote, warnRejected, type PropertyRule } from './rules.js';
import { restoreStylesAfterAdoption } from './adopted-styles.js';
import { gdEvent, type GdEventDetails } from './events.js';

export type { PropertyRule } from './rules.js';

/** Link group names are short labels; longer text is surely not one. */
const MAX_LINK_LENGTH = 200;

export const THEMES = ['auto', 'light', 'dark'] as const;

/**
 * Behaviour every gd-kit element shares: the play loop (paused off-screen and in
 * hidden tabs), size tracking, reduced motion, bad-input handling (keep the last good
 * value, say so visibly and once in the console), typed events and number formatting.
 */
export abstract class GdElement extends LitElement {
  /** Seed of the pseudo-random generator: the same seed gives the same run everywhere. */
  @property({ converter: numberOrText }) seed = 1;

  /** `auto` follows the page's colour scheme; `light` or `dark` force one. */
  @property({ reflect: true }) theme: 'auto' | 'light' | 'dark' = 'auto';

  /** Elements with the same `link` value share their hyperparameters. */
  @property({ reflect: true }) link: string | null = null;

  /** Visible notes about rejected input and run state, by key. */
  @state() protected notes: Record<string, string> = {};

  protected readonly player = new PlayController(this, { frame: () => this.onFrame() });
  /**
   * The host's measured content box (`this.hostSize.width`). Not called `size`: that
   * name is a public attribute of <gd-line-fit>, and frameworks (React 19,
   * Vue) set a property whenever the element has one by that name.
   */
  protected readonly hostSize = new ResizeController(this);
  protected readonly reducedMotion = new MediaQueryController(this, REDUCED_MOTION);

  private readonly lastGood = new Map<string, unknown>();
  private readonly typed = new TypedAttributes();

  /** Rules for the element's validated properties, by property name. */
  protected propertyRules(): Record<string, PropertyRule> {
    return {
      seed: numberRule('seed', { min: 0, max: 2 ** 32 - 1, integer: true }, 1),
      theme: { attribute: 'theme', accepts: 'auto, light or dark', valid: isOneOf(THEMES), fallback: 'auto' },
      link: {
        attribute: 'link',
        accepts: `a group name (text of 1 to ${MAX_LINK_LENGTH} characters)`,
        valid: (value) =>
          (typeof value === 'string' && value.length <= MAX_LINK_LENGTH) || (typeof value === 'number' && Number.isFinite(value)),
        normalize: (value) => (value === '' ? null : String(value)),
        fallback: null,
      },
    };
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    const entry = Object.entries(this.propertyRules()).find(([, rule]) => rule.attribute === name);
    if (entry) this.typed.remember(name, value, (this as unknown as Record<string, unknown>)[entry[0]]);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    restoreStylesAfterAdoption(this, true);
  }

  /** Moved into another document (an iframe's): its style sheets must be rebuilt there. */
  adoptedCallback(): void {
    restoreStylesAfterAdoption(this);
  }

  /** Applies `n` updates; resolves when they are applied (works paused and off-screen). */
  abstract step(n?: number): Promise<void>;
  /** Returns to the initial state. */
  abstract reset(): void;
  /** Called once per animation frame while playing. */
  protected abstract onFrame(): void;

  /** Starts the animation. */
  play(): void {
    this.player.play();
  }

  /** Stops the animation; the state is kept. */
  pause(): void {
    this.player.pause();
  }

  /** Whether the element is playing (it may still wait for being scrolled into view). */
  get playing(): boolean {
    return this.player.playing;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const rules = this.propertyRules();
    const record = this as unknown as Record<string, unknown>;
    for (const key of changed.keys()) {
      const name = key as string;
      const rule = rules[name];
      if (!rule) continue;
      const value = record[name];
      const verdict = judge(rule, value);
      if (verdict.kind === 'reject') {
        const kept = this.lastGood.has(name) ? this.lastGood.get(name) : rule.fallback;
        record[name] = kept;
        this.rejectInput(rule, value, kept);
        continue;
      }
      // null/undefined (a removed attribute, a framework clearing a prop): the default, silently.
      const good = verdict.kind === 'accept' ? verdict.value : rule.fallback;
      if (!Object.is(good, value)) record[name] = good;
      this.lastGood.set(name, good);
      if (this.notes[rule.attribute]) this.setNote(rule.attribute, undefined);
    }
    this.typed.clear();
  }

  private rejectInput(rule: PropertyRule, value: unknown, kept: unknown): void {
    const keptText = kept === null || kept === undefined ? 'the default' : describeValue(kept);
    const shown = this.typed.quote(rule.attribute, value);
    this.setNote(rule.attribute, rejectionNote(rule, shown, keptText));
    warnRejected(this.localName, rule, shown, keptText);
  }

  /** Shows (or with `undefined`, clears) a visible note. */
  protected setNote(key: string, text: string | undefined): void {
    const next = { ...this.notes };
    if (text === undefined) delete next[key];
    else next[key] = text;
    this.notes = next;
  }

  /** The polite live region that shows notes; always rendered so screen readers hear changes. */
  protected renderNotes(): TemplateResult {
    return html`<div class="notes" part="notes" role="status" aria-live="polite">
      ${Object.entries(this.notes).map(([key, text]) => html`<p class="note" data-note=${key}>${text}</p>`)}
    </div>`;
  }

  /** Dispatches a typed, bubbling, composed `gd-*` event. */
  protected fire<K extends keyof GdEventDetails>(type: K, detail: GdEventDetails[K]): void {
    this.dispatchEvent(gdEvent(type, detail));
  }

  /** Formats a number for this element's `lang`; never prints NaN. */
  protected format(value: number, options?: { digits?: number; fraction?: number }): string {
    return formatNumber(this, value, options);
  }
}
