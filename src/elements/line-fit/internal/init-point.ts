import type { Vec2 } from '../../../core/index.js';
import { clientToPlot, startPointDrag, nudgePoint, type Domain2D } from '../../shared/plot/drag.js';
import { PointReadout } from '../../shared/plot/point-readout.js';
import { MARGIN, landscapeDomain, landscapeScales } from './layout.js';
import { roundTo } from './inputs.js';
import type { LineFitModel } from './model.js';
import type { LandscapeHandlers } from './views.js';

/** What the start point needs from its element. */
export interface InitPointHost {
  /** the model shown now */
  model: () => LineFitModel;
  /** the `init` property as it is now */
  init: () => string;
  /** sets `init` as the element's own change (its attribute follows) */
  setInit: (text: string) => void;
  pause: () => void;
  format: (value: number) => string;
  /** the user moved the start: `gd-params-change` with the new `init` */
  moved: (init: string) => void;
  /** the readout changed or a drag began or ended: the element re-renders */
  changed: () => void;
}

/**
 * The cost map's draggable initialisation: the (w, b) window it lives in, the drag and the
 * arrow keys (through the shared `startPointDrag`/`nudgePoint`) and the (w, b, J) readout
 * under the map.
 */
export class InitPoint {
  /** The initialisation is being dragged: play waits. */
  dragging = false;
  /** The (w, b, J) line under the map, for the pointer and for the start moved with the keys. */
  private readonly readout: PointReadout;
  /** The start the window was fitted to (one set by attribute or script); see `domain`. */
  private domainInit?: Vec2;
  private initFromUser = false;

  constructor(private readonly host: InitPointHost) {
    this.readout = new PointReadout(() => host.changed());
  }

  /** The readout's text: the point under the pointer, or the focused start. */
  get pointText(): string {
    return this.readout.text;
  }

  /**
   * The (w, b) window: centred on the truth, wide enough for the least-squares point and
   * for an initialisation set by attribute or script. A start the user drags or nudges is
   * clamped inside the window instead, so the view never zooms out under the pointer.
   */
  domain(): Domain2D {
    const { settings, initPoint, dataset } = this.host.model();
    this.domainInit ??= initPoint;
    return landscapeDomain([settings.trueSlope, settings.trueIntercept], this.domainInit, dataset.solution);
  }

  /** `init` changed: one set by attribute or script refits the window, one the user moved does not. */
  initChanged(): void {
    if (!this.initFromUser) this.domainInit = undefined;
    this.initFromUser = false;
  }

  /** The map's and the handle's listeners, made once so lit keeps them between renders. */
  readonly handlers: LandscapeHandlers = {
    onHandleKey: (event) => {
      const next = nudgePoint(event, this.host.model().initPoint, this.domain());
      if (!next) return;
      this.host.pause();
      this.moveInit(next);
      this.showPoint(next, true);
      this.host.moved(this.host.init());
    },
    onHandleFocus: () => this.showPoint(this.host.model().initPoint, true),
    onLandscapePointerMove: (event) => {
      const svg = event.currentTarget as SVGSVGElement;
      this.showPoint(this.landscapeToData(svg, event.clientX, event.clientY));
    },
    onHandlePointerDown: (event) => {
      event.stopPropagation();
      this.beginDrag(event);
    },
    // A press anywhere on the landscape moves the initialisation there and keeps dragging.
    onLandscapePointerDown: (event) => {
      // A finger on the map scrolls the page; only the handle itself drags on touch.
      if (event.button !== 0 || event.pointerType === 'touch') return;
      this.beginDrag(event);
    },
  };

  private moveInit(point: [number, number]): void {
    const text = `${roundTo(point[0])},${roundTo(point[1])}`;
    if (text === this.host.init()) return;
    this.initFromUser = true;
    this.host.setInit(text);
  }

  /** Client coordinates to (w, b), with the map's scales at the svg's drawn size (see clientToPlot). */
  private landscapeToData(svg: SVGSVGElement, clientX: number, clientY: number): [number, number] {
    const scales = landscapeScales(
      this.domain(),
      svg.width.baseVal.value - MARGIN.left - MARGIN.right,
      svg.height.baseVal.value - MARGIN.top - MARGIN.bottom,
    );
    return clientToPlot(svg, scales, MARGIN, clientX, clientY);
  }

  /**
   * (w, b) and the full-data cost J there on the readout under the map (nothing outside
   * the map's window); `now` skips the throttle (a key press, a focus).
   */
  private showPoint([w, b]: readonly number[], now = false): void {
    const { x, y } = this.domain();
    if (!(w >= x[0] && w <= x[1] && b >= y[0] && b <= y[1])) return;
    const { format } = this.host;
    this.readout.show(() => {
      const j = this.host.model().dataset.cost(w, b);
      return `w = ${format(w)}, b = ${format(b)}, J = ${format(j)}`;
    }, now);
  }

  private setDragging(dragging: boolean): void {
    this.dragging = dragging;
    this.host.changed();
  }

  private beginDrag(event: PointerEvent): void {
    const svgElement = (event.currentTarget as Element).closest('svg')!;
    const domain = this.domain();
    const toData = (clientX: number, clientY: number): [number, number] => this.landscapeToData(svgElement, clientX, clientY);
    this.host.pause();
    this.setDragging(true);
    // Each preview (at most one a frame) is a new start: a new run of zero updates on the
    // same data and window (well under a millisecond, even for m = 100,000, as the data
    // and the landscape are kept), so a drag simply rebuilds the run as it moves.
    startPointDrag(event, {
      toData,
      domain,
      onPreview: (point) => {
        this.moveInit(point);
        this.showPoint(point);
      },
      onCommit: (point) => {
        this.setDragging(false);
        this.moveInit(point);
        this.host.moved(this.host.init());
      },
    });
  }
}
