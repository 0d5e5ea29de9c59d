import type { PropertyValues, ReactiveControllerHost } from 'lit';
import type { Landscape } from '../../../../core/index.js';
import type { PropertyRule } from '../../../shared/rules.js';
import { parsePair } from '../../../shared/parse.js';
import { nudgePoint, startPointDrag } from '../../../shared/plot/drag.js';
import { clientToData, plotScales } from '../view/layout.js';

/** `[w1, w2]` as the `start` attribute writes it. */
export function pairText([w1, w2]: readonly number[]): string {
  return `${w1},${w2}`;
}

export interface StartPointOptions {
  /** The landscape in force (validated). */
  landscape: () => Landscape;
  /** The `start` property as it is set. */
  start: () => unknown;
  /** Writes `start` as the element's own change. */
  write: (text: string) => void;
  /**
   * The start moved: `commit` false while it is dragged (the handle has already moved),
   * true once it is set (on release or by a key; `start` is written by then).
   */
  moved: (point: [number, number], commit: boolean) => void;
}

/**
 * The race's start point: the `start` attribute's rule, the validated start that follows
 * it and the landscape, and the handle that moves it by pointer (a drag previews, the
 * release commits) and by keys.
 */
export class StartPoint {
  private validated: [number, number] = [0, 0];
  /** Where the start is being dragged to; committed to the validated start on release. */
  private dragPoint?: [number, number];
  private isDragging = false;
  /** A restored state set the start: it wins over the landscape's own start even if the text is unchanged. */
  private restored = false;
  /** The validated start is set (on the first update). */
  private resolved = false;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode; readonly hasUpdated: boolean },
    private readonly options: StartPointOptions,
  ) {}

  /** The validated start (where the race starts once it has updated). */
  get point(): [number, number] {
    return this.validated;
  }

  /** Where the handle is: the point being dragged to, else the start. */
  get shown(): [number, number] {
    return this.dragPoint ?? this.validated;
  }

  /** Whether the start is being dragged. */
  get dragging(): boolean {
    return this.isDragging;
  }

  /**
   * A start inside the plotted area of the landscape in force (where dragging can put it
   * too): every landscape's cost is finite in float32 there, so the race never begins
   * at an infinite cost.
   */
  rule(): PropertyRule {
    const landscape = this.options.landscape();
    const { w1, w2 } = landscape.domain;
    const inside = (point: [number, number] | undefined) =>
      point !== undefined && point[0] >= w1[0] && point[0] <= w1[1] && point[1] >= w2[0] && point[1] <= w2[1];
    return {
      attribute: 'start',
      accepts: `two numbers "w1,w2" inside the plotted area of ${landscape.name} (w1 from ${w1[0]} to ${w1[1]}, w2 from ${w2[0]} to ${w2[1]})`,
      valid: (value) => inside(parsePair(value)),
      // Stored as text, the form the attribute has (an array [w1, w2] is accepted too).
      normalize: (value) => parsePair(value)!.join(','),
      fallback: null,
    };
  }

  /**
   * Where the race starts: the validated `start` once the race has updated; before
   * that (a race not yet in a page) the `start` given if it is valid, else the landscape's.
   */
  current(): [number, number] {
    if (this.resolved) return this.validated;
    const start = this.options.start();
    const explicit = this.rule().valid(start) ? parsePair(start) : undefined;
    return explicit ?? [...this.options.landscape().start];
  }

  /** The start as a saved state holds it. */
  saved(): string {
    return pairText(this.host.hasUpdated ? this.validated : (parsePair(this.options.start()) ?? this.options.landscape().start));
  }

  /** A restored state set `start`: the next update takes it. */
  restore(): void {
    this.restored = true;
  }

  /**
   * Before an update (after the base class put back rejected values): a new `start` is
   * taken; a new landscape, or no `start`, moves the start to the landscape's own.
   */
  follow(changed: PropertyValues, landscapeChanged: boolean): void {
    const start = this.options.start();
    const startChanged = (changed.has('start') && changed.get('start') !== start) || this.restored;
    this.restored = false;
    if (landscapeChanged || startChanged) {
      const explicit = parsePair(start);
      if (startChanged && explicit) this.validated = explicit;
      else if (landscapeChanged || !explicit) {
        this.validated = [...this.options.landscape().start];
        // `start` says where the race really starts, so a page (or a framework holding
        // the old value) can read it and set the old start back.
        if (this.host.hasUpdated && explicit) this.options.write(pairText(this.validated));
      }
    }
    this.resolved = true;
  }

  readonly onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0) return;
    const landscape = this.options.landscape();
    const svg = (event.currentTarget as Element).closest('svg')!;
    this.isDragging = true;
    startPointDrag(event, {
      toData: (x, y) => clientToData(svg, landscape, x, y),
      domain: { x: landscape.domain.w1, y: landscape.domain.w2 },
      onPreview: (point) => this.move(point, false),
      onCommit: (point) => {
        this.isDragging = false;
        this.move(point, true);
      },
    });
  };

  readonly onKeyDown = (event: KeyboardEvent): void => {
    const landscape = this.options.landscape();
    const point = nudgePoint(event, this.validated, { x: landscape.domain.w1, y: landscape.domain.w2 });
    if (point) this.move(point, true);
  };

  private move(point: [number, number], commit: boolean): void {
    if (commit) {
      this.dragPoint = undefined;
      this.validated = point;
      this.host.requestUpdate();
      this.options.write(pairText(point));
    } else {
      // While dragging: move the handle directly, without re-rendering the template.
      this.dragPoint = point;
      const handle = this.host.renderRoot.querySelector('.handle');
      const svg = handle?.closest('svg');
      if (handle && svg) {
        const { x, y } = plotScales(this.options.landscape(), svg.width.baseVal.value);
        handle.setAttribute('transform', `translate(${x(point[0])},${y(point[1])})`);
      }
    }
    this.options.moved(point, commit);
  }
}
