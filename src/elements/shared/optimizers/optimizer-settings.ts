import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HyperparameterName } from '../../../core/index.js';
import { LinkStamps, type LinkedValues, type LinkTaken } from '../controllers/link-controller.js';
import { parseFiniteNumber } from '../parse.js';
import { GdOptimizer, NUMERIC_RULES } from '../../optimizer/gd-optimizer.js';
import { resolveOptimizerEntries, type OptimizerDefaults, type OptimizerEntry, type Overrides } from './entries.js';
import { linkedChanges, linkedMessage } from './links.js';
import { HYPER_LABELS } from './labels.js';

/** The most optimizers a restored state brings (the legend has eight colours, then repeats). */
export const MAX_RESTORED_OPTIMIZERS = 16;

export interface OptimizerSettingsOptions {
  /** The rules without children and the learning rates unset ones take (suited to the element's problem). */
  defaults: () => OptimizerDefaults;
  /** The optimizers the element runs (as last synced): the panels show these. */
  entries: () => readonly OptimizerEntry[];
  /** Sets (or, with undefined, clears) the note about a rejected panel value. */
  note: (key: string, text: string | undefined) => void;
  format: (value: number) => string;
  /** The user changed a setting in a panel (the detail of `gd-params-change`). */
  changed: (detail: Record<string, unknown>) => void;
  /** A learning rate or decay to send to the element's link group. */
  share: (values: LinkedValues) => void;
}

/**
 * An element's optimizers and their settings (a race's, a network's racers): the
 * `<gd-optimizer>` children (watched for additions, removals and their own changes) or
 * the element's defaults, whose panel edits live here as overrides since no child holds
 * them; the panels' edits, the values a link group sends and a restored state's optimizers.
 */
export class OptimizerSettingsController implements ReactiveController {
  /** Settings made in the panels of the default optimizers, by place. */
  private overrides: Overrides[] = [];
  /** The default optimizers' link numbers, by place (a child keeps its own, `GdOptimizer.linkStamps`). */
  private defaultStamps: LinkStamps[] = [];
  private readonly childObserver = new MutationObserver(() => this.host.requestUpdate());

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: OptimizerSettingsOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.childObserver.observe(this.host, { childList: true });
    this.host.addEventListener('gd-optimizer-change', this.onChildChange);
    if (!customElements.get('gd-optimizer')) void customElements.whenDefined('gd-optimizer').then(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.childObserver.disconnect();
    this.host.removeEventListener('gd-optimizer-change', this.onChildChange);
  }

  /** The `<gd-optimizer>` children, in document order. */
  children(): GdOptimizer[] {
    return Array.from(this.host.children).filter((child): child is GdOptimizer => child instanceof GdOptimizer);
  }

  /** The optimizers as they are now: children (document order) or the defaults. */
  read(): OptimizerEntry[] {
    return resolveOptimizerEntries(this.children(), this.overrides, this.options.defaults());
  }

  /** The optimizers as a saved state lists them. */
  saved(): Record<string, unknown>[] {
    return this.read().map((entry) => ({ type: entry.type, label: entry.label, ...entry.hyperparameters, disabled: entry.disabled }));
  }

  /** A value typed into an optimizer's panel: taken if valid, else noted and the field put back. */
  edit(index: number, name: HyperparameterName, input: HTMLInputElement): void {
    const entry = this.options.entries()[index];
    const rule = NUMERIC_RULES[name];
    const value = parseFiniteNumber(input.value);
    const key = `panel-${index}-${name}`;
    if (value === undefined || !rule.valid(value)) {
      const kept = this.options.format(entry.hyperparameters[name]);
      this.options.note(key, `${entry.label}: ${HYPER_LABELS[name]} must be ${rule.accepts}; kept ${kept}.`);
      input.value = String(entry.hyperparameters[name]);
      return;
    }
    this.options.note(key, undefined);
    this.set(index, name, value);
    this.host.requestUpdate();
    this.options.changed({ optimizer: index, label: entry.label, [name]: value });
    if (name !== 'learningRate' && name !== 'decay') return;
    // The reader's change is numbered now (a child's set numbered itself) and sent at once.
    const stamps = this.stampsOf(index);
    if (!entry.child) stamps.local(name);
    const message = linkedMessage(entry.type, this.read()[index]?.hyperparameters ?? entry.hyperparameters, stamps.flush());
    if (message) this.options.share(message);
  }

