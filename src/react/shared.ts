/**
 * What the generated React components (`gd-kit/react`, one file per tag) share.
 *
 * They are made to render on a server too (Next.js, Remix, …): there they print the bare
 * tag, and the element's code, which needs a browser, is never loaded. So a component
 * takes no element class: `@lit/react` only asks whether a prop is `in` the class's
 * prototype (set as a property after mount) or not (passed to React as an attribute),
 * and a stand-in answers that from the element's property names. In the browser the tag
 * is defined by loading its module; properties set before that are kept by the element
 * when it upgrades, and listeners added meanwhile stay.
 */

/** A class whose prototype has exactly the element's settable properties. */
export function standIn<E extends HTMLElement>(properties: readonly string[]): new () => E {
  const prototype: Record<string, undefined> = {};
  for (const name of properties) prototype[name] = undefined;
  // Never constructed: @lit/react reads only `prototype` (and the display name we give it).
  return Object.assign(function GdStandIn() {}, { prototype }) as unknown as new () => E;
}

/** Loads a tag's definition in the browser only (on a server the component renders the bare tag). */
export function defineOnClient(load: () => Promise<unknown>): void {
  if (typeof window === 'undefined' || typeof customElements === 'undefined') return;
  load().catch((error: unknown) => console.error('gd-kit/react: could not load the element.', error));
}
