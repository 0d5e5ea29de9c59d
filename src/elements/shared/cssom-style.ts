import { noChange, type AttributePart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';

export type StyleValues = Record<string, string | number | null | undefined>;

/**
 * Sets inline styles through the CSSOM (`style.setProperty`), on the first render too.
 * Lit's `styleMap` writes a `style` attribute on first render, which a strict
 * Content-Security-Policy (`style-src` without 'unsafe-inline') blocks; CSSOM writes
 * are allowed. Numbers are pixels. Use it as `style=${cssomStyle({ height: 120 })}`.
 */
class CssomStyleDirective extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ATTRIBUTE || part.name !== 'style') {
      throw new Error('cssomStyle() belongs in a style attribute binding');
    }
  }

  render(_values: StyleValues) {
    return noChange;
  }

  override update(part: AttributePart, [values]: [StyleValues]) {
    const { style } = part.element;
    for (const name of this.previous) {
      if (values[name] === undefined || values[name] === null) style.removeProperty(name);
    }
    this.previous = new Set();
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined || value === null) continue;
      style.setProperty(name, typeof value === 'number' ? `${value}px` : value);
      this.previous.add(name);
    }
    return noChange;
  }
}

export const cssomStyle = directive(CssomStyleDirective);
