import type { Landscape, ParticleState } from '../../../../core/index.js';
import { prepareCanvas, resolveColors } from '../../../shared/plot/canvas.js';
import { fillContourBands } from '../../../shared/plot/contours.js';
import { drawSeries } from '../../../shared/plot/series.js';
import { gapTransform, previewCosts, raceChartScales, type ChartScales } from './chart.js';
import { landscapeGrid } from '../landscape/landscape-cache.js';
import { plotScales, plotWidth, type PlotScales } from './layout.js';
import { PixelPath } from './pixel-path.js';
import { BASIN_COLOR_SLOTS } from '../basins/basin-paint.js';
import type { RaceEntry } from '../optimizers/entries.js';
import type { RaceModel } from '../run/race-model.js';
import { seriesStyle, traceMarker } from '../../../shared/plot/series-style.js';
import type { SwarmTails } from '../swarm/swarm-model.js';
import { SwarmPainter } from '../swarm/swarm-view.js';

/** Everything one paint of the race reads: a snapshot, never the live element. */
export interface RaceScene {
  landscape: Landscape;
  plot: PlotScales;
  chart: ChartScales;
  entries: readonly RaceEntry[];
  particles: readonly ParticleState[];
  iteration: number;
  /** The previewed trajectories (drawn like the race before it starts, then faintly). */
  previewPoints?: readonly (readonly number[][])[];
  /** The preview's costs, charted instead of the race's while it has not started. */
  previewCosts?: readonly number[][];
  dragging: boolean;
  /** The optimizer isolated (hover, focus) or pinned, if any. */
  focus: number | null;
  colors: Readonly<Record<string, string>>;
  /** Swarm mode: every particle's recent positions, drawn under the race's own paths. */
  swarm?: SwarmTails;
  /** The swarm's newest positions are drawn in a task of their own, to come: this paint shows the ones drawn last. */
  swarmDrawnLater?: boolean;
}

export interface RaceCanvases {
  contours?: HTMLCanvasElement;
  paths?: HTMLCanvasElement;
  chart?: HTMLCanvasElement;
}

/** Filled contour maps kept for the page, by landscape, grid and size (a few MB each at most). */
const CONTOUR_IMAGES = 6;
const contourImages = new Map<string, HTMLCanvasElement>();

/**
 * Draws the race's three canvases from a scene: the contour map (only when the
 * landscape, the size or the colours changed), the trajectories with the preview, and
 * the cost chart. The element calls `paint` from its one PaintController.
 */
export class RacePainter {
  private contourKey = '';
  /** What the colours were resolved for (see `colorsFor`). */
  private colorsKey = '';
  private colors: Record<string, string> = {};
  private paths: PixelPath[] = [];
  /** Swarm mode's dots and tails, drawn as one image. */
  private readonly swarm = new SwarmPainter();
  /** What the drawn paths were made for: another run (or a reset, new particles) starts them afresh. */
  private pathsFor?: { particles: readonly ParticleState[]; width: number; height: number };

  /** The contour map is redrawn at the next paint (e.g. the theme changed). */
  invalidateContours(): void {
    this.contourKey = '';
  }

  /**
   * The canvas colours of the theme `key` names: resolving them forces a style pass, so
   * only when it changed (then the contour map is redrawn in the new colours too).
   */
  colorsFor(root: ShadowRoot, key: string, optimizers: number): Record<string, string> {
    if (key !== this.colorsKey) {
      this.colorsKey = key;
      this.invalidateContours();
      this.colors = resolveRaceColors(root, optimizers);
    }
    return this.colors;
  }

  /** Draws the swarm's new positions ahead of the next paint (see `SwarmPainter.renderAhead`). */
  renderSwarmAhead(tails: SwarmTails): void {
    this.swarm.renderAhead(tails);
  }

  paint(canvases: RaceCanvases, scene: RaceScene): void {
    if (canvases.contours) this.drawContours(canvases.contours, scene);
    if (canvases.paths) this.drawPaths(canvases.paths, scene);
    if (canvases.chart) this.drawChart(canvases.chart, scene);
  }

