import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Landscape } from '../../../../core/index.js';
import { BAND_COUNT, GRID_SIZE } from '../settings.js';
import { hasLandscapeData, prepareInSlices } from './landscape-cache.js';

/**
 * The full contour map of the landscape shown (its 256×256 grid and bands), made in
 * slices of a few milliseconds when neither idle time nor another race on the page made
 * it yet; meanwhile the map is the coarse 48×48 one `landscapeGrid` makes at once. Then
 * the race updates (its colour legend reads the map's scale) and repaints. Made at once,
 * the grid and its bands took one task of 60–240 ms: the first race of every page, and
 * of a page with a hundred races, held the main thread that long.
 */
export class ContourGridController implements ReactiveController {
  /** The landscape whose full map is being made for this race. */
  private preparing?: Landscape;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly isConnected: boolean },
    private readonly options: {
      /** The landscape the race shows now. */
      current: () => Landscape;
      /** Asks for a repaint of the canvases. */
      paint: () => void;
    },
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const landscape = this.options.current();
    if (landscape === this.preparing || hasLandscapeData(landscape, GRID_SIZE, BAND_COUNT)) return;
    this.preparing = landscape;
    void prepareInSlices(landscape, GRID_SIZE, BAND_COUNT).then(() => {
      if (this.preparing !== landscape) return;
      this.preparing = undefined;
      if (!this.host.isConnected) return;
      this.host.requestUpdate();
      this.options.paint();
    });
  }
}
