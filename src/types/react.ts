/**
 * JSX typings for React 19 (`react-jsx`): every gd-kit tag in `JSX.IntrinsicElements`,
 * with its properties (React 19 sets them as properties) and its events as `on<event>`
 * props, which React 19 adds as listeners: `<gd-line-fit ongd-step={(e) => …}>`.
 *
 * Types only; include it once in a project: `import type {} from 'gd-kit/types/react';`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { GdElementProperties, GdKitEventsOf, GdKitTagName, GdKitTagNameMap } from './elements.js';

/** Listener props, e.g. `'ongd-step'?: (event: GdStepEvent) => void`. */
export type GdReactEventProps<Tag extends GdKitTagName> = {
  [K in keyof GdKitEventsOf<Tag> & string as `on${K}`]?: (event: GdKitEventsOf<Tag>[K]) => void;
};

/** The props of a gd-kit tag in React 19 JSX. */
export type GdReactProps<Tag extends GdKitTagName> = GdElementProperties<GdKitTagNameMap[Tag]> &
  GdReactEventProps<Tag> &
  Omit<DetailedHTMLProps<HTMLAttributes<GdKitTagNameMap[Tag]>, GdKitTagNameMap[Tag]>, keyof GdElementProperties<GdKitTagNameMap[Tag]>>;

declare module 'react' {
  // React declares its JSX types in a namespace; augmenting them takes one too.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'gd-line-fit': GdReactProps<'gd-line-fit'>;
      'gd-curvature': GdReactProps<'gd-curvature'>;
      'gd-optimizer-race': GdReactProps<'gd-optimizer-race'>;
      'gd-optimizer': GdReactProps<'gd-optimizer'>;
      'gd-sweep': GdReactProps<'gd-sweep'>;
      'gd-network': GdReactProps<'gd-network'>;
    }
  }
}
