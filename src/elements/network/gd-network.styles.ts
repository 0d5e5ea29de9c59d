import { css } from 'lit';
import { tokens } from '../shared/tokens.styles.js';
import { controls, playControls } from '../shared/controls.styles.js';
import { plotStyles } from '../shared/plot/plot.styles.js';
import { racerColors } from '../shared/plot/series-style.js';
import { optimizerPanelStyles } from '../shared/optimizers/panels.styles.js';

const network = css`
  :host {
    --_class-0: var(--gd-network-class-0, var(--_series-2));
    --_class-1: var(--gd-network-class-1, var(--_series-1));
  }
  .network {
    display: flex;
    flex-direction: column;
    gap: 0.9rem;
  }
  /* Four figures, two by two when there is room. */
  .figures {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.9rem;
  }
  .wide .figures {
    grid-template-columns: repeat(2, minmax(0, 1fr));
  }
  figure {
    margin: 0;
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 0.4rem;
  }
  figcaption {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.3rem 0.8rem;
    font-size: 0.85em;
    color: var(--_muted);
  }
  figcaption strong {
    color: var(--_fg);
    font-size: 1.05em;
  }
  .key {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
  }
  .dot,
  .ring {
    display: inline-block;
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
  }
  .dot.class-0 {
    background: var(--_class-0);
  }
  .dot.class-1 {
    background: var(--_class-1);
  }
  .ring {
    border: 2px solid var(--_muted);
  }
  .figure-note {
    margin: 0;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .warn {
    color: var(--_warning);
  }

  /* Decision maps: small multiples, one per racer. */
  .map-grid {
    display: grid;
    gap: 0.5rem 10px;
    max-width: 100%;
  }
  .map-cell {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    min-width: 0;
  }
  .map-title {
    display: flex;
    align-items: center;
    gap: 0.35rem;
    font-size: 0.8em;
    font-weight: 600;
    min-width: 0;
  }
  .map-title span:nth-child(2) {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .map-accuracy {
    margin-left: auto;
    white-space: nowrap;
    font-weight: 400;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  canvas.map {
    display: block;
    border: 1px solid var(--_border);
    border-radius: 2px;
  }

  /* Cost charts: training and test, side by side where both fit. */
  .chart-row {
    display: flex;
    flex-direction: column;
    gap: 0.4rem;
  }
  .chart-row.side-by-side {
    flex-direction: row;
    gap: 10px;
  }
  .chart-cell {
    display: flex;
    flex-direction: column;
    gap: 0.1rem;
    min-width: 0;
  }
  .chart-title {
    font-size: 0.8em;
    color: var(--_muted);
  }
  .inline {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .inline select {
    min-height: 2rem;
    max-width: 14rem;
  }

  /* The loss landscape. */
  .slice-controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem 0.7rem;
  }
  .slice-empty {
    padding: 0.75rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .clip {
    overflow: hidden;
  }
  .slice-path {
    fill: none;
    stroke: currentColor;
    stroke-width: 1.75;
  }
  .slice-start {
    fill: var(--_bg);
    stroke: currentColor;
    stroke-width: 1.5;
  }
  .slice-centre {
    fill: currentColor;
    stroke: var(--_bg);
    stroke-width: 1.5;
  }
  .tau-mark {
    stroke: var(--_muted);
    stroke-dasharray: 3 3;
  }

  .cost-formula p {
    margin: 0 0 0.3rem;
  }
  .tex math {
    font-size: 1.05em;
  }
  /* The smallest phones: the per-example loss, the widest formula, fits on one line. */
  @container (max-width: 22rem) {
    .cost-formula {
      font-size: 0.8em;
    }
  }

  /* Racers: swatch, name and rate, then where each is. */
  .legend {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.3rem;
  }
  .legend-item {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.2rem 0.6rem;
  }
  .legend-label {
    font-weight: 600;
  }
  .legend-rate,
  .legend-status {
    font-size: 0.85em;
    font-weight: 400;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .legend-status.warn {
    color: var(--_warning);
    font-weight: 600;
  }

  /* Data and network settings. */
  .settings {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    gap: 0.75rem;
  }
  .settings fieldset {
    margin: 0;
    min-width: 0;
    padding: 0.5rem 0.75rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem 0.75rem;
  }
  .settings legend {
    padding: 0 0.3rem;
    font-weight: 600;
    font-size: 0.85em;
    color: var(--_muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .settings .field {
    flex: 1 1 7rem;
    min-width: 6.5rem;
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    font-size: 0.85em;
    min-height: 2.25rem;
  }
  .optimizers fieldset {
    margin: 0;
  }
  .optimizers legend {
    font-weight: 600;
  }
`;

export const styles = [tokens, controls, playControls, plotStyles, racerColors('network'), optimizerPanelStyles, network];
