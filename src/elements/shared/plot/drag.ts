/**
 * Pointer and keyboard moves for a draggable point (a start point, an initialisation).
 * Positions are clamped to the plot's domain: dragging outside the plot stops at its edge.
 */

export interface Domain2D {
  x: [number, number];
  y: [number, number];
}

export const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function clampToDomain([x, y]: [number, number], domain: Domain2D): [number, number] {
  return [clamp(x, domain.x[0], domain.x[1]), clamp(y, domain.y[0], domain.y[1])];
}

/** What a drag reports: `onPreview` while the pointer moves, `onCommit` once on release. */
export interface PointDragOptions {
  /** Client coordinates to data coordinates, read at each move (the plot may have resized). */
  toData: (clientX: number, clientY: number) => [number, number];
  domain: Domain2D;
  /**
   * The latest clamped position, at most once per animation frame (pointer events can
   * come faster than frames; previewing each would only queue work nobody sees).
   * Called at once for the press itself.
   */
  onPreview: (point: [number, number]) => void;
  /** The final position, on release (or cancel); a preview still waiting is folded into it. */
  onCommit: (point: [number, number]) => void;
  /** Schedules the coalesced preview (default: the next animation frame). */
  schedule?: (callback: () => void) => void;
}

/**
 * Starts a drag from a pointerdown: on the handle, or on a plot that moves the point to
 * the press. The one drag every element uses, so a start point, an initialisation and a
 * curvature start all preview and commit the same way.
 */
export function startPointDrag(event: PointerEvent, options: PointDragOptions): void {
  const target = event.currentTarget as Element;
  const schedule = options.schedule ?? ((callback: () => void) => void requestAnimationFrame(callback));
  event.preventDefault();
  try {
    target.setPointerCapture?.(event.pointerId);
  } catch {
    // A synthetic event (tests, scripts) names no active pointer; the drag still works
    // through the listeners below, only without capture.
  }
  let last = clampToDomain(options.toData(event.clientX, event.clientY), options.domain);
  let queued = false;
  let ended = false;
  const move = (e: PointerEvent) => {
    last = clampToDomain(options.toData(e.clientX, e.clientY), options.domain);
    if (queued) return;
    queued = true;
    schedule(() => {
      queued = false;
      if (!ended) options.onPreview(last);
    });
  };
  const end = () => {
    ended = true;
    target.removeEventListener('pointermove', move as EventListener);
    target.removeEventListener('pointerup', end);
    target.removeEventListener('pointercancel', end);
    options.onCommit(last);
  };
  target.addEventListener('pointermove', move as EventListener);
  target.addEventListener('pointerup', end);
  target.addEventListener('pointercancel', end);
  options.onPreview(last);
}

/**
 * Arrow keys move the point by 1% of the domain (10% with Shift); Home/End jump
 * along x. Returns the new point, or undefined if the key is not a move.
 */
export function nudgePoint(event: KeyboardEvent, point: [number, number], domain: Domain2D): [number, number] | undefined {
  const fraction = event.shiftKey ? 0.1 : 0.01;
  const dx = (domain.x[1] - domain.x[0]) * fraction;
  const dy = (domain.y[1] - domain.y[0]) * fraction;
  let [x, y] = point;
  switch (event.key) {
    case 'ArrowLeft':
      x -= dx;
      break;
    case 'ArrowRight':
      x += dx;
      break;
    case 'ArrowUp':
      y += dy;
      break;
    case 'ArrowDown':
      y -= dy;
      break;
    default:
      return undefined;
  }
  event.preventDefault();
  return clampToDomain([x, y], domain);
}

/** The inverse of a plot's linear scales, as d3-scale's have it. */
interface Invertible {
  invert(value: number): number;
}

/**
 * Client coordinates to data through a plot's scales, measured from its svg as drawn now
 * (its own box), not from the host's latest measurement: that runs a frame ahead of the
 * re-render while the page reflows (a scrollbar coming or going), and a dragged point
 * would land off the pointer. `margin` is the inner frame's offset in the svg.
 */
export function clientToPlot(
  svg: SVGSVGElement,
  scales: { x: Invertible; y: Invertible },
  margin: { left: number; top: number },
  clientX: number,
  clientY: number,
): [number, number] {
  const box = svg.getBoundingClientRect();
  return [scales.x.invert(clientX - box.left - margin.left), scales.y.invert(clientY - box.top - margin.top)];
}
