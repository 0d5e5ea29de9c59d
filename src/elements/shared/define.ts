/**
 * Registers a custom element once. A second copy of the kit on the same page (or a
 * second import of a define file) must not throw, so an existing tag only warns.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== constructor) {
      console.warn(`gd-kit: <${tag}> is already defined on this page (two copies of gd-kit?); keeping the first definition.`);
    }
    return;
  }
  customElements.define(tag, constructor);
}
