import { css, html, type TemplateResult } from 'lit';

/*
 * Labelled marks under a learning-rate slider (α = 1/λ, α = 2/λ …), each a button that
 * sets α there. The markup and look follow the curvature widget's 1/c and 2/c marks.
 */

export interface RateMark {
  /** what follows "α = " on the button, e.g. "2/λ_max" */
  label: string;
  value: number;
  /** which side of its tick the button sits: `before` ends at the tick, `after` starts there */
  side: 'before' | 'after';
}

/**
 * The marks row. `position(α)` is where α sits along the slider (0–1); marks outside
 * it are left out. The left offsets are set by `placeRateMarks` after render (through
 * the CSSOM, so a strict CSP without 'unsafe-inline' styles allows them).
 */
export function renderRateMarks(
  marks: RateMark[],
  options: { rate: number; position: (alpha: number) => number; format: (value: number) => string; onMark: (alpha: number) => void },
): TemplateResult {
  const { rate, position, format, onMark } = options;
  const shown = marks.filter((mark) => Number.isFinite(mark.value) && position(mark.value) >= 0 && position(mark.value) <= 1);
  return html`<div class="marks">
    ${shown.map(
      (mark) =>
        html`<span class="mark ${mark.side}" data-position=${(100 * position(mark.value)).toFixed(2)} data-value=${String(mark.value)}>
          <button
            type="button"
            aria-label=${`α = ${mark.label}: set the learning rate to ${format(mark.value)}`}
            aria-current=${Math.abs(rate - mark.value) <= 1e-9 * mark.value ? 'true' : 'false'}
            @click=${() => onMark(mark.value)}
          >
            <span class="prefix">α = </span>${mark.label}
          </button>
        </span>`,
    )}
  </div>`;
}

/** Moves every rendered mark under `root` to its position. */
export function placeRateMarks(root: ParentNode): void {
  for (const mark of root.querySelectorAll<HTMLElement>('.mark[data-position]')) {
    mark.style.left = `${mark.dataset.position}%`;
  }
}

export const rateMarkStyles = css`
  .marks {
    position: relative;
    height: 1.65rem;
    margin: 0 8px;
    /* The prefix below follows the row's own width: a slider in a narrow panel of a wide page is short too. */
    container-type: inline-size;
  }
  .mark {
    position: absolute;
    top: 0;
    display: flex;
    align-items: flex-start;
  }
  .mark::before {
    content: '';
    position: absolute;
    top: -0.2rem;
    left: 0;
    width: 1px;
    height: 0.55rem;
    background: var(--_muted);
  }
  .mark.before {
    justify-content: flex-end;
    transform: translateX(-100%);
  }
  .mark.before::before {
    left: auto;
    right: 0;
  }
  .mark button {
    min-height: 1.5rem;
    min-width: 1.5rem;
    margin-top: 0.2rem;
    padding: 0 0.4rem;
    font-size: 0.85em;
    background: transparent;
    border-color: transparent;
    color: var(--_fg);
    white-space: nowrap;
  }
  .mark button:hover {
    border-color: var(--_border);
  }
  .mark button[aria-current='true'] {
    border-color: var(--_accent);
  }
  /* Under a short slider the buttons drop "α = " (their names keep it) to stay inside. */
  @container (max-width: 400px) {
    .mark .prefix {
      display: none;
    }
  }
`;
