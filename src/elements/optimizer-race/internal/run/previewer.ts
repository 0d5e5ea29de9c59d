import type { ReactiveControllerHost } from 'lit';
import { SLICE_MS, nextTask, sliceNow } from '../../../../core/slices.js';
import { RunController } from '../../../shared/controllers/run-controller.js';
import { whenIdle } from '../idle.js';
import { PREVIEW_STEPS } from '../settings.js';
import type { RaceModel, RacePreview } from './race-model.js';

/**
 * Updates in the very first slice, before any is measured. Few: the first preview runs
 * soon after the page loads, while the backend's kernels are still cold (25 updates took
 * 50–60 ms then, one long task before the reader had touched anything). Later slices,
 * a drag's first included, are sized from the measured ones.
 */
const FIRST_PREVIEW_SLICE = 4;

export interface RacePreviewerOptions {
  /** The race's model now (it is replaced when the settings change). */
  model: () => RaceModel | undefined;
  /** A slice landed; `milestone` for a preview's first and last (the readouts follow those). */
  onSlice: (preview: RacePreview, milestone: boolean) => void;
  /** Whether the start is being dragged: a new preview may come every frame, so each slice takes less of it. */
  dragging: () => boolean;
}

/**
 * A slice's time while the start is dragged and the pointer moved lately (a new preview
 * may come every frame): 4 ms, so the slice after a pointer move still leaves the frame
 * room for the move, the handle and the paint (at 8 ms, two slices between frames made
 * every other frame late). Otherwise the kit's slice, SLICE_MS: fewer, larger slices put
 * the rest of the preview on screen sooner (each slice has a fixed cost, its read-back).
 */
const MOVING_SLICE_MS = 4;
/** A drag whose pointer has not moved for this long is resting. */
const REST_MS = 50;

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
  /** When a preview was last asked for (`from`). */
  private askedAt = -Infinity;

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
      budgetMs: () => (options.dragging() && sliceNow() - this.askedAt < REST_MS ? MOVING_SLICE_MS : SLICE_MS),
      yieldToEventLoop: nextTask,
    });
  }

  /** Previews from `point` (see the class). */
  from(point: [number, number]): void {
    this.askedAt = sliceNow();
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
