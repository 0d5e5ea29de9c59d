import { adoptStyles, type CSSResultOrNative, type ReactiveElement } from 'lit';

/**
 * Style sheets rebuilt inside other windows, per window and per source sheet. A
 * constructed style sheet belongs to the document it was made in: when an element is
 * moved into another document (`adoptNode` into an iframe), the browser drops it from
 * the shadow root's `adoptedStyleSheets`, and drops the copies made over there when the
 * element comes back. So each move re-applies sheets that belong to the new document.
 */
const copies = new WeakMap<object, WeakMap<CSSResultOrNative, CSSStyleSheet>>();

function cssTextOf(style: CSSResultOrNative): string {
  if (style instanceof CSSStyleSheet) return Array.from(style.cssRules, (rule) => rule.cssText).join('\n');
  return style.cssText;
}

function sheetFor(view: Window & typeof globalThis, style: CSSResultOrNative): CSSStyleSheet {
  let byStyle = copies.get(view);
  if (!byStyle) copies.set(view, (byStyle = new WeakMap()));
  let sheet = byStyle.get(style);
  if (!sheet) {
    sheet = new view.CSSStyleSheet();
    sheet.replaceSync(cssTextOf(style));
    byStyle.set(style, sheet);
  }
  return sheet;
}

/** Gives `element`'s shadow root style sheets that its current document can use. */
export function restoreStylesAfterAdoption(element: ReactiveElement, onlyIfMissing = false): void {
  const root = element.renderRoot as ShadowRoot | undefined;
  if (!root || !('adoptedStyleSheets' in root)) return;
  const styles = (element.constructor as typeof ReactiveElement).elementStyles;
  if (onlyIfMissing && root.adoptedStyleSheets.length >= styles.length) return;
  const view = element.ownerDocument.defaultView;
  // A document without a window (made by DOMParser) renders nothing; the move back restores them.
  if (!view) return;
  if (view === window) adoptStyles(root, styles);
  else root.adoptedStyleSheets = styles.map((style) => sheetFor(view, style));
}