  private drawContours(canvas: HTMLCanvasElement, { landscape, plot }: RaceScene): void {
    const { innerWidth, innerHeight } = plot;
    const { grid, bands } = landscapeGrid(landscape);
    const key = `${landscape.id}|${landscape.tex}|${grid.n}|${innerWidth}|${innerHeight}|${window.devicePixelRatio}`;
    if (key === this.contourKey) return;
    this.contourKey = key;
    const context = prepareCanvas(canvas, innerWidth, innerHeight);
    // Races of the same landscape and size on one page share the filled map: a copy costs
    // one drawImage, filling the bands again ~10–20 ms a race.
    const drawn = contourImages.get(key);
    if (drawn) {
      context.drawImage(drawn, 0, 0, innerWidth, innerHeight);
      return;
    }
    fillContourBands(context, bands, grid.n, { width: innerWidth, height: innerHeight, lineColor: 'rgba(255,255,255,0.28)' });
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    copy.getContext('2d')!.drawImage(canvas, 0, 0);
    contourImages.set(key, copy);
    if (contourImages.size > CONTOUR_IMAGES) contourImages.delete(contourImages.keys().next().value!);
  }

  private drawPaths(canvas: HTMLCanvasElement, scene: RaceScene): void {
    const { plot, entries, particles, colors, focus } = scene;
    const { x, y, innerWidth, innerHeight } = plot;
    const cached = this.pathsFor;
    if (
      !cached ||
      cached.particles !== particles ||
      cached.width !== innerWidth ||
      cached.height !== innerHeight ||
      this.paths.length !== entries.length
    ) {
      this.pathsFor = { particles, width: innerWidth, height: innerHeight };
      this.paths = entries.map(() => new PixelPath());
    }
    const toPixel = (w1: number, w2: number): [number, number] => [x(w1), y(w2)];
    const context = prepareCanvas(canvas, innerWidth, innerHeight);
    const order = entries.map((_, i) => i).filter((i) => i !== focus);
    if (focus !== null && focus < entries.length) order.push(focus);
    if (scene.swarm) this.swarm.draw(context, scene.swarm, plot, colors, focus, scene.swarmDrawnLater);

    // The preview of the next 100 steps: drawn like the race itself before it starts
    // (and while the start is dragged), then faint behind the real trajectories.
    if (scene.previewPoints) {
      const strength = scene.iteration === 0 || scene.dragging ? 0.9 : 0.3;
      for (const i of order) {
        const points = scene.previewPoints[i];
        if (entries[i].disabled || !points) continue;
        const ghost = new PixelPath(1);
        ghost.extend(points, toPixel);
        ghost.trace(context);
        context.globalAlpha = focus === null || focus === i ? strength : 0.12;
        context.setLineDash([]);
        context.lineWidth = 3.5;
        context.strokeStyle = colors.halo;
        context.stroke();
        context.setLineDash(seriesStyle(i).dash);
        context.lineWidth = 1.75;
        context.strokeStyle = colors[`series${i}`] ?? '#000';
        context.stroke();
        const end = points[points.length - 1];
        if (strength > 0.5 && end && Number.isFinite(end[0]) && Number.isFinite(end[1])) {
          const [ex, ey] = toPixel(end[0], end[1]);
          context.setLineDash([]);
          traceMarker(context, seriesStyle(i).marker, ex, ey, 3.5);
          context.fillStyle = colors.halo;
          context.fill();
          context.lineWidth = 1.5;
          context.strokeStyle = colors[`series${i}`] ?? '#000';
          context.stroke();
        }
      }
      context.setLineDash([]);
      context.globalAlpha = 1;
    }

    // While the start is dragged only the preview is meaningful.
    for (const i of scene.dragging ? [] : order) {
      const particle = particles[i];
      if (entries[i].disabled || !particle) continue;
      const path = this.paths[i];
      path.extend(particle.points, toPixel);
      const lastPoint = particle.points[particle.points.length - 1];
      const last = toPixel(lastPoint[0], lastPoint[1]);
      const style = seriesStyle(i);
      const color = colors[`series${i}`] ?? '#000';
      context.globalAlpha = focus !== null && focus !== i ? 0.18 : 1;
      path.trace(context, last);
      context.setLineDash([]);
      context.lineWidth = 4;
      context.strokeStyle = colors.halo;
      context.stroke();
      context.setLineDash(style.dash);
      context.lineWidth = 2;
      context.strokeStyle = color;
      context.stroke();
      context.setLineDash([]);
      // Where it is now; a cross where it diverged.
      if (particle.status === 'diverged') {
        drawCross(context, last[0], last[1], color, colors.halo);
      } else {
        traceMarker(context, style.marker, last[0], last[1], 5);
        context.fillStyle = color;
        context.fill();
        context.lineWidth = 1.5;
        context.strokeStyle = colors.halo;
        context.stroke();
      }
    }
    context.globalAlpha = 1;
  }