  /** The link numbers of the optimizer at `index`: its child's, or the default optimizer's. */
  private stampsOf(index: number): LinkStamps {
    const child = this.options.entries()[index]?.child;
    if (child) return child.linkStamps;
    return (this.defaultStamps[index] ??= new LinkStamps());
  }

  /** Sets one optimizer's setting: on its `<gd-optimizer>` child, or for a default optimizer. */
  set(index: number, name: HyperparameterName, value: number): void {
    const child = this.options.entries()[index].child;
    if (!child) {
      this.overrides[index] = { ...this.overrides[index], [name]: value };
      return;
    }
    (child as unknown as Record<string, number>)[name] = value;
  }

  /**
   * A linked widget's learning rate or decay, for `entries` (the element's optimizers,
   * synced): only those of the rule it names take it, each only when it is newer than
   * the value that optimizer holds, as plain sets (no `gd-params-change`).
   */
  applyLinked(entries: readonly OptimizerEntry[], values: LinkedValues): LinkTaken {
    const changes = linkedChanges(entries, values, (index, name) => this.stampsOf(index).newer(name, values.stamps?.[name]));
    if (!changes.length) return undefined;
    const taken: Record<string, number> = {};
    const changed = new Set<number>();
    for (const { index, name, value, differs } of changes) {
      this.stampsOf(index).took(name, values.stamps![name]!);
      if (!differs) continue;
      this.set(index, name, value);
      taken[name] = value;
      changed.add(index);
    }
    if (!changed.size) return undefined;
    this.host.requestUpdate();
    return { values: taken, optimizers: [...changed] };
  }

  /** An optimizer's checkbox: in or out of the run. */
  setEnabled(index: number, enabled: boolean): void {
    const entry = this.options.entries()[index];
    if (entry.child) entry.child.disabled = !enabled;
    else this.overrides[index] = { ...this.overrides[index], disabled: !enabled };
    this.host.requestUpdate();
    this.options.changed({ optimizer: index, label: entry.label, enabled });
  }

  /**
   * A saved state's optimizers, as `<gd-optimizer>` children: the existing children take
   * the saved settings when there are as many, otherwise they are replaced.
   */
  restore(optimizers: unknown): void {
    if (!Array.isArray(optimizers)) return;
    const saved = optimizers
      .filter((item): item is Record<string, unknown> => !!item && typeof item === 'object')
      .slice(0, MAX_RESTORED_OPTIMIZERS);
    let children = this.children();
    if (children.length !== saved.length) {
      for (const child of children) child.remove();
      children = saved.map(() => document.createElement('gd-optimizer'));
      this.host.append(...children);
    }
    saved.forEach((settings, i) => {
      const child = children[i] as unknown as Record<string, unknown>;
      for (const key of ['type', 'label', 'disabled', ...Object.keys(NUMERIC_RULES)]) if (key in settings) child[key] = settings[key];
    });
    this.overrides = [];
    this.defaultStamps = [];
  }

  /** A child's settings changed: re-read them; the notice goes no further than this element. */
  private readonly onChildChange = (event: Event): void => {
    event.stopPropagation();
    // A child's learning rate or decay set by page script goes to the link group, like one
    // typed into its panel, with its place in the page's order of changes.
    const target = event.target;
    if (target instanceof GdOptimizer && target.parentElement === this.host) {
      const message = linkedMessage(target.settings.type, target.settings, target.linkStamps.flush());
      if (message) this.options.share(message);
    }
    this.host.requestUpdate();
  };
}
