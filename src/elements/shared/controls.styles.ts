import { css } from 'lit';

/**
 * The declarations of a control bar that stays at the bottom of a phone's screen while
 * its plot is on it (each element says when: a container query, a narrow layout).
 *
 * They change no size: the room around the stuck bar is drawn (shadows of its
 * background), not laid out. The rules that use them sit under a viewport-height media
 * query, and in the embed page the viewport is the frame, whose height a browser does
 * not update while the frame is off-screen: a rule that changed the layout there would
 * make the height posted off-screen differ from the one on screen.
 */
export const stickyBottomBar = css`
  position: sticky;
  bottom: 0;
  z-index: 2;
  background: var(--_bg);
  box-shadow:
    0 -0.4rem 0 var(--_bg),
    0 0.4rem 0 var(--_bg),
    0 calc(-0.4rem - 1px) 0 var(--_border);
`;

/** Buttons, sliders, selects and number fields shared by every element. */
export const controls = css`
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: end;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.15rem;
    min-width: 8rem;
    flex: 1 1 9rem;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .field output,
  .field .value {
    color: var(--_fg);
    font-variant-numeric: tabular-nums;
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.35rem;
    min-height: 2.25rem;
    min-width: 2.25rem;
    padding: 0.3rem 0.8rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_panel);
    cursor: pointer;
  }
  button:hover {
    border-color: var(--_muted);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  select,
  input[type='number'],
  input[type='text'] {
    min-height: 2.25rem;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    min-width: 0;
  }
  input[type='range'] {
    width: 100%;
    min-height: 1.5rem;
    accent-color: var(--_accent);
  }
  :is(button, select, input, [tabindex]):focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .notes:empty {
    display: none;
  }
  .note {
    margin: 0.5rem 0 0;
    padding: 0.4rem 0.6rem;
    border-left: 3px solid var(--_warning);
    background: var(--_panel);
    color: var(--_fg);
    font-size: 0.85em;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/** The play bar of `renderPlayControls` (play-controls.ts): the race's and the network's. */
export const playControls = css`
  .controls {
    align-items: center;
  }
  .controls .speed {
    flex: 0 1 15rem;
  }
  .readout {
    margin: 0 0 0 auto;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .readout strong {
    color: var(--_fg);
  }
  /* On a phone the controls stay in reach while the figures are on screen. */
  .narrow .controls {
    ${stickyBottomBar}
  }
`;
