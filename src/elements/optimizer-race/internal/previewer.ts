import type { ReactiveControllerHost } from 'lit';
import { RunController } from '../../shared/controllers/run-controller.js';
import { nextTask, whenIdle } from './idle.js';
import { PREVIEW_STEPS } from './layout.js';
import type { RaceModel, RacePreview } from './race-model.js';

/** Preview updates made at once when the start moves; the rest follow in measured slices. */
export const FIRST_PREVIEW_SLICE = 25;

export interface RacePreviewerOptions {
  /** The race's model now (it is replaced when the settings change). */
  model: () => RaceModel | undefined;
  /** A slice landed; `milestone` for a preview's first and last (the readouts follow those). */
  onSlice: (preview: RacePreview, milestone: boolean) => void;
}

/**
 * Computes the race's preview (every optimizer's first 100 steps from a start) without
 * ever holding a frame: the first few steps at once, the rest in slices sized like the
 * RunController's chunks (a few ms each, measured), each in a new task. A newer start
 * drops a preview under way; a preview from the same start (a drag's, on release) is
 * kept and finished, never computed again.
 */
export class RacePreviewer {
  private readonly slices: RunController;
  /** The preview whose first slice was reported. */
  private announced?: RacePreview;

  constructor(
    host: ReactiveControllerHost & { readonly isConnected: boolean },
    private readonly options: RacePreviewerOptions,
  ) {
    this.slices = new RunController(host, {
      apply: (k) => options.model()?.preview?.advance(k) ?? 0,
      release: () => options.model()?.dropPreview(),
      afterChunk: () => {
        const preview = options.model()?.preview;
        if (!preview) return;
        options.onSlice(preview, preview !== this.announced || preview.complete);
        this.announced = preview;
      },
      initialChunk: FIRST_PREVIEW_SLICE,
      yieldToEventLoop: nextTask,
    });
  }

  /** Previews from `point` (see the class). */
  from(point: [number, number]): void {
    const model = this.options.model();
    if (!model) return;
    const made = model.previewFrom(point);
    if (made && (made.complete || this.slices.busy)) return;
    this.slices.cancel();
    if (!made) model.startPreview(point);
    void this.slices.step(PREVIEW_STEPS);
  }

  /**
   * Previews from the race's start once the page is idle, if `wanted()` still holds then.
   * Not urgent: a landscape switch paints its map first.
   */
  whenIdle(wanted: () => boolean): void {
    whenIdle(() => {
      const model = this.options.model();
      if (model?.built && wanted()) this.from(model.settings.start);
    });
  }

  /** Drops the slices still to come (a rebuild or a reset makes the preview anew). */
  cancel(): void {
    this.slices.cancel();
  }
}
