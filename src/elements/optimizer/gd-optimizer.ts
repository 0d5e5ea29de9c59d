import { LitElement, css, type PropertyDeclaration, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { HYPERPARAMETER_RANGES, OPTIMIZER_TYPES, type HyperparameterName, type OptimizerType } from '../../core/index.js';
import { describeValue, isOneOf, numberOrText } from '../shared/parse.js';
import {
  TypedAttributes,
  applyRules,
  judge,
  numberRule,
  rejectionNote,
  setOutcome,
  warnRejected,
  type PropertyRule,
} from '../shared/rules.js';
import { LinkStamps } from '../shared/controllers/link-controller.js';
import { restoreStylesAfterAdoption } from '../shared/adopted-styles.js';

/** The hyperparameters an optimizer child may set; unset ones take the race's defaults. */
export interface OptimizerSettings {
  type: string;
  label?: string;
  learningRate?: number;
  decay?: number;
  beta?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  weightDecay?: number;
  disabled: boolean;
}

const ATTRIBUTES: Record<HyperparameterName, string> = {
  learningRate: 'learning-rate',
  decay: 'decay',
  beta: 'beta',
  beta1: 'beta1',
  beta2: 'beta2',
  epsilon: 'epsilon',
  weightDecay: 'weight-decay',
};

/** The numeric settings, with their attribute names and the core's accepted ranges. Unset (null): the race's default. */
export const NUMERIC_RULES = Object.fromEntries(
  (Object.keys(ATTRIBUTES) as HyperparameterName[]).map((name) => [name, numberRule(ATTRIBUTES[name], HYPERPARAMETER_RANGES[name], null)]),
) as Record<HyperparameterName, PropertyRule>;

/** Legend labels are short; a longer one is surely a mistake. */
const MAX_LABEL_LENGTH = 200;

const RULES: Record<string, PropertyRule> = {
  ...NUMERIC_RULES,
  type: { attribute: 'type', accepts: OPTIMIZER_TYPES.join(', '), valid: isOneOf(OPTIMIZER_TYPES), fallback: 'sgd' },
  label: {
    attribute: 'label',
    accepts: `text of at most ${MAX_LABEL_LENGTH} characters`,
    valid: (value) =>
      (typeof value === 'string' && value.length <= MAX_LABEL_LENGTH) || (typeof value === 'number' && Number.isFinite(value)),
    normalize: (value) => (value === '' ? null : String(value)),
    fallback: null,
  },
};

/**
 * Declares one optimizer of a `<gd-optimizer-race>`. It draws nothing itself: the race
 * reads its settings, runs it and shows its panel. Unset hyperparameters take the
 * race's defaults for the landscape (learning rate) or the rule's defaults
 * (β = 0.9, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸). A bad value keeps the last good one (or the
 * default), logs one console warning and is reported in the race's visible notes.
 *
 * @tag gd-optimizer
 * @summary One optimizer entered in a `<gd-optimizer-race>`.
 *
 * It fires no event of its own for pages: its `gd-optimizer-change` (bubbling, not
 * composed, on any change) is internal, the parent race's cue to re-run, and is left out
 * of the documented events (custom-elements.json and the typings made from it).
 */
export class GdOptimizer extends LitElement {
  static override styles = css`
    :host {
      display: none;
    }
  `;

  /** The update rule: `sgd`, `momentum`, `nesterov`, `rmsprop`, `adagrad`, `adam` or `adamw`. */
  @property() type: OptimizerType = 'sgd';
  /** Shown in the legend (at most 200 characters); defaults to the rule's name. */
  @property() label: string | null = null;
  /** α, the step size (greater than 0, at most 10⁶). Unset: the race's default for the landscape and rule. */
  @property({ attribute: 'learning-rate', converter: numberOrText }) learningRate: number | null = null;
  /** Inverse-time decay: α_t = α / (1 + decay · t) (0 … 10⁶, default 0). */
  @property({ converter: numberOrText }) decay: number | null = null;
  /** β of momentum, Nesterov and RMSprop, in [0, 1) (default 0.9). */
  @property({ converter: numberOrText }) beta: number | null = null;
  /** β₁ of Adam and AdamW, in [0, 1) (default 0.9). */
  @property({ converter: numberOrText }) beta1: number | null = null;
  /** β₂ of Adam and AdamW, in [0, 1) (default 0.999). */
  @property({ converter: numberOrText }) beta2: number | null = null;
  /** ε of RMSprop, Adagrad, Adam and AdamW (10⁻³⁰ … 10⁶, default 10⁻⁸). */
  @property({ converter: numberOrText }) epsilon: number | null = null;
  /** λ of AdamW's decoupled weight decay (0 … 10⁶). */
  @property({ attribute: 'weight-decay', converter: numberOrText }) weightDecay: number | null = null;
  /** Leaves this optimizer out of the race's plot and chart. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Notes about rejected values, by attribute name (the race shows them). */
  notes: Record<string, string> = {};

  /**
   * The numbers of its learning rate and decay in the page's order of changes (the race
   * sends and takes them for its link group).
   * @internal
   */
  readonly linkStamps = new LinkStamps();

  private readonly lastGood = new Map<string, unknown>();
  private readonly typed = new TypedAttributes();
  /** True while the rules put rejected values back: those sets are no one's change. */
  private judging = false;

  /**
   * The validated settings; unset values are left out. Checked here as well as on
   * update, so a parent reading them before this element's first update never sees
   * a rejected value.
   */
  get settings(): OptimizerSettings {
    const value = (name: string) => {
      const verdict = judge(RULES[name], (this as unknown as Record<string, unknown>)[name]);
      if (verdict.kind === 'accept') return verdict.value;
      if (verdict.kind === 'default') return RULES[name].fallback;
      return this.lastGood.has(name) ? this.lastGood.get(name) : RULES[name].fallback;
    };
    const settings: OptimizerSettings = { type: value('type') as string, disabled: Boolean(this.disabled) };
    const label = value('label');
    if (typeof label === 'string' && label) settings.label = label;
    for (const key of Object.keys(NUMERIC_RULES)) {
      const good = value(key);
      if (typeof good === 'number') (settings as unknown as Record<string, number>)[key] = good;
    }
    return settings;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    const entry = Object.entries(RULES).find(([, rule]) => rule.attribute === name);
    if (entry) this.typed.remember(name, value, (this as unknown as Record<string, unknown>)[entry[0]]);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    restoreStylesAfterAdoption(this, true);
  }

  /** Moved into another document: its style sheet must be rebuilt there. */
  adoptedCallback(): void {
    restoreStylesAfterAdoption(this);
  }

  /**
   * At the set itself (see GdElement's): a change of the learning rate or decay takes its
   * number in the page's order of changes, and a good value clears the note of a bad one.
   */
  override requestUpdate(
    name?: PropertyKey,
    oldValue?: unknown,
    options?: PropertyDeclaration,
    useNewValue?: boolean,
    newValue?: unknown,
  ): void {
    super.requestUpdate(name, oldValue, options, useNewValue, newValue);
    if (typeof name !== 'string' || !this.hasUpdated || this.judging || !(name in RULES)) return;
    const rule = RULES[name];
    const outcome = setOutcome((this as unknown as Record<string, unknown>)[name], oldValue, {
      noted: rule.attribute in this.notes,
      linked: name === 'learningRate' || name === 'decay',
      rule: () => rule,
    });
    if (outcome.clearNote) this.clearNote(rule.attribute);
    if (outcome.send) this.linkStamps.local(name);
    // The race hears of a cleared note or a change to send at this element's update, which lit skips for an unchanged value.
    if (outcome.unchanged && (outcome.clearNote || outcome.send)) super.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.judging = true;
    try {
      applyRules(
        this,
        changed.keys(),
        RULES,
        this.lastGood,
        (rule, value, kept) => this.reject(rule, value, kept),
        (rule) => this.clearNote(rule.attribute),
      );
    } finally {
      this.judging = false;
    }
    this.typed.clear();
  }

  protected override updated(): void {
    this.dispatchEvent(new Event('gd-optimizer-change', { bubbles: true }));
  }

  private clearNote(attribute: string): void {
    if (!(attribute in this.notes)) return;
    const next = { ...this.notes };
    delete next[attribute];
    this.notes = next;
  }

  private reject(rule: PropertyRule, value: unknown, kept: unknown): void {
    const keptText = kept === null || kept === undefined ? 'the default' : describeValue(kept);
    const shown = this.typed.quote(rule.attribute, value);
    this.notes = { ...this.notes, [rule.attribute]: rejectionNote(rule, shown, keptText, ' on an optimizer') };
    warnRejected('gd-optimizer', rule, shown, keptText);
  }
}
