/** Typed `gd-*` events. All bubble and cross shadow boundaries (composed). */

export interface GdStepDetail {
  /** Updates applied so far. */
  iteration: number;
  /** The element's current values (parameters, cost, …). */
  values: Record<string, unknown>;
}

export interface GdDoneDetail {
  reason: 'converged' | 'diverged' | 'max-steps';
  iteration: number;
}

/** The hyperparameters the user just changed, by property name. */
export type GdParamsChangeDetail = Record<string, unknown>;

/** What a widget took from its `link` group. */
export interface GdLinkChangeDetail {
  /** The `link` value of the group the values came through. */
  link: string;
  /** The update rule the shared values belong to (`sgd`, `adam`, …). */
  type: string;
  /** The properties the widget took, by name: `learningRate`, `decay`, `optimizer`. */
  values: Record<string, unknown>;
  /** In a race: the indices of the optimizers that took the values. */
  optimizers?: number[];
}

/** The cell of a `<gd-sweep>` the user picked: its swept hyperparameters and where its run ended. */
export interface GdSelectDetail {
  /** The update rule the values belong to (`sgd`, `momentum`, …). */
  type: string;
  learningRate?: number;
  beta?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  decay?: number;
  /** Points per update, in a sweep on the line fit's data. */
  batchSize?: number;
  /** J after the run (for a diverged cell: at its last point before it left). */
  cost: number;
  diverged: boolean;
}

export type GdStepEvent = CustomEvent<GdStepDetail>;
export type GdSelectEvent = CustomEvent<GdSelectDetail>;
export type GdLinkChangeEvent = CustomEvent<GdLinkChangeDetail>;
export type GdDoneEvent = CustomEvent<GdDoneDetail>;
export type GdParamsChangeEvent = CustomEvent<GdParamsChangeDetail>;

export interface GdEventDetails {
  'gd-step': GdStepDetail;
  'gd-done': GdDoneDetail;
  'gd-params-change': GdParamsChangeDetail;
  'gd-link-change': GdLinkChangeDetail;
  'gd-select': GdSelectDetail;
}

/** A `gd-*` event: bubbling and composed, so it crosses shadow roots to the page. */
export function gdEvent<K extends keyof GdEventDetails>(type: K, detail: GdEventDetails[K]): CustomEvent<GdEventDetails[K]> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gd-step': GdStepEvent;
    'gd-done': GdDoneEvent;
    'gd-params-change': GdParamsChangeEvent;
    'gd-link-change': GdLinkChangeEvent;
    'gd-select': GdSelectEvent;
  }
}
