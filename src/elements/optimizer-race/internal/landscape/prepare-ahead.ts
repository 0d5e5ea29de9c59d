import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LANDSCAPE_IDS } from '../../../../core/index.js';
import { SLICE_MS, sliceNow, yieldMacrotask } from '../../../../core/slices.js';
import { prepareWhenIdle } from '../idle.js';
import { prepareSlice } from './landscape-cache.js';
import { BAND_COUNT, GRID_SIZE, raceLandscape } from '../settings.js';
import { landscapeThumbnail, paintThumbnail } from './thumbnails.js';

export interface PrepareAheadOptions {
  /** The race's κ (read when a grid slice runs: the bowl's grid is the one at κ then). */
  kappa: () => unknown;
  /** false while the race is off-screen (or the tab hidden): nothing is prepared then. */
  onScreen: () => boolean;
}

/**
 * After the first paint: the thumbnails at once (a millisecond or so each, as many per
 * task as fit in a slice, in plain tasks that a busy page still runs), then, while the
 * page is idle, every landscape's grid and contour bands, one piece per idle slice, so
 * that switching landscape later only fills polygons. The idle work stops when the race
 * leaves the page and is finished when it comes back; the picker's canvases get each
 * thumbnail once it is drawn.
 */
export class PrepareAheadController implements ReactiveController {
  /** Landscapes whose thumbnail is drawn. */
  private drawn: Record<string, boolean> = {};
  private cancel?: () => void;
  private started = false;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly isConnected: boolean; readonly renderRoot: ParentNode },
    private readonly options: PrepareAheadOptions,
  ) {
    host.addController(this);
  }

  /** Landscapes whose thumbnail is drawn (the picker shows those). */
  get thumbnails(): Readonly<Record<string, boolean>> {
    return this.drawn;
  }

  hostConnected(): void {
    // Back in the page after a move: finish what was left.
    if (!this.started) return;
    void this.drawThumbnails();
    this.prepare();
  }

  hostDisconnected(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  hostUpdated(): void {
    if (!this.started) {
      this.started = true;
      void this.drawThumbnails();
      this.prepare();
    }
    for (const canvas of this.host.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas.thumb-image:not([data-painted])')) {
      if (paintThumbnail(canvas, canvas.dataset.landscape!)) canvas.dataset.painted = '';
    }
  }

  /** Every thumbnail, a slice's worth per task: the picker is complete within a few tasks of the first paint. */
  private async drawThumbnails(): Promise<void> {
    const waiting = LANDSCAPE_IDS.filter((id) => !this.drawn[id]);
    while (waiting.length && this.host.isConnected) {
      const began = sliceNow();
      const drawn: Record<string, boolean> = {};
      // At least one per task, so a clock that jumps past a slice in one reading still makes progress.
      do {
        const id = waiting.shift()!;
        drawn[id] = landscapeThumbnail(id) !== undefined;
      } while (waiting.length && sliceNow() - began < SLICE_MS);
      this.drawn = { ...this.drawn, ...drawn };
      this.host.requestUpdate();
      if (waiting.length) await yieldMacrotask();
    }
  }

  private prepare(): void {
    this.cancel?.();
    // Each task is one slice of a few ms (a block of grid rows, one band) and returns
    // true once its piece is complete. The grids and bands go to the cache every race on
    // the page shares.
    const tasks: (() => boolean)[] = LANDSCAPE_IDS.map(
      (id) => () => prepareSlice(raceLandscape(id, this.options.kappa())!, GRID_SIZE, BAND_COUNT),
    );
    this.cancel = prepareWhenIdle({ isConnected: () => this.host.isConnected, onScreen: this.options.onScreen }, tasks);
  }
}
