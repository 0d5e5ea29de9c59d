import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PlayController } from './controllers/play-controller.js';
import { ResizeController } from './controllers/resize-controller.js';
import { MediaQueryController, REDUCED_MOTION } from './controllers/media-query-controller.js';
import { formatNumber } from './format.js';
import { isIntegerInRange, isOneOf } from './parse.js';
import { gdEvent, type GdEventDetails } from './events.js';

/** How one property's value is checked; a bad value keeps the last good one. */
export interface PropertyRule {
  /** The attribute name shown in the note and the console warning. */
  attribute: string;
  /** The accepted range, in words ("a number greater than 0"). */
  accepts: string;
  valid: (value: unknown) => boolean;
  /** Used when no good value was ever set. */
  fallback: unknown;
}

export const THEMES = ['auto', 'light', 'dark'] as const;

/**
 * Behaviour every gd-kit element shares: the play loop (paused off-screen and in
 * hidden tabs), size tracking, reduced motion, bad-input handling (keep the last good
 * value, say so visibly and once in the console), typed events and number formatting.
 */
export abstract class GdElement extends LitElement {
  /** Seed of the pseudo-random generator: the same seed gives the same run everywhere. */
  @property({ type: Number }) seed = 1;

  /** `auto` follows the page's colour scheme; `light` or `dark` force one. */
  @property({ reflect: true }) theme: 'auto' | 'light' | 'dark' = 'auto';

  /** Elements with the same `link` value share their hyperparameters. */
  @property({ reflect: true }) link: string | null = null;

  /** Visible notes about rejected input and run state, by key. */
  @state() protected notes: Record<string, string> = {};

  protected readonly player = new PlayController(this, { frame: () => this.onFrame() });
  /**
   * The host's measured content box (`this.hostSize.width`). Not called `size`: that
   * name is a public attribute of <gd-line-fit> (SPEC §6), and frameworks (React 19,
   * Vue) set a property whenever the element has one by that name.
   */
  protected readonly hostSize = new ResizeController(this);
  protected readonly reducedMotion = new MediaQueryController(this, REDUCED_MOTION);

  private readonly lastGood = new Map<string, unknown>();
  private static readonly warned = new Set<string>();

  /** Rules for the element's validated properties, by property name. */
  protected propertyRules(): Record<string, PropertyRule> {
    return {
      seed: { attribute: 'seed', accepts: 'a whole number from 0 to 4294967295', valid: isIntegerInRange(0, 2 ** 32 - 1), fallback: 1 },
      theme: { attribute: 'theme', accepts: 'auto, light or dark', valid: isOneOf(THEMES), fallback: 'auto' },
    };
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
    for (const key of changed.keys()) {
      const name = key as string;
      const rule = rules[name];
      if (!rule) continue;
      const value = (this as unknown as Record<string, unknown>)[name];
      if (rule.valid(value)) {
        this.lastGood.set(name, value);
        if (this.notes[rule.attribute]) this.setNote(rule.attribute, undefined);
        continue;
      }
      const kept = this.lastGood.has(name) ? this.lastGood.get(name) : rule.fallback;
      (this as unknown as Record<string, unknown>)[name] = kept;
      this.rejectInput(rule, value, kept);
    }
  }

  private rejectInput(rule: PropertyRule, value: unknown, kept: unknown): void {
    const shown = typeof value === 'string' ? `"${value}"` : String(value);
    this.setNote(rule.attribute, `Ignored ${rule.attribute}=${shown}: expected ${rule.accepts}. Using ${String(kept)}.`);
    const key = `${this.localName}|${rule.attribute}|${String(value)}`;
    if (!GdElement.warned.has(key)) {
      GdElement.warned.add(key);
      console.warn(`<${this.localName}>: ignored ${rule.attribute}=${shown}; accepted: ${rule.accepts}. Keeping ${String(kept)}.`);
    }
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
