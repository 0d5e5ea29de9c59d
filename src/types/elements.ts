/**
 * The kit's tags described for frameworks' template type checkers (see ./react.ts):
 * which class each tag is, which of its properties a page may set (derived from the
 * classes), which events it fires (generated from the manifest).
 */
import type { LitElement } from 'lit';
import type { GdCurvature } from '../elements/curvature/gd-curvature.js';
import type { GdLineFit } from '../elements/line-fit/gd-line-fit.js';
import type { GdOptimizer } from '../elements/optimizer/gd-optimizer.js';
import type { GdOptimizerRace } from '../elements/optimizer-race/gd-optimizer-race.js';
import type { GdSweep } from '../elements/sweep/gd-sweep.js';
import type { GdNetwork } from '../elements/network/gd-network.js';
import type { GdKitEventMap } from './events.generated.js';

/** Every tag of the kit and its class. */
export interface GdKitTagNameMap {
  'gd-line-fit': GdLineFit;
  'gd-curvature': GdCurvature;
  'gd-optimizer-race': GdOptimizerRace;
  'gd-optimizer': GdOptimizer;
  'gd-sweep': GdSweep;
  'gd-network': GdNetwork;
}

export type GdKitTagName = keyof GdKitTagNameMap;

/**
 * The events a tag fires, by event name: generated from the elements' `@fires` tags
 * (custom-elements.json), so the typings list what each element documents and fires.
 */
export type GdKitEventsOf<Tag extends GdKitTagName> = GdKitEventMap[Tag];

type IfEquals<X, Y, Then, Else> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? Then : Else;

/** Keys of T that can be assigned (getter-only members such as `history` are readonly). */
type WritableKeys<T> = {
  [K in keyof T]-?: IfEquals<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }, K, never>;
}[keyof T];

/**
 * The properties of an element that a page or a framework may set: its own public,
 * writable, non-method members (HTMLElement's and lit's come from the framework's own
 * HTML typings).
 */
export type GdElementProperties<E> = {
  [K in WritableKeys<E> as K extends keyof LitElement ? never : E[K] extends (...args: never[]) => unknown ? never : K]?: E[K];
};
