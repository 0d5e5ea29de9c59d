import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { TYPESET } from './tex.generated.js';

/** The typeset tables: the kit's, then those an element loaded later brings (`addTypeset`). */
const tables: Record<string, string>[] = [TYPESET];

/** Adds the formulas typeset for an element that gd-kit loads only when a page has one. */
export function addTypeset(table: Record<string, string>): void {
  if (!tables.includes(table)) tables.push(table);
}

/**
 * Shows a formula typeset by KaTeX at build time (`npm run typeset` writes
 * tex.generated.ts as MathML), so the page ships no TeX engine and needs no fonts or
 * stylesheet. The markup comes from our own sources through KaTeX (trust: false),
 * never from user input. A formula missing from the table shows its TeX source.
 */
export function tex(source: string | undefined, options: { label?: string } = {}): TemplateResult | typeof nothing {
  if (!source) return nothing;
  const markup = tables.find((table) => Object.hasOwn(table, source))?.[source];
  if (markup) return html`<span class="tex" part="formula">${unsafeHTML(markup)}</span>`;
  return html`<code class="tex" part="formula" aria-label=${options.label ?? source}>${source}</code>`;
}
