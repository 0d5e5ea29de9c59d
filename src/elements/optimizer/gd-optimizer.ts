import { LitElement, css, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { OPTIMIZER_TYPES } from '../../core/index.js';
import { isNonNegative, isNumberInRange, isOneOf, isPositive, parseFiniteNumber } from '../shared/parse.js';

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

interface Rule {
  attribute: string;
  accepts: string;
  valid: (value: unknown) => boolean;
}

const isFraction = (value: unknown) => isNumberInRange(0, 1)(value) && parseFiniteNumber(value)! < 1;

/** The numeric settings, with their attribute names and accepted ranges. */
export const NUMERIC_RULES: Record<string, Rule> = {
  learningRate: { attribute: 'learning-rate', accepts: 'a number greater than 0', valid: isPositive },
  decay: { attribute: 'decay', accepts: 'a number ≥ 0', valid: isNonNegative },
  beta: { attribute: 'beta', accepts: 'a number from 0 up to (not including) 1', valid: isFraction },
  beta1: { attribute: 'beta1', accepts: 'a number from 0 up to (not including) 1', valid: isFraction },
  beta2: { attribute: 'beta2', accepts: 'a number from 0 up to (not including) 1', valid: isFraction },
  epsilon: { attribute: 'epsilon', accepts: 'a number greater than 0', valid: isPositive },
  weightDecay: { attribute: 'weight-decay', accepts: 'a number ≥ 0', valid: isNonNegative },
};

const TYPE_RULE: Rule = {
  attribute: 'type',
  accepts: OPTIMIZER_TYPES.join(', '),
  valid: isOneOf(OPTIMIZER_TYPES),
};

const warned = new Set<string>();

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
 * @fires gd-optimizer-change - (internal, bubbles, not composed) its settings changed,
 *   by any cause; the parent race listens to re-run the race. Not a user-action event.
 */
export class GdOptimizer extends LitElement {
  static override styles = css`
    :host {
      display: none;
    }
  `;

  /** The update rule: `sgd`, `momentum`, `nesterov`, `rmsprop`, `adagrad`, `adam` or `adamw`. */
  @property() type = 'sgd';
  /** Shown in the legend; defaults to the rule's name. */
  @property() label: string | null = null;
  /** α, the step size (> 0). Unset: the race's default for the landscape and rule. */
  @property({ attribute: 'learning-rate', type: Number }) learningRate: number | null = null;
  /** Inverse-time decay: α_t = α / (1 + decay · t) (≥ 0, default 0). */
  @property({ type: Number }) decay: number | null = null;
  /** β of momentum, Nesterov and RMSprop, in [0, 1) (default 0.9). */
  @property({ type: Number }) beta: number | null = null;
  /** β₁ of Adam and AdamW, in [0, 1) (default 0.9). */
  @property({ type: Number }) beta1: number | null = null;
  /** β₂ of Adam and AdamW, in [0, 1) (default 0.999). */
  @property({ type: Number }) beta2: number | null = null;
  /** ε of RMSprop, Adagrad, Adam and AdamW (> 0, default 10⁻⁸). */
  @property({ type: Number }) epsilon: number | null = null;
  /** λ of AdamW's decoupled weight decay (≥ 0). */
  @property({ attribute: 'weight-decay', type: Number }) weightDecay: number | null = null;
  /** Leaves this optimizer out of the race's plot and chart. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Notes about rejected values, by attribute name (the race shows them). */
  notes: Record<string, string> = {};

  private readonly lastGood = new Map<string, unknown>();

  /**
   * The validated settings; unset values are left out. Checked here as well as on
   * update, so a parent reading them before this element's first update never sees
   * a rejected value.
   */
  get settings(): OptimizerSettings {
    const type = TYPE_RULE.valid(this.type) ? this.type : ((this.lastGood.get('type') as string | undefined) ?? 'sgd');
    const settings: OptimizerSettings = { type, disabled: Boolean(this.disabled) };
    if (this.label) settings.label = String(this.label);
    for (const [key, rule] of Object.entries(NUMERIC_RULES)) {
      const raw = (this as unknown as Record<string, unknown>)[key];
      if (raw === null || raw === undefined) continue;
      const value = parseFiniteNumber(raw);
      const good = value !== undefined && rule.valid(value) ? value : (this.lastGood.get(key) as number | null | undefined);
      if (good !== null && good !== undefined) (settings as unknown as Record<string, number>)[key] = good;
    }
    return settings;
  }

  protected override willUpdate(changed: PropertyValues): void {
    for (const key of changed.keys()) {
      const name = key as string;
      const rule = name === 'type' ? TYPE_RULE : NUMERIC_RULES[name];
      if (!rule) continue;
      const record = this as unknown as Record<string, unknown>;
      let value = record[name];
      // An unset (or removed) attribute means "use the default"; that is always fine.
      if (name !== 'type' && (value === null || value === undefined)) {
        this.clearNote(rule.attribute);
        continue;
      }
      if (typeof value === 'string' && name !== 'type') value = parseFiniteNumber(value) ?? value;
      if (rule.valid(value)) {
        record[name] = value;
        this.lastGood.set(name, value);
        this.clearNote(rule.attribute);
        continue;
      }
      const kept = this.lastGood.has(name) ? this.lastGood.get(name) : name === 'type' ? 'sgd' : null;
      record[name] = kept;
      this.reject(rule, value, kept);
    }
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

  private reject(rule: Rule, value: unknown, kept: unknown): void {
    const shown = typeof value === 'string' ? `"${value}"` : String(value);
    const keptText = kept === null ? 'the default' : `${kept as string | number}`;
    this.notes = {
      ...this.notes,
      [rule.attribute]: `Ignored ${rule.attribute}=${shown} on an optimizer: expected ${rule.accepts}. Using ${keptText}.`,
    };
    const key = `${rule.attribute}|${String(value)}`;
    if (!warned.has(key)) {
      warned.add(key);
      console.warn(`<gd-optimizer>: ignored ${rule.attribute}=${shown}; accepted: ${rule.accepts}. Keeping ${keptText}.`);
    }
  }
}