  private drawChart(canvas: HTMLCanvasElement, scene: RaceScene): void {
    const { entries, particles, colors, focus } = scene;
    const { x, y, width, height } = scene.chart;
    const context = prepareCanvas(canvas, width, height);
    const gap = gapTransform(scene.landscape);
    const series = entries
      .map((entry, i) => ({ entry, i }))
      .filter(({ entry, i }) => !entry.disabled && particles[i])
      .map(({ i }) => ({
        // Before the race starts (and while the start is dragged): the preview's costs.
        values: scene.previewCosts?.[i] ?? particles[i].costs,
        color: colors[`series${i}`] ?? '#000',
        dash: seriesStyle(i).dash,
        faded: focus !== null && focus !== i,
      }));
    drawSeries(
      context,
      series,
      (v) => x(v),
      (v) => y(v),
      width,
      gap,
    );
    entries.forEach((entry, i) => {
      const particle = particles[i];
      if (entry.disabled || particle?.status !== 'diverged') return;
      const k = particle.costs.length - 1;
      const value = gap(particle.costs[k]);
      if (Number.isFinite(value)) drawCross(context, x(k), y(value), colors[`series${i}`] ?? '#000', colors.halo);
    });
  }
}

function drawCross(context: CanvasRenderingContext2D, x: number, y: number, color: string, halo: string): void {
  const r = 6;
  context.beginPath();
  context.moveTo(x - r, y - r);
  context.lineTo(x + r, y + r);
  context.moveTo(x + r, y - r);
  context.lineTo(x - r, y + r);
  context.lineCap = 'round';
  context.lineWidth = 5;
  context.strokeStyle = halo;
  context.stroke();
  context.lineWidth = 2.5;
  context.strokeStyle = color;
  context.stroke();
  context.lineCap = 'butt';
}

/** A scene of the race as it is now, for a host this wide. */
export function raceScene(
  model: RaceModel,
  view: {
    hostWidth: number;
    dragging: boolean;
    focus: number | null;
    colors: Record<string, string>;
    swarm?: SwarmTails;
    swarmDrawnLater?: boolean;
  },
): RaceScene {
  const { landscape } = model.settings;
  return {
    landscape,
    plot: plotScales(landscape, plotWidth(view.hostWidth)),
    chart: raceChartScales(model, view.hostWidth, view.dragging),
    entries: model.entries,
    particles: model.particles,
    iteration: model.iteration,
    previewPoints: model.preview?.points,
    previewCosts: previewCosts(model, view.dragging),
    dragging: view.dragging,
    focus: view.focus,
    colors: view.colors,
    swarm: view.swarm,
    swarmDrawnLater: view.swarmDrawnLater,
  };
}

/** The canvas colours of the theme in force (resolving them forces a style pass: only on a change). */
export function resolveRaceColors(root: ShadowRoot, optimizers: number): Record<string, string> {
  return resolveColors(root, {
    start: 'var(--gd-race-start, var(--_model))',
    halo: 'light-dark(rgba(255,255,255,0.85), rgba(10,14,20,0.7))',
    fg: 'var(--_fg)',
    muted: 'var(--_muted)',
    bg: 'var(--_bg)',
    ...Object.fromEntries(Array.from({ length: optimizers }, (_, i) => [`series${i}`, seriesStyle(i).color])),
    ...BASIN_COLOR_SLOTS,
  });
}
