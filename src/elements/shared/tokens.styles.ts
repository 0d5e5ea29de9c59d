import { css } from 'lit';

/**
 * Theming in three layers: global `--gd-*` tokens a page may set, per-element
 * `--gd-<element>-*` tokens, and private `--_*` values used inside shadow roots.
 * Light and dark come from `color-scheme` (the page's preference, or the `theme`
 * attribute) through `light-dark()`.
 */
export const tokens = css`
  :host {
    --_font: var(--gd-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --_font-size: var(--gd-font-size, 0.9375rem);
    --_fg: var(--gd-color-text, light-dark(#1d2330, #e4e7ec));
    --_muted: var(--gd-color-muted, light-dark(#535c6b, #a9b1be));
    --_bg: var(--gd-color-surface, light-dark(#ffffff, #15191f));
    --_panel: var(--gd-color-panel, light-dark(#f4f5f7, #1e232b));
    --_border: var(--gd-color-border, light-dark(#d5d9df, #3a414d));
    --_grid: var(--gd-color-grid, light-dark(#eceef1, #262c35));
    --_accent: var(--gd-color-accent, light-dark(#2456a8, #8ab4f8));
    --_on-accent: var(--gd-color-on-accent, light-dark(#ffffff, #0d1117));
    --_truth: var(--gd-color-truth, light-dark(#1f63c6, #6aa8ff));
    --_model: var(--gd-color-model, light-dark(#c8302a, #ff7b72));
    --_warning: var(--gd-color-warning, light-dark(#8a4500, #f2b866));
    --_radius: var(--gd-radius, 6px);
    --_focus: var(--gd-focus-ring, light-dark(#1a56db, #9cc2ff));
    /* Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
    --_series-1: var(--gd-series-1, light-dark(#0072b2, #56b4e9));
    --_series-2: var(--gd-series-2, light-dark(#d55e00, #f08a4b));
    --_series-3: var(--gd-series-3, light-dark(#009e73, #3ccf9f));
    --_series-4: var(--gd-series-4, light-dark(#cc79a7, #e7a3cb));
    --_series-5: var(--gd-series-5, light-dark(#b8860b, #e6b84f));
    --_series-6: var(--gd-series-6, light-dark(#5e4fa2, #a89be0));
    --_series-7: var(--gd-series-7, light-dark(#1b1b1b, #f0f0f0));
    --_series-8: var(--gd-series-8, light-dark(#7f7f7f, #b5b5b5));

    display: block;
    box-sizing: border-box;
    min-width: 0;
    max-width: 100%;
    color-scheme: light dark;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.45;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem;
    container-type: inline-size;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
  /* Parts an author hides with the hide attribute. */
  [data-hidden] {
    display: none !important;
  }
  .caption-slot ::slotted(*) {
    margin: 0 0 0.5rem;
  }
`;
