import { LitElement, html, nothing, type PropertyDeclaration, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PlayController } from './controllers/play-controller.js';
import { ResizeController } from './controllers/resize-controller.js';
import { MediaQueryController, REDUCED_MOTION } from './controllers/media-query-controller.js';
import { formatNumber } from './format.js';
import { describeValue, isOneOf, numberOrText } from './parse.js';
import { TypedAttributes, applyRules, numberRule, rejectionNote, setOutcome, warnRejected, type PropertyRule } from './rules.js';
import { LinkController, type LinkedValues, type LinkTaken } from './controllers/link-controller.js';
import { restoreStylesAfterAdoption } from './adopted-styles.js';
import { readState } from './state.js';
import { updateInSlice } from './update-slices.js';
import { gdEvent, type GdEventDetails } from './events.js';

export type { PropertyRule } from './rules.js';

/** Link group names are short labels; longer text is surely not one. */
const MAX_LINK_LENGTH = 200;

export const THEMES = ['auto', 'light', 'dark'] as const;

const STATE_ACCEPTS = "a JSON object from the widget's toJSON()";

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

  /**
   * Parts to leave out, separated by spaces (`hide="picker panels chart"`): `picker`,
   * `panels`, `chart`, `controls`, `caption`, `formula`, `notes` and the element's other
   * part names (each element's README section lists its words).
   */
  @property({ reflect: true }) hide: string | null = null;

  /**
   * The widget's whole state, as `toJSON()` gives it. Setting it (an object, or its JSON
   * text as the `state` attribute) restores the widget: its settings, then the same
   * number of updates from the start, which reproduces the same run.
   */
  @property({ attribute: 'state', noAccessor: true })
  get state(): Record<string, unknown> {
    return this.toJSON();
  }
  set state(value: unknown) {
    this.restoreState(value);
  }

  /** Visible notes about rejected input and run state, by key. */
  @state() protected notes: Record<string, string> = {};

  protected readonly player = new PlayController(this, { frame: () => this.onFrame(), onScreenChange: () => this.onScreenChanged() });
  /**
   * The host's measured content box (`this.hostSize.width`). Not called `size`: that
   * name is a public attribute of <gd-line-fit>, and frameworks (React 19,
   * Vue) set a property whenever the element has one by that name.
   */
  protected readonly hostSize = new ResizeController(this);
  protected readonly reducedMotion = new MediaQueryController(this, REDUCED_MOTION);
  /** The element's `link` group: what it sends (`linkedProperties`) and takes (`applyLinked`). */
  protected readonly linker = new LinkController(this);

  private readonly lastGood = new Map<string, unknown>();
  /** Updates to replay after a restored state's settings are applied. */
  private pendingReplay?: number;
  private restoring?: Promise<void>;
  /** Properties the element changed itself since the last update (see `changedByElement`). */
  private readonly ownChanges = new Set<string>();
  private readonly typed = new TypedAttributes();
  /** True while the rules put rejected values back: those sets are no one's change. */
  private judging = false;

  /** Rules for the element's validated properties, by property name. */
  protected propertyRules(): Record<string, PropertyRule> {
    return {
      seed: numberRule('seed', { min: 0, max: 2 ** 32 - 1, integer: true }, 1),
      theme: { attribute: 'theme', accepts: 'auto, light or dark', valid: isOneOf(THEMES), fallback: 'auto' },
      hide: {
        attribute: 'hide',
        accepts: `words separated by spaces, from: ${Object.keys(this.hideableParts()).join(', ')}`,
        valid: (value) =>
          value === null ||
          value === undefined ||
          (typeof value === 'string' && hideWords(value).every((word) => word in this.hideableParts())),
        fallback: null,
      },
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

  /**
   * The properties the element sends its link group when the reader or page script
   * changes them (each numbered in the page's order of changes when it is set).
   */
  protected linkedProperties(): readonly string[] {
    return [];
  }

  /**
   * Another member's change, from the link group (called by the `LinkController`, not by
   * pages); returns what the element took. By default it takes nothing.
   * @internal
   */
  applyLinked(_values: LinkedValues): LinkTaken {
    return undefined;
  }

  /**
   * Every property set comes through here, with the value it replaced. Two things must
   * happen at the set itself, not at the update lit makes later: a change of a linked
   * property takes its number in the page's order of changes (so the value set last wins,
   * whichever element updates first; set again to the value it has, it is still sent);
   * and a good value set where a note says a bad one was ignored clears the note, even
   * when it equals the value kept (lit sees no change then, and makes no update).
   */
  override requestUpdate(
    name?: PropertyKey,
    oldValue?: unknown,
    options?: PropertyDeclaration,
    useNewValue?: boolean,
    newValue?: unknown,
  ): void {
    super.requestUpdate(name, oldValue, options, useNewValue, newValue);
    // Before the first update every value is a starting one: nothing to send or clear.
    if (typeof name !== 'string' || !this.hasUpdated || this.judging) return;
    const attribute = (this.constructor as typeof GdElement).elementProperties.get(name)?.attribute;
    const key = typeof attribute === 'string' ? attribute : name;
    const outcome = setOutcome((this as unknown as Record<string, unknown>)[name], oldValue, {
      noted: this.notes[key] !== undefined,
      linked: this.linkedProperties().includes(name),
      rule: () => {
        const rule = this.propertyRules()[name];
        return rule?.attribute === key ? rule : undefined;
      },
    });
    if (outcome.clearNote) this.setNote(key, undefined);
    if (outcome.send) {
      this.linker.stamps.local(name);
      // lit makes no update for an unchanged value; the change must still be sent.
      if (outcome.unchanged) super.requestUpdate();
    }
  }

  /** The words `hide` accepts, each with the parts it hides. */
  protected hideableParts(): Record<string, string[]> {
    return { caption: ['caption'], formula: ['formula'], notes: ['notes'] };
  }

  /** Whether `hide` leaves out the part `part`. */
  protected isHidden(part: string): boolean {
    const parts = this.hideableParts();
    return hideWords(this.hide).some((word) => parts[word]?.includes(part));
  }

  /** The slot for an author's caption, above the figure. */
  protected renderCaption(): TemplateResult {
    return html`<div class="caption-slot" part="caption"><slot name="caption"></slot></div>`;
  }

  /** The settings `toJSON()` saves and `state` restores, by property name (validated values). */
  protected stateSettings(): Record<string, unknown> {
    return { seed: this.seed };
  }

  /** Updates made since the start. */
  protected updatesMade(): number {
    return 0;
  }

  /**
   * Starts again from the initial state and applies `n` updates (a restored state's).
   * It must not wait for `updateComplete`, which waits for it.
   */
  protected async replay(_n: number): Promise<void> {}

  /** The widget's whole state: its settings and `iteration`, the updates made (`JSON.stringify(element)` uses it). */
  toJSON(): Record<string, unknown> {
    return { ...this.stateSettings(), iteration: this.updatesMade() };
  }

  private restoreState(value: unknown): void {
    if (value === null || value === undefined) return;
    // Whatever the page hands over is read once, into plain data; nothing here throws.
    const read = readState(value, Object.keys(this.stateSettings()));
    if (!read.ok) {
      const shown = describeValue(value);
      this.setNote('state', `Ignored state=${shown}: ${read.problem}. Expected ${STATE_ACCEPTS}; the widget keeps its current state.`);
      warnRejected(
        this.localName,
        { attribute: 'state', accepts: STATE_ACCEPTS, valid: () => false, fallback: undefined },
        shown,
        'the current state',
      );
      return;
    }
    if (this.notes.state) this.setNote('state', undefined);
    this.applyState(read.state);
    this.pendingReplay = read.iteration;
    this.requestUpdate();
  }

  /** Sets the saved settings as properties; each goes through its own validation. */
  protected applyState(state: Record<string, unknown>): void {
    const keys = Object.keys(this.stateSettings()).filter((key) => key in state);
    for (const key of keys) (this as unknown as Record<string, unknown>)[key] = state[key];
    this.changedByElement(...keys);
  }

  /**
   * The first update (the first render: the element's whole shadow tree) runs in this
   * task while the page's kit work in it fits one slice, else in a later task (see
   * update-slices.ts): many widgets added at once render one after another, not in one
   * long task. Later updates run at once, as lit makes them: until an update validates a
   * new value, a paint or a handler in between could read it unchecked.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated) return super.scheduleUpdate();
    return updateInSlice(() => void super.scheduleUpdate());
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    // A restored state is complete once its updates are replayed.
    while (this.restoring) await this.restoring;
    return result;
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

  /** The element may have come into view or left it (`this.player.onScreen` says which). */
  protected onScreenChanged(): void {}

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
    this.judging = true;
    try {
      applyRules(
        this,
        changed.keys(),
        this.propertyRules(),
        this.lastGood,
        (rule, value, kept) => this.rejectInput(rule, value, kept),
        (rule) => {
          if (this.notes[rule.attribute]) this.setNote(rule.attribute, undefined);
        },
      );
    } finally {
      this.judging = false;
    }
    this.typed.clear();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.rewriteOwnAttributes();
    this.hideParts();
    if (this.pendingReplay !== undefined) {
      const n = this.pendingReplay;
      this.pendingReplay = undefined;
      // After this update, so the replay runs on the restored settings.
      const replay: Promise<void> = Promise.resolve()
        .then(() => this.replay(n))
        .finally(() => {
          if (this.restoring === replay) this.restoring = undefined;
        });
      this.restoring = replay;
    }
  }

  /** Marks the parts `hide` names (after every render, so parts rendered later are hidden too). */
  private hideParts(): void {
    const parts = this.hideableParts();
    const hidden = new Set(hideWords(this.hide).flatMap((word) => parts[word] ?? []));
    for (const element of this.renderRoot.querySelectorAll<HTMLElement>('[part]')) {
      element.toggleAttribute(
        'data-hidden',
        [...element.part].some((part) => hidden.has(part)),
      );
    }
  }

  /**
   * Records that the element itself changed these properties (a user's input, a linked
   * value, a landscape's own start). After the update, an attribute the page had set for
   * one of them is rewritten to the new value, so markup and frameworks that diff
   * attributes read the truth and can set the old value back. Attributes the page never
   * set are not added.
   */
  protected changedByElement(...names: string[]): void {
    for (const name of names) this.ownChanges.add(name);
    this.requestUpdate();
  }

  private rewriteOwnAttributes(): void {
    if (!this.ownChanges.size) return;
    const properties = (this.constructor as typeof GdElement).elementProperties;
    for (const name of this.ownChanges) {
      const option = properties.get(name)?.attribute;
      if (option === false) continue;
      const attribute = typeof option === 'string' ? option : name.toLowerCase();
      if (!this.hasAttribute(attribute)) continue;
      const value = (this as unknown as Record<string, unknown>)[name];
      if (value === null || value === undefined) this.removeAttribute(attribute);
      else {
        // The properties written back are validated text, numbers or booleans.
        const text =
          typeof value === 'string'
            ? value
            : typeof value === 'number' || typeof value === 'boolean'
              ? String(value)
              : JSON.stringify(value);
        if (this.getAttribute(attribute) !== text) this.setAttribute(attribute, text);
      }
    }
    this.ownChanges.clear();
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
      ${Object.entries(this.notes).map(([key, text]) => html`<p class="note" data-note=${key}>${text}${this.noteDetail(key)}</p>`)}
    </div>`;
  }

  /** Shown under a note after its text (e.g. where in a rejected value the problem is); nothing by default. */
  protected noteDetail(_key: string): unknown {
    return nothing;
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

function hideWords(value: unknown): string[] {
  return typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];
}
