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

export type GdStepEvent = CustomEvent<GdStepDetail>;
export type GdDoneEvent = CustomEvent<GdDoneDetail>;
export type GdParamsChangeEvent = CustomEvent<GdParamsChangeDetail>;

export interface GdEventDetails {
  'gd-step': GdStepDetail;
  'gd-done': GdDoneDetail;
  'gd-params-change': GdParamsChangeDetail;
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
  }
}
