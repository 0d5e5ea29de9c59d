import { html, type TemplateResult } from 'lit';

/** What the play bar of an element that races optimizers shows and does. */
export interface PlayControlsOptions {
  playing: boolean;
  speed: number;
  /** The slider's top: updates per frame. */
  maxSpeed: number;
  /** What one unit of speed is: "steps" (the race) or "updates" (the network). */
  unit: string;
  /** The readout at the end of the bar (the step count, or updates and epochs). */
  readout: TemplateResult;
  format: (value: number) => string;
  toggle: () => void;
  step: () => void;
  reset: () => void;
  setSpeed: (speed: number) => void;
  speedCommitted: () => void;
}

/** Play/pause, step, reset, the speed slider and a readout (the race's and the network's bar). */
export function renderPlayControls(options: PlayControlsOptions): TemplateResult {
  const { playing, format } = options;
  return html`<div class="controls" part="controls">
    <button class="primary play" @click=${options.toggle} aria-label=${playing ? 'Pause' : 'Play'}>
      ${
        playing
          ? html`<svg width="12" height="12" aria-hidden="true">
                <rect x="1" y="1" width="3.5" height="10" fill="currentColor"></rect>
                <rect x="7.5" y="1" width="3.5" height="10" fill="currentColor"></rect></svg
              >Pause`
          : html`<svg width="12" height="12" aria-hidden="true"><path d="M2 1 L11 6 L2 11 Z" fill="currentColor"></path></svg>Play`
      }
    </button>
    <button class="step" @click=${options.step}>Step</button>
    <button class="reset" @click=${options.reset}>Reset</button>
    <label class="field speed">
      <span>Speed: <output>${format(options.speed)}</output> ${options.unit} per frame</span>
      <input
        type="range"
        min="1"
        max=${options.maxSpeed}
        step="1"
        .value=${String(options.speed)}
        @input=${(event: Event) => options.setSpeed(Number((event.target as HTMLInputElement).value))}
        @change=${options.speedCommitted}
      />
    </label>
    <p class="readout" aria-live="off">${options.readout}</p>
  </div>`;
}
