import { css } from 'lit';

/** The optimizers' cards (`renderPanels`) and the racers' swatches. */
export const optimizerPanelStyles = css`
  .swatch {
    flex: 0 0 auto;
  }
  .panel-intro {
    margin: 0 0 0.5rem;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(15.5rem, 1fr));
    gap: 0.75rem;
  }
  .card {
    margin: 0;
    min-width: 0;
    padding: 0.6rem 0.75rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_panel);
  }
  .card legend {
    display: flex;
    align-items: center;
    gap: 0.45rem;
    padding: 0 0.3rem;
    font-weight: 600;
    text-transform: none;
    letter-spacing: 0;
    font-size: 0.95em;
    color: var(--_fg);
  }
  .card.off .rule,
  .card.off .hypers {
    opacity: 0.5;
  }
  .enable {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    font-size: 0.85em;
    color: var(--_muted);
  }
  /*
   * Long formulas scroll sideways on narrow screens. MathML's boxes reach a few pixels
   * past their line box, which would give each formula a vertical scrollbar where
   * scrollbars are classic (Firefox, Chrome on Windows/Linux): the padding holds them.
   */
  .rule {
    margin: 0 0 0.1rem;
    padding-block: 0.4rem;
    overflow: auto hidden;
    font-size: 0.9em;
  }
  .memory {
    margin: 0.1rem 0 0.4rem;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .hypers {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
    gap: 0.4rem 0.6rem;
  }
  .hypers .field {
    min-width: 0;
  }
  .hypers input {
    width: 100%;
  }
  @container (max-width: 30rem) {
    .rule {
      font-size: 0.8em;
    }
  }
`;
