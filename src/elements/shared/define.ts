/** Shared across copies of the kit on one page, so a second copy warns only once. */
const WARNED = Symbol.for('gd-kit.duplicate-definition-warned');

/**
 * Registers a custom element once. A second copy of the kit on the same page (or a
 * second import of a define file) must not throw, so an existing tag is kept and the
 * page gets a single console warning.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, constructor);
    return;
  }
  const registry = globalThis as unknown as Record<symbol, boolean>;
  if (existing !== constructor && !registry[WARNED]) {
    registry[WARNED] = true;
    console.warn(`gd-kit: <${tag}> is already defined on this page (two copies of gd-kit?); keeping the first definition.`);
  }
}
